namespace Lianxin.Core.Calls;

/// <summary>A work order registered (or answered directly) during a call: the call log lists it, the order shows its call.</summary>
public sealed class CallOrderLink
{
    private CallOrderLink()
    {
    }

    public CallOrderLink(Guid callId, Guid workOrderId, DateTime linkedAt)
    {
        CallId = callId;
        WorkOrderId = workOrderId;
        LinkedAt = linkedAt;
    }

    public Guid CallId { get; private set; }

    public Guid WorkOrderId { get; private set; }

    public DateTime LinkedAt { get; private set; }
}
