namespace Lianxin.Core.Dispatch;

/// <summary>退回申请: a unit says the order is not theirs, with a reason and its basis.</summary>
public sealed class ReturnRequest : UnitRequest
{
    public const int MaxReasonLength = 1000;
    public const int MaxBasisLength = 1000;

    private ReturnRequest()
    {
    }

    internal ReturnRequest(Guid id, Guid workOrderId, Guid assignmentId, Guid unitId, string reason, string basis, DateTime at, Guid by, string? reasonCode)
        : base(id, workOrderId, assignmentId, unitId, at, by)
    {
        Reason = reason;
        Basis = basis;
        ReasonCode = reasonCode;
    }

    public string Reason { get; private set; } = "";

    public string Basis { get; private set; } = "";

    /// <summary>The centre's configured reason (退单原因) the unit chose, if any; counted in the return figures.</summary>
    public string? ReasonCode { get; private set; }
}
