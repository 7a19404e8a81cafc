using System.Linq.Expressions;
using Lianxin.Core.Data;
using Lianxin.Core.Dispatch;
using Lianxin.Core.ReturnVisits;
using Lianxin.Core.WorkOrders;

namespace Lianxin.Core.Reports;

/// <summary>
/// The source rows of every KPI counter over a UTC range [start, end), as queries: the day builder
/// (<see cref="DayFigureSources"/>) and the drill-down (<see cref="ListKpiOrders"/>) both start from these, so a
/// figure and its list of orders are the same set. Each range is served by an index on the instant it filters on
/// (ADR 0015): orders by created_at and completion due, events by (type, at), hops by sign-for due, visits by at,
/// calls by offered_at.
/// </summary>
public sealed class KpiQueries(LianxinDbContext db)
{
    /// <summary>Registered in the range (every channel and outcome).</summary>
    public IQueryable<WorkOrder> Registered(DateTime start, DateTime end) =>
        db.WorkOrders.Where(o => o.CreatedAt >= start && o.CreatedAt < end);

    /// <summary>Events of one type in the range.</summary>
    public IQueryable<WorkOrderEvent> Events(string type, DateTime start, DateTime end) =>
        db.WorkOrderEvents.Where(e => e.Type == type && e.At >= start && e.At < end);

    /// <summary>First closures: review approved or answered on the call, with no such event earlier in the order's history.</summary>
    public IQueryable<WorkOrderEvent> FirstClosures(DateTime start, DateTime end) =>
        db.WorkOrderEvents.Where(e => (e.Type == EventTypes.ReviewApproved || e.Type == EventTypes.AnsweredDirectly) && e.At >= start && e.At < end
            && !db.WorkOrderEvents.Any(p => p.WorkOrderId == e.WorkOrderId && p.Version < e.Version
                && (p.Type == EventTypes.ReviewApproved || p.Type == EventTypes.AnsweredDirectly)));

    /// <summary>The end of an order after a closure: the final visit, the third unreached attempt, or archived without a visit.</summary>
    public IQueryable<WorkOrderEvent> Ended(DateTime start, DateTime end) =>
        db.WorkOrderEvents.Where(e => (e.Type == EventTypes.Visited || e.Type == EventTypes.Archived) && e.At >= start && e.At < end
            && e.FromStatus == WorkOrderStatus.Closed && e.ToStatus == WorkOrderStatus.Archived);

    /// <summary>Hops whose sign-for deadline falls in the range, except those withdrawn or returned unsigned before it.</summary>
    public IQueryable<Assignment> HopsDue(DateTime start, DateTime end) =>
        db.Assignments.Where(a => a.SignFor != null && a.SignFor.DueAt >= start && a.SignFor.DueAt < end
            && (a.AcceptedAt != null
                || (a.Status != AssignmentStatus.Returned && a.Status != AssignmentStatus.Cancelled)
                || a.ClosedAt >= a.SignFor.DueAt));

    /// <summary>Signed for at or before its deadline.</summary>
    public static readonly Expression<Func<Assignment, bool>> SignedOnTime = a => a.AcceptedAt != null && a.AcceptedAt <= a.SignFor!.DueAt;

    /// <summary>
    /// Orders whose completion deadline (after extensions and pauses; the current round's after a redo) falls in the
    /// range. Merged and not-accepted orders never were due, nor orders answered on the call that no unit ever held:
    /// the rate measures the units' handling.
    /// </summary>
    public IQueryable<WorkOrder> CompletionsDue(DateTime start, DateTime end) =>
        db.WorkOrders.Where(o => o.Completion != null && o.Completion.DueAt >= start && o.Completion.DueAt < end
            && o.Status != WorkOrderStatus.Merged && o.Status != WorkOrderStatus.NotAccepted
            && (o.Answer == null || db.Assignments.Any(a => a.WorkOrderId == o.Id)));

    /// <summary>The lead's reply (or the answer on the call) met the completion deadline.</summary>
    public static readonly Expression<Func<WorkOrder, bool>> CompletedOnTime = o => o.Completion!.MetAt != null && o.Completion.MetAt <= o.Completion.DueAt;

    /// <summary>
    /// Orders due a return visit whose visit deadline falls in the range. The plan is the current round's: a redo's
    /// re-closure plans the second visit and the first round's deadline is no longer known (ADR 0015).
    /// </summary>
    public IQueryable<WorkOrder> VisitsDue(DateTime start, DateTime end) =>
        db.WorkOrders.Where(o => o.VisitRequired && o.VisitDeadline >= start && o.VisitDeadline < end);

    /// <summary>The visit ended (reached, or unreachable after the last attempt) by the deadline; an early visit counts.</summary>
    public static readonly Expression<Func<WorkOrder, bool>> VisitedInTime = o => o.VisitedAt != null && o.VisitedAt <= o.VisitDeadline;

    /// <summary>Visit attempts in the range.</summary>
    public IQueryable<ReturnVisit> Visits(DateTime start, DateTime end) =>
        db.ReturnVisits.Where(v => v.At >= start && v.At < end);

    /// <summary>The unreached attempt after which the order was given up (无法联系).</summary>
    public static readonly Expression<Func<ReturnVisit, bool>> GaveUp = v => !v.Reached && v.Attempt >= ReturnVisit.MaxAttempts;
}
