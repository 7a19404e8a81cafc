using System.Text.Json;
using Lianxin.Core.Common;
using Lianxin.Core.Deadlines;
using Lianxin.Core.Dispatch;
using Lianxin.Core.Identity;
using Lianxin.Core.ReturnVisits;
using Lianxin.Core.Supervision;

namespace Lianxin.Core.WorkOrders;

/// <summary>
/// 工单: one citizen demand from intake to archive. Every status change is a method that checks the
/// status and the actor's role and unit, and appends one immutable history event (DOMAIN.md). Each
/// check is a guard that returns a <see cref="Refusal"/>; the transition throws it, and
/// <see cref="AllowedActions"/> asks the same guards, so what a page offers is what will work.
/// The class is split along its seams: intake, hops (dispatch down the chain, handling, returns,
/// extensions, replies), closing (review, visit, archive), supervision and clocks, help requests,
/// merge, and the allowed actions. Use cases load the order through <see cref="WorkOrderStore"/> with
/// what the transitions need; history, visits and supervision records are only ever appended.
/// </summary>
public sealed partial class WorkOrder
{
    public const int MaxTitleLength = 100;
    public const int MaxDescriptionLength = 4000;
    public const int MaxAddressLength = 200;
    public const int MaxTextLength = 4000;
    public const int MaxNoteLength = 2000;

    private readonly List<Assignment> _assignments = [];
    private readonly List<WorkOrderEvent> _history = [];
    private readonly List<ReturnRequest> _returns = [];
    private readonly List<ExtensionRequest> _extensions = [];
    private readonly List<ReturnVisit> _visits = [];
    private readonly List<SupervisionRecord> _supervisions = [];
    private readonly List<MergedRequester> _extraRequesters = [];
    private readonly List<WorkOrderSuspension> _suspensions = [];
    private readonly List<HelpRequest> _helpRequests = [];

    private WorkOrder()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>工单编号, e.g. RX2611220001.</summary>
    public string Number { get; private set; } = "";

    public int Version { get; private set; }

    public WorkOrderStatus Status { get; private set; }

    public Channel Channel { get; private set; }

    public DemandType DemandType { get; private set; }

    public Urgency Urgency { get; private set; }

    public Requester Requester { get; private set; } = null!;

    public Guid CategoryId { get; private set; }

    public string? RegionCode { get; private set; }

    public string? Address { get; private set; }

    public string Title { get; private set; } = "";

    public string Description { get; private set; } = "";

    public DateTime CreatedAt { get; private set; }

    public Guid? CreatedById { get; private set; }

    public string CreatedByName { get; private set; } = "";

    public DateTime UpdatedAt { get; private set; }

    /// <summary>The call-taker's answer when the order was answered on the call (直接答复).</summary>
    public string? Answer { get; private set; }

    public string? NotAcceptedReason { get; private set; }

    public string? ReplyResult { get; private set; }

    public Solved? ReplySolved { get; private set; }

    public DateTime? RepliedAt { get; private set; }

    public DateTime? ClosedAt { get; private set; }

    public DateTime? ArchivedAt { get; private set; }

    /// <summary>重办次数: redos after unsatisfied or unsolved return visits.</summary>
    public int RedoCount { get; private set; }

    /// <summary>Unreached call-back attempts in the current visit round.</summary>
    public int VisitAttempts { get; private set; }

    /// <summary>Due a return visit (回访) since the last closure: by rule (demand type, a redo) or by the sample.</summary>
    public bool VisitRequired { get; private set; }

    /// <summary>The visit was chosen by the sample, not by rule (recorded for the figures).</summary>
    public bool VisitSampled { get; private set; }

    /// <summary>Start (UTC) of the first working day after the last closure: the visit is due from then.</summary>
    public DateTime? VisitDueAt { get; private set; }

    /// <summary>End (UTC) of the Nth working day after the last closure; an order not due a visit is archived then.</summary>
    public DateTime? VisitDeadline { get; private set; }

    /// <summary>When the current round's visit ended: the requester reached, or unreachable after the last attempt.</summary>
    public DateTime? VisitedAt { get; private set; }

    public Satisfaction? FinalSatisfaction { get; private set; }

    public Solved? FinalSolved { get; private set; }

    public int UrgeCount { get; private set; }

    public int SuperviseCount { get; private set; }

    public Guid? RepeatOfId { get; private set; }

    /// <summary>The deadline policy (a versioned row) whose limits this order was given at registration.</summary>
    public Guid? PolicyId { get; private set; }

    /// <summary>签收时限: from registration until the lead unit first signs for it.</summary>
    public Deadline? SignFor { get; private set; }

    /// <summary>联系时限: until the unit first contacts the requester.</summary>
    public Deadline? Contact { get; private set; }

    /// <summary>办结时限: until the lead unit's reply; restarts on a redo; moved by approved extensions and pauses.</summary>
    public Deadline? Completion { get; private set; }

    public DateTime? SignedForAt { get; private set; }

    public DateTime? ContactedAt { get; private set; }

    /// <summary>Working days added by approved extensions since the completion clock (re)started.</summary>
    public int ExtensionDays { get; private set; }

    public DateTime? SuspendedSince { get; private set; }

    /// <summary>When the dispatcher let the lead reply without waiting for its assists.</summary>
    public DateTime? AssistsReleasedAt { get; private set; }

    /// <summary>The next instant at which a deadline of this order changes state by the clock alone (indexed for the sweep).</summary>
    public DeadlineCheck? Check { get; private set; }

    public DateTime? DeadlineCheckAt => Check?.At;

    public Guid? MergedIntoId { get; private set; }

    public IReadOnlyList<Assignment> Assignments => _assignments;

    public IReadOnlyList<WorkOrderEvent> History => _history;

    public IReadOnlyList<ReturnRequest> Returns => _returns;

    public IReadOnlyList<ExtensionRequest> Extensions => _extensions;

    public IReadOnlyList<ReturnVisit> Visits => _visits;

    public IReadOnlyList<SupervisionRecord> Supervisions => _supervisions;

    /// <summary>Further requesters who raised the same matter and whose orders were merged into this one.</summary>
    public IReadOnlyList<MergedRequester> ExtraRequesters => _extraRequesters;

    public IReadOnlyList<WorkOrderSuspension> Suspensions => _suspensions;

    /// <summary>专家会诊 offers of this order (the use cases load the open ones).</summary>
    public IReadOnlyList<HelpRequest> HelpRequests => _helpRequests;

    public bool IsOpen => Status is WorkOrderStatus.Registered or WorkOrderStatus.Dispatched or WorkOrderStatus.InProgress
        or WorkOrderStatus.ReturnRequested or WorkOrderStatus.Replied;

    /// <summary>The hops as a tree: who holds which part.</summary>
    public AssignmentTree Hops => new(_assignments);

    /// <summary>The current first-level lead (<see cref="Assignment.IsCurrentLead"/>).</summary>
    public Assignment? LeadAssignment => Hops.CurrentLead;

    /// <summary>
    /// An order that ends (closed, answered on the call, refused, merged) leaves nothing hanging: hops still
    /// live are withdrawn, pending returns and extensions lapse, open offers are withdrawn and a running pause
    /// ends, so no unit works on, and no button is offered for, a finished order. Returns what it ended, for
    /// the ending event's data (null when nothing was open).
    /// </summary>
    private object? EndOpenWork(Actor actor, DateTime now, Text why)
    {
        var withdrawn = _assignments.Where(a => a.IsLive).ToList();
        foreach (var hop in withdrawn)
        {
            hop.Cancel(now);
        }

        var lapsed = _returns.Cast<UnitRequest>().Concat(_extensions).Where(r => r.Decision == Decision.Pending).ToList();
        foreach (var request in lapsed)
        {
            request.Decide(Decision.Withdrawn, now, actor.UserId, why.Zh);
        }

        WithdrawOpenOffers(actor, now, why);
        var pause = _suspensions.SingleOrDefault(s => s.To is null);
        if (pause is not null)
        {
            pause.End(now, actor.UserId);
            SuspendedSince = null;
        }

        return withdrawn.Count + lapsed.Count == 0 && pause is null
            ? null
            : new
            {
                withdrawn = withdrawn.Select(h => new { assignmentId = h.Id, unitId = h.UnitId }),
                lapsed = lapsed.Select(r => new { requestId = r.Id, assignmentId = r.AssignmentId }),
                pausedMinutes = pause is null ? (int?)null : (int)(now - pause.From).TotalMinutes,
            };
    }

    private Refusal? StatusRefusal(Text action, params WorkOrderStatus[] allowed) =>
        allowed.Contains(Status)
            ? null
            : Refusal.NotNow(
                new Text($"工单当前状态为“{StatusNames.Zh(Status)}”，不能{action.Zh}。", $"The order is {StatusNames.En(Status)}; it cannot {action.En} now."),
                "status-not-allowed");

    /// <summary>The actor's unit's live hop in one of the <paramref name="allowed"/> statuses.</summary>
    private Refusal? OwnHopRefusal(Actor actor, Text action, out Assignment hop, params AssignmentStatus[] allowed)
    {
        var hops = Hops.LiveHopsOf(actor.UnitId);
        hop = hops.FirstOrDefault(h => allowed.Contains(h.Status))!;
        if (hop is not null)
        {
            return null;
        }

        var why = hops.Count == 0
            ? new Text($"您的单位没有待办的派单，不能{action.Zh}。", $"Your unit holds no open assignment of this order, so it cannot {action.En}.")
            : new Text($"您单位的派单状态为“{AssignmentStatusNames.Zh(hops[0].Status)}”，不能{action.Zh}。",
                $"Your unit's assignment is {hops[0].Status}; it cannot {action.En}.");
        return Refusal.NotNow(why, "assignment-status");
    }

    private static Refusal? ChildrenRefusal(AssignmentTree tree, Assignment hop, Text action) =>
        tree.HasLiveChildren(hop)
            ? Refusal.NotNow(
                new Text($"下级单位仍在办理，不能{action.Zh}；请先收回下级派单。", $"A unit below is still working on it; recall that hop before you {action.En}."),
                "children-open")
            : null;

    private void Transition(string type, Actor actor, DateTime now, WorkOrderStatus to, string? note, Assignment? hop = null, object? data = null)
    {
        var from = Status;
        Status = to;
        Version++;
        UpdatedAt = now;
        Record(type, actor, now, from, to, note, hop, data);
    }

    private void Record(string type, Actor actor, DateTime now, WorkOrderStatus from, WorkOrderStatus to, string? note, Assignment? hop = null, object? data = null)
    {
        var json = data is null ? null : JsonSerializer.Serialize(data, EventJson.Options);
        _history.Add(new WorkOrderEvent(Guid.CreateVersion7(new DateTimeOffset(now, TimeSpan.Zero)), Id, Version, now, type, actor, from, to, hop?.Id, hop?.UnitId, note, json));
    }
}

/// <summary>A requester whose own order was merged into this one (并单).</summary>
public sealed record MergedRequester(string? Name, string Phone, bool Confidential, Guid FromOrderId, string FromNumber, DateTime MergedAt);

/// <summary>What a call-taker fills in at registration.</summary>
public sealed record NewWorkOrder(
    Channel Channel, DemandType DemandType, Urgency Urgency, Requester Requester, Guid CategoryId,
    string? RegionCode, string? Address, string Title, string Description);
