namespace Lianxin.Core.WorkOrders;

/// <summary>挂起: a centre-approved pause while waiting for the requester; deadlines do not run meanwhile.</summary>
public sealed class WorkOrderSuspension
{
    public const int MaxReasonLength = 1000;

    private WorkOrderSuspension()
    {
    }

    internal WorkOrderSuspension(Guid id, Guid workOrderId, DateTime from, string reason, Guid by)
    {
        Id = id;
        WorkOrderId = workOrderId;
        From = from;
        Reason = reason;
        SuspendedBy = by;
    }

    public Guid Id { get; private set; }

    public Guid WorkOrderId { get; private set; }

    public DateTime From { get; private set; }

    public DateTime? To { get; private set; }

    public string Reason { get; private set; } = "";

    public Guid SuspendedBy { get; private set; }

    public Guid? ResumedBy { get; private set; }

    internal void End(DateTime at, Guid by)
    {
        To = at;
        ResumedBy = by;
    }
}
