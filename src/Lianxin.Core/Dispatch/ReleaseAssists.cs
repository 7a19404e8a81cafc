using Lianxin.Core.Common;
using Lianxin.Core.Identity;
using Lianxin.Core.WorkOrders;

namespace Lianxin.Core.Dispatch;

/// <summary>解除等待协办: the dispatcher lets the lead reply without waiting for its assists.</summary>
public sealed class ReleaseAssists(WorkOrderStore orders) : IOrderAction<NoteRequest>
{
    public Task<WorkOrder> ExecuteAsync(Actor actor, NoteRequest request, CancellationToken ct)
    {
        new Validator().MaxLength("note", request.Note, WorkOrder.MaxNoteLength).ThrowIfInvalid();
        return orders.ActAsync(actor, request.OrderId, request.Version, (order, now) => order.ReleaseAssists(actor, now, request.Note?.Trim()), ct);
    }
}
