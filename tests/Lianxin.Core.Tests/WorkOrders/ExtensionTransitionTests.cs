using Lianxin.Core.Deadlines;
using Lianxin.Core.Dispatch;
using Lianxin.Core.WorkOrders;
using static Lianxin.Core.Tests.WorkOrders.Expect;
using static Lianxin.Core.Tests.WorkOrders.World;

namespace Lianxin.Core.Tests.WorkOrders;

/// <summary>延期: a unit working on its part asks for more working days; the centre's dispatcher decides, and an approval moves completion.</summary>
public class ExtensionTransitionTests
{
    private static readonly Given TwoExtensions = new("extension requested by the sub-centre and by the street office",
        () => OrderBuilder.Registered().Dispatched(SubCentre).PassedDown(SubCentre, Street).Accepted(Street).ExtensionRequested(Street).ExtensionRequested(SubCentre));

    private static readonly TransitionTable RequestExtension = new("RequestExtension", (b, actor) => b.Order.RequestExtension(actor, b.Now, 3, "等待配件", b.NextId()))
    {
        {
            OrderStates.InProgress, DepartmentHandler,
            Ok(WorkOrderStatus.InProgress, EventTypes.ExtensionRequested, (Department, AssignmentStatus.Accepted)).Then(b =>
            {
                var request = Assert.Single(b.Order.Extensions);
                Assert.Equal((b.HopOf(Department).Id, 3, Decision.Pending), (request.AssignmentId, request.WorkingDays, request.Decision));
                Assert.Equal(0, b.Order.ExtensionDays);
                Assert.Equal(Local("2026-11-30 17:30"), b.Order.Completion!.DueAt); // asking moves nothing
            })
        },
        { OrderStates.OneDown, SubCentreHandler, "a hop passed down", Ok(WorkOrderStatus.InProgress, EventTypes.ExtensionRequested) },
        { OrderStates.OneDownAccepted, StreetHandler, Ok(WorkOrderStatus.InProgress, EventTypes.ExtensionRequested) },
        { OrderStates.Suspended, DepartmentHandler, Ok(WorkOrderStatus.InProgress, EventTypes.ExtensionRequested) },
        { OrderStates.ExtensionApproved, DepartmentHandler, "again after an approval", Ok(WorkOrderStatus.InProgress, EventTypes.ExtensionRequested) },
        { OrderStates.ExtensionPending, DepartmentHandler, NotNow("extension-pending") },
        { OrderStates.OneDownExtensionPending, SubCentreHandler, "while the unit below has one pending", Ok(WorkOrderStatus.InProgress, EventTypes.ExtensionRequested) },
        { OrderStates.OneDown, StreetHandler, "before signing for", NotNow("assignment-status") },
        { OrderStates.InProgress, UnrelatedHandler, NotNow("assignment-status") },
        { OrderStates.InProgress, Each(Dispatcher, Supervisor, NoRole), Forbidden },
        { OrderStates.Dispatched, DepartmentHandler, NotNow("status-not-allowed") },
        { OrderStates.ReturnRequested, DepartmentHandler, NotNow("status-not-allowed") },
        { OrderStates.Replied, DepartmentHandler, NotNow("status-not-allowed") },
        { OrderStates.Closed, DepartmentHandler, NotNow("status-not-allowed") },
    };

    private static readonly TransitionTable DecideExtension = new("DecideExtension", (b, actor) => b.Order.DecideExtension(actor, b.Now, true, "同意", b.HopOf(Department).Id))
    {
        {
            OrderStates.ExtensionPending, Dispatcher, "approve",
            Ok(WorkOrderStatus.InProgress, EventTypes.ExtensionApproved, (Department, AssignmentStatus.Accepted)).Then(b =>
            {
                Assert.Equal(3, b.Order.ExtensionDays);
                Assert.Equal(Decision.Approved, b.Order.Extensions.Single().Decision);

                // Completion (order and hop) moves from Monday 30 Nov to Thursday 3 Dec; sign-for and contact do not move.
                Assert.Equal(Local("2026-12-03 17:30"), b.Order.Completion!.DueAt);
                Assert.Equal(Local("2026-12-03 17:30"), b.HopOf(Department).Completion!.DueAt);
                Assert.Equal(Local("2026-11-24 17:30"), b.Order.Contact!.DueAt);
            })
        },
        {
            OrderStates.ExtensionPending, Dispatcher, "reject", (b, a) => b.Order.DecideExtension(a, b.Now, false, "理由不充分", null),
            Ok(WorkOrderStatus.InProgress, EventTypes.ExtensionRejected).Then(b =>
            {
                Assert.Equal(0, b.Order.ExtensionDays);
                Assert.Equal(Decision.Rejected, b.Order.Extensions.Single().Decision);
                Assert.Equal(Local("2026-11-30 17:30"), b.Order.Completion!.DueAt);
            })
        },
        {
            OrderStates.OneDownExtensionPending, Dispatcher, "the street office's", (b, a) => b.Order.DecideExtension(a, b.Now, true, null, b.HopOf(Street).Id),
            Ok(WorkOrderStatus.InProgress, EventTypes.ExtensionApproved).Then(b =>
            {
                Assert.Equal(Local("2026-12-03 17:30"), b.Order.Completion!.DueAt);
                Assert.True(b.HopOf(Street).Completion!.DueAt < b.HopOf(SubCentre).Completion!.DueAt);
                Assert.True(b.HopOf(Street).Completion!.DueAt > Local("2026-11-30 17:30"));
            })
        },
        { OrderStates.OneDownExtensionPending, SubCentreHandler, "the unit above", (b, a) => b.Order.DecideExtension(a, b.Now, true, null, b.HopOf(Street).Id), Forbidden },
        { OrderStates.ExtensionPending, Each(Supervisor, Agent, Admin, NoRole, DepartmentHandler), Forbidden },
        { OrderStates.InProgress, Dispatcher, NotNow("nothing-pending") },
        { OrderStates.ExtensionApproved, Dispatcher, NotNow("nothing-pending") },
        { OrderStates.ExtensionPending, Dispatcher, "naming another hop", (b, a) => b.Order.DecideExtension(a, b.Now, true, null, Id(999)), NotNow("nothing-pending") },
        { TwoExtensions, Dispatcher, "naming no hop when two asked", (b, a) => b.Order.DecideExtension(a, b.Now, true, null, null), Invalid },
    };

    public static IEnumerable<TheoryDataRow<string>> RequestExtensionCases() => RequestExtension.Names();

    public static IEnumerable<TheoryDataRow<string>> DecideExtensionCases() => DecideExtension.Names();

    [Theory]
    [MemberData(nameof(RequestExtensionCases))]
    public void RequestExtension_EachCase_HasItsOutcome(string scenario) => RequestExtension.Run(scenario);

    [Theory]
    [MemberData(nameof(DecideExtensionCases))]
    public void DecideExtension_EachCase_HasItsOutcome(string scenario) => DecideExtension.Run(scenario);

    [Fact]
    public void Extension_ApprovedTwice_AddsUp()
    {
        var b = OrderStates.ExtensionApproved.Build().ExtensionRequested(Department, 2).ExtensionDecided(Department, approve: true);

        Assert.Equal(5, b.Order.ExtensionDays);
        Assert.Equal(Local("2026-12-07 17:30"), b.Order.Completion!.DueAt);
    }

    [Fact]
    public void Extension_ApprovedAfterTheDeadlinePassed_PutsTheOrderBackOnTime()
    {
        var b = OrderBuilder.Registered().InProgress(Department).ExtensionRequested(Department).At(Local("2026-12-01 09:00"));
        b.Recompute();
        Assert.Equal(DeadlineState.OnTime, b.Order.Completion!.State); // moving forward by the clock is the sweep's to record

        b.ExtensionDecided(Department, approve: true);

        Assert.Equal(Local("2026-12-03 17:30"), b.Order.Completion.DueAt);
        Assert.Equal(DeadlineState.OnTime, b.Order.Completion.StateAt(Local("2026-12-01 09:10")));
    }
}
