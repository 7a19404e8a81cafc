using Lianxin.Web.Tests.Infrastructure;

namespace Lianxin.Web.Tests.WorkOrders;

/// <summary>
/// Each role × each action. The order is always dispatched (when it is) to the water company; "water"
/// is its handler and "heating" a handler of another unit, to whom the order must not exist (404).
/// </summary>
public abstract class AuthorizationMatrixTests(LianxinApp app)
{
    public static readonly string[] Users = ["agent", "dispatcher", "water", "heating", "visitor", "supervisor", "admin"];

    /// <summary>Action → users allowed to do it; everyone else is refused with 403, or 404 when the order is not theirs to see.</summary>
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["register"] = ["agent", "dispatcher", "supervisor"],
        ["answer-directly"] = ["agent", "dispatcher"],
        ["not-accept"] = ["agent", "dispatcher"],
        ["dispatch"] = ["dispatcher"],
        ["accept"] = ["water"],
        ["return"] = ["water"],
        ["return/decision"] = ["dispatcher"],
        ["extension"] = ["water"],
        ["extension/decision"] = ["dispatcher"],
        ["reply"] = ["water"],
        ["review"] = ["dispatcher"],
        ["visit"] = ["visitor"],
        ["archive"] = ["visitor", "dispatcher", "supervisor"],
        ["urge"] = ["supervisor", "dispatcher"],
        ["supervise"] = ["supervisor"],
        ["merge"] = ["dispatcher"],
        ["release-assists"] = ["dispatcher"],
    };

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var action in Allowed.Keys)
        {
            foreach (var user in Users)
            {
                data.Add(action, user);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Action_ByEachRole_IsAllowedOnlyForItsRoles(string action, string user)
    {
        var orders = new Orders(app);
        var d = app.Data;
        var client = await app.AsAsync(user);
        if (action == "register")
        {
            var created = await client.Post("/api/v1/work-orders", Orders.NewOrder(d.CategoryDrain));
            Assert.Equal(Allowed[action].Contains(user) ? 201 : 403, created.Code);
            return;
        }

        // Bring a fresh order to the state the action needs.
        Guid id;
        object body = new { };
        switch (action)
        {
            case "answer-directly":
                id = await orders.RegisteredAsync();
                body = new { answer = "已解答" };
                break;
            case "not-accept":
                id = await orders.RegisteredAsync();
                body = new { reason = "属于法院管辖" };
                break;
            case "dispatch":
                id = await orders.RegisteredAsync();
                body = new { assignments = new[] { new { unitId = d.Water, role = "lead" } } };
                break;
            case "merge":
                id = await orders.RegisteredAsync();
                body = new { intoId = await orders.RegisteredAsync() };
                break;
            case "accept":
                id = await orders.DispatchedAsync(d.Water);
                break;
            case "return":
                id = await orders.DispatchedAsync(d.Water);
                body = new { reason = "非本单位职责", basis = "三定方案" };
                break;
            case "return/decision":
                id = await orders.DispatchedAsync(d.Water);
                (await orders.ActAsync("water", id, "return", new { reason = "非本单位职责", basis = "三定方案" })).Expect(200);
                body = new { approve = true };
                break;
            case "extension":
                id = await orders.InProgressAsync(d.Water);
                body = new { workingDays = 2, reason = "等配件" };
                break;
            case "extension/decision":
                id = await orders.InProgressAsync(d.Water);
                (await orders.ActAsync("water", id, "extension", new { workingDays = 2, reason = "等配件" })).Expect(200);
                body = new { approve = true };
                break;
            case "reply":
                id = await orders.InProgressAsync(d.Water);
                body = new { result = "已修复", solved = "yes" };
                break;
            case "review":
                id = await orders.RepliedAsync(d.Water);
                body = new { approve = true };
                break;
            case "visit":
                id = await orders.ClosedAsync(d.Water);
                body = new { reached = true, solved = "yes", satisfaction = "satisfied" };
                break;
            case "archive":
                id = await orders.ClosedAsync(d.Water);
                break;
            case "release-assists":
                id = await orders.InProgressAsync(d.Water, d.Crew);
                break;
            case "urge":
            case "supervise":
                id = await orders.InProgressAsync(d.Water);
                body = new { note = "请加快" };
                break;
            default:
                throw new InvalidOperationException(action);
        }

        var versionBefore = (await orders.GetAsync(id)).Expect(200)["version"].GetInt32();
        var response = await client.Post($"/api/v1/work-orders/{id}/{action}", body);

        var visibleToUser = user is not ("water" or "heating") || (user == "water" && action is not ("answer-directly" or "not-accept" or "dispatch" or "merge"));
        var expected = Allowed[action].Contains(user) ? 200 : visibleToUser ? 403 : 404;
        Assert.True(expected == response.Code, $"{user} {action}: expected {expected}, got {response.Code}: {response.Body}");
        if (expected != 200)
        {
            response.ExpectProblem(expected);
            Assert.Equal(versionBefore, (await orders.GetAsync(id)).Expect(200)["version"].GetInt32());
        }
    }

    [Fact]
    public async Task OtherUnitsOrder_IsNotFoundEverywhereAndNeverListed()
    {
        var orders = new Orders(app);
        var id = await orders.InProgressAsync(app.Data.Water);
        var heating = await app.AsAsync("heating");

        (await heating.Get($"/api/v1/work-orders/{id}")).ExpectProblem(404);
        (await heating.Get($"/api/v1/work-orders/{id}/history")).ExpectProblem(404);
        (await heating.Get($"/api/v1/work-orders/{id}/visits")).ExpectProblem(404);
        (await heating.Get($"/api/v1/work-orders/{id}/supervisions")).ExpectProblem(404);
        var list = (await heating.Get("/api/v1/work-orders?limit=200")).Expect(200);
        Assert.DoesNotContain(list["items"].EnumerateArray(), o => o.GetProperty("id").GetGuid() == id);

        // The unit's own handler sees it; a 404 is the same whether the order exists or not.
        (await (await app.AsAsync("water")).Get($"/api/v1/work-orders/{id}")).Expect(200);
        var unknown = (await heating.Get($"/api/v1/work-orders/{Guid.NewGuid()}")).ExpectProblem(404);
        var hidden = (await heating.Get($"/api/v1/work-orders/{id}")).ExpectProblem(404);
        Assert.Equal(unknown.Str("detail"), hidden.Str("detail"));
    }

    [Fact]
    public async Task SubCentre_SeesOrdersOfUnitsBelowIt_SiblingsDoNot()
    {
        var orders = new Orders(app);
        var id = await orders.DispatchedAsync(app.Data.Property);

        (await (await app.AsAsync("sunshine")).Get($"/api/v1/work-orders/{id}")).Expect(200);
        (await (await app.AsAsync("xinhua")).Get($"/api/v1/work-orders/{id}")).Expect(200);
        (await (await app.AsAsync("jiangbei")).Get($"/api/v1/work-orders/{id}")).Expect(200);
        (await (await app.AsAsync("crew")).Get($"/api/v1/work-orders/{id}")).ExpectProblem(404);
        (await (await app.AsAsync("water")).Get($"/api/v1/work-orders/{id}")).ExpectProblem(404);
    }

    [Fact]
    public async Task ConfidentialRequester_IsMaskedForUnitsOnly()
    {
        var orders = new Orders(app);
        var id = await orders.RegisteredAsync(Orders.NewOrder(app.Data.CategoryLeak, phone: "13812345678", confidential: true));
        await orders.DispatchAsync(id, app.Data.Water);

        var forUnit = (await (await app.AsAsync("water")).Get($"/api/v1/work-orders/{id}")).Expect(200);
        Assert.Equal("138****5678", forUnit["requester"].GetProperty("phone").GetString());
        Assert.Equal("张**", forUnit["requester"].GetProperty("name").GetString());
        var listed = (await (await app.AsAsync("water")).Get("/api/v1/work-orders?limit=200")).Expect(200)["items"].EnumerateArray()
            .Single(o => o.GetProperty("id").GetGuid() == id);
        Assert.Equal("138****5678", listed.GetProperty("requester").GetProperty("phone").GetString());

        var forCentre = (await (await app.AsAsync("dispatcher")).Get($"/api/v1/work-orders/{id}")).Expect(200);
        Assert.Equal("13812345678", forCentre["requester"].GetProperty("phone").GetString());
    }

    [Fact]
    public async Task ConfidentialRequester_CannotBeFoundByPhoneByUnits()
    {
        var orders = new Orders(app);
        var phone = "1361234" + Random.Shared.Next(1000, 9999);
        var hidden = await orders.RegisteredAsync(Orders.NewOrder(app.Data.CategoryLeak, phone: phone, confidential: true));
        await orders.DispatchAsync(hidden, app.Data.Water);
        var open = await orders.RegisteredAsync(Orders.NewOrder(app.Data.CategoryLeak, phone: phone, title: "水表漏水"));
        await orders.DispatchAsync(open, app.Data.Water);

        var forUnit = (await (await app.AsAsync("water")).Get($"/api/v1/work-orders?phone={phone}")).Expect(200)["items"].EnumerateArray().Select(o => o.GetProperty("id").GetGuid()).ToList();
        Assert.Equal([open], forUnit);
        var forCentre = (await (await app.AsAsync("dispatcher")).Get($"/api/v1/work-orders?phone={phone}")).Expect(200)["items"].EnumerateArray().Select(o => o.GetProperty("id").GetGuid()).ToList();
        Assert.Equal(2, forCentre.Count);
    }

    [Fact]
    public async Task NoToken_Is401ProblemEverywhere()
    {
        using var anonymous = app.Anonymous();
        (await anonymous.Get("/api/v1/work-orders")).ExpectProblem(401);
        (await anonymous.Post("/api/v1/work-orders", Orders.NewOrder(app.Data.CategoryDrain))).ExpectProblem(401);
        (await anonymous.Get("/api/v1/units")).ExpectProblem(401);
        anonymous.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "not-a-token");
        (await anonymous.Get("/api/v1/work-orders")).ExpectProblem(401);
    }
}

public sealed class AuthorizationMatrixTestsOnSqlite(SqliteApp app) : AuthorizationMatrixTests(app), IClassFixture<SqliteApp>;

public sealed class AuthorizationMatrixTestsOnPostgres(PostgresApp app) : AuthorizationMatrixTests(app), IClassFixture<PostgresApp>;
