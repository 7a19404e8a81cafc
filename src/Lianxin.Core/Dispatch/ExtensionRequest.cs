namespace Lianxin.Core.Dispatch;

/// <summary>延期申请: a unit asks for more working days before its deadline.</summary>
public sealed class ExtensionRequest : UnitRequest
{
    public const int MaxReasonLength = 1000;
    public const int MaxWorkingDays = 60;

    private ExtensionRequest()
    {
    }

    internal ExtensionRequest(Guid id, Guid workOrderId, Guid assignmentId, Guid unitId, int workingDays, string reason, DateTime at, Guid by)
        : base(id, workOrderId, assignmentId, unitId, at, by)
    {
        WorkingDays = workingDays;
        Reason = reason;
    }

    public int WorkingDays { get; private set; }

    public string Reason { get; private set; } = "";
}
