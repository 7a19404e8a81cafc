using Lianxin.Core.Common;
using Lianxin.Core.Identity;
using Lianxin.Core.WorkOrders;

namespace Lianxin.Core.Dispatch;

/// <summary>The dispatcher approves (the completion deadline moves) or rejects a unit's extension request.</summary>
public sealed class DecideExtension(WorkOrderStore orders) : IOrderAction<DecisionRequest>
{
    public Task<WorkOrder> ExecuteAsync(Actor actor, DecisionRequest request, CancellationToken ct)
    {
        new Validator().Required("approve", request.Approve).MaxLength("note", request.Note, WorkOrder.MaxNoteLength).ThrowIfInvalid();
        return orders.ActAsync(actor, request.OrderId, request.Version,
            (order, now) => order.DecideExtension(actor, now, request.Approve!.Value, request.Note, request.AssignmentId), ct);
    }
}
