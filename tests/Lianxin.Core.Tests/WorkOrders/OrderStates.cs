using Lianxin.Core.Dispatch;
using Lianxin.Core.WorkOrders;
using static Lianxin.Core.Tests.WorkOrders.World;

namespace Lianxin.Core.Tests.WorkOrders;

/// <summary>An order brought to a named point of its life; <see cref="Build"/> makes a fresh copy each time.</summary>
public sealed record Given(string Name, Func<OrderBuilder> Build)
{
    public override string ToString() => Name;
}

/// <summary>
/// Named points in an order's life, each reached through the real transitions. The transition tables use
/// them as their "given"; <see cref="All"/> is every one, for the test that holds the allowed actions to the
/// transitions. Unless a name says otherwise the lead is the department and nothing was passed down.
/// </summary>
public static class OrderStates
{
    private static OrderBuilder New() => OrderBuilder.Registered();

    // Intake
    public static readonly Given Registered = new("registered", New);
    public static readonly Given RegisteredWithOffer = new("registered, offered to a group", () => New().HelpOffered());
    public static readonly Given AnsweredDirectly = new("answered directly", () => New().AnsweredDirectly());
    public static readonly Given NotAccepted = new("not accepted", () => New().NotAccepted());
    public static readonly Given NotAcceptedArchived = new("not accepted, archived", () => New().NotAccepted().Archived());

    // First level
    public static readonly Given Dispatched = new("dispatched to the department", () => New().Dispatched(Department));
    public static readonly Given DispatchedWithAssist = new("dispatched to the department with the sub-centre assisting", () => New().Dispatched(Department, SubCentre));
    public static readonly Given InProgress = new("in progress at the department", () => New().InProgress(Department));
    public static readonly Given Contacted = new("in progress, requester contacted", () => New().InProgress(Department).Contacted(Department));
    public static readonly Given AssistPending = new("in progress, assist not signed for", () => New().InProgress(Department, SubCentre));
    public static readonly Given AssistAccepted = new("in progress, assist signed for", () => New().InProgress(Department, SubCentre).Accepted(SubCentre));
    public static readonly Given AssistReplied = new("in progress, assist replied", () => New().InProgress(Department, SubCentre).Accepted(SubCentre).Replied(SubCentre));
    public static readonly Given AssistsReleased = new("in progress, lead released from its assist", () => New().InProgress(Department, SubCentre).AssistsReleased());

    // Down the chain
    public static readonly Given AtSubCentre = new("in progress at the sub-centre", () => New().InProgress(SubCentre));
    public static readonly Given DispatchedToSubCentre = new("dispatched to the sub-centre", () => New().Dispatched(SubCentre));
    public static readonly Given OneDown = new("passed down to the street office", () => New().Dispatched(SubCentre).PassedDown(SubCentre, Street));
    public static readonly Given OneDownAccepted = new("passed down to the street office, signed for", () => OneDownAcceptedBuilder());
    public static readonly Given TwoDown = new("passed down to the property company", () => OneDownAcceptedBuilder().PassedDown(Street, Property));
    public static readonly Given TwoDownAccepted = new("passed down to the property company, signed for", () => TwoDownAcceptedBuilder());
    public static readonly Given AssistBelow = new("sub-centre working, street office assisting below it", () => New().InProgress(SubCentre).PassedDown(SubCentre, Street, AssignmentRole.Assist));
    public static readonly Given AssistBelowReplied = new("sub-centre working, its assist below replied", () => New().InProgress(SubCentre).PassedDown(SubCentre, Street, AssignmentRole.Assist).Accepted(Street).Replied(Street));
    public static readonly Given LeadAndAssistBelow = new("sub-centre passed its part down, the crew assisting beside it replied",
        () => New().InProgress(SubCentre).PassedDown(SubCentre, Street).PassedDown(SubCentre, Crew, AssignmentRole.Assist).Accepted(Crew).Replied(Crew));
    public static readonly Given AssistPassedDown = new("sub-centre assisting, passed its part down", () => New().InProgress(Department, SubCentre).PassedDown(SubCentre, Street));
    public static readonly Given AssistPassedDownLeadPending = new("sub-centre assisting, passed its part down before the lead signed for", () => New().Dispatched(Department, SubCentre).PassedDown(SubCentre, Street));
    public static readonly Given OneDownReplied = new("street office replied to the sub-centre", () => OneDownAcceptedBuilder().Replied(Street));
    public static readonly Given TwoDownReplied = new("property company replied to the street office", () => TwoDownAcceptedBuilder().Replied(Property));
    public static readonly Given ForwardedUp = new("street office's reply forwarded up by the sub-centre", () => OneDownAcceptedBuilder().Replied(Street).Replied(SubCentre));

    // Returns
    public static readonly Given ReturnRequestedPending = new("return requested before signing for", () => New().Dispatched(Department).ReturnRequested(Department));
    public static readonly Given ReturnRequested = new("return requested", () => New().InProgress(Department).ReturnRequested(Department));
    public static readonly Given AssistReturnRequested = new("return requested by the assist", () => New().InProgress(Department, SubCentre).Accepted(SubCentre).ReturnRequested(SubCentre));
    public static readonly Given OneDownReturnRequested = new("return requested by the street office", () => New().Dispatched(SubCentre).PassedDown(SubCentre, Street).ReturnRequested(Street));
    public static readonly Given TwoDownReturnRequested = new("return requested by the property company", () => OneDownAcceptedBuilder().PassedDown(Street, Property).ReturnRequested(Property));
    public static readonly Given ReturnApproved = new("return approved", () => New().InProgress(Department).ReturnRequested(Department).ReturnDecided(Department, approve: true));
    public static readonly Given ReturnApprovedAssistWorking = new("lead's return approved, assist still working", () => New().InProgress(Department, SubCentre).ReturnRequested(Department).ReturnDecided(Department, approve: true));
    public static readonly Given OneDownReturnApproved = new("street office's return approved", () => New().Dispatched(SubCentre).PassedDown(SubCentre, Street).ReturnRequested(Street).ReturnDecided(Street, approve: true));

    // Extensions
    public static readonly Given ExtensionPending = new("extension requested", () => New().InProgress(Department).ExtensionRequested(Department));
    public static readonly Given ExtensionApproved = new("extension approved", () => New().InProgress(Department).ExtensionRequested(Department).ExtensionDecided(Department, approve: true));
    public static readonly Given OneDownExtensionPending = new("extension requested by the street office", () => OneDownAcceptedBuilder().ExtensionRequested(Street));

    // Replies and closing
    public static readonly Given Replied = new("replied", () => New().InProgress(Department).Replied(Department));
    public static readonly Given RepliedAssistWorking = new("replied after release, assist still working", () => New().InProgress(Department, SubCentre).AssistsReleased().Replied(Department));
    public static readonly Given ReviewRejected = new("reply sent back by the review", () => New().InProgress(Department).Replied(Department).Reviewed(approve: false));
    public static readonly Given Closed = new("closed", () => New().Closed(Department));
    public static readonly Given ClosedUnreachedTwice = new("closed, requester unreached twice", () => New().Closed(Department).Unreached().Unreached());
    public static readonly Given Redo = new("redo after an unsatisfied visit", () => New().Closed(Department).Visited(Satisfaction.Unsatisfied));
    public static readonly Given RedoClosed = new("closed again after a redo", () => New().Closed(Department).Visited(Satisfaction.Unsatisfied).Replied(Department).Reviewed(approve: true));
    public static readonly Given Archived = new("archived without a visit", () => New().Closed(Department).Archived());
    public static readonly Given VisitedArchived = new("archived after a satisfied visit", () => New().Closed(Department).Visited());
    public static readonly Given Merged = new("merged into another order", () => New().InProgress(Department).MergedInto(OrderBuilder.Registered(seed: 2)));

    // Supervision and clocks
    public static readonly Given Suspended = new("suspended", () => New().InProgress(Department).Suspended());
    public static readonly Given SuspendedDispatched = new("suspended before signing for", () => New().Dispatched(Department).Suspended());
    public static readonly Given Resumed = new("suspended and resumed", () => New().InProgress(Department).Suspended().Resumed());
    public static readonly Given Urged = new("urged", () => New().InProgress(Department).Urged());
    public static readonly Given Supervised = new("under 督办", () => New().InProgress(Department).Supervised());
    public static readonly Given SupervisionAnswered = new("督办 answered", () => New().InProgress(Department).Supervised().SupervisionAnswered(Department));
    public static readonly Given SupervisedOneDown = new("under 督办 while the street office works on it", () => OneDownAcceptedBuilder().Supervised());

    // Help requests
    public static readonly Given InProgressWithOffer = new("in progress, offered to a group for an assist", () => New().InProgress(Department).HelpOffered());
    public static readonly Given OfferClaimed = new("offer claimed by the department", () => New().HelpOffered().HelpClaimed(Department));
    public static readonly Given OfferExpired = new("offer expired", () => New().HelpOffered().HelpExpired());
    public static readonly Given OfferWithdrawn = new("offer withdrawn", () => New().HelpOffered().HelpWithdrawn());

    /// <summary>Every state above.</summary>
    public static IReadOnlyList<Given> All { get; } = typeof(OrderStates).GetFields()
        .Where(f => f.FieldType == typeof(Given))
        .Select(f => (Given)f.GetValue(null)!)
        .ToList();

    private static OrderBuilder OneDownAcceptedBuilder() => New().Dispatched(SubCentre).PassedDown(SubCentre, Street).Accepted(Street);

    private static OrderBuilder TwoDownAcceptedBuilder() => OneDownAcceptedBuilder().PassedDown(Street, Property).Accepted(Property);
}
