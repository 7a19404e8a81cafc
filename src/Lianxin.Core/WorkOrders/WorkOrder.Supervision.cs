using Lianxin.Core.Common;
using Lianxin.Core.Deadlines;
using Lianxin.Core.Identity;
using Lianxin.Core.Supervision;

namespace Lianxin.Core.WorkOrders;

/// <summary>Supervision and clocks: 催办, 督办 and the unit's reply to it, pausing and resuming, deadlines.</summary>
public sealed partial class WorkOrder
{
    private Refusal? CanUrge(Actor actor) =>
        actor.Lacks(Role.Supervisor | Role.Dispatcher, new Text("催办", "urge orders"))
        ?? StatusRefusal(new Text("催办", "urge"), WorkOrderStatus.Dispatched, WorkOrderStatus.InProgress, WorkOrderStatus.ReturnRequested);

    /// <summary>催办: a reminder addressed to the first-level lead unit, which chases the units below it. (The deadline sweep raises its own in SQL.)</summary>
    public SupervisionRecord Urge(Actor actor, DateTime now, string note, Guid newId)
    {
        Refusal.ThrowIf(CanUrge(actor));
        var lead = LeadAssignment;
        var record = new SupervisionRecord(newId, Id, SupervisionKind.Urge, lead?.UnitId, note, automatic: false, now, actor.UserId);
        _supervisions.Add(record);
        UrgeCount++;
        Transition(EventTypes.Urged, actor, now, Status, note, lead, new { supervisionId = record.Id, automatic = false });
        return record;
    }

    private Refusal? CanSupervise(Actor actor) =>
        actor.Lacks(Role.Supervisor, new Text("督办", "supervise orders"))
        ?? StatusRefusal(new Text("督办", "supervise"), WorkOrderStatus.Dispatched, WorkOrderStatus.InProgress, WorkOrderStatus.ReturnRequested);

    /// <summary>
    /// 督办: a formal demand; the unit must answer it in writing by <paramref name="replyDueAt"/>
    /// (<see cref="SupervisionRecord.DefaultReplyDue"/> unless the supervisor names a time).
    /// </summary>
    public SupervisionRecord Supervise(Actor actor, DateTime now, string note, DateTime replyDueAt, Guid newId)
    {
        Refusal.ThrowIf(CanSupervise(actor));
        if (replyDueAt <= now)
        {
            throw ValidationFailedException.For("replyDueAt", new Text("答复期限应晚于当前时间。", "The reply deadline must be in the future."));
        }

        var lead = LeadAssignment;
        var record = new SupervisionRecord(newId, Id, SupervisionKind.Supervise, lead?.UnitId, note, automatic: false, now, actor.UserId, replyDueAt);
        _supervisions.Add(record);
        SuperviseCount++;
        Transition(EventTypes.Supervised, actor, now, Status, note, lead, new { supervisionId = record.Id, automatic = false, replyDueAt });
        return record;
    }

    private static Refusal? CanReplyToSupervision(Actor actor) => actor.Lacks(Role.Handler, new Text("答复督办", "reply to supervision"));

    private Refusal? CanReplyToSupervision(Actor actor, Guid supervisionId, out SupervisionRecord record)
    {
        record = null!;
        if (CanReplyToSupervision(actor) is { } role)
        {
            return role;
        }

        record = _supervisions.SingleOrDefault(s => s.Id == supervisionId && s.Kind == SupervisionKind.Supervise)!;
        if (record is null)
        {
            return Refusal.NotFound(new Text("找不到该督办记录。", "No such supervision record."));
        }

        if (record.UnitId != actor.UnitId)
        {
            return Refusal.NotNow(new Text("该督办不是发给您单位的。", "This supervision is addressed to another unit."), "not-your-unit");
        }

        return record.IsOpen ? null : Refusal.NotNow(new Text("该督办已答复。", "This supervision has been answered already."), "already-replied");
    }

    /// <summary>The addressed unit's written reply to a 督办. The use case loads the supervision records.</summary>
    public void ReplyToSupervision(Actor actor, DateTime now, Guid supervisionId, string text)
    {
        Refusal.ThrowIf(CanReplyToSupervision(actor, supervisionId, out var record));
        record.Reply(text, now, actor.UserId);
        Transition(EventTypes.SupervisionReplied, actor, now, Status, text, data: new { supervisionId });
    }

    private Refusal? CanSuspend(Actor actor) =>
        actor.Lacks(Role.Dispatcher | Role.Supervisor, new Text("挂起工单", "suspend orders"))
        ?? StatusRefusal(new Text("挂起", "suspend"), WorkOrderStatus.Dispatched, WorkOrderStatus.InProgress)
        ?? (SuspendedSince is not null ? Refusal.NotNow(new Text("工单已处于挂起状态。", "The order is already suspended."), "already-suspended") : null);

    /// <summary>挂起: the centre pauses the clocks while waiting for the requester.</summary>
    public void Suspend(Actor actor, DateTime now, string reason, Guid newId)
    {
        Refusal.ThrowIf(CanSuspend(actor));
        _suspensions.Add(new WorkOrderSuspension(newId, Id, now, reason, actor.UserId));
        SuspendedSince = now;
        Transition(EventTypes.Suspended, actor, now, Status, reason);
    }

    private Refusal? CanResume(Actor actor, out WorkOrderSuspension open)
    {
        open = _suspensions.SingleOrDefault(s => s.To is null)!;
        return actor.Lacks(Role.Dispatcher | Role.Supervisor, new Text("恢复工单", "resume orders"))
            ?? (SuspendedSince is null || open is null ? Refusal.NotNow(new Text("工单未挂起。", "The order is not suspended."), "not-suspended") : null);
    }

    /// <summary>恢复: the clocks run again; every deadline moves by the paused time.</summary>
    public void Resume(Actor actor, DateTime now, string? note)
    {
        Refusal.ThrowIf(CanResume(actor, out var open));
        open.End(now, actor.UserId);
        SuspendedSince = null;
        Transition(EventTypes.Resumed, actor, now, Status, note, data: new { pausedMinutes = (int)(now - open.From).TotalMinutes });
    }

    /// <summary>
    /// Brings every deadline of the order and its hops up to date with the facts (signed for, contacted,
    /// replied, extensions, pauses, redo) — the due instants come from <see cref="OrderDeadlines.Compute"/> —
    /// and sets the next instant the sweep must look at the order. The use cases call it after every
    /// change, with the order's suspensions loaded.
    /// </summary>
    public void RecomputeDeadlines(DeadlineRules rules, DateTime now)
    {
        if (SignFor is null || Contact is null || Completion is null)
        {
            return;
        }

        var cal = rules.Calendar;
        var hops = _assignments.Where(a => a.SignFor is not null && a.Completion is not null).ToList();
        var dues = OrderDeadlines.Compute(
            new OrderDeadlines.Facts(
                new(SignFor.Limit, SignFor.StartAt), new(Contact.Limit, Contact.StartAt), new(Completion.Limit, Completion.StartAt), ExtensionDays,
                _suspensions.Select(s => new Suspension(s.From, s.To)).ToList(),
                hops.Select(h => new OrderDeadlines.Hop(h.Id, h.ParentId, h.DispatchedAt, new(h.SignFor!.Limit, h.SignFor.StartAt))).ToList()),
            cal,
            now);

        // An order that ends without a unit's reply (answered on the call) settles its clocks at the moment it ended, as met.
        var endedAt = Status is WorkOrderStatus.Closed or WorkOrderStatus.Archived && Answer is not null ? ClosedAt : null;
        SignFor.Set(dues.SignFor, SignedForAt ?? endedAt, now, cal, rules.Approaching);
        Contact.Set(dues.Contact, ContactedAt ?? endedAt, now, cal, rules.Approaching);
        Completion.Set(dues.Completion, RepliedAt ?? endedAt, now, cal, rules.Approaching);
        foreach (var hop in hops)
        {
            var due = dues.Hops[hop.Id];
            hop.SignFor!.Set(due.SignFor, hop.AcceptedAt, now, cal, rules.Approaching);
            hop.Completion!.Set(due.Completion, hop.RepliedAt, now, cal, rules.Approaching);
        }

        var next = !IsOpen || SuspendedSince is not null
            ? null
            : new[] { SignFor.NextChangeAt, Contact.NextChangeAt, Completion.NextChangeAt }.Where(t => t is not null).Min();
        if (next is null)
        {
            Check = null;
        }
        else if (Check is null)
        {
            Check = new DeadlineCheck(next.Value);
        }
        else if (Check.At != next.Value)
        {
            Check.Move(next.Value);
        }
    }
}
