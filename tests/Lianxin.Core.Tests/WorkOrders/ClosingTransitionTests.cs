using Lianxin.Core.Deadlines;
using Lianxin.Core.ReturnVisits;
using Lianxin.Core.WorkOrders;
using static Lianxin.Core.Dispatch.AssignmentStatus;
using static Lianxin.Core.Tests.WorkOrders.Expect;
using static Lianxin.Core.Tests.WorkOrders.World;

namespace Lianxin.Core.Tests.WorkOrders;

/// <summary>
/// Closing: the centre's review of the lead's reply, the return visit (回访: a redo after an unsatisfied or
/// unsolved first round, the second round final, three unreached attempts archive) and archiving.
/// </summary>
public class ClosingTransitionTests
{
    private static readonly Given RepliedWithOffer = new("replied, an offer still open",
        () => OrderBuilder.Registered().InProgress(Department).HelpOffered().Replied(Department));

    private static readonly Given RedoClosedAfterTwoUnreached = new("closed again after a redo, the first round unreached twice",
        () => OrderBuilder.Registered().Closed(Department).Unreached().Unreached().Visited(Satisfaction.Unsatisfied).Replied(Department).Reviewed(approve: true));

    private static readonly TransitionTable Review = new("Review", (b, actor) => b.Order.Review(actor, b.Now, true, null, OrderBuilder.Visits))
    {
        {
            OrderStates.Replied, Dispatcher, "approve",
            Ok(WorkOrderStatus.Closed, EventTypes.ReviewApproved, (Department, Replied)).Then(b =>
            {
                Assert.Equal(b.Now, b.Order.ClosedAt);
                // Nothing was left open to end; the data is the visit plan (a help request: always visited).
                var data = System.Text.Json.JsonDocument.Parse(b.Order.History[^1].Data!).RootElement;
                Assert.False(data.TryGetProperty("withdrawn", out _));
                Assert.True(data.GetProperty("visitRequired").GetBoolean());
                Assert.False(data.GetProperty("visitSampled").GetBoolean());
                Assert.Equal(b.Order.VisitDueAt, data.GetProperty("visitDueAt").GetDateTime().ToUniversalTime());
                Assert.True(b.Order.VisitRequired);
                Assert.Null(b.Order.DeadlineCheckAt); // closed: nothing left for the sweep
            })
        },
        {
            OrderStates.Replied, Dispatcher, "reject", (b, a) => b.Order.Review(a, b.Now, false, "答复不完整", OrderBuilder.Visits),
            Ok(WorkOrderStatus.InProgress, EventTypes.ReviewRejected, (Department, Accepted)).Then(b =>
            {
                Assert.Null(b.Order.RepliedAt);
                Assert.Null(b.HopOf(Department).ClosedAt);
                Assert.Equal("答复不完整", b.Order.History[^1].Note);
            })
        },
        {
            OrderStates.RepliedAssistWorking, Dispatcher, "approve, the released assist still working",
            Ok(WorkOrderStatus.Closed, EventTypes.ReviewApproved, (Department, Replied), (SubCentre, Cancelled))
                .Then(b => Assert.Contains(b.HopOf(SubCentre).Id.ToString(), b.Order.History[^1].Data, StringComparison.Ordinal))
        },
        {
            OrderStates.ForwardedUp, Dispatcher, "reject a reply from down the chain", (b, a) => b.Order.Review(a, b.Now, false, "请核实", OrderBuilder.Visits),
            Ok(WorkOrderStatus.InProgress, EventTypes.ReviewRejected, (SubCentre, Accepted), (Street, Replied))
        },
        {
            RepliedWithOffer, Dispatcher, "approve, an offer still open",
            Ok(WorkOrderStatus.Closed, EventTypes.ReviewApproved).WithEvents(2)
                .Then(b => Assert.Equal(Dispatch.HelpRequestStatus.Withdrawn, b.Order.HelpRequests.Single().Status))
        },
        { OrderStates.Replied, Each(Supervisor, Agent, Visitor, Admin, NoRole, DepartmentHandler), Forbidden },
        { OrderStates.InProgress, Dispatcher, NotNow("status-not-allowed") },
        { OrderStates.OneDownReplied, Dispatcher, "a lower reply not forwarded", NotNow("status-not-allowed") },
        { OrderStates.Closed, Dispatcher, NotNow("status-not-allowed") },
        { OrderStates.ReturnRequested, Dispatcher, NotNow("status-not-allowed") },
    };

    private static readonly TransitionTable RecordVisit = new("RecordVisit", (b, actor) => Visit(b, actor, Satisfaction.Satisfied, Solved.Yes))
    {
        {
            OrderStates.Closed, Visitor, "satisfied, solved",
            Ok(WorkOrderStatus.Archived, EventTypes.Visited, (Department, Replied)).Then(b =>
            {
                var visit = Assert.Single(b.Order.Visits);
                Assert.Equal((1, 1, true), (visit.Round, visit.Attempt, visit.Reached));
                Assert.Equal((Satisfaction.Satisfied, Solved.Yes), (b.Order.FinalSatisfaction!.Value, b.Order.FinalSolved!.Value));
                Assert.Equal(b.Now, b.Order.ArchivedAt);
                Assert.Equal(0, b.Order.RedoCount);
                Assert.Contains("\"final\":true", b.Order.History[^1].Data, StringComparison.Ordinal);
            })
        },
        { OrderStates.Closed, Visitor, "basically satisfied, partly solved", (b, a) => Visit(b, a, Satisfaction.BasicallySatisfied, Solved.Partly), Ok(WorkOrderStatus.Archived, EventTypes.Visited) },
        {
            OrderStates.Closed, Visitor, "unsatisfied", (b, a) => Visit(b, a, Satisfaction.Unsatisfied, Solved.Yes),
            Ok(WorkOrderStatus.InProgress, EventTypes.Redo, (Department, Accepted)).Then(b =>
            {
                Assert.Equal(1, b.Order.RedoCount);
                Assert.Null(b.Order.ClosedAt);
                Assert.Null(b.Order.RepliedAt);
                Assert.Null(b.HopOf(Department).ClosedAt);

                // The completion clock starts again from the redo, with the full limit; the requester's rating stands until the next visit.
                Assert.Equal(b.Now, b.Order.Completion!.StartAt);
                Assert.Equal(Local("2026-11-30 17:30"), b.Order.Completion.DueAt);
                Assert.Equal(DeadlineState.OnTime, b.Order.Completion.State);
                Assert.Equal(Satisfaction.Unsatisfied, b.Order.FinalSatisfaction);
                Assert.Same(b.HopOf(Department), b.Order.LeadAssignment);
            })
        },
        { OrderStates.Closed, Visitor, "satisfied but unsolved", (b, a) => Visit(b, a, Satisfaction.Satisfied, Solved.No), Ok(WorkOrderStatus.InProgress, EventTypes.Redo, (Department, Accepted)) },
        {
            OrderStates.Closed, Visitor, "unreached",
            (b, a) => b.Order.RecordVisit(a, b.Now, false, null, null, "无人接听", b.NextId()),
            Ok(WorkOrderStatus.Closed, EventTypes.Visited).Then(b => Assert.Equal((1, false), (b.Order.VisitAttempts, b.Order.Visits.Single().Reached)))
        },
        {
            OrderStates.ClosedUnreachedTwice, Visitor, "unreached a third time",
            (b, a) => b.Order.RecordVisit(a, b.Now, false, null, null, "无人接听", b.NextId()),
            Ok(WorkOrderStatus.Archived, EventTypes.Visited).Then(b =>
            {
                Assert.Equal(ReturnVisit.MaxAttempts, b.Order.VisitAttempts);
                Assert.Equal(b.Now, b.Order.ArchivedAt);
                Assert.Null(b.Order.FinalSatisfaction);
                Assert.Contains("\"unreachable\":true", b.Order.History[^1].Data, StringComparison.Ordinal);
            })
        },
        {
            OrderStates.ClosedUnreachedTwice, Visitor, "reached at the third attempt, satisfied",
            Ok(WorkOrderStatus.Archived, EventTypes.Visited).Then(b => Assert.Equal(3, b.Order.Visits[^1].Attempt))
        },
        {
            OrderStates.RedoClosed, Visitor, "second round, unsatisfied again", (b, a) => Visit(b, a, Satisfaction.Unsatisfied, Solved.No),
            Ok(WorkOrderStatus.Archived, EventTypes.Visited).Then(b =>
            {
                Assert.Equal((2, 1), (b.Order.Visits[^1].Round, b.Order.RedoCount));
                Assert.Equal((Satisfaction.Unsatisfied, Solved.No), (b.Order.FinalSatisfaction!.Value, b.Order.FinalSolved!.Value));
            })
        },
        {
            RedoClosedAfterTwoUnreached, Visitor, "second round, attempts counted afresh",
            (b, a) => b.Order.RecordVisit(a, b.Now, false, null, null, "无人接听", b.NextId()),
            Ok(WorkOrderStatus.Closed, EventTypes.Visited).Then(b => Assert.Equal((2, 1), (b.Order.Visits[^1].Round, b.Order.VisitAttempts)))
        },
        {
            OrderStates.AnsweredDirectly, Visitor, "unsatisfied with the answer on the call", (b, a) => Visit(b, a, Satisfaction.Unsatisfied, Solved.No),
            Ok(WorkOrderStatus.Registered, EventTypes.Redo).Then(b => Assert.Null(b.Order.LeadAssignment)) // no unit: back to the dispatcher
        },
        { OrderStates.Closed, Visitor, "reached without a rating", (b, a) => b.Order.RecordVisit(a, b.Now, true, Solved.Yes, null, null, b.NextId()), Invalid },
        { OrderStates.Closed, Visitor, "reached without solved", (b, a) => b.Order.RecordVisit(a, b.Now, true, null, Satisfaction.Satisfied, null, b.NextId()), Invalid },
        { OrderStates.Closed, Each(Dispatcher, Agent, Supervisor, Admin, NoRole, DepartmentHandler), Forbidden },
        { OrderStates.Replied, Visitor, NotNow("status-not-allowed") },
        { OrderStates.Redo, Visitor, NotNow("status-not-allowed") },
        { OrderStates.Archived, Visitor, NotNow("status-not-allowed") },
        { OrderStates.NotAccepted, Visitor, NotNow("status-not-allowed") },
        { OrderStates.Merged, Visitor, NotNow("status-not-allowed") },
    };

    private static readonly TransitionTable Archive = new("Archive", (b, actor) => b.Order.Archive(actor, b.Now, "市民不需回访"))
    {
        { OrderStates.Closed, Visitor, Ok(WorkOrderStatus.Archived, EventTypes.Archived).Then(b => Assert.Equal(b.Now, b.Order.ArchivedAt)) },
        { OrderStates.Closed, Dispatcher, Ok(WorkOrderStatus.Archived, EventTypes.Archived) },
        { OrderStates.Closed, Supervisor, Ok(WorkOrderStatus.Archived, EventTypes.Archived) },
        { OrderStates.NotAccepted, Dispatcher, Ok(WorkOrderStatus.Archived, EventTypes.Archived) },
        { OrderStates.AnsweredDirectly, Visitor, Ok(WorkOrderStatus.Archived, EventTypes.Archived) },
        { OrderStates.Closed, Each(Agent, Admin, NoRole, DepartmentHandler), Forbidden },
        { OrderStates.InProgress, Dispatcher, NotNow("status-not-allowed") },
        { OrderStates.Replied, Dispatcher, NotNow("status-not-allowed") },
        { OrderStates.Archived, Dispatcher, NotNow("status-not-allowed") },
        { OrderStates.NotAcceptedArchived, Dispatcher, NotNow("status-not-allowed") },
        { OrderStates.Merged, Dispatcher, NotNow("status-not-allowed") },
    };

    public static IEnumerable<TheoryDataRow<string>> ReviewCases() => Review.Names();

    public static IEnumerable<TheoryDataRow<string>> RecordVisitCases() => RecordVisit.Names();

    public static IEnumerable<TheoryDataRow<string>> ArchiveCases() => Archive.Names();

    [Theory]
    [MemberData(nameof(ReviewCases))]
    public void Review_EachCase_HasItsOutcome(string scenario) => Review.Run(scenario);

    [Theory]
    [MemberData(nameof(RecordVisitCases))]
    public void RecordVisit_EachCase_HasItsOutcome(string scenario) => RecordVisit.Run(scenario);

    [Theory]
    [MemberData(nameof(ArchiveCases))]
    public void Archive_EachCase_HasItsOutcome(string scenario) => Archive.Run(scenario);

    [Fact]
    public void Redo_AfterAnExtension_TheRestartedClockHasNoExtension()
    {
        var b = OrderBuilder.Registered().InProgress(Department).ExtensionRequested(Department).ExtensionDecided(Department, approve: true)
            .Replied(Department).Reviewed(approve: true).At(Local("2026-12-01 10:00")).Visited(Satisfaction.Unsatisfied);

        Assert.Equal(0, b.Order.ExtensionDays);
        Assert.Equal(Local("2026-12-01 10:00"), b.Order.Completion!.StartAt);
        Assert.Equal(Local("2026-12-08 17:30"), b.Order.Completion.DueAt);
    }

    [Fact]
    public void FullLife_OneEventPerStep_VersionsCountUpWithoutGaps()
    {
        var b = OrderStates.RedoClosed.Build().Visited();
        var types = b.Order.History.Select(e => e.Type).ToList();

        Assert.Equal(
            [EventTypes.Registered, EventTypes.Dispatched, EventTypes.Accepted, EventTypes.Replied, EventTypes.ReviewApproved, EventTypes.Redo,
                EventTypes.Replied, EventTypes.ReviewApproved, EventTypes.Visited],
            types);
        Assert.Equal(Enumerable.Range(1, types.Count), b.Order.History.Select(e => e.Version));
        Assert.Equal(types.Count, b.Order.Version);
        Assert.All(b.Order.History.Skip(1).Zip(b.Order.History), p => Assert.Equal(p.Second.ToStatus, p.First.FromStatus));
        Assert.Equal(WorkOrderStatus.Archived, b.Order.Status);
    }

    private static void Visit(OrderBuilder b, Identity.Actor actor, Satisfaction satisfaction, Solved solved) =>
        b.Order.RecordVisit(actor, b.Now, true, solved, satisfaction, "回访意见", b.NextId());
}
