namespace Lianxin.Core.Dispatch;

/// <summary>退回申请: a unit says the order is not theirs, with a reason and its basis.</summary>
public sealed class ReturnRequest : UnitRequest
{
    public const int MaxReasonLength = 1000;
    public const int MaxBasisLength = 1000;

    private ReturnRequest()
    {
    }

    internal ReturnRequest(Guid id, Guid workOrderId, Guid assignmentId, Guid unitId, string reason, string basis, DateTime at, Guid by)
        : base(id, workOrderId, assignmentId, unitId, at, by)
    {
        Reason = reason;
        Basis = basis;
    }

    public string Reason { get; private set; } = "";

    public string Basis { get; private set; } = "";
}
