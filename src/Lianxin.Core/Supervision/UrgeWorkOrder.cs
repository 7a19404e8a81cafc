using Lianxin.Core.Common;
using Lianxin.Core.Identity;
using Lianxin.Core.WorkOrders;

namespace Lianxin.Core.Supervision;

public sealed record UrgeRequest(string? Note) : OrderActionRequest;

/// <summary>催办: a reminder to the unit now holding the order.</summary>
public sealed class UrgeWorkOrder(WorkOrderStore orders, TimeProvider clock) : IOrderAction<UrgeRequest>
{
    public Task<WorkOrder> ExecuteAsync(Actor actor, UrgeRequest request, CancellationToken ct)
    {
        new Validator().Required("note", request.Note, SupervisionRecord.MaxNoteLength).ThrowIfInvalid();
        return orders.ActAsync(actor, request.OrderId, request.Version, (order, now) => order.Urge(actor, now, request.Note!.Trim(), Ids.New(clock)), ct);
    }
}
