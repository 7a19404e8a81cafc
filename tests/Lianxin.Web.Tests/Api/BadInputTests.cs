using System.Net.Http.Headers;
using System.Text;
using Lianxin.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Lianxin.Web.Tests.Api;

/// <summary>Bad input gets a clear 400/413/415 problem with the field named, never a 500, and writes nothing.</summary>
public abstract class BadInputTests(LianxinApp app)
{
    private Task<int> CountOrders() => app.Db(db => db.WorkOrders.CountAsync());

    private Dictionary<string, object?> Valid() => new()
    {
        ["channel"] = "phone",
        ["demandType"] = "complaint",
        ["urgency"] = "normal",
        ["requester"] = new Dictionary<string, object?> { ["name"] = "李女士", ["phone"] = "13900002222" },
        ["categoryId"] = app.Data.CategoryDrain,
        ["regionCode"] = "330201001",
        ["address"] = "幸福路 12 号",
        ["title"] = "楼上噪音扰民",
        ["description"] = "楼上住户每天夜间十一点后仍有装修敲打声。",
    };

    public static TheoryData<string, string?, string> MissingOrInvalidFields => new()
    {
        { "channel", null, "channel" },
        { "demandType", null, "demandType" },
        { "urgency", null, "urgency" },
        { "requester", null, "requester" },
        { "categoryId", null, "categoryId" },
        { "title", null, "title" },
        { "title", "   ", "title" },
        { "description", null, "description" },
        { "channel", "telepathy", "channel" },
        { "urgency", "veryUrgent", "urgency" },
        { "demandType", "2", "demandType" },
        { "title", new string('长', 101), "title" },
        { "description", new string('长', 4001), "description" },
        { "address", new string('路', 201), "address" },
        { "regionCode", "999999", "regionCode" },
    };

    [Theory]
    [MemberData(nameof(MissingOrInvalidFields))]
    public async Task Register_WithBadField_Is400NamingTheFieldAndWritesNothing(string field, string? value, string errorField)
    {
        var before = await CountOrders();
        var body = Valid();
        if (value is null)
        {
            body.Remove(field);
        }
        else
        {
            body[field] = value;
        }

        var response = await (await app.AsAsync("agent")).Post("/api/v1/work-orders", body);

        response.ExpectProblem(400, errorField);
        Assert.Equal(before, await CountOrders());
    }

    [Fact]
    public async Task Register_WithUnknownCategoryAndBadPhone_ListsBothFields()
    {
        var body = Valid();
        body["categoryId"] = Guid.NewGuid();
        body["requester"] = new { name = "李女士", phone = "call me maybe" };
        var response = (await (await app.AsAsync("agent")).Post("/api/v1/work-orders", body)).ExpectProblem(400, "requester.phone");
        Assert.True(response["errors"].TryGetProperty("requester.phone", out _));
    }

    [Fact]
    public async Task Register_WithUnknownCategory_Is400()
    {
        var body = Valid();
        body["categoryId"] = Guid.NewGuid();
        (await (await app.AsAsync("agent")).Post("/api/v1/work-orders", body)).ExpectProblem(400, "categoryId");
    }

    [Theory]
    [InlineData("{\"channel\": \"phone\", ")]
    [InlineData("not json at all")]
    [InlineData("[1,2,3]")]
    [InlineData("{\"requester\": \"13900002222\"}")]
    [InlineData("{\"categoryId\": \"not-a-guid\"}")]
    [InlineData("")]
    public async Task Register_MalformedJson_Is400(string content)
    {
        var before = await CountOrders();
        var response = await (await app.AsAsync("agent")).PostRaw("/api/v1/work-orders", content, "application/json");
        response.ExpectProblem(400);
        Assert.Equal(before, await CountOrders());
    }

    [Fact]
    public async Task Register_WrongContentType_Is415()
    {
        var response = await (await app.AsAsync("agent")).PostRaw("/api/v1/work-orders", "channel=phone&title=x", "application/x-www-form-urlencoded");
        response.ExpectProblem(415);
    }

    [Fact]
    public async Task Action_WrongContentType_Is415()
    {
        var id = await new Orders(app).RegisteredAsync();
        var response = await (await app.AsAsync("agent")).PostRaw($"/api/v1/work-orders/{id}/not-accept", "reason=x", "text/plain");
        response.ExpectProblem(415);
    }

    [Fact]
    public async Task HugeBody_Is413AndWritesNothing()
    {
        var before = await CountOrders();
        var body = Valid();
        body["description"] = new string('长', 600_000);
        var response = await (await app.AsAsync("agent")).PostLarge("/api/v1/work-orders", body);
        response.ExpectProblem(413);
        Assert.Equal(before, await CountOrders());
    }

    [Fact]
    public async Task HugeChunkedBody_Is413()
    {
        var client = await app.AsAsync("agent");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/work-orders")
        {
            Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes("{\"title\":\"" + new string('x', 3_000_000) + "\"}"))),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TransferEncodingChunked = true;
        var response = await client.Exchange(request);
        Assert.Equal(413, response.Code);
    }

    [Theory]
    [InlineData("dispatch", "{\"assignments\": []}", "assignments")]
    [InlineData("dispatch", "{\"assignments\": [{\"role\": \"lead\"}]}", "assignments[0].unitId")]
    [InlineData("dispatch", "{\"assignments\": [{\"unitId\": \"00000000-0000-0000-0000-000000000001\", \"role\": \"boss\"}]}", "assignments[0].role")]
    [InlineData("not-accept", "{}", "reason")]
    [InlineData("answer-directly", "{\"answer\": \"\"}", "answer")]
    [InlineData("merge", "{}", "intoId")]
    public async Task Action_WithBadBody_Is400NamingTheField(string action, string json, string field)
    {
        var orders = new Orders(app);
        var id = await orders.RegisteredAsync();
        var user = action is "dispatch" or "merge" ? "dispatcher" : "agent";
        var response = await (await app.AsAsync(user)).PostRaw($"/api/v1/work-orders/{id}/{action}", json, "application/json");
        response.ExpectProblem(400, field);
        Assert.Equal("registered", (await orders.GetAsync(id)).Str("status"));
    }

    [Fact]
    public async Task Dispatch_ToUnknownOrTwoLeadsOrCentre_Is400AndNothingChanges()
    {
        var orders = new Orders(app);
        var id = await orders.RegisteredAsync();
        var dispatcher = await app.AsAsync("dispatcher");
        (await dispatcher.Post($"/api/v1/work-orders/{id}/dispatch", new { assignments = new[] { new { unitId = Guid.NewGuid(), role = "lead" } } }))
            .ExpectProblem(400, "assignments[0].unitId");
        (await dispatcher.Post($"/api/v1/work-orders/{id}/dispatch", new { assignments = new[] { new { unitId = app.Data.Water, role = "lead" }, new { unitId = app.Data.Heating, role = "lead" } } }))
            .ExpectProblem(400, "assignments");
        (await dispatcher.Post($"/api/v1/work-orders/{id}/dispatch", new { assignments = new[] { new { unitId = app.Data.Centre, role = "lead" } } }))
            .ExpectProblem(400, "assignments[0].unitId");
        var order = (await orders.GetAsync(id)).Expect(200);
        Assert.Equal("registered", order.Str("status"));
        Assert.Equal(0, order["assignments"].GetArrayLength());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    [InlineData(61)]
    public async Task Extension_WithBadWorkingDays_Is400(int days)
    {
        var orders = new Orders(app);
        var id = await orders.InProgressAsync(app.Data.Water);
        (await orders.ActAsync("water", id, "extension", new { workingDays = days, reason = "等配件" })).ExpectProblem(400, "workingDays");
    }

    [Theory]
    [InlineData("status=flying", "status")]
    [InlineData("urgency=soon", "urgency")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=100000", "limit")]
    [InlineData("from=yesterday", "from")]
    [InlineData("cursor=%%%garbage", "cursor")]
    [InlineData("cursor=bm90LWEtY3Vyc29y", "cursor")]
    [InlineData("deadline=soonish", "deadline")]
    public async Task List_WithBadQuery_Is400(string query, string field)
    {
        (await (await app.AsAsync("dispatcher")).Get($"/api/v1/work-orders?{query}")).ExpectProblem(400, field);
    }

    [Fact]
    public async Task List_WithBadGuid_Is400NotServerError()
    {
        var response = await (await app.AsAsync("dispatcher")).Get("/api/v1/work-orders?unitId=not-a-guid");
        response.ExpectProblem(400);
    }

    [Theory]
    [InlineData("\"abc\"")]
    [InlineData("-1")]
    public async Task Action_WithMalformedIfMatch_Is400(string ifMatch)
    {
        var id = await new Orders(app).RegisteredAsync();
        var response = await (await app.AsAsync("agent")).Post($"/api/v1/work-orders/{id}/not-accept", new { reason = "不属受理范围" }, ifMatch: ifMatch);
        response.ExpectProblem(400, "If-Match");
    }

    [Fact]
    public async Task UnknownRouteAndWrongMethod_AreProblems()
    {
        var client = await app.AsAsync("agent");
        (await client.Get("/api/v1/no-such-thing")).ExpectProblem(404);
        (await client.Exchange(new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/work-orders/{Guid.NewGuid()}"))).ExpectProblem(405);
    }

    [Fact]
    public async Task Problems_AreChineseByDefaultAndEnglishOnRequest()
    {
        var zh = await (await app.AsAsync("agent")).PostRaw("/api/v1/work-orders", "{}", "application/json");
        Assert.Contains("必填", zh["errors"].GetProperty("title")[0].GetString());
        var en = await (await app.AsAsync("agent")).PostRaw("/api/v1/work-orders", "{}", "application/json", acceptLanguage: "en");
        Assert.Equal("Required.", en["errors"].GetProperty("title")[0].GetString());
    }
}

public sealed class BadInputTestsOnSqlite(SqliteApp app) : BadInputTests(app), IClassFixture<SqliteApp>;

public sealed class BadInputTestsOnPostgres(PostgresApp app) : BadInputTests(app), IClassFixture<PostgresApp>;
