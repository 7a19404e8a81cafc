using System.Text.Json;
using Lianxin.Core.Calendars;
using Lianxin.Web.Tests.Infrastructure;

namespace Lianxin.Web.Tests.Deadlines;

/// <summary>Deadlines on orders and hops: computed at registration, met, extended, paused, restarted, listed.</summary>
public abstract class OrderDeadlineTests(LianxinApp app)
{
    private readonly Orders _orders = new(app);

    private static DateTimeOffset Due(ApiResponse order, string kind) => order["deadlines"].GetProperty(kind).GetProperty("dueAt").GetDateTimeOffset();

    private static string State(ApiResponse order, string kind) => order["deadlines"].GetProperty(kind).GetProperty("state").GetString()!;

    private static object Order(string urgency, string demandType = "help", string? phone = null) => new
    {
        channel = "phone", demandType, urgency, requester = new { name = "孙女士", phone = phone ?? "13911112222" }, categoryId = Guid.Empty, title = "暖气不热", description = "来电人反映家中暖气不热。",
    };

    private async Task<ApiResponse> RegisterAsync(string urgency, string demandType = "help")
    {
        var body = JsonSerializer.SerializeToElement(Order(urgency, demandType));
        var dict = JsonSerializer.Deserialize<Dictionary<string, object?>>(body.GetRawText())!;
        dict["categoryId"] = app.Data.CategoryLeak;
        return (await (await app.AsAsync("agent")).Post("/api/v1/work-orders", dict)).Expect(201);
    }

    [Fact]
    public async Task Register_Critical_GetsThirtyMinutesTwoHoursTwelveHours()
    {
        var order = await RegisterAsync("critical");
        var created = order["createdAt"].GetDateTimeOffset();
        Assert.Equal(created.AddMinutes(30), Due(order, "signFor"));
        Assert.Equal(created.AddHours(2), Due(order, "contact"));
        Assert.Equal(created.AddHours(12), Due(order, "completion"));
        Assert.Equal("onTime", State(order, "completion"));
        Assert.NotEqual(JsonValueKind.Null, order["policyId"].ValueKind);
    }

    [Fact]
    public async Task Register_NormalComplaint_FiveWorkingDaysToTheEndOfTheDay()
    {
        var order = await RegisterAsync("normal", "complaint");
        var created = order["createdAt"].GetDateTimeOffset().UtcDateTime;
        var calendar = WorkingCalendar.Default;
        var expected = calendar.EndOfWorkingDayUtc(calendar.AddWorkingDays(calendar.LocalDate(created), 5));
        Assert.Equal(expected, Due(order, "completion").UtcDateTime);
        Assert.Equal(calendar.EndOfWorkingDayUtc(calendar.AddWorkingDays(calendar.LocalDate(created), 1)), Due(order, "signFor").UtcDateTime);
        Assert.Equal("5 working days", order["deadlines"].GetProperty("completion").GetProperty("limit").GetString());
    }

    [Fact]
    public async Task AcceptContactReply_MeetTheirDeadlines_AndReviewSendBackUnmeetsCompletion()
    {
        var id = (await RegisterAsync("urgent")).Id;
        await _orders.DispatchAsync(id, app.Data.Water);
        var dispatched = (await _orders.GetAsync(id)).Expect(200);
        var hop = dispatched["assignments"][0].GetProperty("deadlines");
        Assert.Equal("onTime", hop.GetProperty("signFor").GetProperty("state").GetString());

        (await _orders.ActAsync("water", id, "accept")).Expect(200);
        (await _orders.ActAsync("water", id, "contact", new { note = "已电话联系，约定下午上门" })).Expect(200);
        var accepted = (await _orders.GetAsync(id)).Expect(200);
        Assert.Equal("met", State(accepted, "signFor"));
        Assert.Equal("met", State(accepted, "contact"));
        Assert.Equal("met", accepted["assignments"][0].GetProperty("deadlines").GetProperty("signFor").GetProperty("state").GetString());

        (await _orders.ActAsync("water", id, "reply", new { result = "已修复", solved = "yes" })).Expect(200);
        Assert.Equal("met", State((await _orders.GetAsync(id)).Expect(200), "completion"));
        (await _orders.ActAsync("dispatcher", id, "review", new { approve = false, note = "请补充处理照片" })).Expect(200);
        Assert.Equal("onTime", State((await _orders.GetAsync(id)).Expect(200), "completion"));
    }

    [Fact]
    public async Task ExtensionApproved_MovesCompletionByWorkingDays_RejectedDoesNot()
    {
        var id = (await RegisterAsync("normal", "complaint")).Id;
        await _orders.DispatchAsync(id, app.Data.Heating);
        (await _orders.ActAsync("heating", id, "accept")).Expect(200);
        var before = Due((await _orders.GetAsync(id)).Expect(200), "completion").UtcDateTime;

        (await _orders.ActAsync("heating", id, "extension", new { workingDays = 3, reason = "配件需定制" })).Expect(200);
        (await _orders.ActAsync("dispatcher", id, "extension/decision", new { approve = false })).Expect(200);
        Assert.Equal(before, Due((await _orders.GetAsync(id)).Expect(200), "completion").UtcDateTime);

        (await _orders.ActAsync("heating", id, "extension", new { workingDays = 3, reason = "配件需定制" })).Expect(200);
        var after = (await _orders.ActAsync("dispatcher", id, "extension/decision", new { approve = true })).Expect(200);
        var calendar = WorkingCalendar.Default;
        Assert.Equal(calendar.EndOfWorkingDayUtc(calendar.AddWorkingDays(calendar.LocalDate(before), 3)), Due(after, "completion").UtcDateTime);
        Assert.Equal(3, after["extensionDays"].GetInt32());
    }

    [Fact]
    public async Task SuspendAndResume_PausedTimeDoesNotCount()
    {
        var id = (await RegisterAsync("critical")).Id;
        await _orders.DispatchAsync(id, app.Data.Crew);
        var before = Due((await _orders.GetAsync(id)).Expect(200), "completion");

        (await _orders.ActAsync("dispatcher", id, "suspend", new { reason = "市民出差，约定三天后上门" })).Expect(200);
        (await _orders.ActAsync("dispatcher", id, "suspend", new { reason = "再挂一次" })).ExpectProblem(409);
        app.Clock.Advance(TimeSpan.FromHours(3));
        var resumed = (await _orders.ActAsync("supervisor", id, "resume", new { })).Expect(200);

        Assert.Equal(before.AddHours(3), Due(resumed, "completion"));
        Assert.Equal(JsonValueKind.Null, resumed["suspendedSince"].ValueKind);
        (await _orders.ActAsync("dispatcher", id, "resume")).ExpectProblem(409);
        (await _orders.ActAsync("water", id, "suspend", new { reason = "x" })).ExpectProblem(404);
        (await _orders.ActAsync("crew", id, "suspend", new { reason = "x" })).ExpectProblem(403);
        (await _orders.ActAsync("dispatcher", id, "suspend", new { })).ExpectProblem(400, "reason");
    }

    [Fact]
    public async Task Redo_RestartsTheCompletionClock()
    {
        var id = (await RegisterAsync("urgent")).Id;
        await _orders.DispatchAsync(id, app.Data.Water);
        (await _orders.ActAsync("water", id, "accept")).Expect(200);
        (await _orders.ActAsync("water", id, "reply", new { result = "已修复", solved = "yes" })).Expect(200);
        (await _orders.ActAsync("dispatcher", id, "review", new { approve = true })).Expect(200);
        app.Clock.Advance(TimeSpan.FromHours(30));

        var redo = (await _orders.ActAsync("visitor", id, "visit", new { reached = true, solved = "no", satisfaction = "unsatisfied" })).Expect(200);
        Assert.Equal("inProgress", redo.Str("status"));
        Assert.Equal(app.Clock.GetUtcNow().AddHours(24), Due(redo, "completion"));
        Assert.Equal("onTime", State(redo, "completion"));
    }

    [Fact]
    public async Task HopSignFor_NeverPastTheOrdersCompletion()
    {
        var id = (await RegisterAsync("critical")).Id;
        app.Clock.Advance(TimeSpan.FromHours(11.9));
        await _orders.DispatchAsync(id, app.Data.Water);
        var order = (await _orders.GetAsync(id)).Expect(200);
        var hop = order["assignments"][0].GetProperty("deadlines").GetProperty("signFor").GetProperty("dueAt").GetDateTimeOffset();
        Assert.Equal(Due(order, "completion"), hop);
    }

    [Fact]
    public async Task ListAndSummary_ShowApproachingAndOverdue()
    {
        var late = (await RegisterAsync("critical")).Id;
        await _orders.DispatchAsync(late, app.Data.Crew);
        app.Clock.Advance(TimeSpan.FromMinutes(40));
        var soon = (await RegisterAsync("critical")).Id;
        await _orders.DispatchAsync(soon, app.Data.Crew);
        app.Clock.Advance(TimeSpan.FromMinutes(20));

        var dispatcher = await app.AsAsync("dispatcher");
        var overdue = (await dispatcher.Get("/api/v1/work-orders?deadline=overdue&limit=200")).Expect(200)["items"].EnumerateArray().Select(o => o.GetProperty("id").GetGuid()).ToList();
        var approaching = (await dispatcher.Get("/api/v1/work-orders?deadline=approaching&limit=200")).Expect(200)["items"].EnumerateArray().Select(o => o.GetProperty("id").GetGuid()).ToList();
        Assert.Contains(late, overdue);
        Assert.DoesNotContain(late, approaching);
        Assert.Contains(soon, approaching);
        Assert.DoesNotContain(soon, overdue);

        var summary = (await dispatcher.Get("/api/v1/deadlines/summary")).Expect(200).Json.EnumerateArray()
            .Single(u => u.GetProperty("unit").ValueKind == JsonValueKind.Object && u.GetProperty("unit").GetProperty("id").GetGuid() == app.Data.Crew);
        Assert.True(summary.GetProperty("overdue").GetInt32() >= 1);
        Assert.True(summary.GetProperty("approaching").GetInt32() >= 1);

        // A unit sees only its own counts.
        var crewSummary = (await (await app.AsAsync("crew")).Get("/api/v1/deadlines/summary")).Expect(200).Json.EnumerateArray().ToList();
        Assert.All(crewSummary, u => Assert.Equal(app.Data.Crew, u.GetProperty("unit").GetProperty("id").GetGuid()));
    }
}

public sealed class OrderDeadlineTestsOnSqlite(SqliteApp app) : OrderDeadlineTests(app), IClassFixture<SqliteApp>;

public sealed class OrderDeadlineTestsOnPostgres(PostgresApp app) : OrderDeadlineTests(app), IClassFixture<PostgresApp>;
