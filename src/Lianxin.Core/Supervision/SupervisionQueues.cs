using Lianxin.Core.Data;
using Lianxin.Core.Dispatch;
using Lianxin.Core.WorkOrders;
using Microsoft.EntityFrameworkCore;

namespace Lianxin.Core.Supervision;

public enum SupervisionTab
{
    /// <summary>超期: open, running orders with a clock past due.</summary>
    Overdue,

    /// <summary>临期: open, running orders with a clock turning 临期 and none overdue.</summary>
    Approaching,

    /// <summary>督办记录: open supervision records (a unit owes a written reply); late ones first.</summary>
    Records,
}

/// <summary>A lead unit's late work (null: not dispatched yet, the centre's own).</summary>
public sealed record UnitLateness(Guid? UnitId, int Approaching, int Overdue);

/// <summary>The supervisor's desk (督办): lateness by unit with drill-down, and the open supervision records.</summary>
public sealed class SupervisionQueues(LianxinDbContext db)
{
    private IQueryable<WorkOrder> Orders(SupervisionTab tab, DateTime now, Guid? unit)
    {
        var orders = ListWorkOrders.WithDeadline(db.WorkOrders.AsNoTracking(), tab == SupervisionTab.Overdue ? DeadlineFilter.Overdue : DeadlineFilter.Approaching, now);
        return unit is { } u
            ? orders.Where(o => o.Assignments.AsQueryable().Where(Assignment.IsCurrentLead).Any(a => a.UnitId == u))
            : orders;
    }

    private IQueryable<SupervisionRecord> OpenRecords(Guid? unit)
    {
        var records = db.SupervisionRecords.AsNoTracking().Where(s => s.Kind == SupervisionKind.Supervise && s.RepliedAt == null);
        return unit is { } u ? records.Where(s => s.UnitId == u) : records;
    }

    /// <summary>The deadline summary the API gives (GET /api/v1/deadlines/summary): per lead unit, most overdue first.</summary>
    public async Task<IReadOnlyList<UnitLateness>> ByUnitAsync(DateTime now, CancellationToken ct)
    {
        async Task<Dictionary<Guid, int>> CountAsync(DeadlineFilter filter) =>
            (await ListWorkOrders.WithDeadline(db.WorkOrders.AsNoTracking(), filter, now)
                .Select(o => o.Assignments.AsQueryable().Where(Assignment.IsCurrentLead).Select(a => (Guid?)a.UnitId).FirstOrDefault())
                .ToListAsync(ct))
            .GroupBy(u => u ?? Guid.Empty)
            .ToDictionary(g => g.Key, g => g.Count());

        var overdue = await CountAsync(DeadlineFilter.Overdue);
        var approaching = await CountAsync(DeadlineFilter.Approaching);
        return [.. overdue.Keys.Union(approaching.Keys)
            .Select(k => new UnitLateness(k == Guid.Empty ? null : k, approaching.GetValueOrDefault(k), overdue.GetValueOrDefault(k)))
            .OrderByDescending(u => u.Overdue).ThenByDescending(u => u.Approaching)];
    }

    public async Task<IReadOnlyList<DeskRow>> ListAsync(SupervisionTab tab, DateTime now, Guid? unit, CancellationToken ct)
    {
        if (tab != SupervisionTab.Records)
        {
            return await DeskRows.PageAsync(Orders(tab, now, unit), now, ct);
        }

        return await OpenRecords(unit)
            .OrderBy(s => s.ReplyDueAt)
            .Take(DeskRows.PageSize)
            .Join(db.WorkOrders, s => s.WorkOrderId, o => o.Id, (s, o) => new DeskRow(
                o.Id, o.Number, o.Version, o.Title, o.CategoryId, s.UnitId, o.Urgency, o.Status, o.CreatedAt,
                null, null, o.Completion == null ? null : new ClockSummary(o.Completion.DueAt, o.Completion.ApproachingAt, o.Completion.MetAt),
                o.SuspendedSince, s.Note, s.ReplyDueAt, s.Id, o.ClosedAt))
            .ToListAsync(ct);
    }

    public Task<int> CountAsync(SupervisionTab tab, DateTime now, Guid? unit, CancellationToken ct) =>
        tab == SupervisionTab.Records ? OpenRecords(unit).CountAsync(ct) : Orders(tab, now, unit).CountAsync(ct);
}
