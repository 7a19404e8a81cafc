using Lianxin.Core.Common;
using Lianxin.Core.Identity;
using Lianxin.Core.WorkOrders;

namespace Lianxin.Core.Repeats;

public sealed record MergeRequest(Guid? IntoId, string? Note) : OrderActionRequest;

/// <summary>并单: a repeat is merged into its master order; both histories say so, and the master gains its requester.</summary>
public sealed class MergeWorkOrder(WorkOrderStore orders) : IOrderAction<MergeRequest>
{
    public async Task<WorkOrder> ExecuteAsync(Actor actor, MergeRequest request, CancellationToken ct)
    {
        new Validator().Required("intoId", request.IntoId).MaxLength("note", request.Note, WorkOrder.MaxNoteLength).ThrowIfInvalid();
        return await orders.ActAsync(actor, request.OrderId, request.Version, async (order, now, ct) =>
        {
            // Asked before the master is looked up, so a role that may not merge is told so, not that the master is missing.
            Refusal.ThrowIf(order.WhyNot(WorkOrderAction.Merge, actor));
            WorkOrder master;
            try
            {
                master = await orders.LoadAsync(request.IntoId!.Value, actor, ct);
            }
            catch (NotFoundException)
            {
                throw ValidationFailedException.For("intoId", new Text("目标工单不存在。", "The target order does not exist."));
            }

            order.MergeInto(master, actor, now, request.Note?.Trim());
        }, ct, withSupervisions: true);
    }
}
