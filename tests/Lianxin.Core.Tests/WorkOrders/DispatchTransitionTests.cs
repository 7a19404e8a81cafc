using Lianxin.Core.Deadlines;
using Lianxin.Core.Dispatch;
using Lianxin.Core.Identity;
using Lianxin.Core.Organization;
using Lianxin.Core.WorkOrders;
using static Lianxin.Core.Dispatch.AssignmentStatus;
using static Lianxin.Core.Tests.WorkOrders.Expect;
using static Lianxin.Core.Tests.WorkOrders.World;

namespace Lianxin.Core.Tests.WorkOrders;

/// <summary>
/// Dispatch by the centre, signing for (签收), contact, passing down the chain (转派) and releasing the lead
/// from its assists. Unit relations are named from the hop in question: own unit, the unit above (that
/// passed it down), a unit below, another unit, centre staff.
/// </summary>
public class DispatchTransitionTests
{
    private static readonly TransitionTable Dispatch = new("Dispatch", (b, actor) => b.Order.Dispatch(actor, b.Now, [Lead(Department)], "请尽快处理", b.NextId))
    {
        {
            OrderStates.Registered, Dispatcher,
            Ok(WorkOrderStatus.Dispatched, EventTypes.Dispatched, (Department, Pending)).Then(b =>
            {
                var hop = b.HopOf(Department);
                Assert.Equal((AssignmentRole.Lead, (Guid?)null, b.Now), (hop.Role, hop.ParentId, hop.DispatchedAt));
                Assert.Equal(hop.Id, b.Order.History[^1].AssignmentId);
                Assert.Same(hop, b.Order.LeadAssignment);

                // The hop's clocks start at dispatch, with the order's limits; a first-level hop has the order's completion.
                Assert.Equal(b.Now, hop.SignFor!.StartAt);
                Assert.Equal(b.Order.Completion!.DueAt, hop.Completion!.DueAt);
            })
        },
        { OrderStates.Registered, Each(Agent, Visitor, Supervisor, Admin, NoRole, DepartmentHandler, SubCentreHandler), Forbidden },
        {
            OrderStates.Registered, Dispatcher, "lead and assist", (b, a) => b.Order.Dispatch(a, b.Now, [Assist(SubCentre), Lead(Department)], null, b.NextId),
            Ok(WorkOrderStatus.Dispatched, EventTypes.Dispatched, (Department, Pending), (SubCentre, Pending))
                .Then(b => Assert.Equal(AssignmentRole.Assist, b.HopOf(SubCentre).Role))
        },
        {
            OrderStates.RegisteredWithOffer, Dispatcher,
            Ok(WorkOrderStatus.Dispatched, EventTypes.Dispatched, (Department, Pending)).WithEvents(2)
                .Then(b => Assert.Equal(HelpRequestStatus.Withdrawn, b.Order.HelpRequests.Single().Status))
        },
        {
            OrderStates.ReturnApproved, Dispatcher, "to another unit", (b, a) => b.Order.Dispatch(a, b.Now, [Lead(SubCentre)], null, b.NextId),
            Ok(WorkOrderStatus.Dispatched, EventTypes.Dispatched, (SubCentre, Pending), (Department, Returned)).Then(b => Assert.Equal(b.HopOf(SubCentre), b.Order.LeadAssignment))
        },
        {
            OrderStates.ReturnApprovedAssistWorking, Dispatcher, "lead to the assist still working", (b, a) => b.Order.Dispatch(a, b.Now, [Lead(SubCentre)], null, b.NextId),
            NotNow("already-assigned")
        },
        { OrderStates.Dispatched, Dispatcher, NotNow("status-not-allowed") },
        { OrderStates.InProgress, Dispatcher, NotNow("status-not-allowed") },
        { OrderStates.ReturnRequested, Dispatcher, NotNow("status-not-allowed") },
        { OrderStates.Closed, Dispatcher, NotNow("status-not-allowed") },
        { OrderStates.AnsweredDirectly, Dispatcher, NotNow("status-not-allowed") },
        { OrderStates.Registered, Dispatcher, "assist only", (b, a) => b.Order.Dispatch(a, b.Now, [Assist(Department)], null, b.NextId), Invalid },
        { OrderStates.Registered, Dispatcher, "two leads", (b, a) => b.Order.Dispatch(a, b.Now, [Lead(Department), Lead(SubCentre)], null, b.NextId), Invalid },
        { OrderStates.Registered, Dispatcher, "one unit twice", (b, a) => b.Order.Dispatch(a, b.Now, [Lead(Department), Assist(Department)], null, b.NextId), Invalid },
        { OrderStates.Registered, Dispatcher, "to a deactivated unit", (b, a) => b.Order.Dispatch(a, b.Now, [Lead(Deactivated)], null, b.NextId), Invalid },
        { OrderStates.Registered, Dispatcher, "to the centre itself", (b, a) => b.Order.Dispatch(a, b.Now, [Lead(Centre)], null, b.NextId), Invalid },
        { OrderStates.Registered, Dispatcher, "to no such unit", (b, a) => b.Order.Dispatch(a, b.Now, [new HopTarget(Id(999), AssignmentRole.Lead, null)], null, b.NextId), Invalid },
        { OrderStates.Registered, Dispatcher, "to no unit at all", (b, a) => b.Order.Dispatch(a, b.Now, [], null, b.NextId), Invalid },
        {
            OrderStates.Registered, Dispatcher, $"to {WorkOrder.MaxDispatchTargets + 1} units",
            (b, a) => b.Order.Dispatch(a, b.Now, [Lead(Department), .. ManyUnits(WorkOrder.MaxDispatchTargets).Select(Assist)], null, b.NextId),
            Invalid
        },
        {
            OrderStates.Registered, Dispatcher, $"to {WorkOrder.MaxDispatchTargets} units",
            (b, a) => b.Order.Dispatch(a, b.Now, [Lead(Department), .. ManyUnits(WorkOrder.MaxDispatchTargets - 1).Select(Assist)], null, b.NextId),
            Ok(WorkOrderStatus.Dispatched, EventTypes.Dispatched).Then(b => Assert.Equal(WorkOrder.MaxDispatchTargets, b.Order.Assignments.Count))
        },
    };

    private static readonly TransitionTable Accept = new("Accept", (b, actor) => b.Order.Accept(actor, b.Now))
    {
        {
            OrderStates.Dispatched, DepartmentHandler,
            Ok(WorkOrderStatus.InProgress, EventTypes.Accepted, (Department, Accepted)).Then(b =>
            {
                Assert.Equal(b.Now, b.Order.SignedForAt);
                Assert.Equal(b.Now, b.HopOf(Department).AcceptedAt);
                Assert.Equal(DepartmentHandler.UserId, b.HopOf(Department).AcceptedBy);
                Assert.Equal(DeadlineState.Met, b.Order.SignFor!.State);
                Assert.Equal(DeadlineState.Met, b.HopOf(Department).SignFor!.State);
                Assert.Equal(b.Order.Contact!.ApproachingAt, b.Order.DeadlineCheckAt); // the next clock the sweep watches
            })
        },
        { OrderStates.Dispatched, Each(Dispatcher, Agent, Supervisor, Admin, NoRole), Forbidden },
        { OrderStates.Dispatched, Each(UnrelatedHandler, SubCentreHandler), NotNow("assignment-status") },
        { OrderStates.InProgress, DepartmentHandler, NotNow("assignment-status") },
        {
            OrderStates.DispatchedWithAssist, SubCentreHandler,
            Ok(WorkOrderStatus.Dispatched, EventTypes.Accepted, (SubCentre, Accepted), (Department, Pending)).Then(b => Assert.Null(b.Order.SignedForAt))
        },
        { OrderStates.AssistPending, SubCentreHandler, Ok(WorkOrderStatus.InProgress, EventTypes.Accepted, (SubCentre, Accepted)) },
        {
            OrderStates.OneDown, StreetHandler,
            Ok(WorkOrderStatus.InProgress, EventTypes.Accepted, (Street, Accepted), (SubCentre, Redispatched)).Then(b =>
            {
                Assert.Equal(b.HopOf(SubCentre).AcceptedAt, b.Order.SignedForAt); // the order was signed for when the sub-centre passed it down
                Assert.Equal(DeadlineState.Met, b.HopOf(Street).SignFor!.State);
            })
        },
        { OrderStates.OneDown, SubCentreHandler, NotNow("assignment-status") },
        { OrderStates.OneDown, Each(PropertyHandler, CrewHandler, DepartmentHandler), NotNow("assignment-status") },
        { OrderStates.OneDown, Dispatcher, Forbidden },
        { OrderStates.TwoDown, PropertyHandler, Ok(WorkOrderStatus.InProgress, EventTypes.Accepted, (Property, Accepted), (Street, Redispatched), (SubCentre, Redispatched)) },
        { OrderStates.TwoDown, Each(StreetHandler, SubCentreHandler, CrewHandler), NotNow("assignment-status") },
        { OrderStates.ReturnRequestedPending, DepartmentHandler, NotNow("assignment-status") },
        { OrderStates.Replied, DepartmentHandler, NotNow("assignment-status") },
        { OrderStates.Closed, DepartmentHandler, NotNow("assignment-status") },
        { OrderStates.Merged, DepartmentHandler, NotNow("assignment-status") },
        { OrderStates.Registered, DepartmentHandler, NotNow("assignment-status") },
    };

    private static readonly TransitionTable RecordContact = new("RecordContact", (b, actor) => b.Order.RecordContact(actor, b.Now, "已电话联系"))
    {
        {
            OrderStates.Dispatched, DepartmentHandler,
            Ok(WorkOrderStatus.Dispatched, EventTypes.Contacted, (Department, Pending)).Then(b =>
            {
                Assert.Equal(b.Now, b.Order.ContactedAt);
                Assert.Equal(DeadlineState.Met, b.Order.Contact!.State);
                Assert.Equal("""{"first":true}""", b.Order.History[^1].Data);
            })
        },
        { OrderStates.InProgress, DepartmentHandler, Ok(WorkOrderStatus.InProgress, EventTypes.Contacted, (Department, Accepted)) },
        {
            OrderStates.Contacted, DepartmentHandler,
            Ok(WorkOrderStatus.InProgress, EventTypes.Contacted).Then(b =>
            {
                Assert.True(b.Order.ContactedAt < b.Now); // the first contact is the one that meets the 联系时限
                Assert.Equal("""{"first":false}""", b.Order.History[^1].Data);
            })
        },
        { OrderStates.OneDown, StreetHandler, Ok(WorkOrderStatus.InProgress, EventTypes.Contacted, (Street, Pending)).Then(b => Assert.Equal(b.Now, b.Order.ContactedAt)) },
        { OrderStates.AssistPending, SubCentreHandler, Ok(WorkOrderStatus.InProgress, EventTypes.Contacted) },
        { OrderStates.OneDown, SubCentreHandler, NotNow("assignment-status") },
        { OrderStates.OneDown, PropertyHandler, NotNow("assignment-status") },
        { OrderStates.InProgress, UnrelatedHandler, NotNow("assignment-status") },
        { OrderStates.InProgress, Each(Dispatcher, Agent, NoRole), Forbidden },
        { OrderStates.Registered, DepartmentHandler, NotNow("status-not-allowed") },
        { OrderStates.ReturnRequested, DepartmentHandler, NotNow("status-not-allowed") },
        { OrderStates.Replied, DepartmentHandler, NotNow("status-not-allowed") },
        { OrderStates.Closed, DepartmentHandler, NotNow("status-not-allowed") },
    };

    private static readonly TransitionTable Redispatch = new("Redispatch", (b, actor) => PassDown(b, actor, Street))
    {
        {
            OrderStates.DispatchedToSubCentre, SubCentreHandler,
            Ok(WorkOrderStatus.InProgress, EventTypes.Redispatched, (SubCentre, Redispatched), (Street, Pending)).Then(b =>
            {
                // A pending hop passed down counts as signed for, and so does the order.
                Assert.Equal(b.Now, b.HopOf(SubCentre).AcceptedAt);
                Assert.Equal(b.Now, b.Order.SignedForAt);
                Assert.Equal(b.HopOf(SubCentre).Id, b.HopOf(Street).ParentId);
                Assert.Equal(b.HopOf(Street).Id, b.Order.History[^1].AssignmentId);
                Assert.Equal(Street.Id, b.Order.History[^1].UnitId);
                Assert.Contains("\"signedFor\":true", b.Order.History[^1].Data, StringComparison.Ordinal);
            })
        },
        {
            OrderStates.AtSubCentre, SubCentreHandler,
            Ok(WorkOrderStatus.InProgress, EventTypes.Redispatched, (SubCentre, Redispatched), (Street, Pending)).Then(b =>
            {
                // A lower hop's completion is a slice of its parent's, never more.
                Assert.True(b.HopOf(Street).Completion!.DueAt < b.HopOf(SubCentre).Completion!.DueAt);
                Assert.Equal(b.Order.Completion!.DueAt, b.HopOf(SubCentre).Completion!.DueAt);
            })
        },
        { OrderStates.AtSubCentre, SubCentreHandler, "skipping a level", (b, a) => PassDown(b, a, Property), Ok(WorkOrderStatus.InProgress, EventTypes.Redispatched, (SubCentre, Redispatched), (Property, Pending)) },
        {
            OrderStates.AtSubCentre, SubCentreHandler, "as an assist", (b, a) => PassDown(b, a, Street, AssignmentRole.Assist),
            Ok(WorkOrderStatus.InProgress, EventTypes.Redispatched, (SubCentre, Accepted), (Street, Pending))
        },
        {
            OrderStates.DispatchedWithAssist, SubCentreHandler, "the assist's part",
            Ok(WorkOrderStatus.Dispatched, EventTypes.Redispatched, (SubCentre, Redispatched), (Street, Pending), (Department, Pending)).Then(b => Assert.Null(b.Order.SignedForAt))
        },
        { OrderStates.OneDownAccepted, StreetHandler, "street office to the property company", (b, a) => PassDown(b, a, Property), Ok(WorkOrderStatus.InProgress, EventTypes.Redispatched, (Street, Redispatched), (Property, Pending), (SubCentre, Redispatched)) },
        { OrderStates.OneDown, StreetHandler, "before signing for", (b, a) => PassDown(b, a, Crew), Ok(WorkOrderStatus.InProgress, EventTypes.Redispatched, (Street, Redispatched), (Crew, Pending)) },
        { OrderStates.OneDownAccepted, StreetHandler, "to a deactivated unit", (b, a) => PassDown(b, a, Deactivated), Invalid },
        { OrderStates.OneDownAccepted, StreetHandler, "to the centre", (b, a) => PassDown(b, a, Centre), Invalid },
        { OrderStates.OneDownAccepted, StreetHandler, "to a unit outside its subtree", (b, a) => PassDown(b, a, Department), Invalid },
        { OrderStates.OneDownAccepted, StreetHandler, "to the unit above", (b, a) => PassDown(b, a, SubCentre), Invalid },
        { OrderStates.OneDownAccepted, StreetHandler, "to itself", (b, a) => PassDown(b, a, Street), Invalid },
        {
            OrderStates.OneDownAccepted, StreetHandler, "to no such unit",
            (b, a) => b.Order.Redispatch(a, b.Now, Street, new HopTarget(Id(999), AssignmentRole.Lead, null), null, b.NextId()), Invalid
        },
        { OrderStates.OneDown, SubCentreHandler, "a second lead below", (b, a) => PassDown(b, a, Crew), NotNow("already-redispatched") },
        { OrderStates.OneDown, SubCentreHandler, "an assist beside its lead below", (b, a) => PassDown(b, a, Crew, AssignmentRole.Assist), Ok(WorkOrderStatus.InProgress, EventTypes.Redispatched, (SubCentre, Redispatched), (Crew, Pending), (Street, Pending)) },
        { OrderStates.TwoDown, SubCentreHandler, "to a unit already holding it", (b, a) => PassDown(b, a, Property, AssignmentRole.Assist), NotNow("already-assigned") },
        { OrderStates.InProgress, DepartmentHandler, "a department", (b, a) => PassDown(b, a, Crew), NotNow("cannot-redispatch") },
        { OrderStates.TwoDown, PropertyHandler, "a property company", (b, a) => PassDown(b, a, Crew), NotNow("cannot-redispatch") },
        { OrderStates.OneDownAccepted, StreetHandler, "naming another unit as its own", (b, a) => b.Order.Redispatch(a, b.Now, SubCentre, Lead(Property), null, b.NextId()), NotNow("cannot-redispatch") },
        { OrderStates.OneDownAccepted, StreetHandler, "its own unit unknown", (b, a) => b.Order.Redispatch(a, b.Now, null, Lead(Property), null, b.NextId()), NotNow("cannot-redispatch") },
        { OrderStates.DispatchedToSubCentre, Each(Dispatcher, Supervisor, NoRole), Forbidden },
        { OrderStates.DispatchedToSubCentre, StreetHandler, "a unit below with no hop", (b, a) => PassDown(b, a, Property), NotNow("assignment-status") },
        { OrderStates.OneDownReturnRequested, StreetHandler, "while asking to return it", (b, a) => PassDown(b, a, Property), NotNow("assignment-status") },
        { OrderStates.OneDownReplied, StreetHandler, "after replying", (b, a) => PassDown(b, a, Property), NotNow("assignment-status") },
        { OrderStates.ForwardedUp, SubCentreHandler, NotNow("status-not-allowed") },
        { OrderStates.Registered, SubCentreHandler, NotNow("status-not-allowed") },
    };

    private static readonly TransitionTable ReleaseAssists = new("ReleaseAssists", (b, actor) => b.Order.ReleaseAssists(actor, b.Now, "协办长期未答复"))
    {
        {
            OrderStates.AssistPending, Dispatcher,
            Ok(WorkOrderStatus.InProgress, EventTypes.AssistsReleased, (Department, Accepted), (SubCentre, Pending)).Then(b =>
            {
                Assert.Equal(b.Now, b.Order.AssistsReleasedAt);
                Assert.Equal(b.HopOf(Department).Id, b.Order.History[^1].AssignmentId);
                Assert.Contains(SubCentre.Id.ToString(), b.Order.History[^1].Data, StringComparison.Ordinal);
            })
        },
        { OrderStates.DispatchedWithAssist, Dispatcher, Ok(WorkOrderStatus.Dispatched, EventTypes.AssistsReleased) },
        { OrderStates.AssistPassedDown, Dispatcher, Ok(WorkOrderStatus.InProgress, EventTypes.AssistsReleased, (SubCentre, Redispatched)) },
        { OrderStates.AssistPending, Each(Supervisor, Agent, Admin, NoRole, DepartmentHandler, SubCentreHandler), Forbidden },
        { OrderStates.AssistsReleased, Dispatcher, NotNow("nothing-to-release") },
        { OrderStates.AssistReplied, Dispatcher, NotNow("nothing-to-release") },
        { OrderStates.InProgress, Dispatcher, NotNow("nothing-to-release") },
        { OrderStates.AssistBelow, Dispatcher, NotNow("nothing-to-release") }, // an assist below the lead is its parent's business, not the centre's
        { OrderStates.RepliedAssistWorking, Dispatcher, NotNow("status-not-allowed") },
        { OrderStates.Registered, Dispatcher, NotNow("status-not-allowed") },
    };

    public static IEnumerable<TheoryDataRow<string>> DispatchCases() => Dispatch.Names();

    public static IEnumerable<TheoryDataRow<string>> AcceptCases() => Accept.Names();

    public static IEnumerable<TheoryDataRow<string>> RecordContactCases() => RecordContact.Names();

    public static IEnumerable<TheoryDataRow<string>> RedispatchCases() => Redispatch.Names();

    public static IEnumerable<TheoryDataRow<string>> ReleaseAssistsCases() => ReleaseAssists.Names();

    [Theory]
    [MemberData(nameof(DispatchCases))]
    public void Dispatch_EachCase_HasItsOutcome(string scenario) => Dispatch.Run(scenario);

    [Theory]
    [MemberData(nameof(AcceptCases))]
    public void Accept_EachCase_HasItsOutcome(string scenario) => Accept.Run(scenario);

    [Theory]
    [MemberData(nameof(RecordContactCases))]
    public void RecordContact_EachCase_HasItsOutcome(string scenario) => RecordContact.Run(scenario);

    [Theory]
    [MemberData(nameof(RedispatchCases))]
    public void Redispatch_EachCase_HasItsOutcome(string scenario) => Redispatch.Run(scenario);

    [Theory]
    [MemberData(nameof(ReleaseAssistsCases))]
    public void ReleaseAssists_EachCase_HasItsOutcome(string scenario) => ReleaseAssists.Run(scenario);

    [Fact]
    public void Dispatch_AfterAnApprovedReturn_TheReturnedUnitIsNotSuggestedAgainButMayBeChosen()
    {
        var b = OrderStates.ReturnApproved.Build();
        Assert.Equal([Department.Id], b.Order.Hops.ReturnedUnitIds);

        b.Order.Dispatch(Dispatcher, b.Now, [Lead(Department)], "核实后仍属该单位", b.NextId);

        Assert.Equal(WorkOrderStatus.Dispatched, b.Order.Status);
        Assert.Equal(2, b.Order.Assignments.Count(a => a.UnitId == Department.Id));
        Assert.Equal(Pending, b.Order.LeadAssignment!.Status);
    }

    [Fact]
    public void Redispatch_TheWholeChain_EachHopIsAttributedToItsUnitAndParent()
    {
        var b = OrderStates.TwoDownAccepted.Build();
        var (sub, street, property) = (b.HopOf(SubCentre), b.HopOf(Street), b.HopOf(Property));

        Assert.Equal((null, sub.Id, street.Id), (sub.ParentId, street.ParentId, property.ParentId));
        Assert.Equal([(sub, 0), (street, 1), (property, 2)], b.Order.Hops.InDispatchOrder().ToList());
        Assert.Same(sub, b.Order.LeadAssignment);
        Assert.Equal(
            [EventTypes.Registered, EventTypes.Dispatched, EventTypes.Redispatched, EventTypes.Accepted, EventTypes.Redispatched, EventTypes.Accepted],
            b.Order.History.Select(e => e.Type));
        Assert.Equal(Enumerable.Range(1, 6), b.Order.History.Select(e => e.Version));
    }

    private static void PassDown(OrderBuilder b, Actor actor, Unit to, AssignmentRole role = AssignmentRole.Lead) =>
        b.Order.Redispatch(actor, b.Now, UnitOf(actor), new HopTarget(to.Id, role, to), "请核实处理", b.NextId());

    private static IEnumerable<Unit> ManyUnits(int count) =>
        Enumerable.Range(0, count).Select(i => new Unit(Id(500 + i), $"社区{i}", UnitKind.Community, null, Street, T0));
}
