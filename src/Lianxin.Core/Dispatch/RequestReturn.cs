using Lianxin.Core.Common;
using Lianxin.Core.Data;
using Lianxin.Core.Identity;
using Lianxin.Core.WorkOrders;
using Microsoft.EntityFrameworkCore;

namespace Lianxin.Core.Dispatch;

public sealed record ReturnRequestBody(string? Reason, string? Basis, string? ReasonCode) : OrderActionRequest;

/// <summary>
/// 退回: the unit says the order is not theirs, with the reason, its basis and optionally one of the
/// centre's return reasons; whoever dispatched the hop decides.
/// </summary>
public sealed class RequestReturn(WorkOrderStore orders, LianxinDbContext db, TimeProvider clock) : IOrderAction<ReturnRequestBody>
{
    public async Task<WorkOrder> ExecuteAsync(Actor actor, ReturnRequestBody request, CancellationToken ct)
    {
        var v = new Validator().Required("reason", request.Reason, ReturnRequest.MaxReasonLength).Required("basis", request.Basis, ReturnRequest.MaxBasisLength)
            .MaxLength("reasonCode", request.ReasonCode, ReturnReason.MaxCodeLength);
        var code = string.IsNullOrWhiteSpace(request.ReasonCode) ? null : request.ReasonCode.Trim();
        if (code is { Length: <= ReturnReason.MaxCodeLength } && !await db.ReturnReasons.AnyAsync(r => r.Code == code && r.IsActive, ct))
        {
            v.Add("reasonCode", new Text($"没有启用的退单原因“{code}”。", $"No active return reason '{code}'."));
        }

        v.ThrowIfInvalid();
        return await orders.ActAsync(actor, request.OrderId, request.Version,
            (order, now) => order.RequestReturn(actor, now, request.Reason!.Trim(), request.Basis!.Trim(), code, Ids.New(clock)), ct);
    }
}
