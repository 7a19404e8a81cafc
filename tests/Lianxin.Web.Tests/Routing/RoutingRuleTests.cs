using System.Net.Http.Json;
using Lianxin.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Lianxin.Web.Tests.Routing;

/// <summary>The routing catalogue (派单目录): admins create, list, change, deactivate; bad rules are refused and write nothing.</summary>
public abstract class RoutingRuleTests(LianxinApp app)
{
    private Task<int> CountRules() => app.Db(db => db.RoutingRules.CountAsync());

    [Fact]
    public async Task CreateRule_ThenListAndGet_ShowsNamesPathsAndLocation()
    {
        var w = new RoutingWorld(app);
        var utilities = await w.CategoryAsync("公用事业");
        var water = await w.CategoryAsync("供水", utilities);
        var district = await w.RegionAsync("江北区", "01");

        var created = (await w.PostRuleAsync(new
        {
            categoryId = water, regionCode = district, leadUnitId = w.Data.Water, assistUnitIds = new[] { w.Data.Crew }, note = "依据三定方案第三条",
        })).Expect(201);

        Assert.Equal($"/api/v1/routing/rules/{created.Id}", created.Headers.Location?.OriginalString);
        Assert.Equal($"公用事业{w.Tag} / 供水", created["category"].GetProperty("path").GetString());
        Assert.Equal(district, created["region"].GetProperty("code").GetString());
        Assert.Equal($"江北区{w.Tag}", created["region"].GetProperty("path").GetString());
        Assert.Equal("市水务集团", created["leadUnit"].GetProperty("name").GetString());
        Assert.Equal("房屋维修应急中心", Assert.Single(created["assistUnits"].EnumerateArray()).GetProperty("name").GetString());
        Assert.True(created["isActive"].GetBoolean());
        Assert.False(created["inert"].GetBoolean());

        foreach (var user in new[] { "admin", "dispatcher", "supervisor" })
        {
            var client = await app.AsAsync(user);
            Assert.Contains((await client.Get("/api/v1/routing/rules")).Expect(200).Json.EnumerateArray(), r => r.GetProperty("id").GetGuid() == created.Id);
            Assert.Equal("依据三定方案第三条", (await client.Get($"/api/v1/routing/rules/{created.Id}")).Expect(200).Str("note"));
        }
    }

    [Fact]
    public async Task CreateRule_WithEmptyCategoryAndRegion_MeansAny()
    {
        var w = new RoutingWorld(app);
        var region = await w.RegionAsync("滨江区", "01");
        var regionOnly = (await w.PostRuleAsync(new { regionCode = region, leadUnitId = w.Data.SubCentre })).Expect(201);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, regionOnly["category"].ValueKind);
        Assert.Empty(regionOnly["assistUnits"].EnumerateArray());

        var category = await w.CategoryAsync("噪音");
        var categoryOnly = (await w.PostRuleAsync(new { categoryId = category, leadUnitId = w.Data.Heating })).Expect(201);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, categoryOnly["region"].ValueKind);
    }

    public static TheoryData<string, string> BadRules => new()
    {
        { "unknownCategory", "categoryId" },
        { "inactiveCategory", "categoryId" },
        { "unknownRegion", "regionCode" },
        { "inactiveRegion", "regionCode" },
        { "missingLead", "leadUnitId" },
        { "unknownLead", "leadUnitId" },
        { "inactiveLead", "leadUnitId" },
        { "centreLead", "leadUnitId" },
        { "centreAssist", "assistUnitIds[0]" },
        { "unknownAssist", "assistUnitIds[1]" },
        { "duplicateAssist", "assistUnitIds" },
        { "leadAlsoAssists", "assistUnitIds" },
        { "tooManyAssists", "assistUnitIds" },
        { "longNote", "note" },
        { "longRegionCode", "regionCode" },
    };

    [Theory]
    [MemberData(nameof(BadRules))]
    public async Task CreateRule_WithBadReference_Is400NamingTheFieldAndWritesNothing(string kind, string field)
    {
        var w = new RoutingWorld(app);
        var category = await w.CategoryAsync("供水");
        var region = await w.RegionAsync("江北区", "01");
        var d = w.Data;
        Guid? categoryId = category;
        string? regionCode = region;
        Guid? lead = d.Water;
        Guid[] assists = [];
        string? note = null;
        switch (kind)
        {
            case "unknownCategory": categoryId = Guid.NewGuid(); break;
            case "inactiveCategory": await w.DeactivateAsync("categories", category); break;
            case "unknownRegion": regionCode = "no-such-region"; break;
            case "inactiveRegion":
                var regionId = (await (await app.AsAsync("admin")).Get("/api/v1/regions")).Expect(200).Json.EnumerateArray()
                    .Single(r => r.GetProperty("code").GetString() == region).GetProperty("id").GetGuid();
                await w.DeactivateAsync("regions", regionId);
                break;
            case "missingLead": lead = null; break;
            case "unknownLead": lead = Guid.NewGuid(); break;
            case "inactiveLead":
                lead = await w.UnitAsync("停用单位");
                await w.DeactivateAsync("units", lead.Value);
                break;
            case "centreLead": lead = d.Centre; break;
            case "centreAssist": assists = [d.Centre]; break;
            case "unknownAssist": assists = [d.Crew, Guid.NewGuid()]; break;
            case "duplicateAssist": assists = [d.Crew, d.Crew]; break;
            case "leadAlsoAssists": assists = [d.Water]; break;
            case "tooManyAssists": assists = Enumerable.Range(0, 20).Select(_ => Guid.NewGuid()).ToArray(); break;
            case "longNote": note = new string('依', 501); break;
            case "longRegionCode": regionCode = new string('9', 33); break;
            default: throw new InvalidOperationException(kind);
        }

        var before = await CountRules();
        var response = await w.PostRuleAsync(new { categoryId, regionCode, leadUnitId = lead, assistUnitIds = assists, note });

        response.ExpectProblem(400, field);
        Assert.Equal(before, await CountRules());
    }

    [Fact]
    public async Task CreateRule_BadInput_SpeaksChineseByDefaultAndEnglishOnRequest()
    {
        var admin = await app.AsAsync("admin");
        var body = new { leadUnitId = app.Data.Centre };
        var zh = (await admin.Post("/api/v1/routing/rules", body)).ExpectProblem(400, "leadUnitId");
        Assert.Equal("不能派给热线中心本身。", zh["errors"].GetProperty("leadUnitId")[0].GetString());
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", zh.Str("detail")!);

        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/routing/rules") { Content = JsonContent.Create(body) };
        request.Headers.AcceptLanguage.ParseAdd("en");
        var en = (await admin.Exchange(request)).ExpectProblem(400, "leadUnitId");
        Assert.Equal("An order cannot be dispatched to the centre itself.", en["errors"].GetProperty("leadUnitId")[0].GetString());
    }

    [Theory]
    [InlineData("{\"leadUnitId\": \"not-a-guid\"}", "leadUnitId")]
    [InlineData("{\"assistUnitIds\": \"x\"}", "assistUnitIds")]
    [InlineData("{\"leadUnitId\": ", null)]
    [InlineData("", null)]
    public async Task CreateRule_MalformedJson_Is400(string content, string? field)
    {
        var before = await CountRules();
        (await (await app.AsAsync("admin")).PostRaw("/api/v1/routing/rules", content, "application/json")).ExpectProblem(400, field);
        Assert.Equal(before, await CountRules());
    }

    [Fact]
    public async Task CreateRule_HugeBody_Is413AndWritesNothing()
    {
        var before = await CountRules();
        (await (await app.AsAsync("admin")).PostLarge("/api/v1/routing/rules", new { leadUnitId = app.Data.Water, note = new string('长', 600_000) })).ExpectProblem(413);
        Assert.Equal(before, await CountRules());
    }

    [Fact]
    public async Task CreateRule_WrongContentType_Is415()
    {
        (await (await app.AsAsync("admin")).PostRaw("/api/v1/routing/rules", $"leadUnitId={app.Data.Water}", "application/x-www-form-urlencoded")).ExpectProblem(415);
    }

    [Fact]
    public async Task CreateRule_SameCategoryAndRegionAsAnActiveRule_Is409UntilThatOneIsDeactivated()
    {
        var w = new RoutingWorld(app);
        var category = await w.CategoryAsync("供热");
        var region = await w.RegionAsync("江北区", "01");
        var first = await w.RuleAsync(category, region, w.Data.Heating);

        var before = await CountRules();
        var clash = (await w.PostRuleAsync(new { categoryId = category, regionCode = region, leadUnitId = w.Data.Crew })).ExpectProblem(409);
        Assert.Contains(first.ToString(), clash.Str("detail"), StringComparison.Ordinal);
        Assert.Equal(before, await CountRules());

        var admin = await app.AsAsync("admin");
        (await admin.Post($"/api/v1/routing/rules/{first}/deactivate")).Expect(200);
        var second = await w.RuleAsync(category, region, w.Data.Crew);

        // Two active rules for one pair would compete at equal specificity: reactivating the first is refused.
        (await admin.Post($"/api/v1/routing/rules/{first}/activate")).ExpectProblem(409);
        (await admin.Post($"/api/v1/routing/rules/{second}/deactivate")).Expect(200);
        Assert.True((await admin.Post($"/api/v1/routing/rules/{first}/activate")).Expect(200)["isActive"].GetBoolean());
    }

    [Fact]
    public async Task ChangeRule_ReplacesTheWholeRule_AndABadChangeChangesNothing()
    {
        var w = new RoutingWorld(app);
        var category = await w.CategoryAsync("排水");
        var region = await w.RegionAsync("江北区", "01");
        var id = await w.RuleAsync(category, region, w.Data.Water, w.Data.Crew);
        var admin = await app.AsAsync("admin");

        var changed = (await admin.PutJson($"/api/v1/routing/rules/{id}", new { categoryId = category, leadUnitId = w.Data.Property, note = "改派物业" })).Expect(200);
        Assert.Equal("阳光物业服务有限公司", changed["leadUnit"].GetProperty("name").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, changed["region"].ValueKind);
        Assert.Empty(changed["assistUnits"].EnumerateArray());

        (await admin.PutJson($"/api/v1/routing/rules/{id}", new { categoryId = category, leadUnitId = Guid.NewGuid() })).ExpectProblem(400, "leadUnitId");
        var now = (await admin.Get($"/api/v1/routing/rules/{id}")).Expect(200);
        Assert.Equal(w.Data.Property, now["leadUnit"].GetProperty("id").GetGuid());
        Assert.Equal("改派物业", now.Str("note"));

        (await admin.PutJson($"/api/v1/routing/rules/{Guid.NewGuid()}", new { leadUnitId = w.Data.Water })).ExpectProblem(404);
    }

    [Fact]
    public async Task ChangeRule_OntoAnotherActiveRulesPair_Is409()
    {
        var w = new RoutingWorld(app);
        var a = await w.CategoryAsync("甲");
        var b = await w.CategoryAsync("乙");
        await w.RuleAsync(a, null, w.Data.Water);
        var other = await w.RuleAsync(b, null, w.Data.Heating);
        (await (await app.AsAsync("admin")).PutJson($"/api/v1/routing/rules/{other}", new { categoryId = a, leadUnitId = w.Data.Heating })).ExpectProblem(409);
    }

    [Fact]
    public async Task DeactivatedRule_IsKeptAndListedOnlyWithIncludeInactive()
    {
        var w = new RoutingWorld(app);
        var id = await w.RuleAsync(await w.CategoryAsync("燃气"), null, w.Data.Crew);
        var admin = await app.AsAsync("admin");
        var count = await CountRules();

        var off = (await admin.Post($"/api/v1/routing/rules/{id}/deactivate")).Expect(200);
        Assert.False(off["isActive"].GetBoolean());
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, off["deactivatedAt"].ValueKind);
        Assert.Equal(count, await CountRules());
        Assert.DoesNotContain((await admin.Get("/api/v1/routing/rules")).Expect(200).Json.EnumerateArray(), r => r.GetProperty("id").GetGuid() == id);
        Assert.Contains((await admin.Get("/api/v1/routing/rules?includeInactive=true")).Expect(200).Json.EnumerateArray(), r => r.GetProperty("id").GetGuid() == id);
        (await admin.Get($"/api/v1/routing/rules/{id}")).Expect(200);
        (await admin.Get($"/api/v1/routing/rules/{Guid.NewGuid()}")).ExpectProblem(404);
        (await admin.Post($"/api/v1/routing/rules/{Guid.NewGuid()}/deactivate")).ExpectProblem(404);
        (await admin.Post($"/api/v1/routing/rules/{Guid.NewGuid()}/activate")).ExpectProblem(404);
    }

    [Fact]
    public async Task Rule_WhoseUnitWasDeactivated_IsListedAsInert()
    {
        var w = new RoutingWorld(app);
        var unit = await w.UnitAsync("临时抢修队", "repairCrew");
        var id = await w.RuleAsync(await w.CategoryAsync("电梯"), null, w.Data.Water, unit);
        await w.DeactivateAsync("units", unit);

        var rule = (await (await app.AsAsync("admin")).Get($"/api/v1/routing/rules/{id}")).Expect(200);
        Assert.True(rule["inert"].GetBoolean());
        Assert.Contains("临时抢修队", Assert.Single(rule["inertReasons"].EnumerateArray()).GetString(), StringComparison.Ordinal);
    }

    public static TheoryData<string> Users => new() { "agent", "dispatcher", "water", "visitor", "supervisor", "admin" };

    [Theory]
    [MemberData(nameof(Users))]
    public async Task Rules_EachRole_OnlyAdminWrites_CentreStaffRead(string user)
    {
        var w = new RoutingWorld(app);
        var category = await w.CategoryAsync("权限");
        var existingCategory = await w.CategoryAsync("既有");
        var existing = await w.RuleAsync(existingCategory, null, w.Data.Water);
        var client = await app.AsAsync(user);
        var admin = user == "admin";
        var reader = user is "admin" or "dispatcher" or "supervisor";
        var before = await CountRules();

        var created = await client.Post("/api/v1/routing/rules", new { categoryId = category, leadUnitId = w.Data.Water });
        var changed = await client.PutJson($"/api/v1/routing/rules/{existing}", new { categoryId = existingCategory, leadUnitId = w.Data.Heating });
        var deactivated = await client.Post($"/api/v1/routing/rules/{existing}/deactivate");
        if (admin)
        {
            created.Expect(201);
            changed.Expect(200);
            deactivated.Expect(200);
        }
        else
        {
            created.ExpectProblem(403);
            changed.ExpectProblem(403);
            deactivated.ExpectProblem(403);
            (await client.Post($"/api/v1/routing/rules/{existing}/activate")).ExpectProblem(403);
            Assert.Equal(before, await CountRules());
            Assert.Equal(w.Data.Water, (await (await app.AsAsync("admin")).Get($"/api/v1/routing/rules/{existing}")).Expect(200)["leadUnit"].GetProperty("id").GetGuid());
        }

        Assert.Equal(reader ? 200 : 403, (await client.Get("/api/v1/routing/rules")).Code);
        Assert.Equal(reader ? 200 : 403, (await client.Get($"/api/v1/routing/rules/{existing}")).Code);
    }

    [Fact]
    public async Task Rules_WithoutToken_Are401()
    {
        using var anonymous = app.Anonymous();
        var id = Guid.NewGuid();
        (await anonymous.Get("/api/v1/routing/rules")).ExpectProblem(401);
        (await anonymous.Get($"/api/v1/routing/rules/{id}")).ExpectProblem(401);
        (await anonymous.Post("/api/v1/routing/rules", new { leadUnitId = app.Data.Water })).ExpectProblem(401);
        (await anonymous.PutJson($"/api/v1/routing/rules/{id}", new { leadUnitId = app.Data.Water })).ExpectProblem(401);
        (await anonymous.Post($"/api/v1/routing/rules/{id}/deactivate")).ExpectProblem(401);
        (await anonymous.Post($"/api/v1/routing/rules/{id}/activate")).ExpectProblem(401);
    }

    [Fact]
    public async Task CreateRule_RetriedWithTheSameIdempotencyKey_CreatesOneRule()
    {
        var w = new RoutingWorld(app);
        var body = new { categoryId = await w.CategoryAsync("重试"), leadUnitId = w.Data.Water };
        var admin = await app.AsAsync("admin");
        var before = await CountRules();
        var first = (await admin.Post("/api/v1/routing/rules", body, idempotencyKey: "rule-" + w.Tag)).Expect(201);
        var again = (await admin.Post("/api/v1/routing/rules", body, idempotencyKey: "rule-" + w.Tag)).Expect(201);
        Assert.Equal(first.Id, again.Id);
        Assert.Equal(before + 1, await CountRules());
    }

    [Fact]
    public async Task OpenApi_DescribesTheRoutingAndCsvEndpoints()
    {
        using var anonymous = app.Anonymous();
        var paths = (await anonymous.Get("/openapi/v1.json")).Expect(200)["paths"];
        string[] expected =
        [
            "/api/v1/routing/rules", "/api/v1/routing/rules/{id}", "/api/v1/routing/rules/{id}/deactivate", "/api/v1/routing/rules/{id}/activate",
            "/api/v1/routing/suggest", "/api/v1/routing/accuracy",
            "/api/v1/categories/export.csv", "/api/v1/regions/export.csv", "/api/v1/categories/import", "/api/v1/regions/import",
        ];
        foreach (var path in expected)
        {
            Assert.True(paths.TryGetProperty(path, out var item), path);
            var operations = item.EnumerateObject().Where(o => o.Name is "get" or "post" or "put").ToList();
            Assert.NotEmpty(operations);
            Assert.All(operations, o => Assert.False(string.IsNullOrWhiteSpace(o.Value.GetProperty("summary").GetString()), path));
        }

        Assert.True(paths.GetProperty("/api/v1/regions/import").GetProperty("post").GetProperty("requestBody").GetProperty("content").TryGetProperty("text/csv", out _));
    }
}

public sealed class RoutingRuleTestsOnSqlite(SqliteApp app) : RoutingRuleTests(app), IClassFixture<SqliteApp>;

public sealed class RoutingRuleTestsOnPostgres(PostgresApp app) : RoutingRuleTests(app), IClassFixture<PostgresApp>;
