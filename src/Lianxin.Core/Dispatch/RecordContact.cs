using Lianxin.Core.Common;
using Lianxin.Core.Identity;
using Lianxin.Core.WorkOrders;

namespace Lianxin.Core.Dispatch;

/// <summary>联系: the unit records that it contacted the requester; the first contact meets the 联系时限.</summary>
public sealed class RecordContact(WorkOrderStore orders) : IOrderAction<NoteRequest>
{
    public Task<WorkOrder> ExecuteAsync(Actor actor, NoteRequest request, CancellationToken ct)
    {
        new Validator().MaxLength("note", request.Note, WorkOrder.MaxNoteLength).ThrowIfInvalid();
        return orders.ActAsync(actor, request.OrderId, request.Version, (order, now) => order.RecordContact(actor, now, request.Note?.Trim()), ct);
    }
}
