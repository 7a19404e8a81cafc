using Lianxin.Core.Common;
using Lianxin.Core.Identity;

namespace Lianxin.Core.WorkOrders;

public sealed record NotAcceptRequest(string? Reason) : OrderActionRequest;

/// <summary>不予受理: outside the centre's scope, with the reason; nothing is dispatched.</summary>
public sealed class NotAcceptWorkOrder(WorkOrderStore orders) : IOrderAction<NotAcceptRequest>
{
    public Task<WorkOrder> ExecuteAsync(Actor actor, NotAcceptRequest request, CancellationToken ct)
    {
        new Validator().Required("reason", request.Reason, WorkOrder.MaxTextLength).ThrowIfInvalid();
        return orders.ActAsync(actor, request.OrderId, request.Version, (order, now) => order.NotAccept(actor, now, request.Reason!.Trim()), ct);
    }
}
