using System.Text.Json;
using Lianxin.Core.Routing;
using Lianxin.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Lianxin.Web.Tests.Routing;

/// <summary>Each dispatch records the suggestion of that moment and whether it was followed; the accuracy figure reads them.</summary>
public abstract class RoutingDecisionTests(LianxinApp app)
{
    private Task<List<RoutingDecision>> DecisionsOf(Guid order) =>
        app.Db(db => db.RoutingDecisions.AsNoTracking().Where(d => d.WorkOrderId == order).OrderBy(d => d.At).ToListAsync());

    private static async Task<ApiResponse> Dispatch(HttpClient dispatcher, Guid order, Guid lead, string? ifMatch = null, string? key = null) =>
        await dispatcher.Post($"/api/v1/work-orders/{order}/dispatch", new { assignments = new[] { new { unitId = lead, role = "lead" } } }, ifMatch, key);

    [Fact]
    public async Task Dispatch_ToTheSuggestedUnit_IsRecordedAsTaken()
    {
        var w = new RoutingWorld(app);
        var category = await w.CategoryAsync("供水");
        var rule = await w.RuleAsync(category, null, w.Data.Water);
        var order = await w.OrderAsync(category, null);

        (await Dispatch(await app.AsAsync("dispatcher"), order, w.Data.Water)).Expect(200);

        var d = Assert.Single(await DecisionsOf(order));
        Assert.Equal((w.Data.Water, w.Data.Water, true, (Guid?)rule, category), (d.SuggestedUnitId, d.ChosenUnitId, d.Taken, d.RuleId, d.CategoryId));
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime, d.At);
        Assert.NotNull(d.DecidedBy);
    }

    [Fact]
    public async Task Dispatch_ToAnotherUnit_IsRecordedAsOverridden()
    {
        var w = new RoutingWorld(app);
        var category = await w.CategoryAsync("供热");
        await w.RuleAsync(category, null, w.Data.Heating);
        var order = await w.OrderAsync(category, null);

        (await Dispatch(await app.AsAsync("dispatcher"), order, w.Data.Crew)).Expect(200);

        var d = Assert.Single(await DecisionsOf(order));
        Assert.Equal((w.Data.Heating, w.Data.Crew, false), (d.SuggestedUnitId, d.ChosenUnitId, d.Taken));
    }

    [Fact]
    public async Task Dispatch_WithNoRule_IsRecordedWithoutSuggestion()
    {
        var w = new RoutingWorld(app);
        var order = await w.OrderAsync(await w.CategoryAsync("无规则"), null);
        (await Dispatch(await app.AsAsync("dispatcher"), order, w.Data.Water)).Expect(200);
        var d = Assert.Single(await DecisionsOf(order));
        Assert.Equal((null, null, false), (d.SuggestedUnitId, d.RuleId, d.Taken));
    }

    [Fact]
    public async Task Dispatch_RefusedOrStale_RecordsNothing()
    {
        var w = new RoutingWorld(app);
        var category = await w.CategoryAsync("退单");
        await w.RuleAsync(category, null, w.Data.Water);
        var order = await w.OrderAsync(category, null);
        var dispatcher = await app.AsAsync("dispatcher");

        (await Dispatch(dispatcher, order, w.Data.Centre)).ExpectProblem(400);
        (await Dispatch(dispatcher, order, w.Data.Water, ifMatch: "\"99\"")).ExpectProblem(412);
        (await Dispatch(await app.AsAsync("agent"), order, w.Data.Water)).ExpectProblem(403);
        Assert.Empty(await DecisionsOf(order));

        (await Dispatch(dispatcher, order, w.Data.Water)).Expect(200);
        (await Dispatch(dispatcher, order, w.Data.Heating)).ExpectProblem(409);
        Assert.Single(await DecisionsOf(order));
    }

    [Fact]
    public async Task Dispatch_RetriedWithTheSameIdempotencyKey_RecordsOneDecision()
    {
        var w = new RoutingWorld(app);
        var category = await w.CategoryAsync("重试");
        var order = await w.OrderAsync(category, null);
        var dispatcher = await app.AsAsync("dispatcher");
        (await Dispatch(dispatcher, order, w.Data.Water, key: "dispatch-" + w.Tag)).Expect(200);
        (await Dispatch(dispatcher, order, w.Data.Water, key: "dispatch-" + w.Tag)).Expect(200);
        Assert.Single(await DecisionsOf(order));
    }

    [Fact]
    public async Task Redispatch_AfterApprovedReturn_RecordsTheFallbackSuggestion()
    {
        var w = new RoutingWorld(app);
        var parent = await w.CategoryAsync("供水");
        var leaf = await w.CategoryAsync("漏水", parent);
        await w.RuleAsync(leaf, null, w.Data.Water);
        var fallback = await w.RuleAsync(parent, null, w.Data.Crew);
        var order = await w.OrderAsync(leaf, null);
        var orders = new Orders(app);

        await orders.DispatchAsync(order, w.Data.Water);
        (await orders.ActAsync("water", order, "return", new { reason = "非本单位职责", basis = "三定方案" })).Expect(200);
        (await orders.ActAsync("dispatcher", order, "return/decision", new { approve = true })).Expect(200);
        await orders.DispatchAsync(order, w.Data.Crew);

        var decisions = await DecisionsOf(order);
        Assert.Equal(2, decisions.Count);
        Assert.True(decisions[0].Taken);
        Assert.Equal((w.Data.Crew, (Guid?)fallback, true), (decisions[1].SuggestedUnitId, decisions[1].RuleId, decisions[1].Taken));
    }

    [Fact]
    public async Task Accuracy_CountsPerCategoryAndInTotal_WithinThePeriod()
    {
        var w = new RoutingWorld(app);
        var followed = await w.CategoryAsync("采纳");
        var mixed = await w.CategoryAsync("部分采纳");
        var none = await w.CategoryAsync("无建议");
        await w.RuleAsync(followed, null, w.Data.Water);
        await w.RuleAsync(mixed, null, w.Data.Heating);

        // A later day of its own, so the period holds only this test's dispatches (tokens are fetched after the jump).
        app.Clock.Advance(TimeSpan.FromDays(3));
        var dispatcher = await app.AsAsync("dispatcher");
        async Task DispatchNew(Guid category, Guid lead) => (await Dispatch(dispatcher, await w.OrderAsync(category, null), lead)).Expect(200);
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(app.Clock.GetUtcNow().UtcDateTime, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")));
        await DispatchNew(followed, w.Data.Water);
        await DispatchNew(followed, w.Data.Water);
        await DispatchNew(mixed, w.Data.Heating);
        await DispatchNew(mixed, w.Data.Crew);
        await DispatchNew(mixed, w.Data.Water);
        await DispatchNew(none, w.Data.Water);

        var report = (await (await app.AsAsync("supervisor")).Get($"/api/v1/routing/accuracy?from={day:yyyy-MM-dd}&to={day:yyyy-MM-dd}")).Expect(200);
        var byCategory = report["categories"].EnumerateArray().ToDictionary(c => c.GetProperty("category").GetProperty("id").GetGuid());
        Assert.Equal(3, byCategory.Count);
        Figures(byCategory[followed], 2, 2, 0, 0, 1.0);
        Figures(byCategory[mixed], 3, 1, 2, 0, 0.3333);
        Figures(byCategory[none], 1, 0, 0, 1, null);
        Assert.Equal($"部分采纳{w.Tag}", byCategory[mixed].GetProperty("category").GetProperty("path").GetString());
        Figures(report["total"], 6, 3, 2, 1, 0.6);
        Assert.Equal(0.8333, report["total"].GetProperty("coverage").GetDouble());

        // The day before holds none of them; a period given as instants works alike.
        var before = (await (await app.AsAsync("dispatcher")).Get($"/api/v1/routing/accuracy?from={day.AddDays(-1):yyyy-MM-dd}&to={day.AddDays(-1):yyyy-MM-dd}")).Expect(200);
        Assert.DoesNotContain(before["categories"].EnumerateArray(), c => c.GetProperty("category").GetProperty("id").GetGuid() == followed);
        var from = Uri.EscapeDataString(app.Clock.GetUtcNow().AddMinutes(-1).ToString("O"));
        var instants = (await (await app.AsAsync("admin")).Get($"/api/v1/routing/accuracy?from={from}")).Expect(200);
        Figures(instants["total"], 6, 3, 2, 1, 0.6);
    }

    private static void Figures(JsonElement e, int dispatches, int followed, int overridden, int none, double? rate)
    {
        Assert.Equal((dispatches, followed, overridden, none),
            (e.GetProperty("dispatches").GetInt32(), e.GetProperty("followed").GetInt32(), e.GetProperty("overridden").GetInt32(), e.GetProperty("noSuggestion").GetInt32()));
        if (rate is null)
        {
            Assert.Equal(JsonValueKind.Null, e.GetProperty("rate").ValueKind);
        }
        else
        {
            Assert.Equal(rate.Value, e.GetProperty("rate").GetDouble());
        }
    }

    [Theory]
    [InlineData("supervisor", 200)]
    [InlineData("dispatcher", 200)]
    [InlineData("admin", 200)]
    [InlineData("agent", 403)]
    [InlineData("visitor", 403)]
    [InlineData("water", 403)]
    public async Task Accuracy_EachRole(string user, int expected)
    {
        var response = await (await app.AsAsync(user)).Get("/api/v1/routing/accuracy");
        if (expected == 200)
        {
            response.Expect(200);
        }
        else
        {
            response.ExpectProblem(expected);
        }
    }

    [Theory]
    [InlineData("?from=yesterday", "from")]
    [InlineData("?to=2026-13-01", "to")]
    [InlineData("?from=2026-11-25&to=2026-11-24", "to")]
    public async Task Accuracy_BadPeriod_Is400(string query, string field) =>
        (await (await app.AsAsync("supervisor")).Get("/api/v1/routing/accuracy" + query)).ExpectProblem(400, field);

    [Fact]
    public async Task Accuracy_WithoutToken_Is401()
    {
        using var anonymous = app.Anonymous();
        (await anonymous.Get("/api/v1/routing/accuracy")).ExpectProblem(401);
    }
}

public sealed class RoutingDecisionTestsOnSqlite(SqliteApp app) : RoutingDecisionTests(app), IClassFixture<SqliteApp>;

public sealed class RoutingDecisionTestsOnPostgres(PostgresApp app) : RoutingDecisionTests(app), IClassFixture<PostgresApp>;
