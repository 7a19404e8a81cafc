using Lianxin.Core.Data;
using Lianxin.Core.Dispatch;
using Lianxin.Core.WorkOrders;
using Microsoft.EntityFrameworkCore;

namespace Lianxin.Core.ReturnVisits;

public enum VisitTab
{
    /// <summary>待回访: closed, not yet called.</summary>
    ToVisit,

    /// <summary>未接通待重拨: called, nobody answered; still closed and waiting.</summary>
    Redial,
}

/// <summary>
/// The return-visit queue (回访): closed orders, oldest closure first. The real queue rules (today's
/// due, overdue, sampling) come with the reports issue; until then every closed order waits here.
/// Filtered on the (status, created_at) index; closed orders leave it when visited or archived.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "回访队列: the visitors' word for it, not a Queue<T>.")]
public sealed class VisitQueue(LianxinDbContext db)
{
    private IQueryable<WorkOrder> Orders(VisitTab tab)
    {
        var closed = db.WorkOrders.AsNoTracking().Where(o => o.Status == WorkOrderStatus.Closed);
        return tab == VisitTab.ToVisit ? closed.Where(o => o.VisitAttempts == 0) : closed.Where(o => o.VisitAttempts > 0);
    }

    /// <summary>Page <paramref name="page"/> (0-based, <see cref="DeskRows.PageSize"/> rows) of the tab.</summary>
    public async Task<IReadOnlyList<DeskRow>> ListAsync(VisitTab tab, int page, CancellationToken ct) =>
        await Orders(tab)
            .OrderBy(o => o.ClosedAt).ThenBy(o => o.Number)
            .Skip(DeskRows.Skip(page))
            .Take(DeskRows.PageSize)
            .Select(DeskRows.FromOrder)
            .ToListAsync(ct);

    public Task<int> CountAsync(VisitTab tab, CancellationToken ct) => Orders(tab).CountAsync(ct);
}
