using System.Globalization;
using System.Linq.Expressions;
using System.Text;
using Lianxin.Core.Common;
using Lianxin.Core.Data;
using Lianxin.Core.Dispatch;
using Lianxin.Core.Identity;
using Lianxin.Core.Organization;
using Microsoft.EntityFrameworkCore;

namespace Lianxin.Core.WorkOrders;

public sealed record WorkOrderFilter(
    WorkOrderStatus? Status = null,
    Guid? UnitId = null,
    string? Query = null,
    DateTime? FromUtc = null,
    DateTime? ToUtc = null,
    Guid? CategoryId = null,
    string? RegionCode = null,
    DemandType? DemandType = null,
    Urgency? Urgency = null,
    Channel? Channel = null,
    string? Phone = null,
    DeadlineFilter? Deadline = null,
    DateTime? NowUtc = null);

public enum DeadlineFilter
{
    Approaching,
    Overdue,
}

public sealed record WorkOrderSummary(
    Guid Id, string Number, int Version, WorkOrderStatus Status, Channel Channel, DemandType DemandType, Urgency Urgency,
    string Title, Requester Requester, Guid CategoryId, string? RegionCode, DateTime CreatedAt, Guid? LeadUnitId,
    int RedoCount, Guid? RepeatOfId, Guid? MergedIntoId, DateTime? SuspendedSince = null, ClockSummary? SignFor = null, ClockSummary? Contact = null, ClockSummary? Completion = null)
{
    public bool IsOpen => Status is WorkOrderStatus.Registered or WorkOrderStatus.Dispatched or WorkOrderStatus.InProgress
        or WorkOrderStatus.ReturnRequested or WorkOrderStatus.Replied;

    /// <summary>
    /// The clock a list shows for the order: the first overdue one, else the first 临期, else the next
    /// due; null when every clock is settled or the order is closed or paused.
    /// </summary>
    public (Deadlines.DeadlineKind Kind, DateTime DueAt, Deadlines.DeadlineState State)? Pressing(DateTime now)
    {
        if (!IsOpen || SuspendedSince is not null)
        {
            return null;
        }

        var running = new[] { (Deadlines.DeadlineKind.SignFor, SignFor), (Deadlines.DeadlineKind.Contact, Contact), (Deadlines.DeadlineKind.Completion, Completion) }
            .Where(c => c.Item2 is { MetAt: null })
            .Select(c => (c.Item1, c.Item2!.DueAt, Deadlines.DeadlineCalculator.State(c.Item2.DueAt, c.Item2.ApproachingAt, now, null)))
            .ToList();
        return running.Count == 0 ? null : running.OrderByDescending(c => c.Item3).ThenBy(c => c.DueAt).First();
    }
}

/// <summary>One row of an export: what a centre puts in a spreadsheet.</summary>
public sealed record ExportRow(
    string Number, WorkOrderStatus Status, Channel Channel, DemandType DemandType, Urgency Urgency, string Title, string Description,
    Requester Requester, Guid CategoryId, string? RegionCode, string? Address, DateTime CreatedAt, Guid? LeadUnitId,
    DateTime? CompletionDueAt, string? Reply, DateTime? ClosedAt, int RedoCount, bool IsRepeat, Satisfaction? Satisfaction);

/// <summary>A clock as lists need it: due, turning 临期, met.</summary>
public sealed record ClockSummary(DateTime DueAt, DateTime ApproachingAt, DateTime? MetAt);

public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);

/// <summary>The order list: newest first, keyset-paged on (created_at, number), filtered and visibility-scoped.</summary>
public sealed class ListWorkOrders(LianxinDbContext db, ReferenceData refs)
{
    public const int MaxLimit = 200;

    /// <summary>Most rows one export (导出) carries; narrow the filters for more.</summary>
    public const int MaxExport = 10_000;

    /// <summary>
    /// The orders the filter selects, as the list pages them (newest first), for an export: at most
    /// <see cref="MaxExport"/> rows plus one, so the caller can tell the export was cut short.
    /// Confidential requesters come masked for units, as everywhere.
    /// </summary>
    public async Task<List<ExportRow>> ExportAsync(WorkOrderFilter filter, Actor actor, CancellationToken ct)
    {
        var snapshot = await refs.GetAsync(db, ct);
        var rows = await NewestFirst(Apply(db.WorkOrders.AsNoTracking().VisibleTo(actor, snapshot), filter, actor.MasksRequester()))
            .Take(MaxExport + 1)
            .Select(o => new ExportRow(
                o.Number, o.Status, o.Channel, o.DemandType, o.Urgency, o.Title, o.Description, o.Requester, o.CategoryId, o.RegionCode, o.Address,
                o.CreatedAt,
                o.Assignments.AsQueryable()
                    .Where(Assignment.IsCurrentLead)
                    .OrderByDescending(a => a.DispatchedAt)
                    .Select(a => (Guid?)a.UnitId)
                    .FirstOrDefault(),
                o.Completion == null ? null : o.Completion.DueAt, o.ReplyResult, o.ClosedAt, o.RedoCount, o.RepeatOfId != null, o.FinalSatisfaction))
            .ToListAsync(ct);
        return rows.Select(r => r.Requester.Confidential && actor.MasksRequester() ? r with { Requester = r.Requester.Masked() } : r).ToList();
    }

    public async Task<Page<WorkOrderSummary>> ExecuteAsync(WorkOrderFilter filter, Actor actor, int limit, string? cursor, CancellationToken ct)
    {
        var snapshot = await refs.GetAsync(db, ct);
        var query = db.WorkOrders.AsNoTracking().VisibleTo(actor, snapshot);
        query = Apply(query, filter, actor.MasksRequester());
        if (cursor is not null)
        {
            var (at, number) = DecodeCursor(cursor);
#pragma warning disable CA1309 // EF translates this overload to SQL "<" on the column, which is what keyset paging needs.
            query = query.Where(o => o.CreatedAt < at || (o.CreatedAt == at && string.Compare(o.Number, number) < 0));
#pragma warning restore CA1309
        }

        var rows = await NewestFirst(query)
            .Take(limit + 1)
            .Select(ToSummary)
            .ToListAsync(ct);
        var next = rows.Count > limit ? EncodeCursor(rows[limit - 1].CreatedAt, rows[limit - 1].Number) : null;
        var items = rows.Take(limit).Select(r => MaskedFor(r, actor)).ToList();
        return new Page<WorkOrderSummary>(items, next);
    }

    /// <summary>Open: registered and not yet closed, merged, refused or archived.</summary>
    internal static readonly Expression<Func<WorkOrder, bool>> IsOpen = o => o.Status == WorkOrderStatus.Registered || o.Status == WorkOrderStatus.Dispatched
        || o.Status == WorkOrderStatus.InProgress || o.Status == WorkOrderStatus.ReturnRequested || o.Status == WorkOrderStatus.Replied;

    /// <summary>The lists' order: newest first, on the (created_at, number) index the keyset cursor walks.</summary>
    internal static IOrderedQueryable<WorkOrder> NewestFirst(IQueryable<WorkOrder> orders) =>
        orders.OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Number);

    /// <summary>An order as a list row: its facts, its current first-level lead unit and its clocks.</summary>
    internal static readonly Expression<Func<WorkOrder, WorkOrderSummary>> ToSummary = o => new WorkOrderSummary(
        o.Id, o.Number, o.Version, o.Status, o.Channel, o.DemandType, o.Urgency, o.Title, o.Requester, o.CategoryId,
        o.RegionCode, o.CreatedAt,
        o.Assignments.AsQueryable()
            .Where(Assignment.IsCurrentLead)
            .OrderByDescending(a => a.DispatchedAt)
            .Select(a => (Guid?)a.UnitId)
            .FirstOrDefault(),
        o.RedoCount, o.RepeatOfId, o.MergedIntoId, o.SuspendedSince,
        o.SignFor == null ? null : new ClockSummary(o.SignFor.DueAt, o.SignFor.ApproachingAt, o.SignFor.MetAt),
        o.Contact == null ? null : new ClockSummary(o.Contact.DueAt, o.Contact.ApproachingAt, o.Contact.MetAt),
        o.Completion == null ? null : new ClockSummary(o.Completion.DueAt, o.Completion.ApproachingAt, o.Completion.MetAt));

    /// <summary>The row as the actor may see it: a confidential requester masked for everyone outside the centre.</summary>
    internal static WorkOrderSummary MaskedFor(WorkOrderSummary row, Actor actor) =>
        row.Requester.Confidential && actor.MasksRequester() ? row with { Requester = row.Requester.Masked() } : row;

    private static IQueryable<WorkOrder> Apply(IQueryable<WorkOrder> query, WorkOrderFilter f, bool masked)
    {
        if (f.Status is { } status)
        {
            query = query.Where(o => o.Status == status);
        }

        if (f.UnitId is { } unitId)
        {
            query = query.Where(o => o.Assignments.Any(a => a.UnitId == unitId));
        }

        if (f.FromUtc is { } from)
        {
            query = query.Where(o => o.CreatedAt >= from);
        }

        if (f.ToUtc is { } to)
        {
            query = query.Where(o => o.CreatedAt < to);
        }

        if (f.CategoryId is { } categoryId)
        {
            query = query.Where(o => o.CategoryId == categoryId);
        }

        if (f.RegionCode is { } region)
        {
            query = query.Where(o => o.RegionCode == region);
        }

        if (f.DemandType is { } demandType)
        {
            query = query.Where(o => o.DemandType == demandType);
        }

        if (f.Urgency is { } urgency)
        {
            query = query.Where(o => o.Urgency == urgency);
        }

        if (f.Channel is { } channel)
        {
            query = query.Where(o => o.Channel == channel);
        }

        if (f.Phone is { } phone)
        {
            // Finding a confidential order by its full number would confirm the number masking hides.
            query = masked
                ? query.Where(o => o.Requester.Phone == phone && !o.Requester.Confidential)
                : query.Where(o => o.Requester.Phone == phone);
        }

        if (f.Deadline is { } deadline && f.NowUtc is { } now)
        {
            query = WithDeadline(query, deadline, now);
        }

        if (!string.IsNullOrWhiteSpace(f.Query))
        {
            var q = f.Query.Trim();
            if (LooksLikeNumber(q))
            {
                var upper = q.ToUpperInvariant();
                query = query.Where(o => o.Number.StartsWith(upper));
            }
            else
            {
                // Substring search until the bigram index of the search feature replaces it.
                query = query.Where(o => o.Title.Contains(q) || o.Description.Contains(q) || o.Address!.Contains(q));
            }
        }

        return query;
    }

    /// <summary>Open, running (not paused) orders with a deadline overdue, or 临期 and none overdue.</summary>
    internal static IQueryable<WorkOrder> WithDeadline(IQueryable<WorkOrder> query, DeadlineFilter filter, DateTime now)
    {
        var running = Running(query);
        var overdue = Overdue(now);
        return filter == DeadlineFilter.Overdue
            ? running.Where(overdue)
            : running.Where(Expression.Lambda<Func<WorkOrder, bool>>(Expression.Not(overdue.Body), overdue.Parameters)).Where(PastApproaching(now));
    }

    /// <summary>Open and not paused: the orders whose clocks run.</summary>
    internal static IQueryable<WorkOrder> Running(IQueryable<WorkOrder> query) => query.Where(IsOpen).Where(o => o.SuspendedSince == null);

    /// <summary>A clock not met and past due at <paramref name="now"/> (超期).</summary>
    internal static Expression<Func<WorkOrder, bool>> Overdue(DateTime now) => o =>
        (o.SignFor!.MetAt == null && o.SignFor.DueAt <= now)
        || (o.Contact!.MetAt == null && o.Contact.DueAt <= now)
        || (o.Completion!.MetAt == null && o.Completion.DueAt <= now);

    /// <summary>A clock not met and past its 临期 time at <paramref name="now"/> (临期 when none is overdue).</summary>
    internal static Expression<Func<WorkOrder, bool>> PastApproaching(DateTime now) => o =>
        (o.SignFor!.MetAt == null && o.SignFor.ApproachingAt <= now)
        || (o.Contact!.MetAt == null && o.Contact.ApproachingAt <= now)
        || (o.Completion!.MetAt == null && o.Completion.ApproachingAt <= now);

    private static bool LooksLikeNumber(string q) =>
        q.Length >= 4 && q.Length <= 24 && char.IsAsciiLetter(q[0]) && char.IsAsciiLetter(q[1]) && q[2..].All(char.IsAsciiDigit);

    internal static string EncodeCursor(DateTime at, string number) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{at.Ticks}|{number}")))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    internal static (DateTime At, string Number) DecodeCursor(string cursor)
    {
        try
        {
            var b64 = cursor.Replace('-', '+').Replace('_', '/');
            b64 = b64.PadRight(b64.Length + ((4 - (b64.Length % 4)) % 4), '=');
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(b64));
            var parts = text.Split('|');
            if (parts.Length == 2 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                && ticks >= DateTime.MinValue.Ticks && ticks <= DateTime.MaxValue.Ticks && parts[1].Length <= 24)
            {
                return (new DateTime(ticks, DateTimeKind.Utc), parts[1]);
            }
        }
        catch (FormatException)
        {
            // Falls through to the validation error below.
        }

        throw ValidationFailedException.For("cursor", new Text("分页游标无效。", "Invalid cursor."));
    }
}
