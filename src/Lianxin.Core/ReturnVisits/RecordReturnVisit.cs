using Lianxin.Core.Common;
using Lianxin.Core.Identity;
using Lianxin.Core.WorkOrders;

namespace Lianxin.Core.ReturnVisits;

public sealed record VisitRequest(bool? Reached, Solved? Solved, Satisfaction? Satisfaction, string? Comment) : OrderActionRequest;

/// <summary>回访: the centre called the requester back: reached or not, solved, satisfied; unsatisfied or unsolved sends it back (重办).</summary>
public sealed class RecordReturnVisit(WorkOrderStore orders, TimeProvider clock) : IOrderAction<VisitRequest>
{
    public Task<WorkOrder> ExecuteAsync(Actor actor, VisitRequest request, CancellationToken ct)
    {
        var reached = new Text("联系上市民时必填。", "Required when the requester was reached.");
        new Validator().Required("reached", request.Reached).MaxLength("comment", request.Comment, ReturnVisit.MaxCommentLength)
            .When(request.Reached == true && request.Solved is null, "solved", reached)
            .When(request.Reached == true && request.Satisfaction is null, "satisfaction", reached)
            .ThrowIfInvalid();
        return orders.ActAsync(actor, request.OrderId, request.Version,
            (order, now) => order.RecordVisit(actor, now, request.Reached!.Value, request.Solved, request.Satisfaction, request.Comment?.Trim(), Ids.New(clock)), ct);
    }
}
