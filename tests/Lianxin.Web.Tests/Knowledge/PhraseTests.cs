using Lianxin.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Lianxin.Web.Tests.Knowledge;

/// <summary>常用语 over HTTP: everyone reads them in order; admins and supervisors keep them; one phrase per shortcut.</summary>
public abstract class PhraseTests(LianxinApp app)
{
    [Fact]
    public async Task Editors_AddChangeAndDelete_EveryoneReadsInOrder()
    {
        var admin = await app.AsAsync("admin");
        var shortcut = "kc" + Guid.NewGuid().ToString("N")[..6];
        var a = (await admin.Post("/api/v1/phrases", new { text = "您好，这里是12345热线，请问有什么可以帮您？", shortcut = shortcut.ToUpperInvariant(), sortOrder = 1 })).Expect(201);
        Assert.Equal(shortcut, a.Str("shortcut"));
        Assert.Equal($"/api/v1/phrases/{a.Id}", a.Headers.Location?.OriginalString);
        var b = (await (await app.AsAsync("supervisor")).Post("/api/v1/phrases", new { text = "已为您登记，相关单位会在规定时限内联系您。" })).Expect(201);
        Assert.True(b["sortOrder"].GetInt32() > 1);

        var listed = (await (await app.AsAsync("water")).Get("/api/v1/phrases")).Expect(200).Json.EnumerateArray().Select(p => p.GetProperty("id").GetGuid()).ToList();
        Assert.True(listed.IndexOf(a.Id) < listed.IndexOf(b.Id));

        var changed = (await admin.Send(HttpMethod.Put, $"/api/v1/phrases/{b.Id}", new { text = "已为您登记。", shortcut = "dj" + shortcut })).Expect(200);
        Assert.Equal("已为您登记。", changed.Str("text"));
        Assert.Equal(b["sortOrder"].GetInt32(), changed["sortOrder"].GetInt32());

        (await admin.Send(HttpMethod.Delete, $"/api/v1/phrases/{a.Id}")).Expect(204);
        (await admin.Send(HttpMethod.Delete, $"/api/v1/phrases/{a.Id}")).ExpectProblem(404);
        Assert.DoesNotContain((await (await app.AsAsync("agent")).Get("/api/v1/phrases")).Expect(200).Json.EnumerateArray(), p => p.GetProperty("id").GetGuid() == a.Id);
    }

    [Fact]
    public async Task BadInputAndOtherRoles_AreRefused_NothingChanges()
    {
        var admin = await app.AsAsync("admin");
        var shortcut = "bye" + Guid.NewGuid().ToString("N")[..6];
        var id = (await admin.Post("/api/v1/phrases", new { text = "感谢您的来电，再见。", shortcut })).Expect(201).Id;
        var before = await app.Db(db => db.Phrases.CountAsync());

        (await admin.Post("/api/v1/phrases", new { text = "另一条", shortcut = shortcut.ToUpperInvariant() })).ExpectProblem(400, "shortcut");
        (await admin.Post("/api/v1/phrases", new { text = "带空格", shortcut = "a b" })).ExpectProblem(400, "shortcut");
        (await admin.Post("/api/v1/phrases", new { text = "带冒号", shortcut = "a:b" })).ExpectProblem(400, "shortcut");
        (await admin.Post("/api/v1/phrases", new { text = "  " })).ExpectProblem(400, "text");
        (await admin.Post("/api/v1/phrases", new { text = new string('长', 501) })).ExpectProblem(400, "text");
        (await admin.Post("/api/v1/phrases", new { text = "负数", sortOrder = -1 })).ExpectProblem(400, "sortOrder");
        (await admin.Post("/api/v1/phrases", new { text = "类型不对", sortOrder = "first" })).ExpectProblem(400, "sortOrder");
        var english = (await admin.PostRaw("/api/v1/phrases", "{\"text\":\"\"}", "application/json", "en")).ExpectProblem(400, "text");
        Assert.Equal("Required.", english.Json.GetProperty("errors").GetProperty("text")[0].GetString());
        (await (await app.AsAsync("agent")).Post("/api/v1/phrases", new { text = "话务员不能加" })).ExpectProblem(403);
        (await (await app.AsAsync("dispatcher")).Send(HttpMethod.Delete, $"/api/v1/phrases/{id}")).ExpectProblem(403);
        (await (await app.AsAsync("water")).Send(HttpMethod.Put, $"/api/v1/phrases/{id}", new { text = "改" })).ExpectProblem(403);
        (await admin.Send(HttpMethod.Put, $"/api/v1/phrases/{Guid.NewGuid()}", new { text = "不存在" })).ExpectProblem(404);
        (await admin.Send(HttpMethod.Put, $"/api/v1/phrases/{id}", new { text = "" })).ExpectProblem(400, "text");

        Assert.Equal(before, await app.Db(db => db.Phrases.CountAsync()));
        var kept = await app.Db(db => db.Phrases.SingleAsync(p => p.Id == id));
        Assert.Equal("感谢您的来电，再见。", kept.Text);
    }
}

public sealed class PhraseTestsOnSqlite(SqliteApp app) : PhraseTests(app), IClassFixture<SqliteApp>;

public sealed class PhraseTestsOnPostgres(PostgresApp app) : PhraseTests(app), IClassFixture<PostgresApp>;
