using Lianxin.Core.Common;
using Lianxin.Core.Identity;
using Lianxin.Core.ReturnVisits;
using Lianxin.Core.WorkOrders;

namespace Lianxin.Core.Dispatch;

/// <summary>审核: the centre approves the lead's reply (the order is closed) or sends it back to the unit, saying why.</summary>
public sealed class ReviewReply(WorkOrderStore orders, VisitPlans visits) : IOrderAction<DecisionRequest>
{
    public async Task<WorkOrder> ExecuteAsync(Actor actor, DecisionRequest request, CancellationToken ct)
    {
        new Validator().Required("approve", request.Approve).MaxLength("note", request.Note, WorkOrder.MaxNoteLength)
            .When(request.Approve == false && string.IsNullOrWhiteSpace(request.Note), "note", new Text("退回修改时须说明原因。", "Say why when sending a reply back."))
            .ThrowIfInvalid();
        var planner = await visits.GetAsync(ct);
        return await orders.ActAsync(actor, request.OrderId, request.Version, (order, now) => order.Review(actor, now, request.Approve!.Value, request.Note, planner), ct);
    }
}
