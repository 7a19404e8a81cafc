namespace Lianxin.Core.Dispatch;

public enum Decision
{
    Pending,
    Approved,
    Rejected,
}

/// <summary>退回申请: a unit says the order is not theirs, with a reason and its basis.</summary>
public sealed class ReturnRequest
{
    public const int MaxReasonLength = 1000;
    public const int MaxBasisLength = 1000;

    private ReturnRequest()
    {
    }

    internal ReturnRequest(Guid id, Guid workOrderId, Guid assignmentId, Guid unitId, string reason, string basis, DateTime at, Guid by)
    {
        Id = id;
        WorkOrderId = workOrderId;
        AssignmentId = assignmentId;
        UnitId = unitId;
        Reason = reason;
        Basis = basis;
        RequestedAt = at;
        RequestedBy = by;
        Decision = Decision.Pending;
    }

    public Guid Id { get; private set; }

    public Guid WorkOrderId { get; private set; }

    public Guid AssignmentId { get; private set; }

    public Guid UnitId { get; private set; }

    public string Reason { get; private set; } = "";

    public string Basis { get; private set; } = "";

    public DateTime RequestedAt { get; private set; }

    public Guid RequestedBy { get; private set; }

    public Decision Decision { get; private set; }

    public DateTime? DecidedAt { get; private set; }

    public Guid? DecidedBy { get; private set; }

    public string? DecisionNote { get; private set; }

    internal void Decide(bool approve, DateTime at, Guid by, string? note)
    {
        Decision = approve ? Decision.Approved : Decision.Rejected;
        DecidedAt = at;
        DecidedBy = by;
        DecisionNote = note;
    }
}
