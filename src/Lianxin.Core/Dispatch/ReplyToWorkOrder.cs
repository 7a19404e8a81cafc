using Lianxin.Core.Common;
using Lianxin.Core.Identity;
using Lianxin.Core.WorkOrders;

namespace Lianxin.Core.Dispatch;

public sealed record ReplyRequest(string? Result, Solved? Solved) : OrderActionRequest;

/// <summary>答复: a unit reports the result of its part and whether the demand was solved; it goes to whoever dispatched the hop.</summary>
public sealed class ReplyToWorkOrder(WorkOrderStore orders) : IOrderAction<ReplyRequest>
{
    public Task<WorkOrder> ExecuteAsync(Actor actor, ReplyRequest request, CancellationToken ct)
    {
        new Validator().Required("result", request.Result, WorkOrder.MaxTextLength).Required("solved", request.Solved).ThrowIfInvalid();
        return orders.ActAsync(actor, request.OrderId, request.Version, (order, now) => order.Reply(actor, now, request.Result!.Trim(), request.Solved!.Value), ct);
    }
}
