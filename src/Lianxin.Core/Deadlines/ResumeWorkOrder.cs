using Lianxin.Core.Common;
using Lianxin.Core.Identity;
using Lianxin.Core.WorkOrders;

namespace Lianxin.Core.Deadlines;

/// <summary>恢复: the clocks run again; every deadline moves by the paused time.</summary>
public sealed class ResumeWorkOrder(WorkOrderStore orders) : IOrderAction<NoteRequest>
{
    public Task<WorkOrder> ExecuteAsync(Actor actor, NoteRequest request, CancellationToken ct)
    {
        new Validator().MaxLength("note", request.Note, WorkOrder.MaxNoteLength).ThrowIfInvalid();
        return orders.ActAsync(actor, request.OrderId, request.Version, (order, now) => order.Resume(actor, now, request.Note?.Trim()), ct);
    }
}
