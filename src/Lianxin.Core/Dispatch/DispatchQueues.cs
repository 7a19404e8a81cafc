using System.Linq.Expressions;
using Lianxin.Core.Data;
using Lianxin.Core.Deadlines;
using Lianxin.Core.WorkOrders;
using Microsoft.EntityFrameworkCore;

namespace Lianxin.Core.Dispatch;

/// <summary>
/// One row of a work desk (UI.md "Work lists"): few simple cells, the clocks to pick the most pressing
/// from, and an optional note (a supervision record's text, an offer's note) with its own due time.
/// </summary>
public sealed record DeskRow(
    Guid Id, string Number, int Version, string Title, Guid CategoryId, Guid? UnitId, Urgency Urgency, WorkOrderStatus Status, DateTime CreatedAt,
    ClockSummary? SignFor, ClockSummary? Contact, ClockSummary? Completion, DateTime? SuspendedSince,
    string? Note = null, DateTime? NoteDueAt = null, Guid? TargetId = null, DateTime? ClosedAt = null)
{
    /// <summary>The clock the row shows: the first overdue, else the first 临期, else the next due; none when all are met, paused or the order is done.</summary>
    public (DeadlineKind Kind, ClockSummary Clock)? Pressing(DateTime now)
    {
        // A closed order's unmet clocks are history, not pressure (they show on the order page).
        if (SuspendedSince is not null || Status is WorkOrderStatus.Closed or WorkOrderStatus.NotAccepted or WorkOrderStatus.Archived or WorkOrderStatus.Merged)
        {
            return null;
        }

        return new[] { (Kind: DeadlineKind.SignFor, Clock: SignFor), (Kind: DeadlineKind.Contact, Clock: Contact), (Kind: DeadlineKind.Completion, Clock: Completion) }
            .Where(c => c.Clock is { MetAt: null })
            .Select(c => (c.Kind, Clock: c.Clock!))
            .OrderByDescending(c => DeadlineCalculator.State(c.Clock.DueAt, c.Clock.ApproachingAt, now, null))
            .ThenBy(c => c.Clock.DueAt)
            .Select(c => ((DeadlineKind Kind, ClockSummary Clock)?)c)
            .FirstOrDefault();
    }
}

/// <summary>Desk lists: how many rows a page shows, which rows a page holds, and the most-pressing-first order.</summary>
public static class DeskRows
{
    /// <summary>Rows a desk page shows (UI.md: ≤ 50, so the table stays fast).</summary>
    public const int PageSize = 50;

    /// <summary>The last page a desk goes to: 10,000 rows deep, past any real queue; a bigger number is clamped to it.</summary>
    public const int MaxPage = 199;

    /// <summary>Rows skipped before page <paramref name="page"/> (0-based; out-of-range pages are clamped).</summary>
    public static int Skip(int page) => Math.Clamp(page, 0, MaxPage) * PageSize;

    /// <summary>An order as a desk row, with its current first-level lead unit.</summary>
    public static readonly Expression<Func<WorkOrder, DeskRow>> FromOrder = o => new DeskRow(
        o.Id, o.Number, o.Version, o.Title, o.CategoryId,
        o.Assignments.AsQueryable().Where(Assignment.IsCurrentLead).OrderByDescending(a => a.DispatchedAt).Select(a => (Guid?)a.UnitId).FirstOrDefault(),
        o.Urgency, o.Status, o.CreatedAt,
        o.SignFor == null ? null : new ClockSummary(o.SignFor.DueAt, o.SignFor.ApproachingAt, o.SignFor.MetAt),
        o.Contact == null ? null : new ClockSummary(o.Contact.DueAt, o.Contact.ApproachingAt, o.Contact.MetAt),
        o.Completion == null ? null : new ClockSummary(o.Completion.DueAt, o.Completion.ApproachingAt, o.Completion.MetAt),
        o.SuspendedSince, null, null, null, o.ClosedAt);

    /// <summary>
    /// The database picks the page by the completion clock (the one every open order has) so only 50 rows
    /// travel; the page is then ordered by each row's most pressing clock: overdue first, then 临期, then the earliest due.
    /// </summary>
    public static async Task<IReadOnlyList<DeskRow>> PageAsync(IQueryable<WorkOrder> orders, DateTime now, int page, CancellationToken ct)
    {
        var rows = await orders
            .OrderBy(o => o.Completion!.DueAt).ThenBy(o => o.CreatedAt).ThenBy(o => o.Id)
            .Skip(Skip(page))
            .Take(PageSize)
            .Select(FromOrder)
            .ToListAsync(ct);
        return ByPressing(rows, now);
    }

    public static IReadOnlyList<DeskRow> ByPressing(IEnumerable<DeskRow> rows, DateTime now) =>
        [.. rows.Select(r => (Row: r, P: r.Pressing(now)))
            .OrderBy(x => x.P is null ? 1 : 0)
            .ThenByDescending(x => x.P is { } p ? DeadlineCalculator.State(p.Clock.DueAt, p.Clock.ApproachingAt, now, null) : DeadlineState.OnTime)
            .ThenBy(x => x.P?.Clock.DueAt ?? x.Row.NoteDueAt ?? x.Row.CreatedAt)
            .Select(x => x.Row)];
}

public enum DispatchTab
{
    /// <summary>待派单: registered, not dispatched.</summary>
    ToDispatch,

    /// <summary>退回待审: the first-level lead asked to return it.</summary>
    Returns,

    /// <summary>延期申请: a pending extension request.</summary>
    Extensions,

    /// <summary>待审核: the lead replied; the centre reviews.</summary>
    Review,

    /// <summary>重复待并: flagged as a repeat, still open and not merged.</summary>
    Repeats,

    /// <summary>会诊: offered to a unit group, not yet claimed.</summary>
    Help,
}

/// <summary>The dispatcher's desk (派单工作台): one query and one count per tab, each on the status index or a small pending table.</summary>
public sealed class DispatchQueues(LianxinDbContext db)
{
    private IQueryable<WorkOrder> Orders(DispatchTab tab)
    {
        var orders = db.WorkOrders.AsNoTracking();
        return tab switch
        {
            DispatchTab.ToDispatch => orders.Where(o => o.Status == WorkOrderStatus.Registered),
            DispatchTab.Returns => orders.Where(o => o.Status == WorkOrderStatus.ReturnRequested),
            DispatchTab.Extensions => orders.Where(o => db.ExtensionRequests.Any(e => e.WorkOrderId == o.Id && e.Decision == Decision.Pending)),
            DispatchTab.Review => orders.Where(o => o.Status == WorkOrderStatus.Replied),
            DispatchTab.Repeats => orders.Where(ListWorkOrders.IsOpen).Where(o => o.RepeatOfId != null && o.MergedIntoId == null),
            _ => orders.Where(o => db.HelpRequests.Any(h => h.WorkOrderId == o.Id && h.Status == HelpRequestStatus.Open)),
        };
    }

    /// <summary>Page <paramref name="page"/> (0-based, <see cref="DeskRows.PageSize"/> rows) of the tab.</summary>
    public Task<IReadOnlyList<DeskRow>> ListAsync(DispatchTab tab, DateTime now, int page, CancellationToken ct) => DeskRows.PageAsync(Orders(tab), now, page, ct);

    public Task<int> CountAsync(DispatchTab tab, CancellationToken ct) => Orders(tab).CountAsync(ct);

    public async Task<IReadOnlyDictionary<DispatchTab, int>> CountsAsync(CancellationToken ct)
    {
        var counts = new Dictionary<DispatchTab, int>();
        foreach (var tab in Enum.GetValues<DispatchTab>())
        {
            counts[tab] = await CountAsync(tab, ct);
        }

        return counts;
    }
}
