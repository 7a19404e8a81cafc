using System.Text.Json;
using Lianxin.Web.Tests.Infrastructure;

namespace Lianxin.Web.Tests.Dispatch;

/// <summary>
/// Multi-level dispatch over the baseline chain 江北区分中心 (jiangbei) → 新华路街道 (xinhua) → 阳光物业
/// (sunshine): each hop attributed, replies up, send-back down, lower returns decided by the unit above,
/// recall, lead/assist release, and what siblings see.
/// </summary>
public abstract class MultiLevelDispatchTests(LianxinApp app)
{
    private readonly Orders _orders = new(app);

    private Baseline Data => app.Data;

    private async Task<List<JsonElement>> History(Guid id) => (await _orders.HistoryAsync(id)).Expect(200).Json.EnumerateArray().ToList();

    private static JsonElement HopOf(ApiResponse order, Guid unit) =>
        order["assignments"].EnumerateArray().Last(a => a.GetProperty("unit").GetProperty("id").GetGuid() == unit);

    /// <summary>A new unit (with a handler) under <paramref name="parent"/>, for siblings and spare targets.</summary>
    private async Task<(Guid Unit, string Handler)> NewUnitAsync(string name, string kind, Guid parent)
    {
        var admin = await app.AsAsync("admin");
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var unit = (await admin.Post("/api/v1/units", new { name = name + suffix, kind, parentId = parent })).Expect(201).Id;
        var handler = "h" + suffix;
        (await admin.Post("/api/v1/users", new { username = handler, password = LianxinApp.StaffPassword, displayName = name + "承办人", roles = new[] { "handler" }, unitId = unit })).Expect(201);
        return (unit, handler);
    }

    /// <summary>Centre → sub-centre → street office → property company, each signed for.</summary>
    private async Task<Guid> DownToPropertyAsync()
    {
        var id = await _orders.DispatchedAsync(Data.SubCentre);
        (await _orders.ActAsync("jiangbei", id, "accept")).Expect(200);
        (await _orders.ActAsync("jiangbei", id, "redispatch", new { unitId = Data.Street, note = "请新华路街道核实处理" })).Expect(200);
        (await _orders.ActAsync("xinhua", id, "accept")).Expect(200);
        (await _orders.ActAsync("xinhua", id, "redispatch", new { unitId = Data.Property, role = "lead", note = "请物业上门维修" })).Expect(200);
        (await _orders.ActAsync("sunshine", id, "accept")).Expect(200);
        return id;
    }

    [Fact]
    public async Task ThreeLevelChain_ReplyTravelsUp_SendBackGoesDown_EachHopAttributed()
    {
        var id = await DownToPropertyAsync();
        var order = (await _orders.GetAsync(id)).Expect(200);
        Assert.Equal("inProgress", order.Str("status"));
        var sub = HopOf(order, Data.SubCentre);
        var street = HopOf(order, Data.Street);
        var property = HopOf(order, Data.Property);
        Assert.Equal(JsonValueKind.Null, sub.GetProperty("parentId").ValueKind);
        Assert.Equal(sub.GetProperty("id").GetGuid(), street.GetProperty("parentId").GetGuid());
        Assert.Equal(street.GetProperty("id").GetGuid(), property.GetProperty("parentId").GetGuid());
        Assert.Equal("redispatched", sub.GetProperty("status").GetString());
        Assert.Equal("redispatched", street.GetProperty("status").GetString());
        Assert.Equal("accepted", property.GetProperty("status").GetString());

        // The street office cannot answer for the part it passed down while the company works on it.
        (await _orders.ActAsync("xinhua", id, "reply", new { result = "x", solved = "yes" })).ExpectProblem(409);

        (await _orders.ActAsync("sunshine", id, "reply", new { result = "已更换单元门禁电源，恢复正常。", solved = "yes" })).Expect(200);
        order = (await _orders.GetAsync(id)).Expect(200);
        Assert.Equal("inProgress", order.Str("status"));
        Assert.Equal("replied", HopOf(order, Data.Property).GetProperty("status").GetString());
        Assert.Equal("accepted", HopOf(order, Data.Street).GetProperty("status").GetString());

        // The street office checks it and sends it back down; the company works on.
        (await _orders.ActAsync("xinhua", id, "send-back", new { assignmentId = property.GetProperty("id").GetGuid(), note = "请附维修照片" })).Expect(200);
        order = (await _orders.GetAsync(id)).Expect(200);
        Assert.Equal("accepted", HopOf(order, Data.Property).GetProperty("status").GetString());
        Assert.Equal("redispatched", HopOf(order, Data.Street).GetProperty("status").GetString());

        (await _orders.ActAsync("sunshine", id, "reply", new { result = "已更换电源并附照片。", solved = "yes" })).Expect(200);
        (await _orders.ActAsync("xinhua", id, "reply", new { result = "经核实，物业已修复门禁。", solved = "yes" })).Expect(200);
        Assert.Equal("inProgress", (await _orders.GetAsync(id)).Str("status"));
        (await _orders.ActAsync("jiangbei", id, "reply", new { result = "街道督促物业修复门禁，已恢复。", solved = "yes" })).Expect(200);
        order = (await _orders.GetAsync(id)).Expect(200);
        Assert.Equal("replied", order.Str("status"));
        Assert.Equal("街道督促物业修复门禁，已恢复。", order["reply"].GetProperty("result").GetString());
        (await _orders.ActAsync("dispatcher", id, "review", new { approve = true })).Expect(200);

        var history = await History(id);
        Assert.Equal(
            ["registered", "dispatched", "accepted", "redispatched", "accepted", "redispatched", "accepted", "hopReplied", "sentBack", "hopReplied", "hopReplied", "replied", "reviewApproved"],
            history.Select(e => e.GetProperty("type").GetString()));
        Assert.Equal(Enumerable.Range(1, history.Count), history.Select(e => e.GetProperty("version").GetInt32()));

        // Each hop's work is attributed to its own unit.
        Guid UnitOf(JsonElement e) => e.GetProperty("unit").GetProperty("id").GetGuid();
        Guid ActorUnitOf(JsonElement e) => e.GetProperty("actorUnit").GetProperty("id").GetGuid();
        var replies = history.Where(e => e.GetProperty("type").GetString() is "hopReplied" or "replied").ToList();
        Assert.Equal([Data.Property, Data.Property, Data.Street, Data.SubCentre], replies.Select(UnitOf));
        var passes = history.Where(e => e.GetProperty("type").GetString() == "redispatched").ToList();
        Assert.Equal([Data.Street, Data.Property], passes.Select(UnitOf));
        Assert.Equal([Data.SubCentre, Data.Street], passes.Select(ActorUnitOf));
        var sentBack = history.Single(e => e.GetProperty("type").GetString() == "sentBack");
        Assert.Equal(Data.Property, UnitOf(sentBack));
        Assert.Equal(Data.Street, ActorUnitOf(sentBack));
    }

    [Fact]
    public async Task ThreeLevelChain_EveryLevelSeesTheOrder_SiblingsSeeNothing()
    {
        var id = await DownToPropertyAsync();
        var (otherStreet, otherStreetHandler) = await NewUnitAsync("东湖街道", "streetOffice", Data.SubCentre);
        var (otherCompany, otherCompanyHandler) = await NewUnitAsync("绿城物业", "propertyCompany", Data.Street);
        Assert.NotEqual(otherStreet, otherCompany);

        foreach (var user in new[] { "jiangbei", "xinhua", "sunshine", "dispatcher" })
        {
            (await _orders.GetAsync(id, user)).Expect(200);
        }

        foreach (var user in new[] { otherStreetHandler, otherCompanyHandler, "crew", "water" })
        {
            (await _orders.GetAsync(id, user)).ExpectProblem(404);
            (await (await app.AsAsync(user)).Get($"/api/v1/work-orders/{id}/history")).ExpectProblem(404);
            var list = (await (await app.AsAsync(user)).Get("/api/v1/work-orders?limit=200")).Expect(200);
            Assert.DoesNotContain(list["items"].EnumerateArray(), o => o.GetProperty("id").GetGuid() == id);
            (await _orders.ActAsync(user, id, "redispatch", new { unitId = Data.Property })).ExpectProblem(404);
        }
    }

    [Fact]
    public async Task Redispatch_FromPendingHop_CountsAsSignedFor()
    {
        var id = await _orders.DispatchedAsync(Data.SubCentre);
        var response = (await _orders.ActAsync("jiangbei", id, "redispatch", new { unitId = Data.Street })).Expect(200);

        Assert.Equal("inProgress", response.Str("status"));
        var sub = HopOf(response, Data.SubCentre);
        Assert.Equal("redispatched", sub.GetProperty("status").GetString());
        Assert.NotEqual(JsonValueKind.Null, sub.GetProperty("acceptedAt").ValueKind);
        Assert.Equal("met", response["deadlines"].GetProperty("signFor").GetProperty("state").GetString());
        var last = (await History(id))[^1];
        Assert.True(last.GetProperty("data").GetProperty("signedFor").GetBoolean());
    }

    [Fact]
    public async Task Redispatch_SkippingALevelInsideTheSubtree_IsAllowed()
    {
        var id = await _orders.InProgressAsync(Data.SubCentre);
        (await _orders.ActAsync("jiangbei", id, "redispatch", new { unitId = Data.Property })).Expect(200);
        (await _orders.GetAsync(id, "sunshine")).Expect(200);
    }

    [Fact]
    public async Task Redispatch_BadTargetsAndWrongActors_AreRefused_NothingChanges()
    {
        var id = await _orders.InProgressAsync(Data.SubCentre);
        var (inactive, _) = await NewUnitAsync("停用街道", "streetOffice", Data.SubCentre);
        (await (await app.AsAsync("admin")).Patch($"/api/v1/units/{inactive}", new { isActive = false })).Expect(200);
        var version = (await _orders.GetAsync(id)).Expect(200)["version"].GetInt32();

        (await _orders.ActAsync("jiangbei", id, "redispatch", new { unitId = Data.Water })).ExpectProblem(400, "unitId");
        (await _orders.ActAsync("jiangbei", id, "redispatch", new { unitId = Data.SubCentre })).ExpectProblem(400, "unitId");
        (await _orders.ActAsync("jiangbei", id, "redispatch", new { unitId = Guid.NewGuid() })).ExpectProblem(400, "unitId");
        (await _orders.ActAsync("jiangbei", id, "redispatch", new { unitId = inactive })).ExpectProblem(400, "unitId");
        (await _orders.ActAsync("jiangbei", id, "redispatch", new { note = "缺单位" })).ExpectProblem(400, "unitId");
        (await _orders.ActAsync("jiangbei", id, "redispatch", new { unitId = Data.Street, role = "boss" })).ExpectProblem(400);
        (await _orders.ActAsync("dispatcher", id, "redispatch", new { unitId = Data.Street })).ExpectProblem(403);
        (await _orders.ActAsync("agent", id, "redispatch", new { unitId = Data.Street })).ExpectProblem(403);
        Assert.Equal(version, (await _orders.GetAsync(id)).Expect(200)["version"].GetInt32());

        // A property company does not pass orders down; a unit already on the order is not added twice.
        var direct = await _orders.InProgressAsync(Data.Property);
        var (below, _) = await NewUnitAsync("物业维修班", "repairCrew", Data.Property);
        (await _orders.ActAsync("sunshine", direct, "redispatch", new { unitId = below })).ExpectProblem(409);
        (await _orders.ActAsync("jiangbei", id, "redispatch", new { unitId = Data.Street })).Expect(200);
        (await _orders.ActAsync("jiangbei", id, "redispatch", new { unitId = Data.Property })).ExpectProblem(409);
        (await _orders.ActAsync("jiangbei", id, "redispatch", new { unitId = Data.Street, role = "assist" })).ExpectProblem(409);
    }

    [Fact]
    public async Task LowerReturn_IsDecidedByTheUnitAbove_ApprovedWorkGoesBackToIt()
    {
        var id = await DownToPropertyAsync();
        (await _orders.ActAsync("sunshine", id, "return", new { reason = "该楼栋不在本物业管理范围", basis = "物业服务合同附件一" })).Expect(200);
        var order = (await _orders.GetAsync(id)).Expect(200);
        Assert.Equal("inProgress", order.Str("status"));
        var pending = Assert.Single(order["pendingReturns"].EnumerateArray());
        Assert.Equal(Data.Property, pending.GetProperty("unit").GetProperty("id").GetGuid());

        // Not the centre's to decide, nor a sibling's.
        (await _orders.ActAsync("dispatcher", id, "return/decision", new { approve = true })).ExpectProblem(403);
        (await _orders.ActAsync("jiangbei", id, "return/decision", new { approve = true })).ExpectProblem(403);

        (await _orders.ActAsync("xinhua", id, "return/decision", new { approve = true, note = "改由街道房管员处理" })).Expect(200);
        order = (await _orders.GetAsync(id)).Expect(200);
        Assert.Equal("inProgress", order.Str("status"));
        Assert.Equal("returned", HopOf(order, Data.Property).GetProperty("status").GetString());
        Assert.Equal("accepted", HopOf(order, Data.Street).GetProperty("status").GetString());
        var last = (await History(id))[^1];
        Assert.Equal("returnApproved", last.GetProperty("type").GetString());
        Assert.Equal("inProgress", last.GetProperty("toStatus").GetString());

        // The street office has the work back: it may pass it to another company or answer itself.
        var (other, otherHandler) = await NewUnitAsync("安居物业", "propertyCompany", Data.Street);
        (await _orders.ActAsync("xinhua", id, "redispatch", new { unitId = other })).Expect(200);
        (await _orders.GetAsync(id, otherHandler)).Expect(200);
    }

    [Fact]
    public async Task LowerReturn_Rejected_UnitKeepsItsPart()
    {
        var id = await DownToPropertyAsync();
        (await _orders.ActAsync("sunshine", id, "return", new { reason = "不归我们管", basis = "无" })).Expect(200);
        (await _orders.ActAsync("xinhua", id, "return/decision", new { approve = false, note = "该楼栋在贵公司合同范围内" })).Expect(200);
        var order = (await _orders.GetAsync(id)).Expect(200);
        Assert.Equal("accepted", HopOf(order, Data.Property).GetProperty("status").GetString());
        Assert.Equal("redispatched", HopOf(order, Data.Street).GetProperty("status").GetString());
        Assert.Empty(order["pendingReturns"].EnumerateArray());
        (await _orders.ActAsync("sunshine", id, "reply", new { result = "已处理", solved = "yes" })).Expect(200);
    }

    [Fact]
    public async Task Return_OfAHopWithUnitsStillBelow_IsRefused()
    {
        var id = await DownToPropertyAsync();
        (await _orders.ActAsync("xinhua", id, "return", new { reason = "非本街道", basis = "区划调整" })).ExpectProblem(409);
        (await _orders.ActAsync("jiangbei", id, "return", new { reason = "非本区", basis = "区划调整" })).ExpectProblem(409);
    }

    [Fact]
    public async Task Recall_TakesAPendingHopBack_OnlyByTheUnitAbove()
    {
        var id = await _orders.InProgressAsync(Data.SubCentre);
        (await _orders.ActAsync("jiangbei", id, "redispatch", new { unitId = Data.Street })).Expect(200);
        var street = HopOf((await _orders.GetAsync(id)).Expect(200), Data.Street).GetProperty("id").GetGuid();

        (await _orders.ActAsync("xinhua", id, "recall", new { assignmentId = street, note = "自己收回" })).ExpectProblem(409);
        (await _orders.ActAsync("jiangbei", id, "recall", new { assignmentId = street })).ExpectProblem(400, "note");
        (await _orders.ActAsync("jiangbei", id, "recall", new { assignmentId = Guid.NewGuid(), note = "派错" })).ExpectProblem(400, "assignmentId");
        (await _orders.ActAsync("jiangbei", id, "recall", new { assignmentId = street, note = "派错街道" })).Expect(200);

        var order = (await _orders.GetAsync(id)).Expect(200);
        Assert.Equal("cancelled", HopOf(order, Data.Street).GetProperty("status").GetString());
        Assert.Equal("accepted", HopOf(order, Data.SubCentre).GetProperty("status").GetString());
        (await _orders.ActAsync("xinhua", id, "accept")).ExpectProblem(409);
        (await _orders.ActAsync("jiangbei", id, "reply", new { result = "分中心直接协调解决", solved = "yes" })).Expect(200);
    }

    [Fact]
    public async Task SendBack_OnlyARepliedLowerHop_ByTheUnitAbove()
    {
        var id = await DownToPropertyAsync();
        var property = HopOf((await _orders.GetAsync(id)).Expect(200), Data.Property).GetProperty("id").GetGuid();
        (await _orders.ActAsync("xinhua", id, "send-back", new { assignmentId = property, note = "未答复不能发回" })).ExpectProblem(409);
        (await _orders.ActAsync("sunshine", id, "reply", new { result = "已修", solved = "yes" })).Expect(200);
        (await _orders.ActAsync("jiangbei", id, "send-back", new { assignmentId = property, note = "越级发回" })).ExpectProblem(409);
        (await _orders.ActAsync("dispatcher", id, "send-back", new { assignmentId = property, note = "中心发回" })).ExpectProblem(403);
        (await _orders.ActAsync("xinhua", id, "send-back", new { assignmentId = property })).ExpectProblem(400, "note");

        // Once the street office has replied upwards, it can no longer send its company's reply back.
        (await _orders.ActAsync("xinhua", id, "reply", new { result = "已核实", solved = "yes" })).Expect(200);
        (await _orders.ActAsync("xinhua", id, "send-back", new { assignmentId = property, note = "再发回" })).ExpectProblem(409);
    }

    [Fact]
    public async Task LowerHopDeadlines_FitInsideTheirParents()
    {
        var id = await DownToPropertyAsync();
        var order = (await _orders.GetAsync(id)).Expect(200);
        DateTimeOffset Due(JsonElement hop, string which) => hop.GetProperty("deadlines").GetProperty(which).GetProperty("dueAt").GetDateTimeOffset();
        var orderDue = order["deadlines"].GetProperty("completion").GetProperty("dueAt").GetDateTimeOffset();
        var sub = HopOf(order, Data.SubCentre);
        var street = HopOf(order, Data.Street);
        var property = HopOf(order, Data.Property);

        Assert.Equal(orderDue, Due(sub, "completion"));
        Assert.True(Due(street, "completion") < Due(sub, "completion"), "the sub-centre keeps time to check its street's reply");
        Assert.True(Due(property, "completion") < Due(street, "completion"), "the street keeps time to check its company's reply");
        Assert.True(Due(property, "completion") > property.GetProperty("dispatchedAt").GetDateTimeOffset());
        foreach (var hop in new[] { sub, street, property })
        {
            Assert.True(Due(hop, "signFor") <= Due(hop, "completion"));
        }
    }

    [Fact]
    public async Task LeadWaitsForAssists_UntilTheDispatcherReleasesIt_AssistsStillWorkingAreWithdrawnAtClose()
    {
        var id = await _orders.InProgressAsync(Data.Crew, Data.Water);
        (await _orders.ActAsync("crew", id, "reply", new { result = "已疏通", solved = "yes" })).ExpectProblem(409);
        (await _orders.ActAsync("crew", id, "release-assists", new { })).ExpectProblem(403);

        (await _orders.ActAsync("dispatcher", id, "release-assists", new { note = "供水配合部分已电话确认，不再等待" })).Expect(200);
        (await _orders.ActAsync("dispatcher", id, "release-assists", new { })).ExpectProblem(409);
        Assert.NotEqual(JsonValueKind.Null, (await _orders.GetAsync(id)).Expect(200)["assistsReleasedAt"].ValueKind);
        (await _orders.ActAsync("crew", id, "reply", new { result = "已疏通立管", solved = "yes" })).Expect(200);
        (await _orders.ActAsync("dispatcher", id, "review", new { approve = true })).Expect(200);

        var order = (await _orders.GetAsync(id)).Expect(200);
        Assert.Equal("closed", order.Str("status"));
        Assert.Equal("cancelled", HopOf(order, Data.Water).GetProperty("status").GetString());
        var closed = (await History(id)).Single(e => e.GetProperty("type").GetString() == "reviewApproved");
        Assert.Equal(Data.Water, closed.GetProperty("data").GetProperty("withdrawn")[0].GetProperty("unitId").GetGuid());
    }

    [Fact]
    public async Task ReleaseAssists_WithNoAssistWorking_IsRefused()
    {
        var id = await _orders.InProgressAsync(Data.Crew);
        (await _orders.ActAsync("dispatcher", id, "release-assists")).ExpectProblem(409);
    }

    [Fact]
    public async Task AssistBelow_MustFinishBeforeItsParentReplies()
    {
        var id = await _orders.InProgressAsync(Data.SubCentre);
        (await _orders.ActAsync("jiangbei", id, "redispatch", new { unitId = Data.Street, role = "assist", note = "请街道配合核实" })).Expect(200);
        var order = (await _orders.GetAsync(id)).Expect(200);
        Assert.Equal("accepted", HopOf(order, Data.SubCentre).GetProperty("status").GetString());
        Assert.Equal("assist", HopOf(order, Data.Street).GetProperty("role").GetString());

        (await _orders.ActAsync("jiangbei", id, "reply", new { result = "x", solved = "yes" })).ExpectProblem(409);
        (await _orders.ActAsync("xinhua", id, "accept")).Expect(200);
        (await _orders.ActAsync("xinhua", id, "reply", new { result = "已核实现场情况", solved = "yes" })).Expect(200);
        (await _orders.ActAsync("jiangbei", id, "reply", new { result = "已协调解决", solved = "yes" })).Expect(200);
        Assert.Equal("replied", (await _orders.GetAsync(id)).Str("status"));
    }

    [Fact]
    public async Task ReviewSentBack_ThenTheFirstLevelSendsItDown_AndTheChainRunsAgain()
    {
        var id = await DownToPropertyAsync();
        (await _orders.ActAsync("sunshine", id, "reply", new { result = "已修", solved = "yes" })).Expect(200);
        (await _orders.ActAsync("xinhua", id, "reply", new { result = "已修", solved = "yes" })).Expect(200);
        (await _orders.ActAsync("jiangbei", id, "reply", new { result = "已修", solved = "yes" })).Expect(200);
        (await _orders.ActAsync("dispatcher", id, "review", new { approve = false, note = "答复过于简单，请说明修复内容" })).Expect(200);

        var order = (await _orders.GetAsync(id)).Expect(200);
        Assert.Equal("inProgress", order.Str("status"));
        var street = HopOf(order, Data.Street).GetProperty("id").GetGuid();
        (await _orders.ActAsync("jiangbei", id, "send-back", new { assignmentId = street, note = "请补充修复内容" })).Expect(200);
        var property = HopOf(order, Data.Property).GetProperty("id").GetGuid();
        (await _orders.ActAsync("xinhua", id, "send-back", new { assignmentId = property, note = "请补充修复内容" })).Expect(200);
        (await _orders.ActAsync("sunshine", id, "reply", new { result = "更换了单元门禁电源模块", solved = "yes" })).Expect(200);
        (await _orders.ActAsync("xinhua", id, "reply", new { result = "物业更换了门禁电源模块", solved = "yes" })).Expect(200);
        (await _orders.ActAsync("jiangbei", id, "reply", new { result = "物业已更换门禁电源模块，门禁恢复", solved = "yes" })).Expect(200);
        Assert.Equal("replied", (await _orders.GetAsync(id)).Str("status"));
    }
}

public sealed class MultiLevelDispatchTestsOnSqlite(SqliteApp app) : MultiLevelDispatchTests(app), IClassFixture<SqliteApp>;

public sealed class MultiLevelDispatchTestsOnPostgres(PostgresApp app) : MultiLevelDispatchTests(app), IClassFixture<PostgresApp>;
