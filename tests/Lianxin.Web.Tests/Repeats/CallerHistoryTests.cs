using System.Text.Json;
using Lianxin.Web.Tests.Infrastructure;

namespace Lianxin.Web.Tests.Repeats;

/// <summary>GET /api/v1/requesters/{phone}/history: the screen pop's orders of the last 90 days, and who sees what.</summary>
public abstract class CallerHistoryTests(LianxinApp app)
{
    private readonly RepeatSteps _steps = new(app);
    private readonly Orders _orders = new(app);

    private Baseline Data => app.Data;

    private object Burst(string phone, bool confidential = false) => RepeatSteps.Order(Data.CategoryLeak, phone, "小区主管道爆裂",
        "来电人反映和平社区3栋门口主水管爆裂，水冒到路面，整栋楼停水，请求抢修。", confidential: confidential);

    private async Task<JsonElement> HistoryAsync(string phone, string user = "agent") =>
        (await (await app.AsAsync(user)).Get($"/api/v1/requesters/{Uri.EscapeDataString(phone)}/history")).Expect(200).Json;

    private static List<string?> Numbers(JsonElement history) =>
        history.GetProperty("orders").EnumerateArray().Select(o => o.GetProperty("number").GetString()).ToList();

    [Fact]
    public async Task History_ListsThePhonesOrders_NewestFirst_WithRepeatsAndOpenCounted()
    {
        var phone = RepeatSteps.Phone();
        var first = (await _steps.RegisterAsync(Burst(phone))).Expect(201);
        await _orders.DispatchAsync(first.Id, Data.Water);
        app.Clock.Advance(TimeSpan.FromHours(3));
        var repeat = (await _steps.RegisterAsync(Burst(phone))).Expect(201);
        app.Clock.Advance(TimeSpan.FromDays(1));
        var answered = (await _steps.RegisterAsync(RepeatSteps.Order(Data.CategoryDrain, phone, "咨询供暖开始时间", "来电人询问今年供暖开始的日期。"))).Expect(201);
        (await _orders.ActAsync("agent", answered.Id, "answer-directly", new { answer = "今年11月15日起供暖。" })).Expect(200);
        await _steps.RegisteredAsync(Burst(RepeatSteps.Phone())); // someone else's

        var history = await HistoryAsync(phone);

        Assert.Equal(phone, history.GetProperty("phone").GetString());
        Assert.Equal([answered.Str("number"), repeat.Str("number"), first.Str("number")], Numbers(history));
        Assert.Equal(3, history.GetProperty("orderCount").GetInt32());
        Assert.Equal(1, history.GetProperty("repeatCount").GetInt32());
        Assert.Equal(2, history.GetProperty("openCount").GetInt32());
        Assert.True(history.GetProperty("hasOpen").GetBoolean());
        Assert.False(history.GetProperty("truncated").GetBoolean());
        Assert.Equal(0, history.GetProperty("calls").GetArrayLength());
        Assert.Equal(app.Clock.GetUtcNow().AddDays(-90), history.GetProperty("since").GetDateTimeOffset());

        var orders = history.GetProperty("orders").EnumerateArray().ToList();
        var dispatched = orders[2];
        Assert.Equal("dispatched", dispatched.GetProperty("status").GetString());
        Assert.Equal("小区主管道爆裂", dispatched.GetProperty("title").GetString());
        Assert.Equal("公用事业 / 供水 / 漏水", dispatched.GetProperty("category").GetProperty("path").GetString());
        Assert.Equal("市水务集团", dispatched.GetProperty("leadUnit").GetProperty("name").GetString());
        Assert.Equal(first.Json.GetProperty("createdAt").GetDateTimeOffset(), dispatched.GetProperty("createdAt").GetDateTimeOffset());
        Assert.Equal(JsonValueKind.Null, dispatched.GetProperty("repeatOf").ValueKind);
        Assert.Equal(first.Id, orders[1].GetProperty("repeatOf").GetProperty("id").GetGuid());
        Assert.Equal(first.Str("number"), orders[1].GetProperty("repeatOf").GetProperty("number").GetString());
        Assert.Equal(JsonValueKind.Null, orders[1].GetProperty("leadUnit").ValueKind);
        Assert.Equal("closed", orders[0].GetProperty("status").GetString());
    }

    [Fact]
    public async Task History_MatchesThePhoneHoweverItIsWritten()
    {
        var phone = RepeatSteps.Phone();
        var spelled = $"+86 {phone[..3]} {phone[3..7]} {phone[7..]}";
        var registered = (await _steps.RegisterAsync(Burst(spelled))).Expect(201);
        Assert.Equal(phone, (await _orders.GetAsync(registered.Id)).Expect(200).Json.GetProperty("requester").GetProperty("phone").GetString());

        foreach (var asked in new[] { phone, "0086" + phone, $"{phone[..3]}-{phone[3..7]}-{phone[7..]}" })
        {
            Assert.Equal([registered.Str("number")], Numbers(await HistoryAsync(asked)));
        }
    }

    [Fact]
    public async Task History_OrdersOlderThan90Days_AreLeftOut()
    {
        var phone = RepeatSteps.Phone();
        var old = (await _steps.RegisterAsync(Burst(phone))).Expect(201);
        app.Clock.Advance(TimeSpan.FromDays(89));
        Assert.Equal([old.Str("number")], Numbers(await HistoryAsync(phone)));

        app.Clock.Advance(TimeSpan.FromDays(2));
        var history = await HistoryAsync(phone);
        Assert.Empty(Numbers(history));
        Assert.Equal(0, history.GetProperty("orderCount").GetInt32());
        Assert.False(history.GetProperty("hasOpen").GetBoolean());
    }

    [Fact]
    public async Task History_PhoneWrittenWithSpacesOrDashes_IsNormalised()
    {
        var phone = RepeatSteps.Phone();
        var order = (await _steps.RegisterAsync(Burst(phone))).Expect(201);
        Assert.Equal([order.Str("number")], Numbers(await HistoryAsync($"{phone[..3]}-{phone[3..7]} {phone[7..]}")));
        Assert.Equal(phone, (await HistoryAsync($"{phone[..3]}-{phone[3..]}")).GetProperty("phone").GetString());
    }

    [Fact]
    public async Task History_UnknownPhone_IsEmptyNot404()
    {
        var history = await HistoryAsync("075588886666");
        Assert.Equal(0, history.GetProperty("orderCount").GetInt32());
        Assert.Empty(Numbers(history));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("12")]
    [InlineData("123456789012345678901234")]
    [InlineData("++138")]
    public async Task History_BadPhone_Is400(string phone)
    {
        var problem = (await (await app.AsAsync("agent")).Get($"/api/v1/requesters/{Uri.EscapeDataString(phone)}/history")).ExpectProblem(400, "phone");
        Assert.Contains("电话", problem["errors"].GetProperty("phone")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_BadPhone_InEnglish_WhenAsked()
    {
        var client = await app.AsAsync("agent");
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/requesters/abc/history");
        request.Headers.AcceptLanguage.ParseAdd("en");
        var problem = (await client.Exchange(request)).ExpectProblem(400, "phone");
        Assert.Contains("digits", problem["errors"].GetProperty("phone")[0].GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("agent")]
    [InlineData("dispatcher")]
    [InlineData("supervisor")]
    [InlineData("visitor")]
    public async Task History_CentreStaff_SeeEveryOrderUnmasked(string user)
    {
        var phone = RepeatSteps.Phone();
        var water = (await _steps.RegisterAsync(Burst(phone))).Expect(201);
        await _orders.DispatchAsync(water.Id, Data.Water);
        var secret = (await _steps.RegisterAsync(RepeatSteps.Order(Data.CategoryDrain, phone, "举报小区违建", "来电人举报3栋楼顶违章搭建。", confidential: true))).Expect(201);

        var history = await HistoryAsync(phone, user);

        Assert.Equal([secret.Str("number"), water.Str("number")], Numbers(history));
        var confidential = history.GetProperty("orders")[0].GetProperty("requester");
        Assert.Equal(phone, confidential.GetProperty("phone").GetString());
        Assert.True(confidential.GetProperty("confidential").GetBoolean());
    }

    [Fact]
    public async Task History_Handler_SeesOnlyTheirUnitsOrders_NeverConfidentialOnes()
    {
        var phone = RepeatSteps.Phone();
        var ours = (await _steps.RegisterAsync(Burst(phone))).Expect(201);
        await _orders.DispatchAsync(ours.Id, Data.Water);
        var theirs = (await _steps.RegisterAsync(RepeatSteps.Order(Data.CategoryDrain, phone, "暖气不热", "来电人反映家中暖气片不热。"))).Expect(201);
        await _orders.DispatchAsync(theirs.Id, Data.Heating);
        var confidential = (await _steps.RegisterAsync(RepeatSteps.Order(Data.CategoryLeak, phone, "举报偷水", "来电人举报邻居私接水管偷水。", confidential: true))).Expect(201);
        await _orders.DispatchAsync(confidential.Id, Data.Water);
        await _steps.RegisteredAsync(RepeatSteps.Order(Data.CategoryLeak, phone, "咨询水费", "来电人询问水费标准。")); // not dispatched

        var water = await HistoryAsync(phone, "water");
        Assert.Equal([ours.Str("number")], Numbers(water));
        Assert.Equal(1, water.GetProperty("orderCount").GetInt32());
        Assert.DoesNotContain(confidential.Str("number")!, water.ToString(), StringComparison.Ordinal);

        var heating = await HistoryAsync(phone, "heating");
        Assert.Equal([theirs.Str("number")], Numbers(heating));

        Assert.Empty(Numbers(await HistoryAsync(phone, "crew")));
        Assert.Equal(4, (await HistoryAsync(phone, "dispatcher")).GetProperty("orderCount").GetInt32());
    }

    [Fact]
    public async Task History_SubCentreHandler_SeesOrdersOfTheUnitsBelow()
    {
        var phone = RepeatSteps.Phone();
        var order = (await _steps.RegisterAsync(Burst(phone))).Expect(201);
        await _orders.DispatchAsync(order.Id, Data.Street);
        Assert.Equal([order.Str("number")], Numbers(await HistoryAsync(phone, "jiangbei")));
        Assert.Equal([order.Str("number")], Numbers(await HistoryAsync(phone, "xinhua")));
        Assert.Empty(Numbers(await HistoryAsync(phone, "sunshine")));
    }

    [Fact]
    public async Task History_ByAdmin_Is403()
    {
        (await (await app.AsAsync("admin")).Get($"/api/v1/requesters/{RepeatSteps.Phone()}/history")).ExpectProblem(403);
    }

    [Fact]
    public async Task History_WithoutToken_Is401()
    {
        using var anonymous = app.Anonymous();
        Assert.Equal(401, (await anonymous.Get("/api/v1/requesters/13800000000/history")).Code);
    }
}

public sealed class CallerHistoryTestsOnSqlite(SqliteApp app) : CallerHistoryTests(app), IClassFixture<SqliteApp>;

public sealed class CallerHistoryTestsOnPostgres(PostgresApp app) : CallerHistoryTests(app), IClassFixture<PostgresApp>;
