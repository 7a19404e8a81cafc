using System.Text.Json;
using Lianxin.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Lianxin.Web.Tests.Notifications;

/// <summary>The notification list and its read marks, over messages the deadline sweep wrote.</summary>
public abstract class NotificationTests(LianxinApp app)
{
    private readonly Orders _orders = new(app);

    /// <summary>
    /// A critical order at the repair crew, swept once its sign-for deadline (30 min) has passed: the crew
    /// is told by name, the supervisors' digest names it (digests name overdue orders only).
    /// </summary>
    private async Task<(Guid Id, string Number)> OverdueAtCrewAsync()
    {
        var id = await _orders.RegisteredAsync(Orders.NewOrder(app.Data.CategoryDrain, urgency: "critical"));
        await _orders.DispatchAsync(id, app.Data.Crew);
        app.Clock.Advance(TimeSpan.FromMinutes(31));
        await app.SweepAsync();
        return (id, (await _orders.GetAsync(id)).Expect(200).Str("number")!);
    }

    private async Task<List<JsonElement>> ListAsync(string user, string query = "?limit=500", Action<HttpClient>? setUp = null)
    {
        var client = await app.AsAsync(user);
        setUp?.Invoke(client);
        return (await client.Get("/api/v1/notifications" + query)).Expect(200).Json.EnumerateArray().ToList();
    }

    /// <summary>The message that the order's sign-for went overdue (at some hours of the day its contact deadline turns 临期 in the same run).</summary>
    private static JsonElement Of(List<JsonElement> notes, Guid order) =>
        Assert.Single(notes, n => n.GetProperty("workOrderId").ValueKind != JsonValueKind.Null && n.GetProperty("workOrderId").GetGuid() == order
            && n.GetProperty("kind").GetString() == "deadlineOverdue");

    private static string Text(JsonElement note) => note.GetProperty("text").GetString()!;

    [Fact]
    public async Task List_UnitsHearOfTheirOwnOrders_SupervisorsOfTheDigest()
    {
        var (id, number) = await OverdueAtCrewAsync();

        var crew = Of(await ListAsync("crew"), id);
        Assert.Equal(number, crew.GetProperty("workOrderNumber").GetString());
        Assert.False(crew.GetProperty("read").GetBoolean());
        Assert.DoesNotContain(await ListAsync("water"), n => Text(n).Contains(number, StringComparison.Ordinal));
        Assert.DoesNotContain(await ListAsync("crew"), n => n.GetProperty("kind").GetString() == "deadlineDigest" && Text(n).Contains(number, StringComparison.Ordinal));
        Assert.Contains(await ListAsync("supervisor"), n => n.GetProperty("kind").GetString() == "deadlineDigest" && Text(n).Contains(number, StringComparison.Ordinal));
    }

    [Fact]
    public async Task List_InTheCallersLanguage_CookieFirstThenAcceptLanguage_ChineseByDefault()
    {
        var (id, number) = await OverdueAtCrewAsync();
        var chinese = $"工单{number}签收已超期（时限 ";
        var english = $"Order {number}: the sign-for deadline (";

        Assert.StartsWith(chinese, Text(Of(await ListAsync("crew"), id)), StringComparison.Ordinal);
        Assert.StartsWith(english, Text(Of(await ListAsync("crew", setUp: c => c.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-GB")), id)), StringComparison.Ordinal);
        Assert.StartsWith(english, Text(Of(await ListAsync("crew", setUp: c => c.DefaultRequestHeaders.Add("Cookie", "lianxin.lang=en")), id)), StringComparison.Ordinal);
        Assert.StartsWith(chinese, Text(Of(await ListAsync("crew", setUp: c =>
        {
            c.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
            c.DefaultRequestHeaders.Add("Cookie", "lianxin.lang=zh");
        }), id)), StringComparison.Ordinal);
        var digest = Assert.Single(await ListAsync("supervisor", setUp: c => c.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en")),
            n => n.GetProperty("kind").GetString() == "deadlineDigest" && Text(n).Contains(number, StringComparison.Ordinal));
        Assert.StartsWith("Deadlines: ", Text(digest), StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_InEnglish_NotificationKeptOnlyInChinese_IsShownInChinese()
    {
        var (id, number) = await OverdueAtCrewAsync();
        var noteId = Of(await ListAsync("crew"), id).GetProperty("id").GetGuid();

        // As written before notifications kept both languages.
        Assert.Equal(1, await app.Db(db => db.Notifications.Where(n => n.Id == noteId).ExecuteUpdateAsync(s => s.SetProperty(n => n.TextEn, (string?)null))));

        var shown = Of(await ListAsync("crew", setUp: c => c.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en")), id);
        Assert.StartsWith($"工单{number}签收已超期", Text(shown), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MarkRead_LeavesTheUnreadList_AndMarkingTwiceIsHarmless()
    {
        var (id, number) = await OverdueAtCrewAsync();
        var crew = await app.AsAsync("crew");
        var noteId = Of(await ListAsync("crew", "?unread=true&limit=500"), id).GetProperty("id").GetGuid();

        (await crew.Post($"/api/v1/notifications/{noteId}/read")).Expect(204);
        (await crew.Post($"/api/v1/notifications/{noteId}/read")).Expect(204);

        Assert.DoesNotContain(await ListAsync("crew", "?unread=true&limit=500"), n => n.GetProperty("id").GetGuid() == noteId);
        Assert.True(Of(await ListAsync("crew"), id).GetProperty("read").GetBoolean());

        // Read marks are per user: the supervisors' digest of the same run is still unread for them.
        Assert.Contains(await ListAsync("supervisor", "?unread=true&limit=500"), n => Text(n).Contains(number, StringComparison.Ordinal));
    }

    [Fact]
    public async Task MarkRead_UnknownNotification_Is404()
    {
        var crew = await app.AsAsync("crew");
        (await crew.Post($"/api/v1/notifications/{Guid.NewGuid()}/read")).ExpectProblem(404);
    }

    [Fact]
    public async Task List_LimitOutOfRange_Is400()
    {
        var crew = await app.AsAsync("crew");
        (await crew.Get("/api/v1/notifications?limit=501")).ExpectProblem(400, "limit");
    }
}

public sealed class NotificationTestsOnSqlite(SqliteApp app) : NotificationTests(app), IClassFixture<SqliteApp>;

public sealed class NotificationTestsOnPostgres(PostgresApp app) : NotificationTests(app), IClassFixture<PostgresApp>;
