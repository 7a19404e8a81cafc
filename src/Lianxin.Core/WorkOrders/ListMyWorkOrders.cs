using Lianxin.Core.Data;
using Lianxin.Core.Identity;
using Lianxin.Core.Organization;
using Microsoft.EntityFrameworkCore;

namespace Lianxin.Core.WorkOrders;

/// <summary>One row of 我的工单: the order, and whether I registered it (首问负责) or acted on it.</summary>
public sealed record MyWorkOrder(WorkOrderSummary Order, bool Registered, DateTime LastTouchedAt);

/// <summary>
/// 我的工单: the orders a user registered — the first taker follows the order to its end (首问负责) —
/// and the orders whose history has an event by them; newest touch first, open ones only unless asked.
/// Only orders the user may see are listed, requesters masked as everywhere.
/// </summary>
public sealed class ListMyWorkOrders(LianxinDbContext db, ReferenceData refs)
{
    public const int MaxRows = 200;

    public async Task<IReadOnlyList<MyWorkOrder>> ExecuteAsync(Actor actor, bool openOnly, CancellationToken ct)
    {
        var snapshot = await refs.GetAsync(db, ct);
        var me = actor.UserId;
        var query = db.WorkOrders.AsNoTracking().VisibleTo(actor, snapshot)
            .Where(o => o.CreatedById == me || db.WorkOrderEvents.Any(e => e.WorkOrderId == o.Id && e.ActorId == me));
        if (openOnly)
        {
            query = query.Where(ListWorkOrders.IsOpen);
        }

        // Newest orders first in SQL, the last touch computed here: no aggregate over converted date columns in the database.
        var rows = await ListWorkOrders.NewestFirst(query)
            .Take(MaxRows)
            .Select(ListWorkOrders.ToSummary)
            .ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var touches = await db.WorkOrderEvents.AsNoTracking()
            .Where(e => e.ActorId == me && ids.Contains(e.WorkOrderId))
            .Select(e => new { e.WorkOrderId, e.At })
            .ToListAsync(ct);
        var last = touches.GroupBy(t => t.WorkOrderId).ToDictionary(g => g.Key, g => g.Max(t => t.At));
        var registered = await db.WorkOrders.AsNoTracking().Where(o => ids.Contains(o.Id) && o.CreatedById == me).Select(o => o.Id).ToListAsync(ct);
        return rows
            .Select(r => new MyWorkOrder(
                ListWorkOrders.MaskedFor(r, actor),
                registered.Contains(r.Id), last.GetValueOrDefault(r.Id, r.CreatedAt)))
            .OrderByDescending(m => m.LastTouchedAt)
            .ToList();
    }
}
