using Lianxin.Core.Common;
using Lianxin.Core.Deadlines;
using Lianxin.Core.Dispatch;
using Lianxin.Core.Identity;
using Lianxin.Core.WorkOrders;
using static Lianxin.Core.Tests.WorkOrders.Expect;
using static Lianxin.Core.Tests.WorkOrders.World;

namespace Lianxin.Core.Tests.WorkOrders;

/// <summary>Intake: registering, answering on the call (直接答复) and refusing (不予受理).</summary>
public class IntakeTransitionTests
{
    private static readonly TransitionTable AnswerDirectly = new("AnswerDirectly", (b, actor) => b.Order.AnswerDirectly(actor, b.Now, "已按知识库解答", OrderBuilder.Visits))
    {
        { OrderStates.Registered, Agent, Ok(WorkOrderStatus.Closed, EventTypes.AnsweredDirectly).Then(b => AssertClosedAt(b, answer: true)) },
        { OrderStates.Registered, Dispatcher, Ok(WorkOrderStatus.Closed, EventTypes.AnsweredDirectly) },
        { OrderStates.Registered, Each(Visitor, Supervisor, Admin, NoRole, DepartmentHandler), Forbidden },
        {
            OrderStates.RegisteredWithOffer, Agent,
            Ok(WorkOrderStatus.Closed, EventTypes.AnsweredDirectly).WithEvents(2).Then(b => Assert.Equal(HelpRequestStatus.Withdrawn, b.Order.HelpRequests.Single().Status))
        },
        { OrderStates.ReturnApproved, Agent, Ok(WorkOrderStatus.Closed, EventTypes.AnsweredDirectly, (Department, AssignmentStatus.Returned)) },
        { OrderStates.Dispatched, Agent, NotNow("status-not-allowed") },
        { OrderStates.InProgress, Dispatcher, NotNow("status-not-allowed") },
        { OrderStates.AnsweredDirectly, Agent, NotNow("status-not-allowed") },
        { OrderStates.NotAccepted, Agent, NotNow("status-not-allowed") },
        { OrderStates.Closed, Agent, NotNow("status-not-allowed") },
        { OrderStates.Merged, Agent, NotNow("status-not-allowed") },
    };

    private static readonly TransitionTable NotAccept = new("NotAccept", (b, actor) => b.Order.NotAccept(actor, b.Now, "属于公安机关管辖"))
    {
        {
            OrderStates.Registered, Agent,
            Ok(WorkOrderStatus.NotAccepted, EventTypes.NotAccepted).Then(b =>
            {
                Assert.Equal("属于公安机关管辖", b.Order.NotAcceptedReason);
                Assert.Equal(b.Now, b.Order.ClosedAt);
                Assert.Empty(b.Order.Assignments);
            })
        },
        { OrderStates.Registered, Dispatcher, Ok(WorkOrderStatus.NotAccepted, EventTypes.NotAccepted) },
        { OrderStates.Registered, Each(Visitor, Supervisor, Admin, NoRole, DepartmentHandler), Forbidden },
        { OrderStates.RegisteredWithOffer, Dispatcher, Ok(WorkOrderStatus.NotAccepted, EventTypes.NotAccepted).WithEvents(2) },
        { OrderStates.Dispatched, Agent, NotNow("status-not-allowed") },
        { OrderStates.AnsweredDirectly, Dispatcher, NotNow("status-not-allowed") },
        { OrderStates.NotAccepted, Agent, NotNow("status-not-allowed") },
        { OrderStates.Archived, Agent, NotNow("status-not-allowed") },
    };

    public static IEnumerable<TheoryDataRow<string>> AnswerDirectlyCases() => AnswerDirectly.Names();

    public static IEnumerable<TheoryDataRow<string>> NotAcceptCases() => NotAccept.Names();

    [Theory]
    [MemberData(nameof(AnswerDirectlyCases))]
    public void AnswerDirectly_EachCase_HasItsOutcome(string scenario) => AnswerDirectly.Run(scenario);

    [Theory]
    [MemberData(nameof(NotAcceptCases))]
    public void NotAccept_EachCase_HasItsOutcome(string scenario) => NotAccept.Run(scenario);

    [Theory]
    [InlineData(Role.Agent, true)]
    [InlineData(Role.Dispatcher, true)]
    [InlineData(Role.Supervisor, true)]
    [InlineData(Role.Visitor, false)]
    [InlineData(Role.Admin, false)]
    [InlineData(Role.Handler, false)]
    [InlineData(Role.None, false)]
    public void Register_ByRole_OnlyCallTakersDispatchersAndSupervisors(Role role, bool allowed)
    {
        var actor = new Actor(Id(900), "someone", role, Centre.Id);
        Assert.Equal(allowed, WorkOrder.CanRegister(actor) is null);
        if (!allowed)
        {
            Assert.Throws<ForbiddenActionException>(() => WorkOrder.Register(Id(901), "RX2611230009",
                new NewWorkOrder(Channel.Phone, DemandType.Help, Urgency.Normal, new Requester(null, "13700000000", false, false), CategoryId, null, null, "t", "d"),
                actor, T0, DeadlinePresets.For(DemandType.Help, Urgency.Normal), null));
        }
    }

    [Fact]
    public void Register_NewOrder_IsVersionOneWithOneEventAndItsThreeClocks()
    {
        var b = OrderBuilder.Registered(DemandType.Complaint, Urgency.Normal);
        var o = b.Order;

        Assert.Equal(WorkOrderStatus.Registered, o.Status);
        Assert.Equal(1, o.Version);
        var registered = Assert.Single(o.History);
        Assert.Equal(EventTypes.Registered, registered.Type);
        Assert.Equal(1, registered.Version);
        Assert.Equal(Agent.UserId, o.CreatedById);
        Assert.Equal((T0, T0, T0), (o.SignFor!.StartAt, o.Contact!.StartAt, o.Completion!.StartAt));
        Assert.Equal(TimeLimit.WorkingDays(1), o.SignFor.Limit);
        Assert.Equal(TimeLimit.WorkingDays(5), o.Completion.Limit);

        // Monday 10:00: sign-for by the end of Tuesday, completion by the end of the fifth working day after Monday.
        Assert.Equal(Local("2026-11-24 17:30"), o.SignFor.DueAt);
        Assert.Equal(Local("2026-11-30 17:30"), o.Completion.DueAt);
        Assert.Equal(o.SignFor.ApproachingAt, o.DeadlineCheckAt);
    }

    private static void AssertClosedAt(OrderBuilder b, bool answer)
    {
        Assert.Equal(b.Now, b.Order.ClosedAt);
        Assert.Equal(answer, b.Order.Answer is not null);

        // Ended without a unit: every clock is settled as met when the call-taker answered.
        Assert.Equal(DeadlineState.Met, b.Order.SignFor!.State);
        Assert.Equal(DeadlineState.Met, b.Order.Completion!.State);
        Assert.Null(b.Order.DeadlineCheckAt);
    }
}
