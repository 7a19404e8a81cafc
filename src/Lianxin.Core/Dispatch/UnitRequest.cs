namespace Lianxin.Core.Dispatch;

public enum Decision
{
    Pending,
    Approved,
    Rejected,

    /// <summary>Lapsed without a decision: the order it was about was merged into another.</summary>
    Withdrawn,
}

/// <summary>What a unit asks of the dispatcher about one of its hops (a return, an extension), and the decision.</summary>
public abstract class UnitRequest
{
    protected UnitRequest()
    {
    }

    protected UnitRequest(Guid id, Guid workOrderId, Guid assignmentId, Guid unitId, DateTime at, Guid by)
    {
        Id = id;
        WorkOrderId = workOrderId;
        AssignmentId = assignmentId;
        UnitId = unitId;
        RequestedAt = at;
        RequestedBy = by;
        Decision = Decision.Pending;
    }

    public Guid Id { get; private set; }

    public Guid WorkOrderId { get; private set; }

    public Guid AssignmentId { get; private set; }

    public Guid UnitId { get; private set; }

    public DateTime RequestedAt { get; private set; }

    public Guid RequestedBy { get; private set; }

    public Decision Decision { get; private set; }

    public DateTime? DecidedAt { get; private set; }

    public Guid? DecidedBy { get; private set; }

    public string? DecisionNote { get; private set; }

    internal void Decide(bool approve, DateTime at, Guid by, string? note) =>
        Decide(approve ? Decision.Approved : Decision.Rejected, at, by, note);

    internal void Decide(Decision decision, DateTime at, Guid by, string? note)
    {
        Decision = decision;
        DecidedAt = at;
        DecidedBy = by;
        DecisionNote = note;
    }
}
