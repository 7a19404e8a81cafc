using Lianxin.Core.Common;
using Lianxin.Core.Identity;
using Lianxin.Core.WorkOrders;

namespace Lianxin.Core.Dispatch;

/// <summary>
/// A return is decided by whoever dispatched the hop: the centre's dispatcher for a first-level hop, the
/// unit above for a lower one. Approved, the unit is out; rejected, its clock runs on.
/// </summary>
public sealed class DecideReturn(WorkOrderStore orders) : IOrderAction<DecisionRequest>
{
    public Task<WorkOrder> ExecuteAsync(Actor actor, DecisionRequest request, CancellationToken ct)
    {
        new Validator().Required("approve", request.Approve).MaxLength("note", request.Note, WorkOrder.MaxNoteLength).ThrowIfInvalid();
        return orders.ActAsync(actor, request.OrderId, request.Version,
            (order, now) => order.DecideReturn(actor, now, request.Approve!.Value, request.Note, request.AssignmentId), ct);
    }
}
