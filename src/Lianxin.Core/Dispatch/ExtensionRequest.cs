namespace Lianxin.Core.Dispatch;

/// <summary>延期申请: a unit asks for more working days before its deadline.</summary>
public sealed class ExtensionRequest
{
    public const int MaxReasonLength = 1000;
    public const int MaxWorkingDays = 60;

    private ExtensionRequest()
    {
    }

    internal ExtensionRequest(Guid id, Guid workOrderId, Guid assignmentId, Guid unitId, int workingDays, string reason, DateTime at, Guid by)
    {
        Id = id;
        WorkOrderId = workOrderId;
        AssignmentId = assignmentId;
        UnitId = unitId;
        WorkingDays = workingDays;
        Reason = reason;
        RequestedAt = at;
        RequestedBy = by;
        Decision = Decision.Pending;
    }

    public Guid Id { get; private set; }

    public Guid WorkOrderId { get; private set; }

    public Guid AssignmentId { get; private set; }

    public Guid UnitId { get; private set; }

    public int WorkingDays { get; private set; }

    public string Reason { get; private set; } = "";

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
