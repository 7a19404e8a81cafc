using Lianxin.Core.Common;
using Lianxin.Core.Identity;
using Lianxin.Core.WorkOrders;

namespace Lianxin.Core.Supervision;

public sealed record SupervisionReplyRequest(string? Text) : OrderActionRequest
{
    [System.Text.Json.Serialization.JsonIgnore]
    public Guid SupervisionId { get; init; }
}

/// <summary>The addressed unit's written reply to a 督办.</summary>
public sealed class ReplyToSupervision(WorkOrderStore orders) : IOrderAction<SupervisionReplyRequest>
{
    public Task<WorkOrder> ExecuteAsync(Actor actor, SupervisionReplyRequest request, CancellationToken ct)
    {
        new Validator().Required("text", request.Text, WorkOrder.MaxTextLength).ThrowIfInvalid();
        return orders.ActAsync(actor, request.OrderId, request.Version,
            (order, now) => order.ReplyToSupervision(actor, now, request.SupervisionId, request.Text!.Trim()), ct, withSupervisions: true);
    }
}
