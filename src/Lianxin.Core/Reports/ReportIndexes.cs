using Lianxin.Core.Dispatch;
using Lianxin.Core.ReturnVisits;
using Lianxin.Core.WorkOrders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lianxin.Core.Reports;

/// <summary>
/// The indexes the day builder's ranges walk (ADR 0015), kept here beside the queries that need them; EF adds them to
/// each entity's own configuration. A day is a narrow range on each, so a day's rebuild reads only that day's rows.
/// </summary>
internal sealed class ReportEventIndexes : IEntityTypeConfiguration<WorkOrderEvent>
{
    // Closures, ends, redos, returns, merges of a day: one type over a range of instants.
    public void Configure(EntityTypeBuilder<WorkOrderEvent> b) => b.HasIndex(e => new { e.Type, e.At });
}

internal sealed class ReportAssignmentIndexes : IEntityTypeConfiguration<Assignment>
{
    // Hops by sign-for due (due in a day).
    public void Configure(EntityTypeBuilder<Assignment> b) => b.OwnsOne(a => a.SignFor, s => s.HasIndex(x => x.DueAt));
}

internal sealed class ReportWorkOrderIndexes : IEntityTypeConfiguration<WorkOrder>
{
    public void Configure(EntityTypeBuilder<WorkOrder> b)
    {
        // Orders by completion due, open or not (the open-only index serves the desks).
        b.OwnsOne(o => o.Completion, c => c.HasIndex([nameof(Deadlines.Deadline.DueAt)], "ix_work_orders_completion_due_at_all"));

        // Orders by visit deadline, closed or not (the queue's index holds closed orders only).
        b.HasIndex([nameof(WorkOrder.VisitDeadline)], "ix_work_orders_visit_deadline");
    }
}

internal sealed class ReportVisitIndexes : IEntityTypeConfiguration<ReturnVisit>
{
    // Visit attempts of a day.
    public void Configure(EntityTypeBuilder<ReturnVisit> b) => b.HasIndex(v => v.At);
}
