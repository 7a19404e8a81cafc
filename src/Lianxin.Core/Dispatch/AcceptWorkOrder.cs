using Lianxin.Core.Identity;
using Lianxin.Core.WorkOrders;

namespace Lianxin.Core.Dispatch;

public sealed record AcceptRequest : OrderActionRequest;

/// <summary>签收: a handler signs for their unit's pending hop; it starts the unit's handling clock.</summary>
public sealed class AcceptWorkOrder(WorkOrderStore orders) : IOrderAction<AcceptRequest>
{
    public Task<WorkOrder> ExecuteAsync(Actor actor, AcceptRequest request, CancellationToken ct) =>
        orders.ActAsync(actor, request.OrderId, request.Version, (order, now) => order.Accept(actor, now), ct);
}
