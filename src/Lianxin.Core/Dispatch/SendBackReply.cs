using Lianxin.Core.Common;
using Lianxin.Core.Identity;
using Lianxin.Core.WorkOrders;

namespace Lianxin.Core.Dispatch;

/// <summary>发回: the unit above is not satisfied with a lower hop's reply and sends it back down, saying why.</summary>
public sealed class SendBackReply(WorkOrderStore orders) : IOrderAction<AssignmentNoteRequest>
{
    public Task<WorkOrder> ExecuteAsync(Actor actor, AssignmentNoteRequest request, CancellationToken ct)
    {
        new Validator().Required("assignmentId", request.AssignmentId).Required("note", request.Note, WorkOrder.MaxNoteLength).ThrowIfInvalid();
        return orders.ActAsync(actor, request.OrderId, request.Version, (order, now) => order.SendBack(actor, now, request.AssignmentId!.Value, request.Note!.Trim()), ct);
    }
}
