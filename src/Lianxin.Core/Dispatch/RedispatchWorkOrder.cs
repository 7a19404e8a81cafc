using Lianxin.Core.Common;
using Lianxin.Core.Data;
using Lianxin.Core.Identity;
using Lianxin.Core.WorkOrders;
using Microsoft.EntityFrameworkCore;

namespace Lianxin.Core.Dispatch;

public sealed record RedispatchRequest(Guid? UnitId, AssignmentRole? Role, string? Note) : OrderActionRequest;

/// <summary>
/// 转派: a handler of a sub-centre or street office passes its part of an order to a unit below its own
/// (district → street → property company or repair crew). Both units are read from the database, where a
/// move or a deactivation is exact; the order holds the rules.
/// </summary>
public sealed class RedispatchWorkOrder(WorkOrderStore orders, LianxinDbContext db, TimeProvider clock) : IOrderAction<RedispatchRequest>
{
    public async Task<WorkOrder> ExecuteAsync(Actor actor, RedispatchRequest request, CancellationToken ct)
    {
        new Validator().Required("unitId", request.UnitId).MaxLength("note", request.Note, WorkOrder.MaxNoteLength).ThrowIfInvalid();
        var unitId = request.UnitId!.Value;
        var ids = new[] { unitId, actor.UnitId ?? Guid.Empty };
        return await orders.ActAsync(actor, request.OrderId, request.Version, async (order, now, ct) =>
        {
            var units = await db.Units.AsNoTracking().Where(u => ids.Contains(u.Id)).ToListAsync(ct);
            var own = units.FirstOrDefault(u => u.Id == actor.UnitId);
            var target = new HopTarget(unitId, request.Role ?? AssignmentRole.Lead, units.FirstOrDefault(u => u.Id == unitId));
            order.Redispatch(actor, now, own, target, request.Note?.Trim(), Ids.New(clock));
        }, ct);
    }
}
