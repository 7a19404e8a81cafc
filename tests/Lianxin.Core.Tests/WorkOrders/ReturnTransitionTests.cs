using Lianxin.Core.Dispatch;
using Lianxin.Core.Organization;
using Lianxin.Core.WorkOrders;
using static Lianxin.Core.Dispatch.AssignmentStatus;
using static Lianxin.Core.Tests.WorkOrders.Expect;
using static Lianxin.Core.Tests.WorkOrders.World;

namespace Lianxin.Core.Tests.WorkOrders;

/// <summary>
/// 退回: a unit says the order is not theirs; whoever dispatched the hop decides — the centre's dispatcher
/// for a first-level hop, the unit above for a lower one. Only the first-level lead's return reaches the
/// centre as the order's status (DOMAIN.md, up and down the chain).
/// </summary>
public class ReturnTransitionTests
{
    /// <summary>The lead and its assist both ask to return the order.</summary>
    private static readonly Given TwoReturns = new("return requested by the lead and by the assist",
        () => OrderBuilder.Registered().InProgress(Department, SubCentre).Accepted(SubCentre).ReturnRequested(SubCentre).ReturnRequested(Department));

    private static readonly Given AssistBelowReturnRequested = new("return requested by the street office assisting below",
        () => OrderBuilder.Registered().InProgress(SubCentre).PassedDown(SubCentre, Street, AssignmentRole.Assist).ReturnRequested(Street));

    private static readonly TransitionTable RequestReturn = new("RequestReturn", (b, actor) => b.Order.RequestReturn(actor, b.Now, "非本单位职责", "三定方案第三条", "not-ours", b.NextId()))
    {
        {
            OrderStates.Dispatched, DepartmentHandler,
            Ok(WorkOrderStatus.ReturnRequested, EventTypes.ReturnRequested, (Department, ReturnRequested)).Then(b =>
            {
                var request = Assert.Single(b.Order.Returns);
                Assert.Equal((b.HopOf(Department).Id, Department.Id, Decision.Pending, "not-ours"), (request.AssignmentId, request.UnitId, request.Decision, request.ReasonCode));
                Assert.Equal(("非本单位职责", "三定方案第三条"), (request.Reason, request.Basis));
                Assert.Contains("\"decidedBy\":\"centre\"", b.Order.History[^1].Data, StringComparison.Ordinal);
            })
        },
        { OrderStates.InProgress, DepartmentHandler, Ok(WorkOrderStatus.ReturnRequested, EventTypes.ReturnRequested, (Department, ReturnRequested)) },
        { OrderStates.ExtensionPending, DepartmentHandler, Ok(WorkOrderStatus.ReturnRequested, EventTypes.ReturnRequested, (Department, ReturnRequested)) },
        { OrderStates.DispatchedWithAssist, SubCentreHandler, Ok(WorkOrderStatus.Dispatched, EventTypes.ReturnRequested, (SubCentre, ReturnRequested), (Department, Pending)) },
        { OrderStates.AssistAccepted, SubCentreHandler, Ok(WorkOrderStatus.InProgress, EventTypes.ReturnRequested, (SubCentre, ReturnRequested), (Department, Accepted)) },
        {
            OrderStates.OneDown, StreetHandler,
            Ok(WorkOrderStatus.InProgress, EventTypes.ReturnRequested, (Street, ReturnRequested), (SubCentre, Redispatched))
                .Then(b => Assert.Contains("\"decidedBy\":\"parentUnit\"", b.Order.History[^1].Data, StringComparison.Ordinal))
        },
        { OrderStates.TwoDownAccepted, PropertyHandler, Ok(WorkOrderStatus.InProgress, EventTypes.ReturnRequested, (Property, ReturnRequested), (Street, Redispatched)) },
        { OrderStates.OneDown, SubCentreHandler, NotNow("assignment-status") },
        { OrderStates.OneDown, PropertyHandler, NotNow("assignment-status") },
        { OrderStates.OneDown, CrewHandler, NotNow("assignment-status") },
        { OrderStates.OneDown, Each(Dispatcher, Supervisor, NoRole), Forbidden },
        { OrderStates.AssistBelow, SubCentreHandler, NotNow("children-open") },
        { OrderStates.AssistBelow, StreetHandler, "an assist below", Ok(WorkOrderStatus.InProgress, EventTypes.ReturnRequested, (Street, ReturnRequested), (SubCentre, Accepted)) },
        { OrderStates.ReturnRequested, DepartmentHandler, NotNow("assignment-status") },
        { OrderStates.Replied, DepartmentHandler, NotNow("assignment-status") },
        { OrderStates.ReturnApproved, DepartmentHandler, NotNow("assignment-status") },
        { OrderStates.InProgress, UnrelatedHandler, NotNow("assignment-status") },
        { OrderStates.Closed, DepartmentHandler, NotNow("assignment-status") },
    };

    private static readonly TransitionTable DecideReturn = new("DecideReturn", (b, actor) => Decide(b, actor, Department, approve: true))
    {
        {
            OrderStates.ReturnRequested, Dispatcher, "approve",
            Ok(WorkOrderStatus.Registered, EventTypes.ReturnApproved, (Department, Returned)).Then(b =>
            {
                Assert.Equal(Decision.Approved, b.Order.Returns.Single().Decision);
                Assert.Equal(Dispatcher.UserId, b.Order.Returns.Single().DecidedBy);
                Assert.Null(b.Order.LeadAssignment);
                Assert.Equal([Department.Id], b.Order.Hops.ReturnedUnitIds);
                Assert.Equal(b.Now, b.HopOf(Department).ClosedAt);
            })
        },
        { OrderStates.ReturnRequested, Dispatcher, "reject", (b, a) => Decide(b, a, Department, approve: false), Ok(WorkOrderStatus.InProgress, EventTypes.ReturnRejected, (Department, Accepted)) },
        { OrderStates.ReturnRequestedPending, Dispatcher, "reject", (b, a) => Decide(b, a, Department, approve: false), Ok(WorkOrderStatus.Dispatched, EventTypes.ReturnRejected, (Department, Pending)) },
        { OrderStates.ReturnRequested, Dispatcher, "naming no hop", (b, a) => b.Order.DecideReturn(a, b.Now, true, null, null), Ok(WorkOrderStatus.Registered, EventTypes.ReturnApproved) },
        { OrderStates.ReturnRequested, DepartmentHandler, "the returning unit", Forbidden },
        { OrderStates.ReturnRequested, SubCentreHandler, Forbidden },
        { OrderStates.ReturnRequested, Each(Supervisor, Agent, Visitor, Admin, NoRole), Forbidden },
        {
            OrderStates.AssistReturnRequested, Dispatcher, "approve the assist's", (b, a) => Decide(b, a, SubCentre, approve: true),
            Ok(WorkOrderStatus.InProgress, EventTypes.ReturnApproved, (SubCentre, Returned), (Department, Accepted))
        },
        {
            OrderStates.OneDownReturnRequested, SubCentreHandler, "approve, the unit above", (b, a) => Decide(b, a, Street, approve: true),
            Ok(WorkOrderStatus.InProgress, EventTypes.ReturnApproved, (Street, Returned), (SubCentre, Accepted))
                .Then(b => Assert.Same(b.HopOf(SubCentre), b.Order.LeadAssignment))
        },
        {
            OrderStates.OneDownReturnRequested, SubCentreHandler, "reject, the unit above", (b, a) => Decide(b, a, Street, approve: false),
            Ok(WorkOrderStatus.InProgress, EventTypes.ReturnRejected, (Street, Pending), (SubCentre, Redispatched))
        },
        {
            AssistBelowReturnRequested, SubCentreHandler, "approve an assist below", (b, a) => Decide(b, a, Street, approve: true),
            Ok(WorkOrderStatus.InProgress, EventTypes.ReturnApproved, (Street, Returned), (SubCentre, Accepted))
        },
        { AssistBelowReturnRequested, Dispatcher, "the centre, for an assist below", (b, a) => Decide(b, a, Street, approve: true), Forbidden },
        { OrderStates.OneDownReturnRequested, Dispatcher, "the centre, for a lower hop", (b, a) => Decide(b, a, Street, approve: true), Forbidden },
        { OrderStates.OneDownReturnRequested, StreetHandler, "the returning unit", (b, a) => Decide(b, a, Street, approve: true), Forbidden },
        { OrderStates.OneDownReturnRequested, PropertyHandler, "a unit below", (b, a) => Decide(b, a, Street, approve: true), Forbidden },
        { OrderStates.OneDownReturnRequested, UnrelatedHandler, "another unit", (b, a) => Decide(b, a, Street, approve: true), Forbidden },
        {
            OrderStates.TwoDownReturnRequested, StreetHandler, "approve, the unit above", (b, a) => Decide(b, a, Property, approve: true),
            Ok(WorkOrderStatus.InProgress, EventTypes.ReturnApproved, (Property, Returned), (Street, Accepted), (SubCentre, Redispatched))
        },
        { OrderStates.TwoDownReturnRequested, SubCentreHandler, "two levels above", (b, a) => Decide(b, a, Property, approve: true), Forbidden },
        { OrderStates.TwoDownReturnRequested, Dispatcher, "the centre, two levels above", (b, a) => Decide(b, a, Property, approve: true), Forbidden },
        { OrderStates.InProgress, Dispatcher, "nothing asked", NotNow("nothing-pending") },
        { OrderStates.ReturnApproved, Dispatcher, "already decided", NotNow("nothing-pending") },
        { OrderStates.AssistReturnRequested, Dispatcher, "naming a hop that did not ask", (b, a) => Decide(b, a, Department, approve: true), NotNow("nothing-pending") },
        { TwoReturns, Dispatcher, "naming no hop when two asked", (b, a) => b.Order.DecideReturn(a, b.Now, true, null, null), Invalid },
        {
            TwoReturns, Dispatcher, "naming the lead when two asked", (b, a) => Decide(b, a, Department, approve: true),
            Ok(WorkOrderStatus.Registered, EventTypes.ReturnApproved, (Department, Returned), (SubCentre, ReturnRequested))
                .Then(b => Assert.Single(b.Order.Returns, r => r.Decision == Decision.Pending))
        },
    };

    public static IEnumerable<TheoryDataRow<string>> RequestReturnCases() => RequestReturn.Names();

    public static IEnumerable<TheoryDataRow<string>> DecideReturnCases() => DecideReturn.Names();

    [Theory]
    [MemberData(nameof(RequestReturnCases))]
    public void RequestReturn_EachCase_HasItsOutcome(string scenario) => RequestReturn.Run(scenario);

    [Theory]
    [MemberData(nameof(DecideReturnCases))]
    public void DecideReturn_EachCase_HasItsOutcome(string scenario) => DecideReturn.Run(scenario);

    [Fact]
    public void LowerReturn_Approved_TheUnitAbovePassesItToAnotherUnit()
    {
        var b = OrderStates.OneDownReturnApproved.Build();

        b.Order.Redispatch(SubCentreHandler, b.Now, SubCentre, Lead(Crew), "改派维修队", b.NextId());

        Assert.Equal(Redispatched, b.HopOf(SubCentre).Status);
        Assert.Equal((Pending, b.HopOf(SubCentre).Id), (b.HopOf(Crew).Status, b.HopOf(Crew).ParentId));
        Assert.Equal(Returned, b.HopOf(Street).Status);
    }

    [Fact]
    public void Return_Rejected_TheUnitsClocksRunOnFromTheirStart()
    {
        var b = OrderStates.ReturnRequested.Build();
        var hop = b.HopOf(Department);
        var (start, due) = (hop.Completion!.StartAt, hop.Completion.DueAt);

        b.ReturnDecided(Department, approve: false);

        Assert.Equal((start, due), (hop.Completion.StartAt, hop.Completion.DueAt));
        Assert.Equal(due, b.Order.Completion!.DueAt);
    }

    private static void Decide(OrderBuilder b, Identity.Actor actor, Unit unit, bool approve) =>
        b.Order.DecideReturn(actor, b.Now, approve, approve ? "同意" : "属于本单位职责", b.HopOf(unit).Id);
}
