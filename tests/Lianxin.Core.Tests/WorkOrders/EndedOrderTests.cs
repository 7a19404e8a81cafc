using Lianxin.Core.Common;
using Lianxin.Core.Dispatch;
using Lianxin.Core.WorkOrders;
using static Lianxin.Core.Tests.WorkOrders.World;

namespace Lianxin.Core.Tests.WorkOrders;

/// <summary>
/// An order that has ended — closed, not accepted, merged, archived — leaves nothing hanging: no unit still
/// works on it, no return or extension waits for a decision, no pause runs, no offer is open. Review already
/// withdraws the assists still working and merge lets pending requests lapse; every other way to end an order
/// must do the same, or the console offers buttons on a finished order and units keep writing to its history.
/// </summary>
public class EndedOrderTests
{
    /// <summary>Each way to end an order, from a state that has something open.</summary>
    private static readonly Dictionary<string, Func<OrderBuilder>> Endings = new(StringComparer.Ordinal)
    {
        ["closed"] = () => OrderStates.Closed.Build(),
        ["closed, the released assist still working"] = () => OrderStates.RepliedAssistWorking.Build().Reviewed(approve: true),
        ["merged with everything open"] = () => OrderBuilder.Registered().InProgress(Department, SubCentre).ExtensionRequested(Department).HelpOffered()
            .MergedInto(OrderBuilder.Registered(seed: 2)),
        ["not accepted, archived"] = () => OrderStates.NotAcceptedArchived.Build(),
        ["closed, the released assist's return still pending"] = () => OrderBuilder.Registered().InProgress(Department, SubCentre).Accepted(SubCentre)
            .ReturnRequested(SubCentre).AssistsReleased().Replied(Department).Reviewed(approve: true),
        ["closed, the lead's extension still pending"] = () => OrderStates.ExtensionPending.Build().Replied(Department).Reviewed(approve: true),
        ["closed while suspended"] = () => OrderStates.Suspended.Build().Replied(Department).Reviewed(approve: true),
        ["archived after a visit, suspended all along"] = () => OrderStates.Suspended.Build().Replied(Department).Reviewed(approve: true).Visited(),
        ["merged while suspended"] = () => OrderStates.Suspended.Build().MergedInto(OrderBuilder.Registered(seed: 2)),
        ["answered directly, the assist of the returned lead still working"] = () => OrderStates.ReturnApprovedAssistWorking.Build().AnsweredDirectly(),
        ["not accepted, the assist of the returned lead still working"] = () => OrderStates.ReturnApprovedAssistWorking.Build().NotAccepted(),
    };

    public static IEnumerable<TheoryDataRow<string>> EndingNames() =>
        Endings.Keys.Select(k => new TheoryDataRow<string>(k) { TestDisplayName = $"EndedOrder_LeavesNothingHanging: {k}" }).ToList();

    [Theory]
    [MemberData(nameof(EndingNames))]
    public void EndedOrder_LeavesNothingHanging(string ending)
    {
        var b = Endings[ending]();
        Assert.False(b.Order.IsOpen);

        Assert.Empty(LooseEnds(b.Order));

        // And so no one is offered anything but archiving (or a visit) on it.
        var offered = Actors.SelectMany(a => b.Order.AllowedActions(a, UnitOf(a))).Select(a => a.Action).Distinct();
        Assert.Empty(offered.Except([WorkOrderAction.Archive, WorkOrderAction.RecordVisit, WorkOrderAction.ReplyToSupervision]));
    }

    /// <summary>
    /// The assist's return was still pending when the order closed (the lead had been released from waiting for
    /// it): review withdrew the assist's hop. Rejecting the return afterwards must not bring the withdrawn hop
    /// back to work on a closed order.
    /// </summary>
    [Fact]
    public void DecideReturn_AfterTheOrderClosed_DoesNotReviveTheWithdrawnHop()
    {
        var b = Endings["closed, the released assist's return still pending"]();
        Assert.Equal(AssignmentStatus.Cancelled, b.HopOf(SubCentre).Status);

        Assert.ThrowsAny<LianxinException>(() => b.Order.DecideReturn(Dispatcher, b.Now, false, "属于本单位职责", b.HopOf(SubCentre).Id));

        Assert.Equal(AssignmentStatus.Cancelled, b.HopOf(SubCentre).Status);
        Assert.Throws<RuleViolationException>(() => b.Order.Reply(SubCentreHandler, b.Now, "已处理", Solved.Yes));
    }

    /// <summary>A unit whose part outlived the order's end must not sign for it or reply to it afterwards.</summary>
    [Fact]
    public void AnswerDirectly_WithAnAssistStillWorking_TheAssistCannotActOnTheClosedOrder()
    {
        var b = OrderStates.ReturnApprovedAssistWorking.Build();
        b.Order.AnswerDirectly(Agent, b.Now, "已解答", OrderBuilder.Visits);
        var version = b.Order.Version;

        Assert.Throws<RuleViolationException>(() => b.Order.Accept(SubCentreHandler, b.Now));
        Assert.Equal(version, b.Order.Version);
    }

    /// <summary>A closed order's deadlines are settled: they do not move as time passes.</summary>
    [Fact]
    public void ClosedWhileSuspended_TheDueInstantsStayPut()
    {
        var b = Endings["closed while suspended"]();
        var due = b.Order.Completion!.DueAt;

        b.After(TimeSpan.FromDays(10)).Recompute();

        Assert.Equal(due, b.Order.Completion.DueAt);
    }

    private static IEnumerable<string> LooseEnds(WorkOrder o)
    {
        foreach (var hop in o.Assignments.Where(h => h.IsLive))
        {
            yield return $"the hop of {Units.Single(u => u.Id == hop.UnitId).Name} is still {hop.Status}";
        }

        foreach (var request in o.Returns.Where(r => r.Decision == Decision.Pending))
        {
            yield return $"a return of {Units.Single(u => u.Id == request.UnitId).Name} is still pending";
        }

        foreach (var request in o.Extensions.Where(r => r.Decision == Decision.Pending))
        {
            yield return $"an extension of {Units.Single(u => u.Id == request.UnitId).Name} is still pending";
        }

        if (o.SuspendedSince is not null || o.Suspensions.Any(s => s.To is null))
        {
            yield return "it is still suspended";
        }

        if (o.HelpRequests.Any(h => h.Status == HelpRequestStatus.Open))
        {
            yield return "an offer is still open";
        }
    }
}
