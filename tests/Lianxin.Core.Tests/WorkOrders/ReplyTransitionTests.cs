using Lianxin.Core.Deadlines;
using Lianxin.Core.WorkOrders;
using static Lianxin.Core.Dispatch.AssignmentStatus;
using static Lianxin.Core.Tests.WorkOrders.Expect;
using static Lianxin.Core.Tests.WorkOrders.World;

namespace Lianxin.Core.Tests.WorkOrders;

/// <summary>
/// 答复 up the chain, 发回 and 收回 down it. A hop replies only when the units below it are done; the
/// first-level lead only after its assists, unless released; only the first-level lead's reply reaches the
/// centre. Send-back and recall belong to the unit that passed the hop down.
/// </summary>
public class ReplyTransitionTests
{
    private static readonly Given StreetWithAssistBelow = new("street office working, the property company assisting below it",
        () => OrderBuilder.Registered().Dispatched(SubCentre).PassedDown(SubCentre, Street).Accepted(Street).PassedDown(Street, Property, Dispatch.AssignmentRole.Assist));

    private static readonly TransitionTable Reply = new("Reply", (b, actor) => b.Order.Reply(actor, b.Now, "已修复", Solved.Yes))
    {
        {
            OrderStates.InProgress, DepartmentHandler,
            Ok(WorkOrderStatus.Replied, EventTypes.Replied, (Department, Replied)).Then(b =>
            {
                Assert.Equal((b.Now, "已修复", Solved.Yes), (b.Order.RepliedAt!.Value, b.Order.ReplyResult, b.Order.ReplySolved!.Value));
                Assert.Equal(b.Now, b.HopOf(Department).RepliedAt);
                Assert.Equal(DeadlineState.Met, b.Order.Completion!.State);
                Assert.Equal(DeadlineState.Met, b.HopOf(Department).Completion!.State);
                Assert.Equal(b.Order.Contact!.NextChangeAt, b.Order.DeadlineCheckAt); // no contact recorded: that clock still runs
            })
        },
        { OrderStates.InProgress, DepartmentHandler, "partly solved", (b, a) => b.Order.Reply(a, b.Now, "部分解决", Solved.Partly), Ok(WorkOrderStatus.Replied, EventTypes.Replied).Then(b => Assert.Equal(Solved.Partly, b.Order.ReplySolved)) },
        { OrderStates.Dispatched, DepartmentHandler, "before signing for", NotNow("assignment-status") },
        { OrderStates.AssistPending, DepartmentHandler, "the lead, its assist still working", NotNow("assists-open") },
        { OrderStates.AssistAccepted, DepartmentHandler, "the lead, its assist still working", NotNow("assists-open") },
        { OrderStates.AssistPassedDown, DepartmentHandler, "the lead, its assist's part below", NotNow("assists-open") },
        { OrderStates.AssistReturnRequested, DepartmentHandler, "the lead, its assist asking to return", NotNow("assists-open") },
        { OrderStates.AssistReplied, DepartmentHandler, "the lead, after its assist", Ok(WorkOrderStatus.Replied, EventTypes.Replied, (Department, Replied), (SubCentre, Replied)) },
        { OrderStates.AssistsReleased, DepartmentHandler, "the lead, released", Ok(WorkOrderStatus.Replied, EventTypes.Replied, (Department, Replied), (SubCentre, Pending)) },
        { OrderStates.AssistPending, SubCentreHandler, "the assist before signing for", NotNow("assignment-status") },
        {
            OrderStates.AssistAccepted, SubCentreHandler, "the assist",
            Ok(WorkOrderStatus.InProgress, EventTypes.AssistReplied, (SubCentre, Replied), (Department, Accepted)).Then(b => Assert.Null(b.Order.RepliedAt))
        },
        { OrderStates.RepliedAssistWorking, SubCentreHandler, "the assist before signing for, after the lead", NotNow("assignment-status") },
        {
            OrderStates.OneDownAccepted, StreetHandler, "to the unit above",
            Ok(WorkOrderStatus.InProgress, EventTypes.HopReplied, (Street, Replied), (SubCentre, Accepted)).Then(b =>
            {
                Assert.Null(b.Order.RepliedAt); // a lower reply goes to the unit above, not to the centre
                Assert.Equal(b.HopOf(Street).Id, b.Order.History[^1].AssignmentId);
            })
        },
        { OrderStates.OneDownAccepted, SubCentreHandler, "the unit above, the unit below still working", NotNow("assignment-status") },
        { OrderStates.OneDown, StreetHandler, "before signing for", NotNow("assignment-status") },
        { OrderStates.OneDownReplied, SubCentreHandler, "forwarding up", Ok(WorkOrderStatus.Replied, EventTypes.Replied, (SubCentre, Replied), (Street, Replied)) },
        { OrderStates.OneDownReplied, StreetHandler, "again", NotNow("assignment-status") },
        { OrderStates.TwoDownAccepted, PropertyHandler, "to the unit above", Ok(WorkOrderStatus.InProgress, EventTypes.HopReplied, (Property, Replied), (Street, Accepted), (SubCentre, Redispatched)) },
        { OrderStates.TwoDownAccepted, Each(StreetHandler, SubCentreHandler), NotNow("assignment-status") },
        { OrderStates.TwoDownReplied, StreetHandler, "forwarding up a level", Ok(WorkOrderStatus.InProgress, EventTypes.HopReplied, (Street, Replied), (SubCentre, Accepted)) },
        { OrderStates.AssistBelow, SubCentreHandler, "the lead, its assist below still working", NotNow("children-open") },
        { OrderStates.AssistBelowReplied, SubCentreHandler, "the lead, after its assist below", Ok(WorkOrderStatus.Replied, EventTypes.Replied) },
        { OrderStates.LeadAndAssistBelow, SubCentreHandler, "the lead, its lead part still below", NotNow("assignment-status") },
        { OrderStates.LeadAndAssistBelow, StreetHandler, "the lead below, before signing for", NotNow("assignment-status") },
        {
            OrderStates.AssistBelow, StreetHandler, "the assist below",
            (b, a) =>
            {
                b.Order.Accept(a, b.Now);
                b.Order.Reply(a, b.Now, "已配合", Solved.Yes);
            },
            Ok(WorkOrderStatus.InProgress, EventTypes.AssistReplied, (Street, Replied), (SubCentre, Accepted)).WithEvents(2)
        },
        { OrderStates.Replied, DepartmentHandler, "again", NotNow("assignment-status") },
        { OrderStates.ReturnRequested, DepartmentHandler, "while asking to return", NotNow("assignment-status") },
        { OrderStates.ReviewRejected, DepartmentHandler, "after the review sent it back", Ok(WorkOrderStatus.Replied, EventTypes.Replied, (Department, Replied)) },
        { OrderStates.Redo, DepartmentHandler, "on a redo", Ok(WorkOrderStatus.Replied, EventTypes.Replied, (Department, Replied)) },
        { OrderStates.Suspended, DepartmentHandler, "while suspended", Ok(WorkOrderStatus.Replied, EventTypes.Replied) },
        { OrderStates.InProgress, UnrelatedHandler, NotNow("assignment-status") },
        { OrderStates.InProgress, Each(Dispatcher, Supervisor, NoRole), Forbidden },
        { OrderStates.Closed, DepartmentHandler, NotNow("assignment-status") },
    };

    private static readonly TransitionTable SendBack = new("SendBack", (b, actor) => b.Order.SendBack(actor, b.Now, b.HopOf(Street).Id, "请补充现场照片"))
    {
        {
            OrderStates.OneDownReplied, SubCentreHandler, "the unit above",
            Ok(WorkOrderStatus.InProgress, EventTypes.SentBack, (Street, Accepted), (SubCentre, Redispatched)).Then(b =>
            {
                Assert.Null(b.HopOf(Street).ClosedAt);
                Assert.Equal(b.HopOf(Street).Id, b.Order.History[^1].AssignmentId);
            })
        },
        { OrderStates.OneDownReplied, StreetHandler, "the replying unit", NotNow("not-your-hop") },
        { OrderStates.OneDownReplied, PropertyHandler, "a unit below", NotNow("not-your-hop") },
        { OrderStates.OneDownReplied, UnrelatedHandler, "another unit", NotNow("not-your-hop") },
        { OrderStates.OneDownReplied, Each(Dispatcher, Supervisor, NoRole), Forbidden },
        { OrderStates.OneDownAccepted, SubCentreHandler, "a hop not replied yet", NotNow("assignment-status") },
        { OrderStates.ForwardedUp, SubCentreHandler, "after forwarding it up", NotNow("assignment-status") },
        {
            OrderStates.TwoDownReplied, StreetHandler, "the unit above, a level down", (b, a) => b.Order.SendBack(a, b.Now, b.HopOf(Property).Id, "重新上门"),
            Ok(WorkOrderStatus.InProgress, EventTypes.SentBack, (Property, Accepted), (Street, Redispatched), (SubCentre, Redispatched))
        },
        { OrderStates.TwoDownReplied, SubCentreHandler, "two levels above", (b, a) => b.Order.SendBack(a, b.Now, b.HopOf(Property).Id, "重新上门"), NotNow("not-your-hop") },
        {
            OrderStates.AssistBelowReplied, SubCentreHandler, "the assist's reply",
            Ok(WorkOrderStatus.InProgress, EventTypes.SentBack, (Street, Accepted), (SubCentre, Accepted))
        },
        {
            // The sub-centre has not replied upwards: its lead part is still with the street office. It checks the
            // crew's reply as it would any reply from below (DOMAIN.md: forwards it up or sends it back down).
            OrderStates.LeadAndAssistBelow, SubCentreHandler, "an assist's reply while its lead part is still below",
            (b, a) => b.Order.SendBack(a, b.Now, b.HopOf(Crew).Id, "请补充"),
            Ok(WorkOrderStatus.InProgress, EventTypes.SentBack, (Crew, Accepted), (SubCentre, Redispatched), (Street, Pending))
        },
        { OrderStates.InProgress, DepartmentHandler, "a first-level hop", (b, a) => b.Order.SendBack(a, b.Now, b.HopOf(Department).Id, "x"), NotNow("not-your-hop") },
        { OrderStates.OneDownReplied, SubCentreHandler, "no such hop", (b, a) => b.Order.SendBack(a, b.Now, Id(999), "x"), Invalid },
        { OrderStates.OneDownReturnApproved, SubCentreHandler, "a returned hop", NotNow("assignment-status") },
    };

    private static readonly TransitionTable Recall = new("Recall", (b, actor) => b.Order.Recall(actor, b.Now, b.HopOf(Street).Id, "派错单位"))
    {
        {
            OrderStates.OneDown, SubCentreHandler, "a pending hop, the unit above",
            Ok(WorkOrderStatus.InProgress, EventTypes.Recalled, (Street, Cancelled), (SubCentre, Accepted)).Then(b =>
            {
                Assert.Equal(b.Now, b.HopOf(Street).ClosedAt);
                Assert.Same(b.HopOf(SubCentre), b.Order.LeadAssignment);
            })
        },
        { OrderStates.OneDownAccepted, SubCentreHandler, "an accepted hop, the unit above", Ok(WorkOrderStatus.InProgress, EventTypes.Recalled, (Street, Cancelled), (SubCentre, Accepted)) },
        { OrderStates.OneDown, StreetHandler, "its own hop", NotNow("not-your-hop") },
        { OrderStates.OneDown, PropertyHandler, "a unit below", NotNow("not-your-hop") },
        { OrderStates.OneDown, DepartmentHandler, "another unit", NotNow("not-your-hop") },
        { OrderStates.OneDown, Each(Dispatcher, Supervisor, NoRole), Forbidden },
        { OrderStates.TwoDown, SubCentreHandler, "a hop passed further down", NotNow("assignment-status") },
        { StreetWithAssistBelow, SubCentreHandler, "a hop with an assist below it", NotNow("children-open") },
        { OrderStates.TwoDown, StreetHandler, "the unit above, a level down", (b, a) => b.Order.Recall(a, b.Now, b.HopOf(Property).Id, "x"), Ok(WorkOrderStatus.InProgress, EventTypes.Recalled, (Property, Cancelled), (Street, Accepted)) },
        { OrderStates.TwoDown, SubCentreHandler, "two levels above", (b, a) => b.Order.Recall(a, b.Now, b.HopOf(Property).Id, "x"), NotNow("not-your-hop") },
        { OrderStates.OneDownReturnRequested, SubCentreHandler, "a hop asking to return", NotNow("assignment-status") },
        { OrderStates.OneDownReplied, SubCentreHandler, "a hop that replied", NotNow("assignment-status") },
        { OrderStates.AssistBelow, SubCentreHandler, "its assist below", Ok(WorkOrderStatus.InProgress, EventTypes.Recalled, (Street, Cancelled), (SubCentre, Accepted)) },
        { OrderStates.AssistPassedDown, SubCentreHandler, "the assist's unit above", Ok(WorkOrderStatus.InProgress, EventTypes.Recalled, (Street, Cancelled), (SubCentre, Accepted)) },
        { OrderStates.ForwardedUp, SubCentreHandler, NotNow("assignment-status") },
        { OrderStates.InProgress, DepartmentHandler, "a first-level hop", (b, a) => b.Order.Recall(a, b.Now, b.HopOf(Department).Id, "x"), NotNow("not-your-hop") },
    };

    public static IEnumerable<TheoryDataRow<string>> ReplyCases() => Reply.Names();

    public static IEnumerable<TheoryDataRow<string>> SendBackCases() => SendBack.Names();

    public static IEnumerable<TheoryDataRow<string>> RecallCases() => Recall.Names();

    [Theory]
    [MemberData(nameof(ReplyCases))]
    public void Reply_EachCase_HasItsOutcome(string scenario) => Reply.Run(scenario);

    [Theory]
    [MemberData(nameof(SendBackCases))]
    public void SendBack_EachCase_HasItsOutcome(string scenario) => SendBack.Run(scenario);

    [Theory]
    [MemberData(nameof(RecallCases))]
    public void Recall_EachCase_HasItsOutcome(string scenario) => Recall.Run(scenario);

    [Fact]
    public void ThreeLevelChain_ReplyTravelsUp_OnlyTheFirstLevelReachesTheCentre()
    {
        var b = OrderStates.TwoDownAccepted.Build().Replied(Property).Replied(Street);
        Assert.Equal(WorkOrderStatus.InProgress, b.Order.Status);
        Assert.Null(b.Order.RepliedAt);

        b.Replied(SubCentre);

        Assert.Equal(WorkOrderStatus.Replied, b.Order.Status);
        Assert.Equal(
            [EventTypes.HopReplied, EventTypes.HopReplied, EventTypes.Replied],
            b.Order.History.TakeLast(3).Select(e => e.Type));
        Assert.All(new[] { Property, Street, SubCentre }, u => Assert.Equal(Replied, b.HopOf(u).Status));
    }

    /// <summary>
    /// An assist's chain runs on its own: the sub-centre assisting passed its part down to the street office,
    /// while the order as a whole is dispatched (the lead has not signed for), return-requested (the lead asks
    /// to return it) or replied (the lead was released from its assist and replied). The unit above must
    /// still be able to take its part back and to send a reply back down: DOMAIN.md gives send-back and
    /// recall to the unit that passed the hop down, and nothing ties them to the first-level lead's state.
    /// </summary>
    [Theory]
    [InlineData("dispatched", "recall")]
    [InlineData("dispatched", "sendBack")]
    [InlineData("returnRequested", "recall")]
    [InlineData("returnRequested", "sendBack")]
    [InlineData("replied", "recall")]
    [InlineData("replied", "sendBack")]
    public void AssistChain_WhateverTheLeadsState_TheUnitAboveRecallsAndSendsBack(string orderStatus, string action)
    {
        var b = orderStatus switch
        {
            "dispatched" => OrderStates.AssistPassedDownLeadPending.Build(),
            "returnRequested" => OrderStates.AssistPassedDown.Build().ReturnRequested(Department),
            _ => OrderStates.AssistPassedDown.Build().AssistsReleased().Replied(Department),
        };
        if (action == "sendBack")
        {
            b.Accepted(Street).Replied(Street);
        }

        var status = b.Order.Status;
        Assert.Equal(orderStatus, StatusNames.En(status));
        if (action == "recall")
        {
            b.Order.Recall(SubCentreHandler, b.Now, b.HopOf(Street).Id, "派错单位");
            Assert.Equal((Cancelled, Accepted), (b.HopOf(Street).Status, b.HopOf(SubCentre).Status));
        }
        else
        {
            b.Order.SendBack(SubCentreHandler, b.Now, b.HopOf(Street).Id, "请补充");
            Assert.Equal((Accepted, Redispatched), (b.HopOf(Street).Status, b.HopOf(SubCentre).Status));
        }

        Assert.Equal(status, b.Order.Status);
    }
}
