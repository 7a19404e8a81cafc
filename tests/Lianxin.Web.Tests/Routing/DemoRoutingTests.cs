using System.Text.Json;
using Lianxin.Core.WorkOrders;
using Lianxin.Web.Demo;
using Lianxin.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Lianxin.Web.Tests.Routing;

/// <summary>The demo centre ships a small routing catalogue, so its dispatcher sees suggestions for its orders.</summary>
public abstract class DemoRoutingTests(LianxinApp app)
{
    [Fact]
    public async Task DemoCatalogue_IsActiveAndWrittenInChinese()
    {
        var rules = (await (await app.AsAsync("dispatcher", DemoCentre.Password)).Get("/api/v1/routing/rules")).Expect(200).Json.EnumerateArray().ToList();
        Assert.InRange(rules.Count, 8, 20);
        Assert.All(rules, r =>
        {
            Assert.False(r.GetProperty("inert").GetBoolean());
            Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", r.GetProperty("note").GetString());
        });
    }

    [Fact]
    public async Task DemoDispatcher_GetsSuggestionsForTheDemosOrders()
    {
        var dispatcher = await app.AsAsync("dispatcher", DemoCentre.Password);
        var orders = (await dispatcher.Get("/api/v1/work-orders?status=registered&limit=200")).Expect(200)["items"].EnumerateArray()
            .Concat((await dispatcher.Get("/api/v1/work-orders?limit=60")).Expect(200)["items"].EnumerateArray())
            .ToList();
        var suggested = new List<(string Category, string? Region, string Lead)>();
        foreach (var order in orders)
        {
            var s = (await dispatcher.Get($"/api/v1/routing/suggest?workOrderId={order.GetProperty("id").GetGuid()}")).Expect(200);
            if (s["suggestion"].ValueKind != JsonValueKind.Null)
            {
                suggested.Add((s["category"].GetProperty("path").GetString()!, s["region"].ValueKind == JsonValueKind.Null ? null : s["region"].GetProperty("path").GetString(),
                    s["suggestion"].GetProperty("leadUnit").GetProperty("name").GetString()!));
            }
        }

        Assert.True(suggested.Count >= 10, $"only {suggested.Count} of {orders.Count} demo orders get a suggestion");
        Assert.Contains(suggested, s => s.Category.StartsWith("公用事业报修 / 供水", StringComparison.Ordinal));
        Assert.All(suggested.Where(s => s.Category == "公用事业报修 / 供水 / 停水"), s => Assert.Equal("临江水务集团", s.Lead));
        Assert.All(suggested.Where(s => s.Category == "公用事业报修 / 供水 / 管道漏水"), s => Assert.Equal("供水抢修中心", s.Lead));
        Assert.All(suggested.Where(s => s.Category.StartsWith("公用事业报修 / 供热 / 暖气不热", StringComparison.Ordinal)), s => Assert.Equal("临江热力有限公司", s.Lead));
        Assert.All(suggested.Where(s => s.Category.StartsWith("物业服务", StringComparison.Ordinal) && s.Region!.StartsWith("江北区 / 新华路街道", StringComparison.Ordinal)),
            s => Assert.Equal("新华路街道办事处", s.Lead));
        Assert.All(suggested.Where(s => s.Category.StartsWith("物业服务", StringComparison.Ordinal) && s.Region!.StartsWith("江南区", StringComparison.Ordinal)),
            s => Assert.Equal("江南区分中心", s.Lead));
    }

    [Fact]
    public async Task EveryDemoDispatch_RecordedTheSuggestionOfItsMoment_SoAccuracyHasData()
    {
        var dispatches = await app.Db(db => db.WorkOrderEvents.AsNoTracking().Where(e => e.Type == EventTypes.Dispatched)
            .Select(e => new { e.WorkOrderId, e.At, e.ActorId }).ToListAsync());
        var decisions = await app.Db(db => db.RoutingDecisions.AsNoTracking().Select(d => new { d.WorkOrderId, d.At, d.DecidedBy, d.Taken, d.SuggestedUnitId }).ToListAsync());
        Assert.True(dispatches.Count >= 100, $"only {dispatches.Count} demo dispatches");
        Assert.Equal(
            dispatches.Select(d => (d.WorkOrderId, d.At, d.ActorId)).Order().ToList(),
            decisions.Select(d => (d.WorkOrderId, d.At, d.DecidedBy)).Order().ToList());
        Assert.Contains(decisions, d => d.Taken);
        Assert.Contains(decisions, d => !d.Taken && d.SuggestedUnitId is not null);

        var supervisor = await app.AsAsync("supervisor", DemoCentre.Password);
        var accuracy = (await supervisor.Get("/api/v1/routing/accuracy")).Expect(200);
        Assert.Equal(dispatches.Count, accuracy["total"].GetProperty("dispatches").GetInt32());
        Assert.True(accuracy["total"].GetProperty("followed").GetInt32() > 0, accuracy.Body);
        Assert.Contains(accuracy["categories"].EnumerateArray(), c => c.GetProperty("rate").ValueKind == JsonValueKind.Number);
    }
}

[Collection(SqliteDemoFixture.Name)]
public sealed class DemoRoutingTestsOnSqlite(SqliteDemoApp app) : DemoRoutingTests(app);

[Collection(PostgresDemoFixture.Name)]
public sealed class DemoRoutingTestsOnPostgres(PostgresDemoApp app) : DemoRoutingTests(app);
