using Lianxin.Core.Common;
using Lianxin.Core.Identity;
using Lianxin.Core.WorkOrders;

namespace Lianxin.Core.Deadlines;

public sealed record ReasonRequest(string? Reason) : OrderActionRequest;

/// <summary>挂起: the centre pauses every clock of the order while it waits for the requester.</summary>
public sealed class SuspendWorkOrder(WorkOrderStore orders, TimeProvider clock) : IOrderAction<ReasonRequest>
{
    public Task<WorkOrder> ExecuteAsync(Actor actor, ReasonRequest request, CancellationToken ct)
    {
        new Validator().Required("reason", request.Reason, WorkOrderSuspension.MaxReasonLength).ThrowIfInvalid();
        return orders.ActAsync(actor, request.OrderId, request.Version, (order, now) => order.Suspend(actor, now, request.Reason!.Trim(), Ids.New(clock)), ct);
    }
}
