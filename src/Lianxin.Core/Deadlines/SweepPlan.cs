using Lianxin.Core.Common;
using Lianxin.Core.Identity;
using Lianxin.Core.Supervision;

namespace Lianxin.Core.Deadlines;

/// <summary>One of an order's deadlines as stored on its row.</summary>
public sealed record StoredDeadline(DateTime DueAt, DateTime ApproachingAt, DeadlineState State, DateTime? MetAt);

/// <summary>An order the sweep claimed: what it read of the row, and the order's current first-level lead unit.</summary>
public sealed record ClaimedOrder(
    Guid Id, int Version, string Number, string Status, StoredDeadline? SignFor, StoredDeadline? Contact, StoredDeadline? Completion, Guid? LeadUnit);

/// <summary>One deadline that moved forward by the clock (临期 or 超期).</summary>
public sealed record DeadlineChange(DeadlineKind Kind, DeadlineState From, DeadlineState To, DateTime DueAt);

/// <summary>
/// What the sweep writes to one order row: the states of the deadlines it has (null where it has none,
/// so the stored column stays), the next instant one of them changes (null: nothing pending, the check
/// row goes), and the changes, each of which is one version.
/// </summary>
public sealed record OrderPlan(
    ClaimedOrder Order, DeadlineState? SignFor, DeadlineState? Contact, DeadlineState? Completion, DateTime? CheckAt, IReadOnlyList<DeadlineChange> Changes)
{
    public bool HasChanges => Changes.Count > 0;

    public int VersionIncrement => Changes.Count;

    /// <summary>Automatic 催办 raised: one per deadline that turned 临期.</summary>
    public int Urges => Changes.Count(c => c.To == DeadlineState.Approaching);

    /// <summary>Automatic 督办 raised: one per deadline that turned 超期.</summary>
    public int Supervises => Changes.Count(c => c.To == DeadlineState.Overdue);
}

/// <summary>A history event the sweep writes; <see cref="Data"/> holds the English of the note (<c>noteEn</c>).</summary>
public sealed record SweepEvent(Guid Id, Guid WorkOrderId, int Version, string Type, string Status, Guid? UnitId, Text Note, string Data);

/// <summary>An automatic 催办 or 督办.</summary>
public sealed record SweepSupervision(Guid Id, Guid WorkOrderId, SupervisionKind Kind, Guid? UnitId, Text Note, DateTime? ReplyDueAt);

/// <summary>A notification to a unit (<see cref="UnitId"/>) or to everyone with a role; digests have no order.</summary>
public sealed record SweepNotification(Guid Id, Guid? WorkOrderId, string? WorkOrderNumber, string Kind, Guid? UnitId, Role? Role, Text Text, string Data);

/// <summary>The rows a sweep inserts for the orders it changed.</summary>
public sealed record SweepWrites(IReadOnlyList<SweepEvent> Events, IReadOnlyList<SweepSupervision> Supervisions, IReadOnlyList<SweepNotification> Notifications);
