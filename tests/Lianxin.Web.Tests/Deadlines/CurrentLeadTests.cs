using System.Text.Json;
using Lianxin.Web.Tests.Infrastructure;

namespace Lianxin.Web.Tests.Deadlines;

/// <summary>
/// The order's current lead unit is one predicate in three forms (Assignment.IsCurrentLead): the
/// expression lists query with, its compiled form the aggregate uses (a supervisor's 督办), and the
/// SQL the deadline sweep claims with. An order whose first lead was returned and that went to
/// another unit must be the new unit's in all three.
/// </summary>
public abstract class CurrentLeadTests(LianxinApp app)
{
    private readonly Orders _orders = new(app);

    [Fact]
    public async Task LeadReturnedThenDispatchedElsewhere_SweepListAndManualSupervision_AllAddressTheNewLead()
    {
        // Critical: sign-for is due 30 minutes after dispatch. Both dispatches happen at the same instant,
        // so the dispatch time alone cannot tell the two lead hops apart; the predicate must.
        var id = await _orders.RegisteredAsync(Orders.NewOrder(app.Data.CategoryDrain, urgency: "critical", phone: "13600001234"));
        await _orders.DispatchAsync(id, app.Data.Water);
        (await _orders.ActAsync("water", id, "return", new { reason = "管道堵塞不属供水职责", basis = "三定方案" })).Expect(200);
        (await _orders.ActAsync("dispatcher", id, "return/decision", new { approve = true, note = "改派维修应急中心" })).Expect(200);
        await _orders.DispatchAsync(id, app.Data.Crew);
        var number = (await _orders.GetAsync(id)).Expect(200).Str("number")!;

        app.Clock.Advance(TimeSpan.FromMinutes(31));
        await app.SweepAsync();

        // The sweep (SQL): its 督办, history event and notification go to the new lead.
        var records = (await (await app.AsAsync("dispatcher")).Get($"/api/v1/work-orders/{id}/supervisions")).Expect(200).Json.EnumerateArray().ToList();
        var automatic = Assert.Single(records, r => r.GetProperty("automatic").GetBoolean() && r.GetProperty("kind").GetString() == "supervise");
        Assert.Equal(app.Data.Crew, automatic.GetProperty("unit").GetProperty("id").GetGuid());
        var overdue = Assert.Single((await _orders.HistoryAsync(id)).Json.EnumerateArray(), e => e.GetProperty("type").GetString() == "deadlineOverdue");
        Assert.Equal(app.Data.Crew, overdue.GetProperty("unit").GetProperty("id").GetGuid());
        static bool AboutOrder(JsonElement n, Guid id) => n.GetProperty("workOrderId").ValueKind != JsonValueKind.Null && n.GetProperty("workOrderId").GetGuid() == id;
        Assert.Contains((await (await app.AsAsync("crew")).Get("/api/v1/notifications?limit=500")).Expect(200).Json.EnumerateArray(),
            n => AboutOrder(n, id) && n.GetProperty("kind").GetString() == "deadlineOverdue");
        Assert.DoesNotContain((await (await app.AsAsync("water")).Get("/api/v1/notifications?limit=500")).Expect(200).Json.EnumerateArray(), n => AboutOrder(n, id));

        // The list (expression): the same lead unit.
        var listed = Assert.Single((await (await app.AsAsync("dispatcher")).Get($"/api/v1/work-orders?q={number}")).Expect(200)["items"].EnumerateArray(),
            o => o.GetProperty("id").GetGuid() == id);
        Assert.Equal(app.Data.Crew, listed.GetProperty("leadUnit").GetProperty("id").GetGuid());

        // The aggregate (compiled): a supervisor's 督办 goes to the same unit, and its reply is due by the same rule.
        (await (await app.AsAsync("supervisor")).Post($"/api/v1/work-orders/{id}/supervise", new { note = "请立即签收并联系市民。" })).Expect(200);
        var manual = Assert.Single((await (await app.AsAsync("dispatcher")).Get($"/api/v1/work-orders/{id}/supervisions")).Expect(200).Json.EnumerateArray(),
            r => !r.GetProperty("automatic").GetBoolean());
        Assert.Equal(app.Data.Crew, manual.GetProperty("unit").GetProperty("id").GetGuid());
        Assert.Equal(automatic.GetProperty("replyDueAt").GetDateTimeOffset(), manual.GetProperty("replyDueAt").GetDateTimeOffset());
    }
}

public sealed class CurrentLeadTestsOnSqlite(SqliteApp app) : CurrentLeadTests(app), IClassFixture<SqliteApp>;

public sealed class CurrentLeadTestsOnPostgres(PostgresApp app) : CurrentLeadTests(app), IClassFixture<PostgresApp>;
