using System.Text.Json;
using Lianxin.Core.Supervision;
using Lianxin.Core.WorkOrders;
using Lianxin.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lianxin.Web.Tests.Deadlines;

/// <summary>The deadline sweep, driven by the fake clock: once and only once, durable, isolated from bad rows.</summary>
public abstract class SweepTests(LianxinApp app)
{
    private readonly Orders _orders = new(app);

    private async Task<Guid> CriticalAtCrewAsync()
    {
        var id = await _orders.RegisteredAsync(Orders.NewOrder(app.Data.CategoryDrain, urgency: "critical"));
        await _orders.DispatchAsync(id, app.Data.Crew);
        return id;
    }

    private async Task<List<JsonElement>> DeadlineEvents(Guid id) =>
        (await _orders.HistoryAsync(id)).Expect(200).Json.EnumerateArray()
            .Where(e => e.GetProperty("type").GetString()!.StartsWith("deadline", StringComparison.Ordinal)).ToList();

    [Fact]
    public async Task Sweep_MarksApproachingThenOverdue_OnceEach_WithUrgeSuperviseAndNotifications()
    {
        var id = await CriticalAtCrewAsync();

        // Critical: sign-for is due in 30 min and turns 临期 at once (less than an hour left).
        await app.SweepAsync();
        await app.SweepAsync();
        var first = await DeadlineEvents(id);
        Assert.Single(first, e => e.GetProperty("data").GetProperty("deadline").GetString() == "signFor" && e.GetProperty("type").GetString() == "deadlineApproaching");

        app.Clock.Advance(TimeSpan.FromMinutes(31));
        await app.SweepAsync();
        await app.SweepAsync();
        var events = await DeadlineEvents(id);
        Assert.Single(events, e => e.GetProperty("data").GetProperty("deadline").GetString() == "signFor" && e.GetProperty("type").GetString() == "deadlineOverdue");
        var overdue = events.Single(e => e.GetProperty("type").GetString() == "deadlineOverdue");
        Assert.Equal("系统", overdue.GetProperty("actor").GetProperty("name").GetString());
        Assert.Equal(app.Data.Crew, overdue.GetProperty("unit").GetProperty("id").GetGuid());

        // The versions stay a gapless sequence: every change is one version.
        var versions = (await _orders.HistoryAsync(id)).Json.EnumerateArray().Select(e => e.GetProperty("version").GetInt32()).ToList();
        Assert.Equal(Enumerable.Range(1, versions.Count), versions);
        var order = (await _orders.GetAsync(id)).Expect(200);
        Assert.Equal(versions.Count, order["version"].GetInt32());
        Assert.Equal("overdue", order["deadlines"].GetProperty("signFor").GetProperty("state").GetString());

        var records = await app.Db(db => db.SupervisionRecords.Where(s => s.WorkOrderId == id).ToListAsync());
        Assert.Contains(records, r => r.Automatic && r.Kind == SupervisionKind.Urge && r.UnitId == app.Data.Crew);
        var supervision = Assert.Single(records, r => r.Automatic && r.Kind == SupervisionKind.Supervise);
        Assert.NotNull(supervision.ReplyDueAt);
        Assert.Equal(1, order["superviseCount"].GetInt32());

        var open = (await (await app.AsAsync("supervisor")).Get($"/api/v1/supervisions?open=true&unitId={app.Data.Crew}")).Expect(200);
        Assert.Contains(open.Json.EnumerateArray(), s => s.GetProperty("workOrderId").GetGuid() == id);

        var crewNotes = (await (await app.AsAsync("crew")).Get("/api/v1/notifications?limit=500")).Expect(200).Json.EnumerateArray()
            .Where(n => n.GetProperty("workOrderId").ValueKind != JsonValueKind.Null && n.GetProperty("workOrderId").GetGuid() == id).ToList();
        Assert.Contains(crewNotes, n => n.GetProperty("kind").GetString() == "deadlineOverdue");
        // Supervisors get a digest per sweep naming the orders that turned overdue.
        var number = order.Str("number")!;

        // The history keeps the centre's record in Chinese; the English travels in the event's data.
        Assert.StartsWith($"工单{number}签收已超期", overdue.GetProperty("note").GetString(), StringComparison.Ordinal);
        Assert.StartsWith($"Order {number}: the sign-for deadline", overdue.GetProperty("data").GetProperty("noteEn").GetString(), StringComparison.Ordinal);
        // The text names the first 20; another test's orders of this class may turn late in the same sweep, so the
        // order is looked for among the 100 the digest lists.
        var supervisorNotes = (await (await app.AsAsync("supervisor")).Get("/api/v1/notifications?unread=true&limit=500")).Expect(200).Json.EnumerateArray()
            .Where(n => n.GetProperty("kind").GetString() == "deadlineDigest").Select(n => n.GetProperty("id").GetGuid()).ToList();
        var listed = await app.Db(db => db.Notifications.Where(n => supervisorNotes.Contains(n.Id)).Select(n => n.Data).ToListAsync());
        Assert.Contains(listed, data => data != null && JsonDocument.Parse(data).RootElement.GetProperty("overdue").EnumerateArray().Any(x => x.GetString() == number));
    }

    [Fact]
    public async Task Sweep_ManyOrdersOfOneUnitTurnLate_UnitGetsTwentyByNameAndOneDigest()
    {
        // A unit of its own, so that no other test's orders share this sweep's notifications for it.
        var admin = await app.AsAsync("admin");
        var unit = (await admin.Post("/api/v1/units", new { name = "泄洪抢修队" + Guid.NewGuid().ToString("N")[..6], kind = "repairCrew", parentId = app.Data.Centre })).Expect(201).Id;
        var handler = "flood" + Guid.NewGuid().ToString("N")[..6];
        (await admin.Post("/api/v1/users", new { username = handler, password = LianxinApp.StaffPassword, displayName = "抢修队承办人", roles = new[] { "handler" }, unitId = unit })).Expect(201);

        var ids = new List<Guid>();
        for (var i = 0; i < Lianxin.Core.Deadlines.DeadlineSweep.NotificationsPerUnit + 5; i++)
        {
            var id = await _orders.RegisteredAsync(Orders.NewOrder(app.Data.CategoryDrain, urgency: "critical"));
            await _orders.DispatchAsync(id, unit);
            ids.Add(id);
        }

        await app.SweepAsync();

        var notes = (await (await app.AsAsync(handler)).Get("/api/v1/notifications?limit=500")).Expect(200).Json.EnumerateArray().ToList();
        var byName = notes.Where(n => n.GetProperty("workOrderId").ValueKind != JsonValueKind.Null).ToList();
        Assert.Equal(Lianxin.Core.Deadlines.DeadlineSweep.NotificationsPerUnit, byName.Count);
        Assert.All(byName, n => Assert.Contains(n.GetProperty("workOrderId").GetGuid(), ids));
        var digest = Assert.Single(notes, n => n.GetProperty("kind").GetString() == "deadlineDigest");
        Assert.StartsWith("时限提醒：另有", digest.GetProperty("text").GetString());

        // Every order still has its history event and its automatic 催办: only the messages are summed up.
        foreach (var id in ids)
        {
            Assert.NotEmpty(await DeadlineEvents(id));
        }

        Assert.Equal(ids.Count, await app.Db(db => db.SupervisionRecords.CountAsync(s => ids.Contains(s.WorkOrderId) && s.Kind == SupervisionKind.Urge && s.Automatic)));
    }

    [Fact]
    public async Task Sweep_TouchesOnlyOrdersWhoseNextChangeIsDue()
    {
        var normal = await _orders.RegisteredAsync(Orders.NewOrder(app.Data.CategoryDrain, urgency: "normal"));
        await app.SweepAsync();
        var before = (await _orders.GetAsync(normal)).Expect(200)["version"].GetInt32();
        await app.SweepAsync();
        Assert.Equal(before, (await _orders.GetAsync(normal)).Expect(200)["version"].GetInt32());
        Assert.Empty(await DeadlineEvents(normal));
    }

    [Fact]
    public async Task Sweep_RacingWithAUserAction_NeitherIsLost()
    {
        var id = await CriticalAtCrewAsync();
        app.Clock.Advance(TimeSpan.FromMinutes(31));
        var sweeping = app.SweepAsync();
        var accepting = _orders.ActAsync("crew", id, "accept");
        await sweeping;
        var accepted = await accepting;
        if (accepted.Code != 200)
        {
            // The sweep got there first; the handler retries as the UI would.
            accepted.ExpectProblem(409);
            (await _orders.ActAsync("crew", id, "accept")).Expect(200);
        }

        await app.SweepAsync();
        var history = (await _orders.HistoryAsync(id)).Json.EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList();
        Assert.Single(history, t => t == "accepted");
        Assert.Equal(history.Count, (await _orders.GetAsync(id)).Expect(200)["version"].GetInt32());
    }

    [Fact]
    public async Task Sweep_OneBadOrder_DoesNotStopTheOthers()
    {
        var bad = await CriticalAtCrewAsync();
        var good = await CriticalAtCrewAsync();
        app.Clock.Advance(TimeSpan.FromMinutes(5));

        // Corrupt the bad order: a history row already holds the version the sweep will write next.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Lianxin.Core.Data.LianxinDbContext>();
            var order = await db.WorkOrders.SingleAsync(o => o.Id == bad);
            db.WorkOrderEvents.Add(new WorkOrderEvent(Guid.NewGuid(), bad, order.Version + 1, app.Clock.GetUtcNow().UtcDateTime, "corrupted",
                Lianxin.Core.Identity.Actor.System, order.Status, order.Status, null, null, "test corruption", null));
            await db.SaveChangesAsync();
        }

        var result = await app.SweepAsync();

        Assert.True(result.Failed >= 1, $"failed {result.Failed}");
        Assert.NotEmpty(await DeadlineEvents(good));
        Assert.Empty(await DeadlineEvents(bad));

        // The bad order is put back for a while, then tried again (and fails again) without holding others back.
        var soon = await app.SweepAsync();
        Assert.Equal(0, soon.Failed);
        app.Clock.Advance(Lianxin.Core.Deadlines.DeadlineSweep.RetryAfter + TimeSpan.FromSeconds(1));
        var again = await app.SweepAsync();
        Assert.True(again.Failed >= 1);
        var version = (await _orders.GetAsync(bad)).Expect(200)["version"].GetInt32();
        Assert.Equal(2, version); // registered, dispatched: the failed sweep wrote nothing for it
    }
}

public sealed class SweepTestsOnSqlite(SqliteApp app) : SweepTests(app), IClassFixture<SqliteApp>;

public sealed class SweepTestsOnPostgres(PostgresApp app) : SweepTests(app), IClassFixture<PostgresApp>
{
    [Fact]
    public async Task TwoSweepersRacing_EachChangeFiresOnce()
    {
        var orders = new Orders(app);
        var ids = new List<Guid>();
        for (var i = 0; i < 40; i++)
        {
            var id = await orders.RegisteredAsync(Orders.NewOrder(app.Data.CategoryDrain, urgency: "critical", phone: $"1370000{i:0000}"));
            await orders.DispatchAsync(id, app.Data.Water);
            ids.Add(id);
        }

        app.Clock.Advance(TimeSpan.FromMinutes(45));
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => app.SweepAsync()));

        foreach (var id in ids)
        {
            var events = (await orders.HistoryAsync(id)).Json.EnumerateArray().Where(e => e.GetProperty("type").GetString()!.StartsWith("deadline", StringComparison.Ordinal)).ToList();
            var keys = events.Select(e => (e.GetProperty("type").GetString(), e.GetProperty("data").GetProperty("deadline").GetString())).ToList();
            Assert.Equal(keys.Distinct().Count(), keys.Count);
            Assert.Contains(("deadlineOverdue", "signFor"), keys);
        }

        var supervisions = await app.Db(db => db.SupervisionRecords.CountAsync(s => ids.Contains(s.WorkOrderId) && s.Kind == SupervisionKind.Supervise));
        Assert.Equal(ids.Count, supervisions);
    }
}
