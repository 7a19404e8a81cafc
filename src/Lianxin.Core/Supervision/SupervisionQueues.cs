using System.Linq.Expressions;
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
    /// <summary>A 督办 record as a desk row: its order, its unit, its text and reply due; the record is the row's target.</summary>
    private static readonly Expression<Func<SupervisionRecord, WorkOrder, DeskRow>> FromRecord = (s, o) => new DeskRow(
        o.Id, o.Number, o.Version, o.Title, o.CategoryId, s.UnitId, o.Urgency, o.Status, o.CreatedAt,
        null, null, o.Completion == null ? null : new ClockSummary(o.Completion.DueAt, o.Completion.ApproachingAt, o.Completion.MetAt),
        o.SuspendedSince, s.Note, s.ReplyDueAt, s.Id, o.ClosedAt);

    private IQueryable<WorkOrder> Orders(SupervisionTab tab, DateTime now, Guid? unit)
    {
        var orders = ListWorkOrders.WithDeadline(db.WorkOrders.AsNoTracking(), tab == SupervisionTab.Overdue ? DeadlineFilter.Overdue : DeadlineFilter.Approaching, now);
        return unit is { } u
            ? orders.Where(o => o.Assignments.AsQueryable().Where(Assignment.IsCurrentLead).Any(a => a.UnitId == u))
            : orders;
    }

    /// <summary>Open 督办 (a unit owes a written reply), from the partial index on open records; of one unit if given.</summary>
    internal static IQueryable<SupervisionRecord> OpenRecords(LianxinDbContext db, Guid? unit)
    {
        var records = db.SupervisionRecords.AsNoTracking().Where(s => s.Kind == SupervisionKind.Supervise && s.RepliedAt == null);
        return unit is { } u ? records.Where(s => s.UnitId == u) : records;
    }

    /// <summary>A page of open 督办, the earliest reply due first: the supervisor's 督办记录 tab and a unit's 督办 tab.</summary>
    internal static async Task<IReadOnlyList<DeskRow>> RecordsPageAsync(LianxinDbContext db, Guid? unit, int page, CancellationToken ct) =>
        await OpenRecords(db, unit)
            .OrderBy(s => s.ReplyDueAt).ThenBy(s => s.Id)
            .Skip(DeskRows.Skip(page))
            .Take(DeskRows.PageSize)
            .Join(db.WorkOrders, s => s.WorkOrderId, o => o.Id, FromRecord)
            .ToListAsync(ct);

    /// <summary>The deadline summary the API gives (GET /api/v1/deadlines/summary): per lead unit, most overdue first.</summary>
    public async Task<IReadOnlyList<UnitLateness>> ByUnitAsync(DateTime now, CancellationToken ct)
    {
        // One pass over the running orders: each late one (overdue, or past 临期) with its current first-level
        // lead (none: not dispatched yet) and whether it is overdue, counted here.
        var overdue = ListWorkOrders.Overdue(now);
        var approaching = ListWorkOrders.PastApproaching(now);
        var o = overdue.Parameters[0];
        var late = Expression.Lambda<Func<WorkOrder, bool>>(Expression.OrElse(overdue.Body, Substitute(approaching.Body, approaching.Parameters[0], o)), o);
        Expression<Func<WorkOrder, bool, LateOrder>> shape = (order, isOverdue) => new LateOrder(
            order.Assignments.AsQueryable().Where(Assignment.IsCurrentLead).Select(a => (Guid?)a.UnitId).FirstOrDefault(), isOverdue);
        var row = Expression.Lambda<Func<WorkOrder, LateOrder>>(
            Substitute(Substitute(shape.Body, shape.Parameters[1], overdue.Body), shape.Parameters[0], o), o);
        var rows = await ListWorkOrders.Running(db.WorkOrders.AsNoTracking()).Where(late).Select(row).ToListAsync(ct);
        return [.. rows.GroupBy(r => r.UnitId)
            .Select(g => new UnitLateness(g.Key, g.Count(r => !r.Overdue), g.Count(r => r.Overdue)))
            .OrderByDescending(u => u.Overdue).ThenByDescending(u => u.Approaching)];
    }

    private sealed record LateOrder(Guid? UnitId, bool Overdue);

    private static Expression Substitute(Expression body, Expression from, Expression to) => new Substitution(from, to).Visit(body)!;

    /// <summary>Puts one expression in place of another (a lambda's parameter), so shared predicates compose into one query.</summary>
    private sealed class Substitution(Expression from, Expression to) : ExpressionVisitor
    {
        public override Expression? Visit(Expression? node) => node == from ? to : base.Visit(node);
    }

    /// <summary>Page <paramref name="page"/> (0-based, <see cref="DeskRows.PageSize"/> rows) of the tab, of one lead unit if given.</summary>
    public async Task<IReadOnlyList<DeskRow>> ListAsync(SupervisionTab tab, DateTime now, Guid? unit, int page, CancellationToken ct) =>
        tab == SupervisionTab.Records
            ? await RecordsPageAsync(db, unit, page, ct)
            : await DeskRows.PageAsync(Orders(tab, now, unit), now, page, ct);

    public Task<int> CountAsync(SupervisionTab tab, DateTime now, Guid? unit, CancellationToken ct) =>
        tab == SupervisionTab.Records ? OpenRecords(db, unit).CountAsync(ct) : Orders(tab, now, unit).CountAsync(ct);
}
