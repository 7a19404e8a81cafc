using System.Collections.Concurrent;
using Lianxin.Core.Data;
using Lianxin.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Lianxin.Web.Tests.Organization;

/// <summary>Open admin pages learn, after the commit, which admin data another admin changed; a refused change announces nothing.</summary>
public abstract class AdminChangeFeedTests(LianxinApp app)
{
    private sealed class Recorder : IDisposable
    {
        private readonly IDisposable _subscription;

        public Recorder(LianxinApp app) => _subscription = app.Services.GetRequiredService<AdminChanges>().Subscribe(Seen.Add);

        public ConcurrentBag<AdminArea> Seen { get; } = [];

        public AdminArea All => Seen.Aggregate(AdminArea.None, (a, b) => a | b);

        public void Dispose() => _subscription.Dispose();
    }

    [Fact]
    public async Task UnitUserAndCalendarChanges_AreAnnounced_ByArea()
    {
        var admin = await app.AsAsync("admin");
        using var recorder = new Recorder(app);

        (await admin.Post("/api/v1/units", new { name = "信号测试单位", kind = "department" })).Expect(201);
        Assert.Equal(AdminArea.Units, recorder.All);

        var users = (await admin.Get("/api/v1/users")).Expect(200);
        var someone = users.Json.EnumerateArray().First(u => u.GetProperty("username").GetString() == "visitor").GetProperty("id").GetGuid();
        (await admin.Patch($"/api/v1/users/{someone}", new { extension = "8123" })).Expect(200);
        Assert.Equal(AdminArea.Units | AdminArea.Users, recorder.All);

        (await admin.Exchange(new HttpRequestMessage(HttpMethod.Put, "/api/v1/calendar/overrides")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { date = "2026-12-09", isWorkday = false, name = "信号测试" }),
        })).Expect(200);
        Assert.True(recorder.All.HasFlag(AdminArea.Calendar));
        Assert.False(recorder.All.HasFlag(AdminArea.RoutingRules));
    }

    [Fact]
    public async Task CsvImport_IsAnnouncedAtItsCommit_ARefusedImportIsNot()
    {
        var admin = await app.AsAsync("admin");
        using var recorder = new Recorder(app);

        (await admin.PostRaw("/api/v1/categories/import", "code,name,parentCode\r\n99,,\r\n", "text/csv")).ExpectProblem(400);
        Assert.Empty(recorder.Seen);

        (await admin.PostRaw("/api/v1/categories/import", "code,name,parentCode\r\n9901,信号测试分类,\r\n", "text/csv")).Expect(200);
        Assert.Equal(AdminArea.Categories, recorder.All);
    }

    [Fact]
    public async Task ARefusedSave_AnnouncesNothing()
    {
        var admin = await app.AsAsync("admin");
        using var recorder = new Recorder(app);

        (await admin.Post("/api/v1/units", new { name = "", kind = "department" })).ExpectProblem(400, "name");
        (await admin.Post("/api/v1/return-reasons", new { code = "bad code!", name = "x" })).ExpectProblem(400, "code");

        Assert.Empty(recorder.Seen);
    }
}

public sealed class AdminChangeFeedTestsOnSqlite(SqliteApp app) : AdminChangeFeedTests(app), IClassFixture<SqliteApp>;

public sealed class AdminChangeFeedTestsOnPostgres(PostgresApp app) : AdminChangeFeedTests(app), IClassFixture<PostgresApp>;
