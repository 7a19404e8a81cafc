using System.Text.Json;
using Lianxin.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Lianxin.Web.Tests.Dispatch;

/// <summary>Returns (退回) and extensions (延期) of a first-level hop, decided by the centre, over HTTP on each provider.</summary>
public abstract class ReturnAndExtensionTests(LianxinApp app)
{
    private readonly Orders _orders = new(app);

    private Baseline Data => app.Data;

    private async Task<List<JsonElement>> History(Guid id) => await _orders.HistoryListAsync(id);

    private static void LastEvent(List<JsonElement> history, string type, string from, string to) => Orders.AssertLastEvent(history, type, from, to);

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
}

public sealed class ReturnAndExtensionTestsOnSqlite(SqliteApp app) : ReturnAndExtensionTests(app), IClassFixture<SqliteApp>;

public sealed class ReturnAndExtensionTestsOnPostgres(PostgresApp app) : ReturnAndExtensionTests(app), IClassFixture<PostgresApp>;
