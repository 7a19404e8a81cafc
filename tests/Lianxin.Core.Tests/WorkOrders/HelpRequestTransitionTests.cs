using Lianxin.Core.Common;
using Lianxin.Core.Dispatch;
using Lianxin.Core.Identity;
using Lianxin.Core.WorkOrders;
using static Lianxin.Core.Tests.WorkOrders.Expect;
using static Lianxin.Core.Tests.WorkOrders.World;

namespace Lianxin.Core.Tests.WorkOrders;

/// <summary>
/// 专家会诊: the dispatcher offers the order to a unit group; the first member to claim it gets the assignment
/// (the lead of an order not yet dispatched, else an assist); the offer can be withdrawn, and it expires.
/// Group membership is the use case's to check: here any handler may try.
/// </summary>
public class HelpRequestTransitionTests
{
    private static readonly Given ClaimedThenReplied = new("in progress, offered for an assist, then the lead replied",
        () => OrderBuilder.Registered().InProgress(Department).HelpOffered().Replied(Department));

    private static readonly Given OfferPastItsTime = new("offered, its time passed, not yet expired by the job",
        () => OrderBuilder.Registered().HelpOffered(hours: 2).After(TimeSpan.FromHours(3)));

    private static readonly TransitionTable OfferHelp = new("OfferHelp", (b, actor) => b.Order.OfferHelp(actor, b.Now, GroupId, "疑难件", b.Now.AddHours(24), b.NextId()))
    {
        {
            OrderStates.Registered, Dispatcher, "not yet dispatched",
            Ok(WorkOrderStatus.Registered, EventTypes.HelpRequested).Then(b =>
            {
                var offer = Assert.Single(b.Order.HelpRequests);
                Assert.Equal((AssignmentRole.Lead, HelpRequestStatus.Open, GroupId, b.Now.AddHours(24)), (offer.Role, offer.Status, offer.GroupId, offer.ExpiresAt));
                Assert.Null(offer.ClaimedUnitId);
            })
        },
        { OrderStates.Dispatched, Dispatcher, "with a lead", Ok(WorkOrderStatus.Dispatched, EventTypes.HelpRequested).Then(b => Assert.Equal(AssignmentRole.Assist, b.Order.HelpRequests.Single().Role)) },
        { OrderStates.InProgress, Dispatcher, "with a lead", Ok(WorkOrderStatus.InProgress, EventTypes.HelpRequested).Then(b => Assert.Equal(AssignmentRole.Assist, b.Order.HelpRequests.Single().Role)) },
        { OrderStates.OfferExpired, Dispatcher, "again after expiry", Ok(WorkOrderStatus.Registered, EventTypes.HelpRequested).Then(b => Assert.Equal(2, b.Order.HelpRequests.Count)) },
        { OrderStates.OfferWithdrawn, Dispatcher, "again after withdrawal", Ok(WorkOrderStatus.Registered, EventTypes.HelpRequested) },
        { OrderStates.RegisteredWithOffer, Dispatcher, "a second at once", NotNow("offer-open") },
        { OrderStates.Registered, Each(Supervisor, Agent, Admin, NoRole, DepartmentHandler), Forbidden },
        { OrderStates.ReturnRequested, Dispatcher, NotNow("status-not-allowed") },
        { OrderStates.Replied, Dispatcher, NotNow("status-not-allowed") },
        { OrderStates.Closed, Dispatcher, NotNow("status-not-allowed") },
        { OrderStates.NotAccepted, Dispatcher, NotNow("status-not-allowed") },
    };

    private static readonly TransitionTable ClaimHelp = new("ClaimHelp", (b, actor) => b.Order.ClaimHelp(actor, b.Now, b.OfferId, b.NextId()))
    {
        {
            OrderStates.RegisteredWithOffer, DepartmentHandler, "the first claim, for the lead",
            Ok(WorkOrderStatus.InProgress, EventTypes.HelpClaimed, (Department, AssignmentStatus.Accepted)).Then(b =>
            {
                var (offer, hop) = (b.Order.HelpRequests.Single(), b.HopOf(Department));
                Assert.Equal((HelpRequestStatus.Claimed, (Guid?)Department.Id, (Guid?)hop.Id, (DateTime?)b.Now), (offer.Status, offer.ClaimedUnitId, offer.AssignmentId, offer.ClosedAt));
                Assert.Equal((AssignmentRole.Lead, (Guid?)null, (DateTime?)b.Now), (hop.Role, hop.ParentId, hop.AcceptedAt));
                Assert.Same(hop, b.Order.LeadAssignment);
                Assert.Equal(b.Now, b.Order.SignedForAt); // claimed is signed for at once
            })
        },
        {
            OrderStates.InProgressWithOffer, SubCentreHandler, "the first claim, for an assist",
            Ok(WorkOrderStatus.InProgress, EventTypes.HelpClaimed, (SubCentre, AssignmentStatus.Accepted), (Department, AssignmentStatus.Accepted))
                .Then(b => Assert.Equal(AssignmentRole.Assist, b.HopOf(SubCentre).Role))
        },
        { OrderStates.OfferClaimed, SubCentreHandler, "a second unit, racing the first", NotNow("already-claimed") },
        { OrderStates.OfferClaimed, DepartmentHandler, "the winner again", NotNow("already-claimed") },
        { OrderStates.InProgressWithOffer, DepartmentHandler, "the unit already holding the order", NotNow("already-assigned") },
        { OfferPastItsTime, DepartmentHandler, "past its time", NotNow("offer-closed") },
        { OrderStates.OfferExpired, DepartmentHandler, "expired", NotNow("offer-closed") },
        { OrderStates.OfferWithdrawn, DepartmentHandler, "withdrawn", NotNow("offer-closed") },
        { ClaimedThenReplied, SubCentreHandler, "for an assist after the lead replied", NotNow("status-not-allowed") },
        { OrderStates.RegisteredWithOffer, DepartmentHandler, "no such offer", (b, a) => b.Order.ClaimHelp(a, b.Now, Id(999), b.NextId()), NotFound },
        { OrderStates.RegisteredWithOffer, Each(Dispatcher, Supervisor, NoRole), Forbidden },
    };

    private static readonly TransitionTable WithdrawHelp = new("WithdrawHelp", (b, actor) => b.Order.WithdrawHelp(actor, b.Now, b.OfferId, "已找到承办单位"))
    {
        {
            OrderStates.RegisteredWithOffer, Dispatcher,
            Ok(WorkOrderStatus.Registered, EventTypes.HelpWithdrawn).Then(b =>
                Assert.Equal((HelpRequestStatus.Withdrawn, (DateTime?)b.Now), (b.Order.HelpRequests.Single().Status, b.Order.HelpRequests.Single().ClosedAt)))
        },
        { OrderStates.InProgressWithOffer, Dispatcher, Ok(WorkOrderStatus.InProgress, EventTypes.HelpWithdrawn) },
        { OrderStates.RegisteredWithOffer, Each(Supervisor, Agent, NoRole, DepartmentHandler), Forbidden },
        { OrderStates.OfferClaimed, Dispatcher, NotNow("offer-closed") },
        { OrderStates.OfferExpired, Dispatcher, NotNow("offer-closed") },
        { OrderStates.OfferWithdrawn, Dispatcher, NotNow("offer-closed") },
        { OrderStates.RegisteredWithOffer, Dispatcher, "no such offer", (b, a) => b.Order.WithdrawHelp(a, b.Now, Id(999), null), NotNow("offer-closed") },
    };

    public static IEnumerable<TheoryDataRow<string>> OfferHelpCases() => OfferHelp.Names();

    public static IEnumerable<TheoryDataRow<string>> ClaimHelpCases() => ClaimHelp.Names();

    public static IEnumerable<TheoryDataRow<string>> WithdrawHelpCases() => WithdrawHelp.Names();

    [Theory]
    [MemberData(nameof(OfferHelpCases))]
    public void OfferHelp_EachCase_HasItsOutcome(string scenario) => OfferHelp.Run(scenario);

    [Theory]
    [MemberData(nameof(ClaimHelpCases))]
    public void ClaimHelp_EachCase_HasItsOutcome(string scenario) => ClaimHelp.Run(scenario);

    [Theory]
    [MemberData(nameof(WithdrawHelpCases))]
    public void WithdrawHelp_EachCase_HasItsOutcome(string scenario) => WithdrawHelp.Run(scenario);

    [Theory]
    [InlineData(Role.Handler, true)]
    [InlineData(Role.Dispatcher, false)]
    [InlineData(Role.Supervisor, false)]
    [InlineData(Role.None, false)]
    public void CanClaimHelp_BeforeTheOfferIsLookedUp_OnlyHandlers(Role role, bool allowed) =>
        Assert.Equal(allowed, WorkOrder.CanClaimHelp(new Actor(Id(900), "x", role, Department.Id)) is null);

    [Fact]
    public void ExpireHelp_AtItsExpiry_EndsTheOfferAsTheSystem()
    {
        var b = OrderStates.RegisteredWithOffer.Build();
        var offer = b.Order.HelpRequests.Single();
        var version = b.Order.Version;

        Assert.True(b.Order.ExpireHelp(offer.ExpiresAt, offer.Id));

        Assert.Equal((HelpRequestStatus.Expired, (DateTime?)offer.ExpiresAt), (offer.Status, offer.ClosedAt));
        Assert.Equal((version + 1, WorkOrderStatus.Registered), (b.Order.Version, b.Order.Status));
        var expired = b.Order.History[^1];
        Assert.Equal((EventTypes.HelpExpired, Actor.System.Name, (Guid?)null), (expired.Type, expired.ActorName, expired.ActorId));
        Assert.False(offer.IsOpenAt(offer.ExpiresAt));
    }

    public static TheoryData<string, string> NotExpiring() => new()
    {
        { "offered, before its expiry", "early" },
        { "offered, claimed", "claimed" },
        { "offered, withdrawn", "withdrawn" },
        { "offered, already expired", "expired" },
        { "offered, another offer's id", "unknown" },
    };

    [Theory]
    [MemberData(nameof(NotExpiring))]
    public void ExpireHelp_NotOpenOrNotDue_ChangesNothing(string scenario, string kind)
    {
        var b = kind switch
        {
            "claimed" => OrderStates.OfferClaimed.Build(),
            "withdrawn" => OrderStates.OfferWithdrawn.Build(),
            "expired" => OrderStates.OfferExpired.Build(),
            _ => OrderStates.RegisteredWithOffer.Build(),
        };
        var offer = b.Order.HelpRequests.Single();
        var at = kind == "early" ? offer.ExpiresAt.AddTicks(-1) : offer.ExpiresAt.AddHours(1);
        var before = OrderSnapshot.Of(b.Order);

        Assert.False(b.Order.ExpireHelp(at, kind == "unknown" ? Id(999) : offer.Id), scenario);

        Assert.Equal(before, OrderSnapshot.Of(b.Order));
    }

    [Fact]
    public void ClaimHelp_TheInstantBeforeExpiry_Wins_TheInstantOfExpiry_IsTooLate()
    {
        var b = OrderBuilder.Registered().HelpOffered(hours: 2);
        var expiresAt = b.Order.HelpRequests.Single().ExpiresAt;

        var late = Assert.ThrowsAny<LianxinException>(() => b.Order.ClaimHelp(DepartmentHandler, expiresAt, b.OfferId, b.NextId()));
        Assert.Equal("offer-closed", late.Code);

        b.Order.ClaimHelp(DepartmentHandler, expiresAt.AddTicks(-1), b.OfferId, b.NextId());
        Assert.Equal(WorkOrderStatus.InProgress, b.Order.Status);
    }
}
