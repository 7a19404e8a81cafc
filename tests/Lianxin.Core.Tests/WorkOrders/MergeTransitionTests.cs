using Lianxin.Core.Common;
using Lianxin.Core.Dispatch;
using Lianxin.Core.Identity;
using Lianxin.Core.WorkOrders;
using static Lianxin.Core.Tests.WorkOrders.Expect;
using static Lianxin.Core.Tests.WorkOrders.World;

namespace Lianxin.Core.Tests.WorkOrders;

/// <summary>
/// 并单: a repeat ends in the order it repeats (the master); its requester joins the master, its open work
/// lapses. Never into itself, never into an order that is no longer worked on.
/// </summary>
public class MergeTransitionTests
{
    /// <summary>Masters in each state, each a separate order (seed 2).</summary>
    private static readonly Dictionary<string, Func<OrderBuilder>> Masters = new(StringComparer.Ordinal)
    {
        ["registered"] = () => OrderBuilder.Registered(seed: 2),
        ["in progress"] = () => OrderBuilder.Registered(seed: 2).InProgress(Department),
        ["replied"] = () => OrderBuilder.Registered(seed: 2).InProgress(Department).Replied(Department),
        ["closed"] = () => OrderBuilder.Registered(seed: 2).Closed(Department),
        ["archived"] = () => OrderBuilder.Registered(seed: 2).Closed(Department).Archived(),
        ["not accepted"] = () => OrderBuilder.Registered(seed: 2).NotAccepted(),
        ["merged"] = () => OrderBuilder.Registered(seed: 2).MergedInto(OrderBuilder.Registered(seed: 3)),
    };

    private static readonly Given BusyOrder = new("in progress with an assist, a pending extension, an open 督办 and an open offer",
        () => OrderBuilder.Registered().InProgress(Department, SubCentre).ExtensionRequested(Department).Supervised().HelpOffered());

    private static readonly TransitionTable Merge = new("Merge", (b, actor) => b.Order.MergeInto(Masters["registered"]().Order, actor, b.Now, "同一事项"))
    {
        {
            OrderStates.Registered, Dispatcher, "into a registered master",
            Ok(WorkOrderStatus.Merged, EventTypes.Merged).Then(b =>
            {
                Assert.Equal(Masters["registered"]().Order.Id, b.Order.MergedIntoId);
                Assert.Contains(Masters["registered"]().Order.Number, b.Order.History[^1].Data, StringComparison.Ordinal);
                Assert.Null(b.Order.DeadlineCheckAt);
            })
        },
        { OrderStates.Registered, Dispatcher, "into a master in progress", (b, a) => Into(b, a, "in progress"), Ok(WorkOrderStatus.Merged, EventTypes.Merged) },
        { OrderStates.Registered, Dispatcher, "into a replied master", (b, a) => Into(b, a, "replied"), Ok(WorkOrderStatus.Merged, EventTypes.Merged) },
        {
            OrderStates.InProgress, Dispatcher, "an order in progress",
            Ok(WorkOrderStatus.Merged, EventTypes.Merged, (Department, AssignmentStatus.Cancelled)).Then(b => Assert.Equal(b.Now, b.HopOf(Department).ClosedAt))
        },
        { OrderStates.Dispatched, Dispatcher, Ok(WorkOrderStatus.Merged, EventTypes.Merged, (Department, AssignmentStatus.Cancelled)) },
        { OrderStates.ReturnRequested, Dispatcher, Ok(WorkOrderStatus.Merged, EventTypes.Merged, (Department, AssignmentStatus.Cancelled)).Then(b => Assert.Equal(Decision.Withdrawn, b.Order.Returns.Single().Decision)) },
        { OrderStates.Replied, Dispatcher, Ok(WorkOrderStatus.Merged, EventTypes.Merged, (Department, AssignmentStatus.Replied)) },
        { OrderStates.TwoDown, Dispatcher, Ok(WorkOrderStatus.Merged, EventTypes.Merged, (SubCentre, AssignmentStatus.Cancelled), (Street, AssignmentStatus.Cancelled), (Property, AssignmentStatus.Cancelled)) },
        {
            BusyOrder, Dispatcher, "with everything still open",
            Ok(WorkOrderStatus.Merged, EventTypes.Merged, (Department, AssignmentStatus.Cancelled), (SubCentre, AssignmentStatus.Cancelled)).WithEvents(2).Then(b =>
            {
                Assert.Equal(Decision.Withdrawn, b.Order.Extensions.Single().Decision);
                Assert.False(b.Order.Supervisions.Single().IsOpen);
                Assert.Equal(HelpRequestStatus.Withdrawn, b.Order.HelpRequests.Single().Status);
            })
        },
        { OrderStates.Registered, Dispatcher, "into itself", (b, a) => b.Order.MergeInto(b.Order, a, b.Now, null), Invalid },
        { OrderStates.Registered, Dispatcher, "into a closed master", (b, a) => Into(b, a, "closed"), NotNow("master-not-open") },
        { OrderStates.Registered, Dispatcher, "into an archived master", (b, a) => Into(b, a, "archived"), NotNow("master-not-open") },
        { OrderStates.Registered, Dispatcher, "into a master not accepted", (b, a) => Into(b, a, "not accepted"), NotNow("master-not-open") },
        { OrderStates.Registered, Dispatcher, "into a master merged elsewhere", (b, a) => Into(b, a, "merged"), NotNow("master-not-open") },
        { OrderStates.Registered, Each(Agent, Supervisor, Visitor, Admin, NoRole, DepartmentHandler), Forbidden },
        { OrderStates.Closed, Dispatcher, NotNow("status-not-allowed") },
        { OrderStates.Archived, Dispatcher, NotNow("status-not-allowed") },
        { OrderStates.NotAccepted, Dispatcher, NotNow("status-not-allowed") },
        { OrderStates.Merged, Dispatcher, NotNow("status-not-allowed") },
        { OrderStates.AnsweredDirectly, Dispatcher, NotNow("status-not-allowed") },
    };

    public static IEnumerable<TheoryDataRow<string>> MergeCases() => Merge.Names();

    [Theory]
    [MemberData(nameof(MergeCases))]
    public void Merge_EachCase_HasItsOutcome(string scenario) => Merge.Run(scenario);

    [Fact]
    public void Merge_TheMasterGainsTheRequesterAndSaysSo()
    {
        var master = OrderBuilder.Registered(seed: 2).InProgress(Department);
        var repeat = OrderBuilder.Registered(seed: 1).At(master.Now);
        var version = master.Order.Version;

        repeat.MergedInto(master);

        var joined = Assert.Single(master.Order.ExtraRequesters);
        Assert.Equal((repeat.Order.Requester.Phone, repeat.Order.Id, repeat.Order.Number), (joined.Phone, joined.FromOrderId, joined.FromNumber));
        Assert.Equal((version + 1, WorkOrderStatus.InProgress), (master.Order.Version, master.Order.Status));
        var from = master.Order.History[^1];
        Assert.Equal((EventTypes.MergedFrom, WorkOrderStatus.InProgress, WorkOrderStatus.InProgress), (from.Type, from.FromStatus, from.ToStatus));
        Assert.Contains(repeat.Order.Number, from.Data, StringComparison.Ordinal);
        Assert.Equal(AssignmentStatus.Accepted, master.HopOf(Department).Status); // the master's own work goes on
    }

    [Fact]
    public void Merge_Refused_TheMasterIsUnchanged()
    {
        var master = OrderBuilder.Registered(seed: 2).Closed(Department);
        var before = OrderSnapshot.Of(master.Order);
        var repeat = OrderBuilder.Registered(seed: 1);

        Assert.Throws<RuleViolationException>(() => repeat.MergedInto(master));

        Assert.Equal(before, OrderSnapshot.Of(master.Order));
    }

    [Fact]
    public void Merge_AChainOfRepeats_EveryRequesterEndsInTheLastMaster()
    {
        var master = OrderBuilder.Registered(seed: 3);
        var middle = OrderBuilder.Registered(seed: 2);
        OrderBuilder.Registered(seed: 1).MergedInto(middle);

        middle.MergedInto(master);

        Assert.Equal(["13700000001", "13700000002"], master.Order.ExtraRequesters.Select(r => r.Phone).Order());
        Assert.Throws<RuleViolationException>(() => master.Order.MergeInto(middle.Order, Dispatcher, master.Now, null)); // no way back round the loop
    }

    private static void Into(OrderBuilder b, Actor actor, string master) => b.Order.MergeInto(Masters[master]().Order, actor, b.Now, "同一事项");
}
