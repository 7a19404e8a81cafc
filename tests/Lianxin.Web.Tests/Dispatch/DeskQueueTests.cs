using Lianxin.Core.Dispatch;
using Lianxin.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Lianxin.Web.Tests.Dispatch;

/// <summary>The dispatcher's and the units' desk queues on each provider: each tab's rows and count follow the order's life.</summary>
public abstract class DeskQueueTests(LianxinApp app)
{
    private readonly Orders _orders = new(app);

    private Baseline Data => app.Data;

    private DateTime Now => app.Clock.GetUtcNow().UtcDateTime;

    private async Task<T> Query<TQueue, T>(Func<TQueue, Task<T>> query)
        where TQueue : notnull
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<TQueue>());
    }

    private Task<IReadOnlyList<DeskRow>> Dispatch(DispatchTab tab) => Query<DispatchQueues, IReadOnlyList<DeskRow>>(q => q.ListAsync(tab, Now, 0, CancellationToken.None));

    private Task<int> DispatchCount(DispatchTab tab) => Query<DispatchQueues, int>(q => q.CountAsync(tab, CancellationToken.None));

    private Task<IReadOnlyList<DeskRow>> Unit(Guid unit, UnitTab tab) => Query<UnitQueues, IReadOnlyList<DeskRow>>(q => q.ListAsync(unit, tab, Now, 0, CancellationToken.None));

    private Task<int> UnitCount(Guid unit, UnitTab tab) => Query<UnitQueues, int>(q => q.CountAsync(unit, tab, CancellationToken.None));

    [Fact]
    public async Task ToDispatch_HoldsRegisteredOrders_UntilDispatched()
    {
        var before = await DispatchCount(DispatchTab.ToDispatch);
        var id = await _orders.RegisteredAsync();

        var row = Assert.Single(await Dispatch(DispatchTab.ToDispatch), r => r.Id == id);
        Assert.Null(row.UnitId);
        Assert.NotNull(row.Pressing(Now));
        Assert.Equal(before + 1, await DispatchCount(DispatchTab.ToDispatch));

        await _orders.DispatchAsync(id, Data.Water);
        Assert.DoesNotContain(await Dispatch(DispatchTab.ToDispatch), r => r.Id == id);
        Assert.Equal(before, await DispatchCount(DispatchTab.ToDispatch));
    }

    [Fact]
    public async Task ReturnsExtensionsAndReview_EachShowTheOrderWhileTheDecisionIsPending()
    {
        var returned = await _orders.InProgressAsync(Data.Water);
        (await _orders.ActAsync("water", returned, "return", new { reason = "非本单位职责", basis = "三定方案" })).Expect(200);
        var extended = await _orders.InProgressAsync(Data.Water);
        (await _orders.ActAsync("water", extended, "extension", new { workingDays = 2, reason = "需协调燃气公司停气后施工" })).Expect(200);
        var replied = await _orders.RepliedAsync(Data.Water);

        Assert.Equal(Data.Water, Assert.Single(await Dispatch(DispatchTab.Returns), r => r.Id == returned).UnitId);
        Assert.Single(await Dispatch(DispatchTab.Extensions), r => r.Id == extended);
        Assert.Single(await Dispatch(DispatchTab.Review), r => r.Id == replied);
        Assert.DoesNotContain(await Dispatch(DispatchTab.Review), r => r.Id == returned);

        (await _orders.ActAsync("dispatcher", returned, "return/decision", new { approve = false, note = "属贵单位维护范围" })).Expect(200);
        (await _orders.ActAsync("dispatcher", extended, "extension/decision", new { approve = true })).Expect(200);
        (await _orders.ActAsync("dispatcher", replied, "review", new { approve = true })).Expect(200);
        Assert.DoesNotContain(await Dispatch(DispatchTab.Returns), r => r.Id == returned);
        Assert.DoesNotContain(await Dispatch(DispatchTab.Extensions), r => r.Id == extended);
        Assert.DoesNotContain(await Dispatch(DispatchTab.Review), r => r.Id == replied);
    }

    [Fact]
    public async Task Rows_ComeMostPressingFirst()
    {
        await _orders.RegisteredAsync(Orders.NewOrder(Data.CategoryDrain, urgency: "normal"));
        await _orders.RegisteredAsync(Orders.NewOrder(Data.CategoryDrain, urgency: "urgent"));
        var rows = await Dispatch(DispatchTab.ToDispatch);
        var dues = rows.Select(r => r.Pressing(Now)).Where(p => p is not null).Select(p => p!.Value.Clock.DueAt).ToList();
        Assert.True(dues.Count >= 2);
        Assert.Equal(dues.Order(), dues);
    }

    [Fact]
    public async Task UnitTabs_FollowTheHop_AndShowOnlyTheUnitsOwnOrders()
    {
        var id = await _orders.DispatchedAsync(Data.Water);
        var row = Assert.Single(await Unit(Data.Water, UnitTab.ToAccept), r => r.Id == id);
        Assert.Equal(Lianxin.Core.Deadlines.DeadlineKind.SignFor, row.Pressing(Now)!.Value.Kind);
        Assert.DoesNotContain(await Unit(Data.Heating, UnitTab.ToAccept), r => r.Id == id);
        Assert.All(await Unit(Data.Water, UnitTab.ToAccept), r => Assert.Equal(Data.Water, r.UnitId));

        var accepting = await UnitCount(Data.Water, UnitTab.ToAccept);
        (await _orders.ActAsync("water", id, "accept")).Expect(200);
        Assert.Equal(accepting - 1, await UnitCount(Data.Water, UnitTab.ToAccept));
        Assert.Single(await Unit(Data.Water, UnitTab.InProgress), r => r.Id == id);

        (await _orders.ActAsync("water", id, "reply", new { result = "已更换阀门，供水恢复。", solved = "yes" })).Expect(200);
        Assert.DoesNotContain(await Unit(Data.Water, UnitTab.InProgress), r => r.Id == id);
        Assert.Equal("已更换阀门，供水恢复。", Assert.Single(await Unit(Data.Water, UnitTab.Replied), r => r.Id == id).Note);
    }

    [Fact]
    public async Task LowerReplied_ShowsTheOrderToTheUnitAbove_UntilItForwardsTheReply()
    {
        var id = await _orders.DispatchedAsync(Data.SubCentre);
        (await _orders.ActAsync("jiangbei", id, "accept")).Expect(200);
        (await _orders.ActAsync("jiangbei", id, "redispatch", new { unitId = Data.Street, note = "请新华路街道核实处理" })).Expect(200);
        Assert.DoesNotContain(await Unit(Data.SubCentre, UnitTab.LowerReplied), r => r.Id == id);
        Assert.Single(await Unit(Data.Street, UnitTab.ToAccept), r => r.Id == id);

        (await _orders.ActAsync("xinhua", id, "accept")).Expect(200);
        (await _orders.ActAsync("xinhua", id, "reply", new { result = "已上门疏通。", solved = "yes" })).Expect(200);
        Assert.Single(await Unit(Data.SubCentre, UnitTab.LowerReplied), r => r.Id == id);

        (await _orders.ActAsync("jiangbei", id, "reply", new { result = "经街道上门疏通，已解决。", solved = "yes" })).Expect(200);
        Assert.DoesNotContain(await Unit(Data.SubCentre, UnitTab.LowerReplied), r => r.Id == id);
    }

    [Fact]
    public async Task SupervisionTab_ListsOpenRecordsToTheUnit_UntilAnswered()
    {
        var id = await _orders.InProgressAsync(Data.Water);
        (await _orders.ActAsync("supervisor", id, "supervise", new { note = "请书面说明处理进展。" })).Expect(200);
        var row = Assert.Single(await Unit(Data.Water, UnitTab.Supervision), r => r.Id == id);
        Assert.Equal("请书面说明处理进展。", row.Note);
        Assert.NotNull(row.NoteDueAt);
        Assert.DoesNotContain(await Unit(Data.Heating, UnitTab.Supervision), r => r.Id == id);

        var water = await app.AsAsync("water");
        (await water.Post($"/api/v1/work-orders/{id}/supervisions/{row.TargetId}/reply", new { text = "已安排今晚施工。" })).Expect(200);
        Assert.DoesNotContain(await Unit(Data.Water, UnitTab.Supervision), r => r.Id == id);
    }

    [Fact]
    public async Task Offers_ShowToMemberUnits_AndLeaveWhenClaimed()
    {
        var admin = await app.AsAsync("admin");
        var group = (await admin.Post("/api/v1/unit-groups", new { name = "会诊组" + Guid.NewGuid().ToString("N")[..6], description = "测试", unitIds = new[] { Data.Heating, Data.Crew } })).Expect(201).Id;
        var id = await _orders.RegisteredAsync();
        (await _orders.ActAsync("dispatcher", id, "help-requests", new { groupId = group, note = "请有经验的单位认领。" })).Expect(200);

        Assert.Single(await Dispatch(DispatchTab.Help), r => r.Id == id);
        var offer = Assert.Single(await Unit(Data.Heating, UnitTab.Offers), r => r.Id == id);
        Assert.Equal("请有经验的单位认领。", offer.Note);
        Assert.DoesNotContain(await Unit(Data.Water, UnitTab.Offers), r => r.Id == id);

        (await (await app.AsAsync("heating")).Post($"/api/v1/help-requests/{offer.TargetId}/claim")).Expect(200);
        Assert.DoesNotContain(await Unit(Data.Heating, UnitTab.Offers), r => r.Id == id);
        Assert.DoesNotContain(await Unit(Data.Crew, UnitTab.Offers), r => r.Id == id);
        Assert.DoesNotContain(await Dispatch(DispatchTab.Help), r => r.Id == id);
    }
}

public sealed class DeskQueueTestsOnSqlite(SqliteApp app) : DeskQueueTests(app), IClassFixture<SqliteApp>;

public sealed class DeskQueueTestsOnPostgres(PostgresApp app) : DeskQueueTests(app), IClassFixture<PostgresApp>;
