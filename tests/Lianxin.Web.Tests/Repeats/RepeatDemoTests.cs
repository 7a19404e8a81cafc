using System.Text.Json;
using Lianxin.Core.WorkOrders;
using Lianxin.Web.Demo;
using Lianxin.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Lianxin.Web.Tests.Repeats;

/// <summary>The demo centre shows repeats with their reason, the per-unit counts, and a cluster a supervisor can find.</summary>
public abstract class RepeatDemoTests(LianxinApp app)
{
    [Fact]
    public async Task Supervisor_FindsTheBurstMainCluster()
    {
        var supervisor = await app.AsAsync("supervisor", DemoCentre.Password);
        var clusters = (await supervisor.Get("/api/v1/clusters")).Expect(200)["clusters"].EnumerateArray().ToList();
        var burst = Assert.Single(clusters, c => c.GetProperty("region").GetProperty("path").GetString() == "江北区 / 滨江街道"
            && c.GetProperty("category").GetProperty("path").GetString() == "公用事业报修 / 供水");
        Assert.True(burst.GetProperty("phones").GetInt32() >= 6, burst.ToString());
    }

    [Fact]
    public async Task Repeats_AreFlaggedWithTheirReason_AndCountedPerUnit()
    {
        var dispatcher = await app.AsAsync("dispatcher", DemoCentre.Password);
        var items = (await dispatcher.Get("/api/v1/work-orders?limit=200")).Expect(200)["items"].EnumerateArray().ToList();
        var repeat = items.First(i => i.GetProperty("repeatOf").ValueKind == System.Text.Json.JsonValueKind.String);
        var registered = (await dispatcher.Get($"/api/v1/work-orders/{repeat.GetProperty("id").GetGuid()}/history")).Expect(200).Json[0];
        Assert.Contains("重复件", registered.GetProperty("note").GetString(), StringComparison.Ordinal);
        Assert.Equal(repeat.GetProperty("repeatOf").GetGuid(), registered.GetProperty("data").GetProperty("repeatOf").GetProperty("id").GetGuid());

        var stats = (await (await app.AsAsync("supervisor", DemoCentre.Password)).Get("/api/v1/repeats/stats")).Expect(200).Json;
        Assert.True(stats.GetProperty("centre").GetProperty("repeats").GetInt32() > 0, stats.ToString());
        Assert.Contains(stats.GetProperty("units").EnumerateArray(), u => u.GetProperty("unit").ValueKind != System.Text.Json.JsonValueKind.Null && u.GetProperty("repeats").GetInt32() > 0);
    }

    [Fact]
    public async Task Agent_SeesTheCallerHistoryOfARepeatCaller()
    {
        var agent = await app.AsAsync("agent", DemoCentre.Password);
        var items = (await agent.Get("/api/v1/work-orders?limit=200")).Expect(200)["items"].EnumerateArray().ToList();
        var repeat = items.First(i => i.GetProperty("repeatOf").ValueKind == System.Text.Json.JsonValueKind.String);
        var phone = repeat.GetProperty("requester").GetProperty("phone").GetString();
        var history = (await agent.Get($"/api/v1/requesters/{phone}/history")).Expect(200).Json;
        Assert.True(history.GetProperty("orderCount").GetInt32() >= 2);
        Assert.True(history.GetProperty("repeatCount").GetInt32() >= 1);
    }

    [Fact]
    public async Task EveryDemoRepeat_WasFlaggedByDetection_WithItsSimilarity_AndSomeWereMerged()
    {
        var repeats = await app.Db(db => db.WorkOrders.AsNoTracking().Where(o => o.RepeatOfId != null)
            .Select(o => new { o.Id, o.Number, o.RepeatOfId, o.MergedIntoId, o.Status }).ToListAsync());
        Assert.True(repeats.Count >= 5, $"only {repeats.Count} demo repeats");
        var ids = repeats.Select(r => r.Id).ToList();
        var registrations = (await app.Db(db => db.WorkOrderEvents.AsNoTracking().Where(e => ids.Contains(e.WorkOrderId) && e.Version == 1)
            .Select(e => new { e.WorkOrderId, e.Type, e.Data }).ToListAsync())).ToDictionary(e => e.WorkOrderId);
        foreach (var repeat in repeats)
        {
            var registered = registrations[repeat.Id];
            Assert.Equal(EventTypes.Registered, registered.Type);
            var why = JsonDocument.Parse(registered.Data!).RootElement.GetProperty("repeatOf");
            Assert.Equal(repeat.RepeatOfId, why.GetProperty("id").GetGuid());
            Assert.True(why.GetProperty("similarity").GetDouble() >= why.GetProperty("threshold").GetDouble(), $"{repeat.Number}: {why}");
        }

        Assert.Contains(repeats, r => r.Status == WorkOrderStatus.Merged && r.MergedIntoId == r.RepeatOfId);
        Assert.Contains(repeats, r => r.Status != WorkOrderStatus.Merged);
    }
}

[Collection(SqliteDemoFixture.Name)]
public sealed class RepeatDemoTestsOnSqlite(SqliteDemoApp app) : RepeatDemoTests(app);

[Collection(PostgresDemoFixture.Name)]
public sealed class RepeatDemoTestsOnPostgres(PostgresDemoApp app) : RepeatDemoTests(app);
