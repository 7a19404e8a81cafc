using Lianxin.Core.Data;
using Lianxin.Core.Identity;
using Lianxin.Core.Organization;
using Microsoft.EntityFrameworkCore;

namespace Lianxin.Core.WorkOrders;

public sealed class GetWorkOrder(LianxinDbContext db, ReferenceData refs)
{
    public Task<WorkOrder> ExecuteAsync(Guid id, Actor actor, CancellationToken ct) =>
        ActOnWorkOrder.LoadAsync(db, refs, id, actor, ct);

    public async Task<IReadOnlyList<WorkOrderEvent>> HistoryAsync(Guid id, Actor actor, CancellationToken ct)
    {
        var snapshot = await refs.GetAsync(db, ct);
        var visible = await db.WorkOrders.AsNoTracking().VisibleTo(actor, snapshot).AnyAsync(o => o.Id == id, ct);
        if (!visible)
        {
            throw ActOnWorkOrder.NotFound();
        }

        return await db.WorkOrderEvents.AsNoTracking().Where(e => e.WorkOrderId == id).OrderBy(e => e.Version).ToListAsync(ct);
    }
}
