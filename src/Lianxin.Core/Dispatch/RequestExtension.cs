using Lianxin.Core.Common;
using Lianxin.Core.Identity;
using Lianxin.Core.WorkOrders;

namespace Lianxin.Core.Dispatch;

public sealed record ExtensionRequestBody(int? WorkingDays, string? Reason) : OrderActionRequest;

/// <summary>延期申请: a unit asks for more working days before its deadline; the dispatcher decides.</summary>
public sealed class RequestExtension(WorkOrderStore orders, TimeProvider clock) : IOrderAction<ExtensionRequestBody>
{
    public Task<WorkOrder> ExecuteAsync(Actor actor, ExtensionRequestBody request, CancellationToken ct)
    {
        new Validator().Required("workingDays", request.WorkingDays).Range("workingDays", request.WorkingDays, 1, ExtensionRequest.MaxWorkingDays)
            .Required("reason", request.Reason, ExtensionRequest.MaxReasonLength).ThrowIfInvalid();
        return orders.ActAsync(actor, request.OrderId, request.Version,
            (order, now) => order.RequestExtension(actor, now, request.WorkingDays!.Value, request.Reason!.Trim(), Ids.New(clock)), ct);
    }
}
