using Lianxin.Core.Data;
using Lianxin.Core.Identity;
using Lianxin.Core.Organization;
using Microsoft.EntityFrameworkCore;

namespace Lianxin.Core.WorkOrders;

/// <summary>An order and its history, as the actor may see them (another unit's order is 404).</summary>
public sealed class GetWorkOrder(WorkOrderStore orders, LianxinDbContext db, ReferenceData refs)
{
    /// <summary>The order with everything its rules need; with its supervision records too when <paramref name="complete"/> (for <see cref="WorkOrder.AllowedActions"/>).</summary>
    public Task<WorkOrder> ExecuteAsync(Guid id, Actor actor, CancellationToken ct, bool complete = false) =>
        orders.LoadAsync(id, actor, ct, withSupervisions: complete);

    public async Task<IReadOnlyList<WorkOrderEvent>> HistoryAsync(Guid id, Actor actor, CancellationToken ct)
    {
        var snapshot = await refs.GetAsync(db, ct);
        var visible = await db.WorkOrders.AsNoTracking().VisibleTo(actor, snapshot).AnyAsync(o => o.Id == id, ct);
        if (!visible)
        {
            throw WorkOrderStore.NotFound();
        }

        return await db.WorkOrderEvents.AsNoTracking().Where(e => e.WorkOrderId == id).OrderBy(e => e.Version).ToListAsync(ct);
    }
}
