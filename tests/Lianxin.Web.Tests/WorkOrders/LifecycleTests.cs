using System.Text.Json;
using Lianxin.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Lianxin.Web.Tests.WorkOrders;

/// <summary>The whole hotline loop over HTTP, every transition with its history event, on each provider.</summary>
public abstract class LifecycleTests(LianxinApp app)
{
    private readonly Orders _orders = new(app);

    private Baseline Data => app.Data;

    private async Task<List<JsonElement>> History(Guid id) => (await _orders.HistoryAsync(id)).Expect(200).Json.EnumerateArray().ToList();

    private static void LastEvent(List<JsonElement> history, string type, string from, string to)
    {
        var last = history[^1];
        Assert.Equal(type, last.GetProperty("type").GetString());
        Assert.Equal(from, last.GetProperty("fromStatus").GetString());
        Assert.Equal(to, last.GetProperty("toStatus").GetString());
        Assert.Equal(history.Count, last.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Register_ByAgent_Returns201WithNumberLocationAndETag()
    {
        var response = (await _orders.RegisterAsync()).Expect(201);

        Assert.Matches("^RX261123[0-9]{4}$", response.Str("number"));
        Assert.Equal("registered", response.Str("status"));
        Assert.Equal(1, response["version"].GetInt32());
        Assert.Equal($"/api/v1/work-orders/{response.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
        Assert.Equal("房屋修缮 / 管道堵塞", response["category"].GetProperty("path").GetString());
        Assert.Equal("江北区 / 新华路街道", response["region"].GetProperty("path").GetString());
        Assert.Equal("王晓雯", response["createdBy"].GetProperty("name").GetString());
        var history = await History(response.Id);
        LastEvent(history, "registered", "registered", "registered");
    }

    [Fact]
    public async Task FullLoop_DispatchAcceptReplyReviewVisit_EndsArchivedWithOneEventPerStep()
    {
        var id = await _orders.RegisteredAsync();
        await _orders.DispatchAsync(id, Data.Crew, Data.Property);
        var order = (await _orders.GetAsync(id)).Expect(200);
        Assert.Equal("dispatched", order.Str("status"));
        Assert.Equal(2, order["assignments"].GetArrayLength());

        (await _orders.ActAsync("crew", id, "accept")).Expect(200);
        Assert.Equal("inProgress", (await _orders.GetAsync(id)).Str("status"));
        (await _orders.ActAsync("sunshine", id, "accept")).Expect(200);

        // The lead waits for its assist (DOMAIN.md: assist units must finish first).
        (await _orders.ActAsync("crew", id, "reply", new { result = "已疏通", solved = "yes" })).ExpectProblem(409);
        (await _orders.ActAsync("sunshine", id, "reply", new { result = "已配合关闭楼栋总阀", solved = "yes" })).Expect(200);
        (await _orders.ActAsync("crew", id, "reply", new { result = "立管堵塞已疏通，排水正常。", solved = "yes" })).Expect(200);
        Assert.Equal("replied", (await _orders.GetAsync(id)).Str("status"));

        (await _orders.ActAsync("dispatcher", id, "review", new { approve = true })).Expect(200);
        Assert.Equal("closed", (await _orders.GetAsync(id)).Str("status"));

        var visited = (await _orders.ActAsync("visitor", id, "visit", new { reached = true, solved = "yes", satisfaction = "satisfied", comment = "很及时" })).Expect(200);
        Assert.Equal("archived", visited.Str("status"));
        Assert.Equal("satisfied", visited["visit"].GetProperty("satisfaction").GetString());

        var types = (await History(id)).Select(e => e.GetProperty("type").GetString()).ToList();
        Assert.Equal(["registered", "dispatched", "accepted", "accepted", "assistReplied", "replied", "reviewApproved", "visited"], types);
    }

    [Fact]
    public async Task AnswerDirectly_ByAgent_ClosesAtOnce()
    {
        var id = await _orders.RegisteredAsync();
        var response = (await _orders.ActAsync("agent", id, "answer-directly", new { answer = "已指导市民复位空气开关，恢复供电。" })).Expect(200);

        Assert.Equal("closed", response.Str("status"));
        Assert.Equal("已指导市民复位空气开关，恢复供电。", response.Str("answer"));
        LastEvent(await History(id), "answeredDirectly", "registered", "closed");
    }

    [Fact]
    public async Task NotAccept_ThenArchive_EndsArchived()
    {
        var id = await _orders.RegisteredAsync();
        (await _orders.ActAsync("agent", id, "not-accept", new { reason = "属于110报警范围，已告知市民拨打110。" })).Expect(200);
        LastEvent(await History(id), "notAccepted", "registered", "notAccepted");

        (await _orders.ActAsync("visitor", id, "archive", new { })).Expect(200);
        LastEvent(await History(id), "archived", "notAccepted", "archived");
    }

    [Fact]
    public async Task Return_Approved_GoesBackToRegisteredAndUnitIsOut()
    {
        var id = await _orders.InProgressAsync(Data.Water);
        (await _orders.ActAsync("water", id, "return", new { reason = "该小区为自建供水设施，不属本公司管辖。", basis = "《城市供水条例》第二十七条" })).Expect(200);
        var pending = (await _orders.GetAsync(id)).Expect(200);
        Assert.Equal("returnRequested", pending.Str("status"));
        Assert.Equal("《城市供水条例》第二十七条", pending["pendingReturn"].GetProperty("basis").GetString());

        (await _orders.ActAsync("dispatcher", id, "return/decision", new { approve = true, note = "改派物业" })).Expect(200);
        var order = (await _orders.GetAsync(id)).Expect(200);
        Assert.Equal("registered", order.Str("status"));
        Assert.Equal("returned", order["assignments"][0].GetProperty("status").GetString());
        LastEvent(await History(id), "returnApproved", "returnRequested", "registered");

        // The returned unit can no longer act; the order can be dispatched again.
        (await _orders.ActAsync("water", id, "reply", new { result = "x", solved = "yes" })).ExpectProblem(409);
        await _orders.DispatchAsync(id, Data.Property);
        Assert.Equal("dispatched", (await _orders.GetAsync(id)).Str("status"));
    }

    [Fact]
    public async Task Return_Rejected_UnitKeepsTheOrder()
    {
        var id = await _orders.InProgressAsync(Data.Water);
        (await _orders.ActAsync("water", id, "return", new { reason = "不归我们管", basis = "无" })).Expect(200);
        (await _orders.ActAsync("dispatcher", id, "return/decision", new { approve = false, note = "供水管网属贵单位维护范围" })).Expect(200);

        var order = (await _orders.GetAsync(id)).Expect(200);
        Assert.Equal("inProgress", order.Str("status"));
        Assert.Equal("accepted", order["assignments"][0].GetProperty("status").GetString());
        LastEvent(await History(id), "returnRejected", "returnRequested", "inProgress");
    }

    [Fact]
    public async Task Return_BeforeAccepting_RejectedLeavesItPending()
    {
        var id = await _orders.DispatchedAsync(Data.Water);
        (await _orders.ActAsync("water", id, "return", new { reason = "非本单位职责", basis = "三定方案" })).Expect(200);
        (await _orders.ActAsync("dispatcher", id, "return/decision", new { approve = false })).Expect(200);

        var order = (await _orders.GetAsync(id)).Expect(200);
        Assert.Equal("dispatched", order.Str("status"));
        Assert.Equal("pending", order["assignments"][0].GetProperty("status").GetString());
    }

    [Fact]
    public async Task Extension_RequestedAndApproved_IsRecordedWithBothEvents()
    {
        var id = await _orders.InProgressAsync(Data.Heating);
        (await _orders.ActAsync("heating", id, "extension", new { workingDays = 3, reason = "需更换主管道阀门，配件需三天到货。" })).Expect(200);
        var pending = (await _orders.GetAsync(id)).Expect(200);
        Assert.Equal(3, pending["pendingExtension"].GetProperty("workingDays").GetInt32());

        // A second request while one is pending is refused.
        (await _orders.ActAsync("heating", id, "extension", new { workingDays = 1, reason = "再延一天" })).ExpectProblem(409);

        (await _orders.ActAsync("dispatcher", id, "extension/decision", new { approve = true })).Expect(200);
        var order = (await _orders.GetAsync(id)).Expect(200);
        Assert.Equal(JsonValueKind.Null, order["pendingExtension"].ValueKind);
        var history = await History(id);
        Assert.Equal("extensionRequested", history[^2].GetProperty("type").GetString());
        LastEvent(history, "extensionApproved", "inProgress", "inProgress");
        var stored = await app.Db(db => db.ExtensionRequests.SingleAsync(e => e.WorkOrderId == id));
        Assert.Equal(Lianxin.Core.Dispatch.Decision.Approved, stored.Decision);
    }

    [Fact]
    public async Task Extension_Rejected_IsRecorded()
    {
        var id = await _orders.InProgressAsync(Data.Heating);
        (await _orders.ActAsync("heating", id, "extension", new { workingDays = 5, reason = "人手不足" })).Expect(200);
        (await _orders.ActAsync("dispatcher", id, "extension/decision", new { approve = false, note = "理由不充分" })).Expect(200);
        LastEvent(await History(id), "extensionRejected", "inProgress", "inProgress");
    }

    [Fact]
    public async Task Review_SendBack_ReturnsToUnitAndNeedsANote()
    {
        var id = await _orders.RepliedAsync(Data.Water);
        (await _orders.ActAsync("dispatcher", id, "review", new { approve = false })).ExpectProblem(400, "note");
        (await _orders.ActAsync("dispatcher", id, "review", new { approve = false, note = "答复过于简单，未说明何时恢复供水。" })).Expect(200);

        var order = (await _orders.GetAsync(id)).Expect(200);
        Assert.Equal("inProgress", order.Str("status"));
        Assert.Equal("accepted", order["assignments"][0].GetProperty("status").GetString());
        LastEvent(await History(id), "reviewRejected", "replied", "inProgress");

        (await _orders.ActAsync("water", id, "reply", new { result = "已于今日16时恢复供水，并电话告知市民。", solved = "yes" })).Expect(200);
        Assert.Equal("replied", (await _orders.GetAsync(id)).Str("status"));
    }

    [Fact]
    public async Task Visit_UnsatisfiedFirstRound_RedoThenSecondVisitIsFinal()
    {
        var id = await _orders.ClosedAsync(Data.Water);
        var redo = (await _orders.ActAsync("visitor", id, "visit", new { reached = true, solved = "no", satisfaction = "unsatisfied", comment = "水压还是很低" })).Expect(200);
        Assert.Equal("inProgress", redo.Str("status"));
        Assert.Equal(1, redo["redoCount"].GetInt32());
        LastEvent(await History(id), "redo", "closed", "inProgress");

        (await _orders.ActAsync("water", id, "reply", new { result = "已更换减压阀。", solved = "partly" })).Expect(200);
        (await _orders.ActAsync("dispatcher", id, "review", new { approve = true })).Expect(200);
        var final = (await _orders.ActAsync("visitor", id, "visit", new { reached = true, solved = "partly", satisfaction = "unsatisfied" })).Expect(200);

        Assert.Equal("archived", final.Str("status"));
        Assert.Equal(1, final["redoCount"].GetInt32());
        var visits = (await (await app.AsAsync("dispatcher")).Get($"/api/v1/work-orders/{id}/visits")).Expect(200);
        Assert.Equal([1, 2], visits.Json.EnumerateArray().Select(v => v.GetProperty("round").GetInt32()));
    }

    [Fact]
    public async Task Visit_UnreachedThreeTimes_ArchivesAsUnreachable()
    {
        var id = await _orders.ClosedAsync(Data.Water);
        (await _orders.ActAsync("visitor", id, "visit", new { reached = false })).Expect(200);
        (await _orders.ActAsync("visitor", id, "visit", new { reached = false })).Expect(200);
        Assert.Equal("closed", (await _orders.GetAsync(id)).Str("status"));
        (await _orders.ActAsync("visitor", id, "visit", new { reached = false, comment = "三次无人接听" })).Expect(200);

        Assert.Equal("archived", (await _orders.GetAsync(id)).Str("status"));
        var last = (await History(id))[^1];
        Assert.True(last.GetProperty("data").GetProperty("unreachable").GetBoolean());
    }

    [Fact]
    public async Task Visit_ReachedWithoutRating_Is400()
    {
        var id = await _orders.ClosedAsync(Data.Water);
        (await _orders.ActAsync("visitor", id, "visit", new { reached = true })).ExpectProblem(400, "satisfaction");
        Assert.Equal("closed", (await _orders.GetAsync(id)).Str("status"));
    }

    [Fact]
    public async Task UrgeAndSupervise_RecordsAndUnitReply()
    {
        var id = await _orders.InProgressAsync(Data.Water);
        (await _orders.ActAsync("supervisor", id, "urge", new { note = "市民再次来电催促，请加快处理。" })).Expect(200);
        var supervised = (await _orders.ActAsync("supervisor", id, "supervise", new { note = "已超期，请于明日12时前书面说明。" })).Expect(200);
        Assert.Equal(1, supervised["urgeCount"].GetInt32());
        Assert.Equal(1, supervised["superviseCount"].GetInt32());

        var water = await app.AsAsync("water");
        var records = (await water.Get($"/api/v1/work-orders/{id}/supervisions")).Expect(200).Json.EnumerateArray().ToList();
        Assert.Equal(["urge", "supervise"], records.Select(r => r.GetProperty("kind").GetString()));
        var supervisionId = records[1].GetProperty("id").GetGuid();

        (await water.Post($"/api/v1/work-orders/{id}/supervisions/{supervisionId}/reply", new { text = "已安排抢修队今晚施工，明早恢复供水。" })).Expect(200);
        (await water.Post($"/api/v1/work-orders/{id}/supervisions/{supervisionId}/reply", new { text = "再答一次" })).ExpectProblem(409);
        (await (await app.AsAsync("heating")).Post($"/api/v1/work-orders/{id}/supervisions/{supervisionId}/reply", new { text = "x" })).ExpectProblem(404);
        var history = await History(id);
        Assert.Equal(["urged", "supervised", "supervisionReplied"], history.TakeLast(3).Select(e => e.GetProperty("type").GetString()));
    }

    [Fact]
    public async Task Merge_RepeatIntoMaster_BothHistoriesSaySoAndMasterGainsRequester()
    {
        var master = await _orders.InProgressAsync(Data.Water);
        var repeat = await _orders.RegisteredAsync(Orders.NewOrder(Data.CategoryLeak, phone: "13900001111", title: "楼下漏水"));

        var merged = (await _orders.ActAsync("dispatcher", repeat, "merge", new { intoId = master, note = "同一漏水点" })).Expect(200);
        Assert.Equal("merged", merged.Str("status"));
        Assert.Equal(master, merged["mergedInto"].GetGuid());

        var masterOrder = (await _orders.GetAsync(master)).Expect(200);
        Assert.Equal("13900001111", masterOrder["extraRequesters"][0].GetProperty("phone").GetString());
        Assert.Equal("mergedFrom", (await History(master))[^1].GetProperty("type").GetString());
        LastEvent(await History(repeat), "merged", "registered", "merged");

        // Into itself, or into a merged order: refused, nothing changes.
        (await _orders.ActAsync("dispatcher", master, "merge", new { intoId = master })).ExpectProblem(400, "intoId");
        var third = await _orders.RegisteredAsync();
        (await _orders.ActAsync("dispatcher", third, "merge", new { intoId = repeat })).ExpectProblem(409);
        Assert.Equal("registered", (await _orders.GetAsync(third)).Str("status"));
    }

    [Fact]
    public async Task Transition_InWrongStatus_Is409WithReasonAndNothingChanges()
    {
        var id = await _orders.RegisteredAsync();
        var before = (await _orders.GetAsync(id)).Expect(200);

        var refused = (await _orders.ActAsync("dispatcher", id, "review", new { approve = true })).ExpectProblem(409);
        Assert.Contains("已受理", refused.Str("detail"));

        var after = (await _orders.GetAsync(id)).Expect(200);
        Assert.Equal(before["version"].GetInt32(), after["version"].GetInt32());
        Assert.Single(await History(id));
    }

    [Fact]
    public async Task Problem_InEnglish_WhenAcceptLanguageAsksForIt()
    {
        var id = await _orders.RegisteredAsync();
        var client = await app.AsAsync("dispatcher");
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/work-orders/{id}/review") { Content = System.Net.Http.Json.JsonContent.Create(new { approve = true }) };
        request.Headers.AcceptLanguage.ParseAdd("en-US");
        var refused = (await client.Exchange(request)).ExpectProblem(409);
        Assert.Contains("registered", refused.Str("detail"));
    }
}

public sealed class LifecycleTestsOnSqlite(SqliteApp app) : LifecycleTests(app), IClassFixture<SqliteApp>;

public sealed class LifecycleTestsOnPostgres(PostgresApp app) : LifecycleTests(app), IClassFixture<PostgresApp>;
