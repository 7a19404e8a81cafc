using System.Text.Json;
using System.Text.Json.Nodes;
using Lianxin.Core.Common;
using Lianxin.Core.Identity;
using Lianxin.Core.ReturnVisits;

namespace Lianxin.Core.WorkOrders;

/// <summary>Closing: the centre's review of the reply, the return visit (回访, maybe a redo) and archiving.</summary>
public sealed partial class WorkOrder
{
    private Refusal? CanReview(Actor actor) =>
        actor.Lacks(Role.Dispatcher, new Text("审核答复", "review replies"))
        ?? StatusRefusal(new Text("审核", "review"), WorkOrderStatus.Replied)
        ?? (LeadAssignment is null ? Refusal.NotNow(new Text("没有主办单位的答复可审核。", "There is no lead reply to review."), "no-lead") : null);

    /// <summary>审核: the centre approves the lead's reply (closed) or sends it back to the unit.</summary>
    public void Review(Actor actor, DateTime now, bool approve, string? note, VisitPlanner visits)
    {
        Refusal.ThrowIf(CanReview(actor));
        var lead = LeadAssignment!;
        if (approve)
        {
            // Assists the lead was released from, still working when the order closes, are withdrawn (and the rest that hangs on it ends).
            var ended = EndOpenWork(actor, now, new Text("工单已办结", "the order was closed"));
            ClosedAt = now;
            var plan = PlanVisit(visits, now);
            Transition(EventTypes.ReviewApproved, actor, now, WorkOrderStatus.Closed, note, lead, ClosingData(ended, plan));
        }
        else
        {
            lead.Reopen();
            RepliedAt = null;
            Transition(EventTypes.ReviewRejected, actor, now, WorkOrderStatus.InProgress, note, lead);
        }
    }

    /// <summary>At each closure (again after a redo): whether the order is due a visit, and its window.</summary>
    private VisitPlan PlanVisit(VisitPlanner visits, DateTime now)
    {
        var plan = visits.Plan(this, now);
        VisitRequired = plan.Required;
        VisitSampled = plan.Sampled;
        VisitDueAt = plan.DueAt;
        VisitDeadline = plan.Deadline;
        VisitedAt = null;
        return plan;
    }

    /// <summary>The closing event's data: what the closure ended (<see cref="EndOpenWork"/>, if anything) and the visit plan.</summary>
    private static JsonObject ClosingData(object? ended, VisitPlan plan)
    {
        var data = ended is null ? [] : JsonSerializer.SerializeToNode(ended, EventJson.Options)!.AsObject();
        data["visitRequired"] = plan.Required;
        data["visitSampled"] = plan.Sampled;
        data["visitDueAt"] = plan.DueAt;
        data["visitDeadline"] = plan.Deadline;
        return data;
    }

    private Refusal? CanRecordVisit(Actor actor) =>
        actor.Lacks(Role.Visitor, new Text("回访", "record return visits")) ?? StatusRefusal(new Text("回访", "record a return visit"), WorkOrderStatus.Closed);

    /// <summary>
    /// 回访. Unreached: after <see cref="ReturnVisit.MaxAttempts"/> attempts the order is archived.
    /// Reached: unsatisfied or unsolved on the first round sends the order back to the lead unit
    /// (重办); otherwise, and always on the second round, the rating is final and the order is archived.
    /// </summary>
    public ReturnVisit RecordVisit(Actor actor, DateTime now, bool reached, Solved? solved, Satisfaction? satisfaction, string? comment, Guid newId)
    {
        Refusal.ThrowIf(CanRecordVisit(actor));
        var round = RedoCount + 1;
        if (!reached)
        {
            VisitAttempts++;
            var attempt = new ReturnVisit(newId, Id, round, VisitAttempts, reached: false, null, null, comment, now, actor.UserId);
            _visits.Add(attempt);
            var giveUp = VisitAttempts >= ReturnVisit.MaxAttempts;
            if (giveUp)
            {
                ArchivedAt = now;
                VisitedAt = now;
            }

            Transition(EventTypes.Visited, actor, now, giveUp ? WorkOrderStatus.Archived : Status, comment, LeadAssignment,
                new { reached, attempt = VisitAttempts, round, unreachable = giveUp });
            return attempt;
        }

        new Validator().Required("solved", solved).Required("satisfaction", satisfaction).ThrowIfInvalid();
        VisitAttempts++;
        var visit = new ReturnVisit(newId, Id, round, VisitAttempts, reached: true, solved, satisfaction, comment, now, actor.UserId);
        _visits.Add(visit);
        FinalSolved = solved;
        FinalSatisfaction = satisfaction;
        VisitedAt = now;
        var redo = round == 1 && (satisfaction == Satisfaction.Unsatisfied || solved == Solved.No);
        if (redo)
        {
            RedoCount++;
            VisitAttempts = 0;
            ClosedAt = null;
            RepliedAt = null;
            ExtensionDays = 0;
            Completion?.Restart(now);
            var lead = LeadAssignment;
            lead?.Reopen();

            // An order answered on the call has no unit: the redo goes back to the dispatcher.
            var to = lead is null ? WorkOrderStatus.Registered : WorkOrderStatus.InProgress;
            Transition(EventTypes.Redo, actor, now, to, comment, lead, new { reached, solved, satisfaction, round, redoCount = RedoCount });
        }
        else
        {
            ArchivedAt = now;
            Transition(EventTypes.Visited, actor, now, WorkOrderStatus.Archived, comment, LeadAssignment,
                new { reached, solved, satisfaction, round, final = true });
        }

        return visit;
    }

    private Refusal? CanArchive(Actor actor) =>
        actor.Lacks(Role.Visitor | Role.Dispatcher | Role.Supervisor, new Text("归档", "archive orders"))
        ?? StatusRefusal(new Text("归档", "archive"), WorkOrderStatus.Closed, WorkOrderStatus.NotAccepted);

    /// <summary>归档 without a visit: the requester wants no call-back, or the order was not accepted.</summary>
    public void Archive(Actor actor, DateTime now, string? note)
    {
        Refusal.ThrowIf(CanArchive(actor));
        ArchivedAt = now;
        Transition(EventTypes.Archived, actor, now, WorkOrderStatus.Archived, note);
    }

    /// <summary>
    /// 自动归档: a closed order not due a visit is archived by the system once its visit window has passed
    /// (it could still be visited until then, if the requester called). False when that is not the case (any more).
    /// </summary>
    public bool ArchiveUnvisited(DateTime now)
    {
        if (Status != WorkOrderStatus.Closed || VisitRequired || VisitDeadline is not { } deadline || deadline > now)
        {
            return false;
        }

        ArchivedAt = now;
        Transition(EventTypes.Archived, Actor.System, now, WorkOrderStatus.Archived, "无需回访，回访期限届满自动归档。",
            data: new { automatic = true, visitRequired = false, visitDeadline = deadline });
        return true;
    }
}
