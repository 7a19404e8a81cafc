using System.Text.Json;
using Lianxin.Web.Tests.Infrastructure;

namespace Lianxin.Web.Tests.Routing;

/// <summary>派单建议: the most specific rule wins, returned and deactivated units are never proposed, and who may ask.</summary>
public abstract class RoutingSuggestTests(LianxinApp app)
{
    /// <summary>公用事业 / 供水 / 漏水 and 江北区 / 新华路街道 of this test, with no rules yet.</summary>
    private sealed record World(RoutingWorld W, Guid Utilities, Guid Water, Guid Leak, string District, string Street);

    private async Task<World> WorldAsync()
    {
        var w = new RoutingWorld(app);
        var utilities = await w.CategoryAsync("公用事业");
        var water = await w.CategoryAsync("供水", utilities);
        var leak = await w.CategoryAsync("漏水", water);
        var district = await w.RegionAsync("江北区", "01");
        var street = await w.RegionAsync("新华路街道", "01001", district);
        return new World(w, utilities, water, leak, district, street);
    }

    [Fact]
    public async Task Suggest_CategoryAndRegionRule_BeatsCategoryOnly()
    {
        var (w, _, water, leak, district, street) = await WorldAsync();
        await w.RuleAsync(water, null, w.Data.Water);
        var both = await w.RuleAsync(water, district, w.Data.SubCentre, w.Data.Crew);
        var order = await w.OrderAsync(leak, street);

        var s = (await w.SuggestAsync(order)).Expect(200);
        var suggestion = s["suggestion"];
        Assert.Equal(w.Data.SubCentre, suggestion.GetProperty("leadUnit").GetProperty("id").GetGuid());
        Assert.Equal("江北区分中心", suggestion.GetProperty("leadUnit").GetProperty("name").GetString());
        Assert.Equal("房屋维修应急中心", Assert.Single(suggestion.GetProperty("assistUnits").EnumerateArray()).GetProperty("name").GetString());
        var rule = suggestion.GetProperty("rule");
        Assert.Equal(both, rule.GetProperty("id").GetGuid());
        Assert.Equal($"公用事业{w.Tag} / 供水", rule.GetProperty("category").GetProperty("path").GetString());
        Assert.Equal($"江北区{w.Tag}", rule.GetProperty("region").GetProperty("path").GetString());
        Assert.Contains("江北区分中心", s.Str("why"), StringComparison.Ordinal);
        Assert.Equal($"公用事业{w.Tag} / 供水 / 漏水", s["category"].GetProperty("path").GetString());
        Assert.Empty(s["skipped"].EnumerateArray());
    }

    [Fact]
    public async Task Suggest_DeeperCategory_BeatsDeeperRegion()
    {
        var (w, utilities, _, leak, _, street) = await WorldAsync();
        await w.RuleAsync(utilities, street, w.Data.Street);
        await w.RuleAsync(leak, null, w.Data.Crew);
        Assert.Equal(w.Data.Crew, await w.SuggestedLeadAsync(await w.OrderAsync(leak, street)));
    }

    [Fact]
    public async Task Suggest_SameCategory_DeeperRegionBeatsDistrictAndAnyRegion()
    {
        var (w, _, water, leak, district, street) = await WorldAsync();
        await w.RuleAsync(water, null, w.Data.Water);
        await w.RuleAsync(water, district, w.Data.SubCentre);
        await w.RuleAsync(water, street, w.Data.Street);
        Assert.Equal(w.Data.Street, await w.SuggestedLeadAsync(await w.OrderAsync(leak, street)));
        Assert.Equal(w.Data.SubCentre, await w.SuggestedLeadAsync(await w.OrderAsync(leak, district)));
    }

    [Fact]
    public async Task Suggest_RegionOnlyRule_CoversEveryCategoryOfThatRegion()
    {
        var (w, _, _, leak, district, street) = await WorldAsync();
        var other = await w.CategoryAsync("噪音");
        await w.RuleAsync(null, district, w.Data.SubCentre);
        Assert.Equal(w.Data.SubCentre, await w.SuggestedLeadAsync(await w.OrderAsync(other, street)));
        Assert.Equal(w.Data.SubCentre, await w.SuggestedLeadAsync(await w.OrderAsync(leak, district)));
    }

    [Fact]
    public async Task Suggest_OrderWithoutRegion_IsCoveredOnlyByRulesForAnyRegion()
    {
        var (w, _, water, leak, district, _) = await WorldAsync();
        await w.RuleAsync(leak, district, w.Data.SubCentre);
        Assert.Null(await w.SuggestedLeadAsync(await w.OrderAsync(leak, null)));
        await w.RuleAsync(water, null, w.Data.Water);
        Assert.Equal(w.Data.Water, await w.SuggestedLeadAsync(await w.OrderAsync(leak, null)));
    }

    [Fact]
    public async Task Suggest_NoCoveringRule_IsNullWithAReason()
    {
        var (w, _, _, leak, _, street) = await WorldAsync();
        var s = (await w.SuggestAsync(await w.OrderAsync(leak, street))).Expect(200);
        Assert.Equal(JsonValueKind.Null, s["suggestion"].ValueKind);
        Assert.Contains("没有", s.Str("why"), StringComparison.Ordinal);
        Assert.Empty(s["skipped"].EnumerateArray());
    }

    [Fact]
    public async Task Suggest_ReturnedUnit_IsNeverSuggestedAgain_NextRuleInstead()
    {
        var (w, utilities, water, leak, _, street) = await WorldAsync();
        var best = await w.RuleAsync(leak, null, w.Data.Water);
        await w.RuleAsync(water, null, w.Data.Heating, w.Data.Water);
        await w.RuleAsync(utilities, null, w.Data.Crew);
        var orders = new Orders(app);
        var order = await w.OrderAsync(leak, street);
        Assert.Equal(w.Data.Water, await w.SuggestedLeadAsync(order));

        await orders.DispatchAsync(order, w.Data.Water);
        (await orders.ActAsync("water", order, "return", new { reason = "不属于本单位职责", basis = "三定方案" })).Expect(200);
        (await orders.ActAsync("dispatcher", order, "return/decision", new { approve = true })).Expect(200);

        // The second rule names the water company as an assist: it is passed over too.
        var s = (await w.SuggestAsync(order)).Expect(200);
        Assert.Equal(w.Data.Crew, s["suggestion"].GetProperty("leadUnit").GetProperty("id").GetGuid());
        var skipped = s["skipped"].EnumerateArray().ToList();
        Assert.Equal(2, skipped.Count);
        Assert.Equal(best, skipped[0].GetProperty("ruleId").GetGuid());
        Assert.All(skipped, k => Assert.Equal("unitReturned", k.GetProperty("reason").GetString()));
        Assert.Equal(w.Data.Water, Assert.Single(s["returnedUnits"].EnumerateArray()).GetProperty("id").GetGuid());

        // Another order of the same category still goes to the water company.
        Assert.Equal(w.Data.Water, await w.SuggestedLeadAsync(await w.OrderAsync(leak, street)));
    }

    [Fact]
    public async Task Suggest_DeactivatedUnitCategoryOrRegion_MakesTheRuleInert()
    {
        var (w, utilities, water, leak, district, street) = await WorldAsync();
        var crew = await w.UnitAsync("管网抢修队", "repairCrew");
        var assist = await w.UnitAsync("协办单位");
        await w.RuleAsync(leak, street, crew);
        await w.RuleAsync(leak, district, w.Data.Street, assist);
        await w.RuleAsync(water, null, w.Data.Water);
        await w.RuleAsync(utilities, null, w.Data.Heating);
        var order = await w.OrderAsync(leak, street);
        Assert.Equal(crew, await w.SuggestedLeadAsync(order));

        await w.DeactivateAsync("units", crew);
        await w.DeactivateAsync("units", assist);
        var s = (await w.SuggestAsync(order)).Expect(200);
        Assert.Equal(w.Data.Water, s["suggestion"].GetProperty("leadUnit").GetProperty("id").GetGuid());
        Assert.Equal(["unitInactive", "unitInactive"], s["skipped"].EnumerateArray().Select(k => k.GetProperty("reason").GetString()));

        await w.DeactivateAsync("categories", water);
        Assert.Equal(w.Data.Heating, await w.SuggestedLeadAsync(order));

        var regionId = (await (await app.AsAsync("admin")).Get("/api/v1/regions")).Expect(200).Json.EnumerateArray()
            .Single(r => r.GetProperty("code").GetString() == district).GetProperty("id").GetGuid();
        await w.RuleAsync(utilities, district, w.Data.SubCentre);
        Assert.Equal(w.Data.SubCentre, await w.SuggestedLeadAsync(order));
        await w.DeactivateAsync("regions", regionId);
        Assert.Equal(w.Data.Heating, await w.SuggestedLeadAsync(order));
    }

    [Fact]
    public async Task Suggest_InEnglish_WhenAsked()
    {
        var (w, _, water, leak, _, street) = await WorldAsync();
        await w.RuleAsync(water, null, w.Data.Water);
        var s = (await w.SuggestAsync(await w.OrderAsync(leak, street), acceptLanguage: "en")).Expect(200);
        Assert.StartsWith("The most specific rule covering this order", s.Str("why"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("dispatcher", 200)]
    [InlineData("supervisor", 200)]
    [InlineData("agent", 403)]
    [InlineData("visitor", 403)]
    [InlineData("admin", 403)]
    public async Task Suggest_CentreRoles_DispatcherAndSupervisorOnly(string user, int expected)
    {
        var (w, _, water, leak, _, street) = await WorldAsync();
        await w.RuleAsync(water, null, w.Data.Water);
        var response = await w.SuggestAsync(await w.OrderAsync(leak, street), user);
        if (expected == 200)
        {
            response.Expect(200);
        }
        else
        {
            response.ExpectProblem(expected);
        }
    }

    [Fact]
    public async Task Suggest_SubCentreHandler_GetsOnlyUnitsBelowItsOwnUnit()
    {
        var (w, _, water, leak, district, street) = await WorldAsync();
        var d = w.Data;
        await w.RuleAsync(leak, null, d.Water);
        await w.RuleAsync(water, district, d.Street, d.Property, d.Crew);
        var order = await w.OrderAsync(leak, street);
        await new Orders(app).DispatchAsync(order, d.SubCentre);

        // The dispatcher's suggestion is the water company; the sub-centre passes the order down, to the street office.
        Assert.Equal(d.Water, await w.SuggestedLeadAsync(order));
        var s = (await w.SuggestAsync(order, "jiangbei", d.SubCentre)).Expect(200);
        Assert.Equal(d.Street, s["suggestion"].GetProperty("leadUnit").GetProperty("id").GetGuid());
        Assert.Equal([d.Property], s["suggestion"].GetProperty("assistUnits").EnumerateArray().Select(a => a.GetProperty("id").GetGuid()));
        Assert.Equal("leadOutsideScope", Assert.Single(s["skipped"].EnumerateArray()).GetProperty("reason").GetString());
        Assert.Equal(d.SubCentre, s["underUnit"].GetProperty("id").GetGuid());

        // A dispatcher may ask the same question for any unit.
        Assert.Equal(d.Street, await w.SuggestedLeadAsync(order, "dispatcher", d.SubCentre));
    }

    [Fact]
    public async Task Suggest_Handlers_MustAskForTheirOwnRedispatchingUnit_AndSeeTheOrder()
    {
        var (w, _, water, leak, _, street) = await WorldAsync();
        var d = w.Data;
        await w.RuleAsync(water, null, d.Street);
        var order = await w.OrderAsync(leak, street);
        await new Orders(app).DispatchAsync(order, d.SubCentre);

        (await w.SuggestAsync(order, "jiangbei")).ExpectProblem(400, "underUnitId");
        (await w.SuggestAsync(order, "jiangbei", d.Street)).ExpectProblem(403);
        (await w.SuggestAsync(order, "heating", d.Heating)).ExpectProblem(404);
        (await w.SuggestAsync(order, "crew", d.Crew)).ExpectProblem(404);

        // A department passes nothing down, so it has nothing to ask even about its own order.
        var own = await w.OrderAsync(leak, street);
        await new Orders(app).DispatchAsync(own, d.Water);
        (await w.SuggestAsync(own, "water", d.Water)).ExpectProblem(403);

        // An order not visible and one that does not exist answer alike.
        var hidden = (await w.SuggestAsync(order, "heating", d.Heating)).ExpectProblem(404);
        var missing = (await w.SuggestAsync(Guid.NewGuid(), "heating", d.Heating)).ExpectProblem(404);
        Assert.Equal(missing.Str("detail"), hidden.Str("detail"));
    }

    [Theory]
    [InlineData("", "workOrderId")]
    [InlineData("?workOrderId=abc", "workOrderId")]
    [InlineData("?workOrderId={order}&underUnitId=xyz", "underUnitId")]
    [InlineData("?workOrderId={order}&underUnitId={random}", "underUnitId")]
    public async Task Suggest_BadParameters_Are400(string query, string field)
    {
        var (w, _, _, leak, _, street) = await WorldAsync();
        var order = await w.OrderAsync(leak, street);
        var url = "/api/v1/routing/suggest" + query.Replace("{order}", order.ToString(), StringComparison.Ordinal).Replace("{random}", Guid.NewGuid().ToString(), StringComparison.Ordinal);
        (await (await app.AsAsync("dispatcher")).Get(url)).ExpectProblem(400, field);
    }

    [Fact]
    public async Task Suggest_UnknownOrder_Is404_NoToken_Is401()
    {
        (await (await app.AsAsync("dispatcher")).Get($"/api/v1/routing/suggest?workOrderId={Guid.NewGuid()}")).ExpectProblem(404);
        using var anonymous = app.Anonymous();
        (await anonymous.Get($"/api/v1/routing/suggest?workOrderId={Guid.NewGuid()}")).ExpectProblem(401);
    }
}

public sealed class RoutingSuggestTestsOnSqlite(SqliteApp app) : RoutingSuggestTests(app), IClassFixture<SqliteApp>;

public sealed class RoutingSuggestTestsOnPostgres(PostgresApp app) : RoutingSuggestTests(app), IClassFixture<PostgresApp>;
