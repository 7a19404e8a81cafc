using Lianxin.Core.Calls;
using Lianxin.Core.Common;
using Lianxin.Core.Data;
using Lianxin.Core.Dispatch;
using Lianxin.Core.Identity;
using Lianxin.Core.WorkOrders;
using Microsoft.EntityFrameworkCore;

namespace Lianxin.Core.Reports;

/// <summary>A figure whose orders (or calls) can be listed: a counter, or the part of a rate's denominator that missed.</summary>
public enum KpiFigure
{
    Received,
    Closed,
    NotAccepted,
    AnsweredDirectly,
    Merged,
    SignDue,
    SignLate,
    CompletionDue,
    CompletionLate,
    VisitDue,
    NotVisited,
    Reached,
    Unsolved,
    Unsatisfied,
    Unreachable,
    Repeats,
    Ended,
    NotFirstTime,
    Redos,
    Returns,
    Offered,
    Answered,
    Abandoned,
    ShortAbandons,
}

/// <summary>
/// Which list: a figure over a period of local days, within one breakdown key (none for the centre), and within one
/// category's subtree when <see cref="CategoryId"/> is given (a hot spot: a street's orders about one matter); 50 a page from 1.
/// </summary>
public sealed record KpiDrill(DateOnly From, DateOnly To, KpiFigure Figure, KpiDimension Dimension = KpiDimension.Centre, string? Key = null, int Page = 1, Guid? CategoryId = null);

/// <summary>
/// One line of a drill-down: the order and the instant that put it in the figure; the unit is the hop's (sign-for,
/// returns) or the lead's. An order appears once per fact (a hop, a visit), as the figure counts it.
/// </summary>
public sealed record KpiOrderItem(Guid OrderId, string Number, string Title, WorkOrderStatus Status, DateTime At, Guid? UnitId, string? UnitName);

/// <summary>
/// A page of the orders behind a figure; <see cref="Total"/> equals the figure. For call figures there are no orders:
/// <see cref="Calls"/> is the call log's filter (ListCalls) that lists them, and Total their number.
/// </summary>
public sealed record KpiOrderPage(int Total, int Page, int PageSize, IReadOnlyList<KpiOrderItem> Items, CallFilter? Calls = null);

/// <summary>
/// Drill-down: the orders behind one figure, from the same queries the day builder counts (<see cref="KpiQueries"/>),
/// so the list's total is the figure. Centre staff drill anywhere; a unit's staff only into their own unit.
/// </summary>
public sealed class ListKpiOrders(LianxinDbContext db, DailyFigureStore store)
{
    public const int PageSize = 50;

    private sealed class Fact
    {
        public Guid OrderId { get; init; }

        public DateTime At { get; init; }

        public Guid? UnitId { get; init; }

        public bool FirstLevel { get; init; }
    }

    private sealed class Row
    {
        public Guid OrderId { get; init; }

        public string Number { get; init; } = "";

        public string Title { get; init; } = "";

        public WorkOrderStatus Status { get; init; }

        public DateTime At { get; init; }

        public Guid? UnitId { get; init; }

        public bool FirstLevel { get; init; }

        public Channel Channel { get; init; }

        public DemandType DemandType { get; init; }

        public Guid CategoryId { get; init; }

        public string? RegionCode { get; init; }
    }

    public async Task<KpiOrderPage> ExecuteAsync(Actor actor, KpiDrill drill, CancellationToken ct)
    {
        KpiAccess.CheckPeriod(drill.From, drill.To, GetKpis.MaxDays);
        if (!actor.IsCentreStaff)
        {
            var own = KpiAccess.Resolve(actor, null)!.Value;
            if (drill.Dimension != KpiDimension.Unit || drill.Key != KpiKeys.Of(own))
            {
                throw new ForbiddenActionException(new Text("单位用户只能查看本单位的明细。", "A unit's staff list only their own unit's orders."));
            }
        }

        var isCall = drill.Figure is KpiFigure.Offered or KpiFigure.Answered or KpiFigure.Abandoned or KpiFigure.ShortAbandons;
        var v = new Validator()
            .When(drill.Page < 1, "page", new Text("页码从 1 开始。", "Pages start at 1."))
            .When(!Enum.IsDefined(drill.Figure), "figure", new Text("取值无效。", "Not a valid value."))
            .When(drill.Dimension != KpiDimension.Centre && string.IsNullOrWhiteSpace(drill.Key), "key", new Text("请指定细分项。", "Say which row of the breakdown."))
            .When(isCall && drill.Dimension != KpiDimension.Centre, "dimension", new Text("话务指标只有中心合计。", "Call figures exist for the centre only."));
        Guid keyId = default;
        Channel channel = default;
        DemandType demandType = default;
        switch (drill.Dimension)
        {
            case KpiDimension.Unit or KpiDimension.Category:
                v.When(!Guid.TryParse(drill.Key, out keyId), "key", new Text("应为编号（GUID）。", "Must be an id (GUID)."));
                break;
            case KpiDimension.Channel:
                channel = v.Enum<Channel>("key", drill.Key) ?? default;
                break;
            case KpiDimension.DemandType:
                demandType = v.Enum<DemandType>("key", drill.Key) ?? default;
                break;
        }

        v.ThrowIfInvalid();
        var zone = await store.ZoneAsync(ct);
        var (start, end) = DayFigureSources.Range(drill.From, drill.To, zone);
        var settings = await KpiSettings.ReadAsync(db, ct);
        if (isCall)
        {
            return await CallsAsync(drill, start, end, settings, ct);
        }

        var (facts, hopUnit) = Facts(drill.Figure, new KpiQueries(db), start, end, settings);
        var rows = hopUnit
            ? from f in facts
              join o in db.WorkOrders on f.OrderId equals o.Id
              select new Row
              {
                  OrderId = o.Id, Number = o.Number, Title = o.Title, Status = o.Status, At = f.At, UnitId = f.UnitId, FirstLevel = f.FirstLevel,
                  Channel = o.Channel, DemandType = o.DemandType, CategoryId = o.CategoryId, RegionCode = o.RegionCode,
              }
            : from f in facts
              join o in db.WorkOrders on f.OrderId equals o.Id
              select new Row
              {
                  OrderId = o.Id, Number = o.Number, Title = o.Title, Status = o.Status, At = f.At, FirstLevel = true,
                  UnitId = db.Assignments.Where(a => a.WorkOrderId == o.Id && a.Role == AssignmentRole.Lead && a.ParentId == null
                          && a.Status != AssignmentStatus.Returned && a.Status != AssignmentStatus.Cancelled)
                      .OrderByDescending(a => a.DispatchedAt).Select(a => (Guid?)a.UnitId).FirstOrDefault(),
                  Channel = o.Channel, DemandType = o.DemandType, CategoryId = o.CategoryId, RegionCode = o.RegionCode,
              };

        switch (drill.Dimension)
        {
            case KpiDimension.Centre:
                rows = rows.Where(r => r.FirstLevel);
                break;
            case KpiDimension.Unit:
                rows = rows.Where(r => r.UnitId == keyId);
                break;
            case KpiDimension.Category:
                // The category and its subtree: the briefing sums categories up to their top level and drills by that key.
                var categoryIds = await CategoryIdsAsync(keyId, ct);
                rows = rows.Where(r => r.FirstLevel && categoryIds.Contains(r.CategoryId));
                break;
            case KpiDimension.Region:
                var codes = await RegionCodesAsync(drill.Key!, ct);
                rows = rows.Where(r => r.FirstLevel && codes.Contains(r.RegionCode!));
                break;
            case KpiDimension.Channel:
                rows = rows.Where(r => r.FirstLevel && r.Channel == channel);
                break;
            case KpiDimension.DemandType:
                rows = rows.Where(r => r.FirstLevel && r.DemandType == demandType);
                break;
        }

        if (drill.CategoryId is { } within)
        {
            var withinIds = await CategoryIdsAsync(within, ct);
            rows = rows.Where(r => withinIds.Contains(r.CategoryId));
        }

        var total = await rows.CountAsync(ct);
        var page = await rows.OrderBy(r => r.At).ThenBy(r => r.Number).Skip((drill.Page - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        var unitIds = page.Where(r => r.UnitId != null).Select(r => r.UnitId!.Value).Distinct().ToList();
        var units = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        return new KpiOrderPage(total, drill.Page, PageSize,
            [.. page.Select(r => new KpiOrderItem(r.OrderId, r.Number, r.Title, r.Status, r.At, r.UnitId, r.UnitId is { } u ? units.GetValueOrDefault(u) : null))]);
    }

    /// <summary>
    /// The facts of a figure; true when the unit is the fact's own (a hop's, a return's) rather than the order's lead.
    /// Every branch is the day builder's query (<see cref="DayFigureSources"/>) with the figure's condition.
    /// </summary>
    private (IQueryable<Fact> Facts, bool HopUnit) Facts(KpiFigure figure, KpiQueries q, DateTime start, DateTime end, KpiSettings s)
    {
        IQueryable<Fact> Events(IQueryable<WorkOrderEvent> events) => events.Select(e => new Fact { OrderId = e.WorkOrderId, At = e.At });
        var final = s.VisitsCounted == VisitsCounted.FinalOnly;
        var basic = s.BasicallySatisfiedCounts;
        var reached = q.Visits(start, end).Where(v => v.Reached
            && (!final || !(v.Round == 1 && (v.Satisfaction == Satisfaction.Unsatisfied || v.Solved == Solved.No))));
        return figure switch
        {
            KpiFigure.Received => (q.Registered(start, end).Select(o => new Fact { OrderId = o.Id, At = o.CreatedAt }), false),
            KpiFigure.Repeats => (q.Registered(start, end).Where(o => o.RepeatOfId != null).Select(o => new Fact { OrderId = o.Id, At = o.CreatedAt }), false),
            KpiFigure.Closed => (Events(q.FirstClosures(start, end)), false),
            KpiFigure.NotAccepted => (Events(q.Events(EventTypes.NotAccepted, start, end)), false),
            KpiFigure.AnsweredDirectly => (Events(q.Events(EventTypes.AnsweredDirectly, start, end)), false),
            KpiFigure.Merged => (Events(q.Events(EventTypes.Merged, start, end)), false),
            KpiFigure.Redos => (Events(q.Events(EventTypes.Redo, start, end)), false),
            KpiFigure.Ended => (Events(q.Ended(start, end)), false),
            KpiFigure.NotFirstTime => (Events(q.Ended(start, end).Where(e => db.WorkOrders.Any(o => o.Id == e.WorkOrderId && (o.RedoCount > 0 || o.RepeatOfId != null)))), false),
            KpiFigure.Returns => (q.Events(EventTypes.ReturnRequested, start, end).Where(e => e.UnitId != null)
                .Select(e => new Fact { OrderId = e.WorkOrderId, At = e.At, UnitId = e.UnitId, FirstLevel = true }), true),
            KpiFigure.SignDue => (q.HopsDue(start, end).Select(a => new Fact { OrderId = a.WorkOrderId, At = a.SignFor!.DueAt, UnitId = a.UnitId, FirstLevel = a.ParentId == null }), true),
            KpiFigure.SignLate => (q.HopsDue(start, end).Where(a => !(a.AcceptedAt != null && a.AcceptedAt <= a.SignFor!.DueAt))
                .Select(a => new Fact { OrderId = a.WorkOrderId, At = a.SignFor!.DueAt, UnitId = a.UnitId, FirstLevel = a.ParentId == null }), true),
            KpiFigure.CompletionDue => (q.CompletionsDue(start, end).Select(o => new Fact { OrderId = o.Id, At = o.Completion!.DueAt }), false),
            KpiFigure.CompletionLate => (q.CompletionsDue(start, end).Where(o => !(o.Completion!.MetAt != null && o.Completion.MetAt <= o.Completion.DueAt))
                .Select(o => new Fact { OrderId = o.Id, At = o.Completion!.DueAt }), false),
            KpiFigure.VisitDue or KpiFigure.NotVisited => (VisitDue(q, start, end, figure == KpiFigure.NotVisited), false),
            KpiFigure.Reached => (reached.Select(v => new Fact { OrderId = v.WorkOrderId, At = v.At }), false),
            KpiFigure.Unsolved => (reached.Where(v => v.Solved != Solved.Yes).Select(v => new Fact { OrderId = v.WorkOrderId, At = v.At }), false),
            KpiFigure.Unsatisfied => (reached.Where(v => v.Satisfaction != null && v.Satisfaction != Satisfaction.Satisfied
                    && (!basic || v.Satisfaction != Satisfaction.BasicallySatisfied))
                .Select(v => new Fact { OrderId = v.WorkOrderId, At = v.At }), false),
            KpiFigure.Unreachable => (q.Visits(start, end).Where(v => !v.Reached && v.Attempt >= ReturnVisits.ReturnVisit.MaxAttempts)
                .Select(v => new Fact { OrderId = v.WorkOrderId, At = v.At }), false),
            _ => throw new ArgumentOutOfRangeException(nameof(figure), figure, "Not an order figure."),
        };
    }

    private static IQueryable<Fact> VisitDue(KpiQueries q, DateTime start, DateTime end, bool missed) =>
        q.VisitsDue(start, end).Where(o => !missed || !(o.VisitedAt != null && o.VisitedAt <= o.VisitDeadline))
            .Select(o => new Fact { OrderId = o.Id, At = o.VisitDeadline!.Value });

    /// <summary>The region codes under a district (or any region) code: the node and its subtree.</summary>
    /// <summary>The category and its subtree.</summary>
    private async Task<List<Guid>> CategoryIdsAsync(Guid id, CancellationToken ct)
    {
        var path = await db.Categories.AsNoTracking().Where(c => c.Id == id).Select(c => c.Path).SingleOrDefaultAsync(ct);
        return path is null ? [id] : await db.Categories.AsNoTracking().Where(c => c.Path.StartsWith(path)).Select(c => c.Id).ToListAsync(ct);
    }

    private async Task<List<string>> RegionCodesAsync(string code, CancellationToken ct)
    {
        var paths = await db.Regions.AsNoTracking().Where(r => r.Code == code).Select(r => r.Path).ToListAsync(ct);
        if (paths.Count == 0)
        {
            return [code];
        }

        var codes = new List<string>();
        foreach (var path in paths)
        {
            codes.AddRange(await db.Regions.AsNoTracking().Where(r => r.Path.StartsWith(path) && r.Code != null).Select(r => r.Code!).ToListAsync(ct));
        }

        return codes;
    }

    /// <summary>Calls: the number the figure counts and the call log's filter that lists them.</summary>
    private async Task<KpiOrderPage> CallsAsync(KpiDrill drill, DateTime start, DateTime end, KpiSettings s, CancellationToken ct)
    {
        var calls = db.PhoneCalls.AsNoTracking().Where(c => c.OfferedAt >= start && c.OfferedAt < end && c.EndedAt != null && c.Direction == CallDirection.In
            && c.Outcome != CallOutcome.Rejected && c.Outcome != CallOutcome.Unanswered);
        CallOutcome? outcome = drill.Figure switch
        {
            KpiFigure.Answered => CallOutcome.Answered,
            KpiFigure.Abandoned => CallOutcome.Abandoned,
            KpiFigure.ShortAbandons => CallOutcome.ShortAbandon,
            _ => null,
        };
        if (outcome is { } only)
        {
            calls = calls.Where(c => c.Outcome == only);
        }
        else if (!s.CountShortAbandons)
        {
            calls = calls.Where(c => c.Outcome != CallOutcome.ShortAbandon);
        }

        return new KpiOrderPage(await calls.CountAsync(ct), drill.Page, PageSize, [], new CallFilter(start, end, Outcome: outcome, Direction: CallDirection.In));
    }
}
