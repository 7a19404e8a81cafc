using Lianxin.Core.Common;
using Lianxin.Core.Identity;
using Lianxin.Core.WorkOrders;

namespace Lianxin.Core.Dispatch;

public sealed record WithdrawHelpRequestBody(Guid HelpRequestId, string? Note) : OrderActionRequest;

/// <summary>The dispatcher withdraws an offer nobody has claimed yet.</summary>
public sealed class WithdrawHelpRequest(WorkOrderStore orders) : IOrderAction<WithdrawHelpRequestBody>
{
    public Task<WorkOrder> ExecuteAsync(Actor actor, WithdrawHelpRequestBody request, CancellationToken ct)
    {
        new Validator().MaxLength("note", request.Note, WorkOrder.MaxNoteLength).ThrowIfInvalid();
        return orders.ActAsync(actor, request.OrderId, request.Version, (order, now) => order.WithdrawHelp(actor, now, request.HelpRequestId, request.Note?.Trim()), ct);
    }
}
