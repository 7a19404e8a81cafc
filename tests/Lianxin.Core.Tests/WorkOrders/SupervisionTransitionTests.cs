using Lianxin.Core.Supervision;
using Lianxin.Core.WorkOrders;
using static Lianxin.Core.Tests.WorkOrders.Expect;
using static Lianxin.Core.Tests.WorkOrders.World;

namespace Lianxin.Core.Tests.WorkOrders;

/// <summary>催办, 督办 and the unit's written reply; 挂起 and 恢复, and what a pause does to every clock.</summary>
public class SupervisionTransitionTests
{
    private static readonly Given SupervisedThenReplied = new("under 督办, then replied",
        () => OrderBuilder.Registered().InProgress(Department).Supervised().Replied(Department));

    private static readonly TransitionTable Urge = new("Urge", (b, actor) => b.Order.Urge(actor, b.Now, "请加快办理", b.NextId()))
    {
        {
            OrderStates.InProgress, Supervisor,
            Ok(WorkOrderStatus.InProgress, EventTypes.Urged).Then(b =>
            {
                var record = Assert.Single(b.Order.Supervisions);
                Assert.Equal((SupervisionKind.Urge, (Guid?)Department.Id, false, false), (record.Kind, record.UnitId, record.Automatic, record.IsOpen));
                Assert.Equal(1, b.Order.UrgeCount);
            })
        },
        { OrderStates.InProgress, Dispatcher, Ok(WorkOrderStatus.InProgress, EventTypes.Urged) },
        { OrderStates.Dispatched, Supervisor, Ok(WorkOrderStatus.Dispatched, EventTypes.Urged) },
        { OrderStates.ReturnRequested, Supervisor, Ok(WorkOrderStatus.ReturnRequested, EventTypes.Urged) },
        { OrderStates.Urged, Supervisor, "again", Ok(WorkOrderStatus.InProgress, EventTypes.Urged).Then(b => Assert.Equal(2, b.Order.UrgeCount)) },
        {
            OrderStates.OneDownAccepted, Supervisor, "passed down",
            Ok(WorkOrderStatus.InProgress, EventTypes.Urged).Then(b => Assert.Equal(SubCentre.Id, b.Order.Supervisions.Single().UnitId)) // the first-level lead answers for the order
        },
        { OrderStates.InProgress, Each(Agent, Visitor, Admin, NoRole, DepartmentHandler), Forbidden },
        { OrderStates.Registered, Supervisor, NotNow("status-not-allowed") },
        { OrderStates.Replied, Supervisor, NotNow("status-not-allowed") },
        { OrderStates.Closed, Supervisor, NotNow("status-not-allowed") },
        { OrderStates.Merged, Supervisor, NotNow("status-not-allowed") },
    };

    private static readonly TransitionTable Supervise = new("Supervise", (b, actor) => b.Order.Supervise(actor, b.Now, "已超期，请书面说明", b.Now.AddDays(2), b.NextId()))
    {
        {
            OrderStates.InProgress, Supervisor,
            Ok(WorkOrderStatus.InProgress, EventTypes.Supervised).Then(b =>
            {
                var record = Assert.Single(b.Order.Supervisions);
                Assert.Equal((SupervisionKind.Supervise, (Guid?)Department.Id, true), (record.Kind, record.UnitId, record.IsOpen));
                Assert.Equal(b.Now.AddDays(2), record.ReplyDueAt);
                Assert.Equal(1, b.Order.SuperviseCount);
            })
        },
        { OrderStates.Dispatched, Supervisor, Ok(WorkOrderStatus.Dispatched, EventTypes.Supervised) },
        { OrderStates.ReturnRequested, Supervisor, Ok(WorkOrderStatus.ReturnRequested, EventTypes.Supervised) },
        { OrderStates.Supervised, Supervisor, "a second one", Ok(WorkOrderStatus.InProgress, EventTypes.Supervised).Then(b => Assert.Equal(2, b.Order.SuperviseCount)) },
        { OrderStates.InProgress, Supervisor, "the reply due now", (b, a) => b.Order.Supervise(a, b.Now, "x", b.Now, b.NextId()), Invalid },
        { OrderStates.InProgress, Supervisor, "the reply due in the past", (b, a) => b.Order.Supervise(a, b.Now, "x", b.Now.AddHours(-1), b.NextId()), Invalid },
        { OrderStates.InProgress, Each(Dispatcher, Agent, Visitor, Admin, NoRole, DepartmentHandler), Forbidden },
        { OrderStates.Registered, Supervisor, NotNow("status-not-allowed") },
        { OrderStates.Replied, Supervisor, NotNow("status-not-allowed") },
        { OrderStates.Closed, Supervisor, NotNow("status-not-allowed") },
    };

    private static readonly TransitionTable ReplyToSupervision = new("ReplyToSupervision", (b, actor) => b.Order.ReplyToSupervision(actor, b.Now, b.SupervisionId, "已整改完毕"))
    {
        {
            OrderStates.Supervised, DepartmentHandler,
            Ok(WorkOrderStatus.InProgress, EventTypes.SupervisionReplied).Then(b =>
            {
                var record = b.Order.Supervisions.Single();
                Assert.Equal(("已整改完毕", b.Now, DepartmentHandler.UserId), (record.ReplyText, record.RepliedAt!.Value, record.RepliedBy!.Value));
                Assert.False(record.IsOpen);
            })
        },
        { OrderStates.Supervised, Each(UnrelatedHandler, SubCentreHandler), NotNow("not-your-unit") },
        { OrderStates.Supervised, Each(Dispatcher, Supervisor, NoRole), Forbidden },
        { OrderStates.SupervisionAnswered, DepartmentHandler, NotNow("already-replied") },
        { OrderStates.SupervisedOneDown, SubCentreHandler, "the first-level lead it is addressed to", Ok(WorkOrderStatus.InProgress, EventTypes.SupervisionReplied) },
        { OrderStates.SupervisedOneDown, StreetHandler, "the unit below it", NotNow("not-your-unit") },
        { OrderStates.Supervised, DepartmentHandler, "no such record", (b, a) => b.Order.ReplyToSupervision(a, b.Now, Id(999), "x"), NotFound },
        { OrderStates.Urged, DepartmentHandler, "a 催办, which needs no reply", (b, a) => b.Order.ReplyToSupervision(a, b.Now, b.Order.Supervisions.Single().Id, "x"), NotFound },
        {
            SupervisedThenReplied, DepartmentHandler, "after the order was replied",
            Ok(WorkOrderStatus.Replied, EventTypes.SupervisionReplied)
        },
    };

    private static readonly TransitionTable Suspend = new("Suspend", (b, actor) => b.Order.Suspend(actor, b.Now, "等待市民提供材料", b.NextId()))
    {
        {
            OrderStates.InProgress, Dispatcher,
            Ok(WorkOrderStatus.InProgress, EventTypes.Suspended).Then(b =>
            {
                Assert.Equal(b.Now, b.Order.SuspendedSince);
                var pause = Assert.Single(b.Order.Suspensions);
                Assert.Equal((b.Now, (DateTime?)null, "等待市民提供材料"), (pause.From, pause.To, pause.Reason));
                Assert.Null(b.Order.DeadlineCheckAt); // no clock runs while suspended
            })
        },
        { OrderStates.InProgress, Supervisor, Ok(WorkOrderStatus.InProgress, EventTypes.Suspended) },
        { OrderStates.Dispatched, Dispatcher, Ok(WorkOrderStatus.Dispatched, EventTypes.Suspended) },
        { OrderStates.Resumed, Dispatcher, "again", Ok(WorkOrderStatus.InProgress, EventTypes.Suspended).Then(b => Assert.Equal(2, b.Order.Suspensions.Count)) },
        { OrderStates.Suspended, Dispatcher, NotNow("already-suspended") },
        { OrderStates.InProgress, Each(Agent, Visitor, Admin, NoRole, DepartmentHandler), Forbidden },
        { OrderStates.Registered, Dispatcher, NotNow("status-not-allowed") },
        { OrderStates.ReturnRequested, Dispatcher, NotNow("status-not-allowed") },
        { OrderStates.Replied, Dispatcher, NotNow("status-not-allowed") },
        { OrderStates.Closed, Dispatcher, NotNow("status-not-allowed") },
    };

    private static readonly TransitionTable Resume = new("Resume", (b, actor) => b.Order.Resume(actor, b.Now, "市民已提供材料"))
    {
        {
            OrderStates.Suspended, Dispatcher,
            Ok(WorkOrderStatus.InProgress, EventTypes.Resumed).Then(b =>
            {
                Assert.Null(b.Order.SuspendedSince);
                Assert.Equal((b.Now, Dispatcher.UserId), (b.Order.Suspensions.Single().To!.Value, b.Order.Suspensions.Single().ResumedBy!.Value));
                Assert.Equal("""{"pausedMinutes":10}""", b.Order.History[^1].Data);
                Assert.NotNull(b.Order.DeadlineCheckAt);
            })
        },
        { OrderStates.Suspended, Supervisor, Ok(WorkOrderStatus.InProgress, EventTypes.Resumed) },
        { OrderStates.SuspendedDispatched, Dispatcher, Ok(WorkOrderStatus.Dispatched, EventTypes.Resumed) },
        { OrderStates.Suspended, Each(Agent, Visitor, Admin, NoRole, DepartmentHandler), Forbidden },
        { OrderStates.InProgress, Dispatcher, NotNow("not-suspended") },
        { OrderStates.Resumed, Dispatcher, NotNow("not-suspended") },
    };

    public static IEnumerable<TheoryDataRow<string>> UrgeCases() => Urge.Names();

    public static IEnumerable<TheoryDataRow<string>> SuperviseCases() => Supervise.Names();

    public static IEnumerable<TheoryDataRow<string>> ReplyToSupervisionCases() => ReplyToSupervision.Names();

    public static IEnumerable<TheoryDataRow<string>> SuspendCases() => Suspend.Names();

    public static IEnumerable<TheoryDataRow<string>> ResumeCases() => Resume.Names();

    [Theory]
    [MemberData(nameof(UrgeCases))]
    public void Urge_EachCase_HasItsOutcome(string scenario) => Urge.Run(scenario);

    [Theory]
    [MemberData(nameof(SuperviseCases))]
    public void Supervise_EachCase_HasItsOutcome(string scenario) => Supervise.Run(scenario);

    [Theory]
    [MemberData(nameof(ReplyToSupervisionCases))]
    public void ReplyToSupervision_EachCase_HasItsOutcome(string scenario) => ReplyToSupervision.Run(scenario);

    [Theory]
    [MemberData(nameof(SuspendCases))]
    public void Suspend_EachCase_HasItsOutcome(string scenario) => Suspend.Run(scenario);

    [Theory]
    [MemberData(nameof(ResumeCases))]
    public void Resume_EachCase_HasItsOutcome(string scenario) => Resume.Run(scenario);

    /// <summary>An urgent order counts natural hours: a pause of exactly five hours moves every clock — the order's and each hop's — by five hours.</summary>
    [Fact]
    public void SuspendAndResume_NaturalHourClocks_EveryClockMovesByThePausedTime()
    {
        var b = OrderBuilder.Registered(DemandType.Complaint, Urgency.Urgent).Dispatched(SubCentre, Department).PassedDown(SubCentre, Street);
        var before = Dues(b);

        b.At(T0.AddHours(1)).Suspended().At(T0.AddHours(6)).Resumed();

        var after = Dues(b);
        Assert.Equal(before.Count, after.Count);
        Assert.All(before.Zip(after), p => Assert.Equal(p.First.Due.AddHours(5), p.Second.Due));
        Assert.Equal(T0.AddHours(2 + 5), b.Order.SignFor!.DueAt);
        Assert.Equal(T0.AddHours(24 + 5), b.Order.Completion!.DueAt);
    }

    /// <summary>A working-day order loses the working time of the pause: Tuesday 09:00 to Wednesday 17:30 is two working days.</summary>
    [Fact]
    public void SuspendAndResume_WorkingDayClocks_MoveByTheWorkingTimeLost()
    {
        var b = OrderBuilder.Registered().InProgress(Department);
        Assert.Equal(Local("2026-11-30 17:30"), b.Order.Completion!.DueAt);

        b.At(Local("2026-11-24 09:00")).Suspended().At(Local("2026-11-25 17:30")).Resumed();

        Assert.Equal(Local("2026-12-02 17:30"), b.Order.Completion.DueAt);
        Assert.Equal(Local("2026-12-02 17:30"), b.HopOf(Department).Completion!.DueAt);
        Assert.Equal(Local("2026-11-26 17:30"), b.Order.Contact!.DueAt); // due Tuesday 17:30, paused from 09:00: the rest of it moves too
    }

    [Fact]
    public void Suspended_TheDueInstantKeepsMovingUntilResumed()
    {
        var b = OrderBuilder.Registered(DemandType.Complaint, Urgency.Critical).InProgress(Department).Suspended();
        var paused = b.Order.Completion!.DueAt;

        b.At(b.Order.SuspendedSince!.Value.AddHours(3)).Recompute();

        Assert.Equal(paused.AddHours(3), b.Order.Completion.DueAt);
        Assert.Null(b.Order.DeadlineCheckAt);
    }

    private static List<(string Clock, DateTime Due)> Dues(OrderBuilder b) =>
    [
        ("signFor", b.Order.SignFor!.DueAt), ("contact", b.Order.Contact!.DueAt), ("completion", b.Order.Completion!.DueAt),
        .. b.Order.Assignments.SelectMany(h => new[] { ($"{h.UnitId} signFor", h.SignFor!.DueAt), ($"{h.UnitId} completion", h.Completion!.DueAt) }),
    ];
}
