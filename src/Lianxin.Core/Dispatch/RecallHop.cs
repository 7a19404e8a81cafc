using Lianxin.Core.Common;
using Lianxin.Core.Identity;
using Lianxin.Core.WorkOrders;

namespace Lianxin.Core.Dispatch;

/// <summary>收回: the unit above takes back a part it passed down (misrouted, or to finish it itself).</summary>
public sealed class RecallHop(WorkOrderStore orders) : IOrderAction<AssignmentNoteRequest>
{
    public Task<WorkOrder> ExecuteAsync(Actor actor, AssignmentNoteRequest request, CancellationToken ct)
    {
        new Validator().Required("assignmentId", request.AssignmentId).Required("note", request.Note, WorkOrder.MaxNoteLength).ThrowIfInvalid();
        return orders.ActAsync(actor, request.OrderId, request.Version, (order, now) => order.Recall(actor, now, request.AssignmentId!.Value, request.Note!.Trim()), ct);
    }
}
