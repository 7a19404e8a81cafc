using Lianxin.Core.Common;
using Lianxin.Core.Identity;
using Lianxin.Core.WorkOrders;

namespace Lianxin.Core.ReturnVisits;

/// <summary>归档 without a visit: the requester wants no call-back, or the order was not accepted.</summary>
public sealed class ArchiveWorkOrder(WorkOrderStore orders) : IOrderAction<NoteRequest>
{
    public Task<WorkOrder> ExecuteAsync(Actor actor, NoteRequest request, CancellationToken ct)
    {
        new Validator().MaxLength("note", request.Note, WorkOrder.MaxNoteLength).ThrowIfInvalid();
        return orders.ActAsync(actor, request.OrderId, request.Version, (order, now) => order.Archive(actor, now, request.Note?.Trim()), ct);
    }
}
