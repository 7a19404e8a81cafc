using Lianxin.Core.Common;
using Lianxin.Core.Identity;
using Lianxin.Core.ReturnVisits;

namespace Lianxin.Core.WorkOrders;

public sealed record AnswerRequest(string? Answer) : OrderActionRequest;

/// <summary>直接答复: the call-taker answered on the call; the order closes at once.</summary>
public sealed class AnswerWorkOrderDirectly(WorkOrderStore orders, VisitPlans visits) : IOrderAction<AnswerRequest>
{
    public async Task<WorkOrder> ExecuteAsync(Actor actor, AnswerRequest request, CancellationToken ct)
    {
        new Validator().Required("answer", request.Answer, WorkOrder.MaxTextLength).ThrowIfInvalid();
        var planner = await visits.GetAsync(ct);
        return await orders.ActAsync(actor, request.OrderId, request.Version, (order, now) => order.AnswerDirectly(actor, now, request.Answer!.Trim(), planner), ct);
    }
}
