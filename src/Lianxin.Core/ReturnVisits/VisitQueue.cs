using Lianxin.Core.Common;
using Lianxin.Core.Data;
using Lianxin.Core.Dispatch;
using Lianxin.Core.Identity;
using Lianxin.Core.WorkOrders;
using Microsoft.EntityFrameworkCore;

namespace Lianxin.Core.ReturnVisits;

/// <summary>The tabs of the return-visit queue: every closed order due a visit is on exactly one of them.</summary>
public enum VisitTab
{
    /// <summary>今日应访: due (the first working day after closure has begun), not yet called, not past the deadline.</summary>
    Due,

    /// <summary>逾期: past the visit deadline and not visited, called or not.</summary>
    Overdue,

    /// <summary>未接通待重拨: called, nobody answered; still within the deadline.</summary>
    Redial,

    /// <summary>未到期: closed today (or over a holiday); due from the next working day. A visit now counts all the same.</summary>
    NotYetDue,
}

/// <summary>What the API lists: due now (today's and redials), overdue, or every order waiting (with those not yet due).</summary>
public enum VisitState
{
    Due,
    Overdue,
    All,
}

/// <summary>One order waiting for its visit, as the API lists it.</summary>
public sealed record VisitQueueRow(
    Guid Id, string Number, string Title, DemandType DemandType, Urgency Urgency, Guid CategoryId, DateTime? ClosedAt,
    bool Sampled, int Attempts, int Round, DateTime DueAt, DateTime Deadline);

/// <summary>
/// The return-visit queue (回访): closed orders due a visit (<see cref="WorkOrder.VisitRequired"/>), oldest
/// deadline first, split by the instant into <see cref="VisitTab"/>s. Every query is a range of the partial
/// index on closed orders (visit required, deadline, number), so a page and a count read only the queue.
/// Orders not due a visit never show here; they are archived when their window ends (<see cref="ArchiveUnvisitedOrders"/>).
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "回访队列: the visitors' word for it, not a Queue<T>.")]
public sealed class VisitQueue(LianxinDbContext db)
{
    /// <summary>Who may read the queue: the centre's visitors, dispatchers, supervisors and admins.</summary>
    public const Role Readers = Role.Visitor | Role.Dispatcher | Role.Supervisor | Role.Admin;

    /// <summary>Every order waiting for a visit (all tabs).</summary>
    private IQueryable<WorkOrder> Waiting() =>
        db.WorkOrders.AsNoTracking().Where(o => o.Status == WorkOrderStatus.Closed && o.VisitRequired && o.VisitDeadline != null);

    public IQueryable<WorkOrder> Orders(VisitTab tab, DateTime now)
    {
        var waiting = Waiting();
        return tab switch
        {
            VisitTab.Due => waiting.Where(o => o.VisitDeadline > now && o.VisitDueAt <= now && o.VisitAttempts == 0),
            VisitTab.Overdue => waiting.Where(o => o.VisitDeadline <= now),
            VisitTab.Redial => waiting.Where(o => o.VisitDeadline > now && o.VisitAttempts > 0),
            VisitTab.NotYetDue => waiting.Where(o => o.VisitDeadline > now && o.VisitDueAt > now && o.VisitAttempts == 0),
            _ => throw new ArgumentOutOfRangeException(nameof(tab)),
        };
    }

    /// <summary>Page <paramref name="page"/> (0-based, <see cref="DeskRows.PageSize"/> rows) of the tab as desk rows; the deadline is the row's due time.</summary>
    public async Task<IReadOnlyList<DeskRow>> ListAsync(VisitTab tab, DateTime now, int page, CancellationToken ct) =>
        await Orders(tab, now)
            .OrderBy(o => o.VisitDeadline).ThenBy(o => o.Number)
            .Skip(DeskRows.Skip(page))
            .Take(DeskRows.PageSize)
            .Select(o => new DeskRow(
                o.Id, o.Number, o.Version, o.Title, o.CategoryId,
                o.Assignments.AsQueryable().Where(Assignment.IsCurrentLead).OrderByDescending(a => a.DispatchedAt).Select(a => (Guid?)a.UnitId).FirstOrDefault(),
                o.Urgency, o.Status, o.CreatedAt, null, null, null, o.SuspendedSince, null, o.VisitDeadline, null, o.ClosedAt))
            .ToListAsync(ct);

    public Task<int> CountAsync(VisitTab tab, DateTime now, CancellationToken ct) => Orders(tab, now).CountAsync(ct);

    /// <summary>
    /// The API's list of one <paramref name="state"/>, oldest deadline first, keyset-paged after (deadline,
    /// number) of the last row of the previous page.
    /// </summary>
    public async Task<IReadOnlyList<VisitQueueRow>> RowsAsync(Actor actor, VisitState state, DateTime now, int limit, (DateTime Deadline, string Number)? after, CancellationToken ct)
    {
        actor.Require(Readers, new Text("查看回访队列", "read the return-visit queue"));
        var query = state switch
        {
            VisitState.Due => Waiting().Where(o => o.VisitDeadline > now && (o.VisitDueAt <= now || o.VisitAttempts > 0)),
            VisitState.Overdue => Orders(VisitTab.Overdue, now),
            _ => Waiting(),
        };
        if (after is { } a)
        {
#pragma warning disable CA1309 // EF translates this overload to SQL ">" on the column, which is what keyset paging needs.
            query = query.Where(o => o.VisitDeadline > a.Deadline || (o.VisitDeadline == a.Deadline && string.Compare(o.Number, a.Number) > 0));
#pragma warning restore CA1309
        }

        return await query
            .OrderBy(o => o.VisitDeadline).ThenBy(o => o.Number)
            .Take(limit)
            .Select(o => new VisitQueueRow(o.Id, o.Number, o.Title, o.DemandType, o.Urgency, o.CategoryId, o.ClosedAt,
                o.VisitSampled, o.VisitAttempts, o.RedoCount + 1, o.VisitDueAt!.Value, o.VisitDeadline!.Value))
            .ToListAsync(ct);
    }
}
