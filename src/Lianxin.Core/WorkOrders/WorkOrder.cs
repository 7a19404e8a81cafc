using System.Text.Json;
using Lianxin.Core.Common;
using Lianxin.Core.Deadlines;
using Lianxin.Core.Dispatch;
using Lianxin.Core.Identity;
using Lianxin.Core.ReturnVisits;
using Lianxin.Core.Supervision;

namespace Lianxin.Core.WorkOrders;

/// <summary>
/// 工单: one citizen demand from intake to archive. Every status change is a method here that checks
/// the status and the actor's role and unit, and appends one immutable history event (DOMAIN.md).
/// Use cases load the order with its assignments and its pending return/extension requests before
/// calling a method; history, visits and supervision records are only ever appended.
/// </summary>
public sealed class WorkOrder
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

    public Assignment? LeadAssignment =>
        _assignments.LastOrDefault(a => a.IsLeadNow);

    public static WorkOrder Register(Guid id, string number, NewWorkOrder details, Actor actor, DateTime now, DeadlineTargets? targets = null, Guid? policyId = null)
    {
        actor.Require(Role.Agent | Role.Dispatcher | Role.Supervisor, new Text("登记工单", "register orders"));
        var order = new WorkOrder
        {
            Id = id,
            Number = number,
            Version = 1,
            Status = WorkOrderStatus.Registered,
            Channel = details.Channel,
            DemandType = details.DemandType,
            Urgency = details.Urgency,
            Requester = details.Requester,
            CategoryId = details.CategoryId,
            RegionCode = details.RegionCode,
            Address = details.Address,
            Title = details.Title,
            Description = details.Description,
            CreatedAt = now,
            CreatedById = actor.UserId == Guid.Empty ? null : actor.UserId,
            CreatedByName = actor.Name,
            UpdatedAt = now,
            PolicyId = policyId,
        };
        if (targets is not null)
        {
            order.SignFor = new Deadline(targets.SignFor, now);
            order.Contact = new Deadline(targets.Contact, now);
            order.Completion = new Deadline(targets.Completion, now);
        }

        order.Record(EventTypes.Registered, actor, now, WorkOrderStatus.Registered, WorkOrderStatus.Registered, note: null,
            data: new
            {
                number, channel = details.Channel, demandType = details.DemandType, urgency = details.Urgency, policyId,
                limits = targets is null ? null : new { signFor = targets.SignFor.ToString(), contact = targets.Contact.ToString(), completion = targets.Completion.ToString() },
            });
        return order;
    }

    public void AnswerDirectly(Actor actor, DateTime now, string answer)
    {
        actor.Require(Role.Agent | Role.Dispatcher, new Text("直接答复", "answer orders directly"));
        RequireStatus(new Text("直接答复", "answer directly"), WorkOrderStatus.Registered);
        WithdrawOpenOffers(actor, now, new Text("工单已直接答复", "the order was answered on the call"));
        Answer = answer;
        ClosedAt = now;
        Transition(EventTypes.AnsweredDirectly, actor, now, WorkOrderStatus.Closed, note: answer);
    }

    public void NotAccept(Actor actor, DateTime now, string reason)
    {
        actor.Require(Role.Agent | Role.Dispatcher, new Text("不予受理", "refuse orders"));
        RequireStatus(new Text("不予受理", "refuse"), WorkOrderStatus.Registered);
        WithdrawOpenOffers(actor, now, new Text("工单不予受理", "the order was refused"));
        NotAcceptedReason = reason;
        ClosedAt = now;
        Transition(EventTypes.NotAccepted, actor, now, WorkOrderStatus.NotAccepted, note: reason);
    }

    /// <summary>派单: one lead unit and any assist units, each a first-level hop.</summary>
    public IReadOnlyList<Assignment> Dispatch(Actor actor, DateTime now, IReadOnlyList<(Guid UnitId, AssignmentRole Role)> targets, string? note, Func<Guid> newId)
    {
        actor.Require(Role.Dispatcher, new Text("派单", "dispatch orders"));
        RequireStatus(new Text("派单", "dispatch"), WorkOrderStatus.Registered);
        if (targets.Count(t => t.Role == AssignmentRole.Lead) != 1)
        {
            throw ValidationFailedException.For("assignments", new Text("必须有且只有一个主办单位。", "Exactly one lead unit is required."));
        }

        if (targets.Select(t => t.UnitId).Distinct().Count() != targets.Count)
        {
            throw ValidationFailedException.For("assignments", new Text("同一单位不能重复派单。", "A unit may appear only once."));
        }

        var busy = targets.FirstOrDefault(t => HoldsLiveHop(t.UnitId));
        if (busy != default)
        {
            throw new RuleViolationException(
                new Text("该单位已在办理本工单，不能重复派单。", "That unit already holds this order."), "already-assigned");
        }

        var created = targets
            .Select(t => new Assignment(newId(), Id, t.UnitId, t.Role, parentId: null, now, actor.UserId))
            .ToList();
        if (SignFor is not null && Completion is not null)
        {
            foreach (var hop in created)
            {
                hop.StartClocks(SignFor.Limit, Completion.Limit);
            }
        }

        WithdrawOpenOffers(actor, now, new Text("工单已派单", "the order was dispatched"));
        _assignments.AddRange(created);
        var lead = created.Single(a => a.Role == AssignmentRole.Lead);
        Transition(EventTypes.Dispatched, actor, now, WorkOrderStatus.Dispatched, note, lead,
            new { units = created.Select(a => new { unitId = a.UnitId, role = a.Role, assignmentId = a.Id }) });
        return created;
    }

    /// <summary>签收: the actor's unit signs for its pending hop.</summary>
    public void Accept(Actor actor, DateTime now)
    {
        actor.Require(Role.Handler, new Text("签收", "accept orders"));
        var hop = OwnHop(actor, new Text("签收", "accept"), AssignmentStatus.Pending);
        hop.Accept(now, actor.UserId);
        Transition(EventTypes.Accepted, actor, now, SignedFor(hop, now), note: null, hop);
    }

    /// <summary>退回: the unit says the order is not theirs; the dispatcher decides.</summary>
    public ReturnRequest RequestReturn(Actor actor, DateTime now, string reason, string basis, Guid newId, string? reasonCode = null)
    {
        actor.Require(Role.Handler, new Text("退回工单", "return orders"));
        var hop = OwnHop(actor, new Text("退回", "return"), AssignmentStatus.Pending, AssignmentStatus.Accepted);
        RequireStatus(new Text("退回", "return"), WorkOrderStatus.Dispatched, WorkOrderStatus.InProgress);
        RequireNoLiveChildren(hop, new Text("退回", "return it"));
        var request = new ReturnRequest(newId, Id, hop.Id, hop.UnitId, reason, basis, now, actor.UserId, reasonCode);
        _returns.Add(request);
        hop.RequestReturn();
        var to = IsFirstLead(hop) ? WorkOrderStatus.ReturnRequested : Status;
        Transition(EventTypes.ReturnRequested, actor, now, to, reason, hop, new { reason, reasonCode, basis, returnId = request.Id, decidedBy = hop.ParentId is null ? "centre" : "parentUnit", parentAssignmentId = hop.ParentId });
        return request;
    }

    /// <summary>
    /// A hop's return is decided by whoever dispatched it: the centre's dispatcher for a first-level hop,
    /// the parent hop's unit for a lower one. Approve: the unit is out; for the first-level lead the order
    /// goes back to the dispatcher, for a lower lead the work goes back to the parent unit (which
    /// redispatches or handles it itself). Reject: the unit keeps the order and its clock keeps running.
    /// </summary>
    public void DecideReturn(Actor actor, DateTime now, bool approve, string? note, Guid? assignmentId)
    {
        actor.Require(Role.Dispatcher | Role.Handler, new Text("审核退回申请", "decide returns"));
        var pending = _returns.Where(r => r.Decision == Decision.Pending).ToList();
        var mine = pending.Where(r => MayDecide(actor, Hop(r.AssignmentId))).ToList();
        if (mine.Count == 0 && pending.Count > 0 && (assignmentId is null || pending.Any(r => r.AssignmentId == assignmentId)))
        {
            throw new ForbiddenActionException(
                new Text("该退回申请由派出该派单的一方审核（一级派单由热线中心，下级派单由上级单位）。",
                    "A return is decided by whoever dispatched that hop: the centre for a first-level hop, the unit above for a lower one."));
        }

        var request = PendingOne(mine, r => r.AssignmentId, assignmentId,
            new Text("没有待审核的退回申请。", "There is no pending return request."));
        var hop = Hop(request.AssignmentId);
        var parent = hop.ParentId is { } p ? Hop(p) : null;
        request.Decide(approve, now, actor.UserId, note);
        var to = Status;
        if (approve)
        {
            hop.ApproveReturn(now);
            if (IsFirstLead(hop))
            {
                to = WorkOrderStatus.Registered;
            }
            else if (parent is not null && hop.Role == AssignmentRole.Lead && parent.Status == AssignmentStatus.Redispatched)
            {
                parent.TakeBack();
            }
        }
        else
        {
            hop.RejectReturn();
            if (IsFirstLead(hop))
            {
                to = hop.Status == AssignmentStatus.Accepted ? WorkOrderStatus.InProgress : WorkOrderStatus.Dispatched;
            }
        }

        Transition(approve ? EventTypes.ReturnApproved : EventTypes.ReturnRejected, actor, now, to, note, hop,
            new { returnId = request.Id, reasonCode = request.ReasonCode, parentAssignmentId = hop.ParentId });
    }

    private bool MayDecide(Actor actor, Assignment hop) => hop.ParentId is { } p
        ? actor.Has(Role.Handler) && actor.UnitId is { } unit && Hop(p).UnitId == unit
        : actor.Has(Role.Dispatcher);

    /// <summary>Units whose return of this order was approved: the dispatcher should not be offered them again.</summary>
    public IEnumerable<Guid> ReturnedUnitIds => _assignments.Where(a => a.Status == AssignmentStatus.Returned).Select(a => a.UnitId);

    /// <summary>延期申请: more working days, asked before the deadline.</summary>
    public ExtensionRequest RequestExtension(Actor actor, DateTime now, int workingDays, string reason, Guid newId)
    {
        actor.Require(Role.Handler, new Text("申请延期", "request extensions"));
        RequireStatus(new Text("申请延期", "request an extension"), WorkOrderStatus.InProgress);
        var hop = OwnHop(actor, new Text("申请延期", "request an extension"), AssignmentStatus.Accepted, AssignmentStatus.Redispatched);
        if (_extensions.Any(e => e.AssignmentId == hop.Id && e.Decision == Decision.Pending))
        {
            throw new RuleViolationException(
                new Text("已有一份延期申请在审核中。", "An extension request is already pending."), "extension-pending");
        }

        var request = new ExtensionRequest(newId, Id, hop.Id, hop.UnitId, workingDays, reason, now, actor.UserId);
        _extensions.Add(request);
        Transition(EventTypes.ExtensionRequested, actor, now, Status, reason, hop, new { workingDays, extensionId = request.Id });
        return request;
    }

    public ExtensionRequest DecideExtension(Actor actor, DateTime now, bool approve, string? note, Guid? assignmentId)
    {
        actor.Require(Role.Dispatcher, new Text("审核延期申请", "decide extensions"));
        var request = PendingOne(_extensions.Where(e => e.Decision == Decision.Pending), e => e.AssignmentId, assignmentId,
            new Text("没有待审核的延期申请。", "There is no pending extension request."));
        request.Decide(approve, now, actor.UserId, note);
        if (approve)
        {
            ExtensionDays += request.WorkingDays;
        }

        var hop = _assignments.Single(a => a.Id == request.AssignmentId);
        Transition(approve ? EventTypes.ExtensionApproved : EventTypes.ExtensionRejected, actor, now, Status, note, hop,
            new { workingDays = request.WorkingDays, extensionId = request.Id });
        return request;
    }

    /// <summary>
    /// 答复. A reply goes to whoever dispatched the hop: the first-level lead's to the centre's review
    /// (the order becomes replied); a lower hop's to its parent unit, which forwards it up by replying
    /// itself or sends it back down; an assist's completes its part. A hop replies only when the units
    /// below it are done, and the first-level lead only when its assists are done (unless released).
    /// </summary>
    public void Reply(Actor actor, DateTime now, string result, Solved solved)
    {
        actor.Require(Role.Handler, new Text("答复工单", "reply to orders"));
        var hop = OwnHop(actor, new Text("答复", "reply"), AssignmentStatus.Accepted);
        if (IsFirstLead(hop))
        {
            RequireStatus(new Text("答复", "reply"), WorkOrderStatus.InProgress);
        }

        var below = Children(hop).Where(c => c.IsLive).ToList();
        if (below.Count > 0)
        {
            throw new RuleViolationException(
                new Text($"还有 {below.Count} 个下级单位未办结，请待其答复（或收回）后再答复。",
                    $"{below.Count} unit(s) below have not finished; reply after they do (or recall them)."),
                "children-open");
        }

        var waiting = IsFirstLead(hop) && AssistsReleasedAt is null
            ? _assignments.Where(a => a.Role == AssignmentRole.Assist && a.ParentId is null && a.IsLive).ToList()
            : [];
        if (waiting.Count > 0)
        {
            throw new RuleViolationException(
                new Text($"还有 {waiting.Count} 个协办单位未答复，主办单位须待协办完成后再答复。",
                    $"{waiting.Count} assisting unit(s) have not replied yet; the lead replies after them."),
                "assists-open");
        }

        hop.Reply(now, result, solved);
        if (IsFirstLead(hop))
        {
            ReplyResult = result;
            ReplySolved = solved;
            RepliedAt = now;
            Transition(EventTypes.Replied, actor, now, WorkOrderStatus.Replied, result, hop, new { solved });
            return;
        }

        var parent = hop.ParentId is { } p ? Hop(p) : null;
        if (parent is not null && hop.Role == AssignmentRole.Lead && parent.Status == AssignmentStatus.Redispatched)
        {
            // The reply is now with the unit above, to check and forward or to send back down.
            parent.TakeBack();
        }

        Transition(hop.Role == AssignmentRole.Lead ? EventTypes.HopReplied : EventTypes.AssistReplied, actor, now, Status, result, hop,
            new { solved, parentAssignmentId = hop.ParentId });
    }

    /// <summary>
    /// 转派: a unit that passes orders down (sub-centre, street office) hands its part to a unit below
    /// it, as the lead of that part or as an assist. A pending hop passed down counts as signed for.
    /// The use case checks that the unit is below the actor's and may take orders.
    /// </summary>
    public Assignment Redispatch(Actor actor, DateTime now, Guid unitId, AssignmentRole role, string? note, Guid newId)
    {
        actor.Require(Role.Handler, new Text("转派", "redispatch orders"));
        RequireStatus(new Text("转派", "redispatch"), WorkOrderStatus.Dispatched, WorkOrderStatus.InProgress);
        var hop = OwnHop(actor, new Text("转派", "redispatch"), AssignmentStatus.Pending, AssignmentStatus.Accepted, AssignmentStatus.Redispatched);
        if (role == AssignmentRole.Lead && hop.Status == AssignmentStatus.Redispatched)
        {
            throw new RuleViolationException(
                new Text("已转派给下级单位主办，不能再转派主办；如需改派，请先收回。", "The lead part is already with a unit below; recall it before passing it to another."),
                "already-redispatched");
        }

        if (unitId == hop.UnitId || HoldsLiveHop(unitId))
        {
            throw new RuleViolationException(
                new Text("该单位已在办理本工单，不能重复派单。", "That unit already holds this order."), "already-assigned");
        }

        var signedFor = hop.AcceptedAt is null;
        var child = new Assignment(newId, Id, unitId, role, hop.Id, now, actor.UserId);
        if (SignFor is not null && Completion is not null)
        {
            child.StartClocks(SignFor.Limit, Completion.Limit);
        }

        _assignments.Add(child);
        WorkOrderStatus to;
        if (role == AssignmentRole.Lead)
        {
            hop.PassDown(now, actor.UserId);
            to = SignedFor(hop, now);
        }
        else
        {
            if (hop.Status == AssignmentStatus.Pending)
            {
                hop.Accept(now, actor.UserId);
            }

            to = SignedFor(hop, now);
        }

        Transition(EventTypes.Redispatched, actor, now, to, note, child, new { parentAssignmentId = hop.Id, unitId, role, assignmentId = child.Id, signedFor });
        return child;
    }

    /// <summary>发回: the unit above is not satisfied with a lower hop's reply and sends it back down.</summary>
    public void SendBack(Actor actor, DateTime now, Guid assignmentId, string note)
    {
        actor.Require(Role.Handler, new Text("发回下级重办", "send replies back down"));
        RequireStatus(new Text("发回下级", "send a reply back down"), WorkOrderStatus.InProgress);
        var (child, parent) = LowerHopOfActor(actor, assignmentId, new Text("发回", "send back"));
        if (child.Status != AssignmentStatus.Replied)
        {
            throw new RuleViolationException(
                new Text($"该下级派单状态为“{AssignmentStatusNames.Zh(child.Status)}”，只有已答复的才能发回。",
                    $"That hop is {child.Status}; only a reply can be sent back."),
                "assignment-status");
        }

        if (parent.Status != AssignmentStatus.Accepted)
        {
            throw new RuleViolationException(
                new Text("您单位已向上答复，不能再发回下级。", "Your unit has already replied upwards; it cannot send the reply back down now."),
                "assignment-status");
        }

        child.Reopen();
        if (child.Role == AssignmentRole.Lead)
        {
            parent.PassDown(now, actor.UserId);
        }

        Transition(EventTypes.SentBack, actor, now, Status, note, child, new { parentAssignmentId = parent.Id });
    }

    /// <summary>收回: the unit above takes back a part it passed down (misrouted, or to finish it itself).</summary>
    public void Recall(Actor actor, DateTime now, Guid assignmentId, string note)
    {
        actor.Require(Role.Handler, new Text("收回下级派单", "recall a hop from a unit below"));
        RequireStatus(new Text("收回", "recall"), WorkOrderStatus.InProgress);
        var (child, parent) = LowerHopOfActor(actor, assignmentId, new Text("收回", "recall"));
        if (child.Status is not (AssignmentStatus.Pending or AssignmentStatus.Accepted))
        {
            throw new RuleViolationException(
                new Text($"该下级派单状态为“{AssignmentStatusNames.Zh(child.Status)}”，不能收回（待签收或办理中的才能收回；退回申请请直接审核）。",
                    $"That hop is {child.Status}; only a pending or accepted hop can be recalled (decide a return request instead)."),
                "assignment-status");
        }

        RequireNoLiveChildren(child, new Text("收回", "recall it"));
        child.Cancel(now);
        if (child.Role == AssignmentRole.Lead && parent.Status == AssignmentStatus.Redispatched)
        {
            parent.TakeBack();
        }

        Transition(EventTypes.Recalled, actor, now, Status, note, child, new { parentAssignmentId = parent.Id });
    }

    /// <summary>The dispatcher lets the lead reply without waiting for its assists (DOMAIN.md, lead/assist).</summary>
    public void ReleaseAssists(Actor actor, DateTime now, string? note)
    {
        actor.Require(Role.Dispatcher, new Text("解除主办等待协办", "release the lead from waiting for its assists"));
        RequireStatus(new Text("解除等待协办", "release the lead"), WorkOrderStatus.Dispatched, WorkOrderStatus.InProgress);
        var open = _assignments.Where(a => a.Role == AssignmentRole.Assist && a.ParentId is null && a.IsLive).ToList();
        if (open.Count == 0 || AssistsReleasedAt is not null)
        {
            throw new RuleViolationException(
                AssistsReleasedAt is not null
                    ? new Text("已解除过主办对协办的等待。", "The lead has already been released.")
                    : new Text("没有未完成的协办单位。", "No assisting unit is still working."),
                "nothing-to-release");
        }

        AssistsReleasedAt = now;
        Transition(EventTypes.AssistsReleased, actor, now, Status, note, LeadAssignment, new { units = open.Select(a => a.UnitId) });
    }

    /// <summary>审核: the centre approves the lead's reply (closed) or sends it back to the unit.</summary>
    public void Review(Actor actor, DateTime now, bool approve, string? note)
    {
        actor.Require(Role.Dispatcher, new Text("审核答复", "review replies"));
        RequireStatus(new Text("审核", "review"), WorkOrderStatus.Replied);
        var lead = LeadAssignment ?? throw new RuleViolationException(
            new Text("没有主办单位的答复可审核。", "There is no lead reply to review."), "no-lead");
        if (approve)
        {
            // Assists the lead was released from, still working when the order closes, are withdrawn.
            var withdrawn = _assignments.Where(a => a.IsLive && a.Id != lead.Id).ToList();
            foreach (var hop in withdrawn)
            {
                hop.Cancel(now);
            }

            WithdrawOpenOffers(actor, now, new Text("工单已办结", "the order was closed"));
            ClosedAt = now;
            Transition(EventTypes.ReviewApproved, actor, now, WorkOrderStatus.Closed, note, lead,
                withdrawn.Count == 0 ? null : new { withdrawn = withdrawn.Select(h => new { assignmentId = h.Id, unitId = h.UnitId }) });
        }
        else
        {
            lead.Reopen();
            RepliedAt = null;
            Transition(EventTypes.ReviewRejected, actor, now, WorkOrderStatus.InProgress, note, lead);
        }
    }

    /// <summary>
    /// 回访. Unreached: after <see cref="ReturnVisit.MaxAttempts"/> attempts the order is archived.
    /// Reached: unsatisfied or unsolved on the first round sends the order back to the lead unit
    /// (重办); otherwise, and always on the second round, the rating is final and the order is archived.
    /// </summary>
    public ReturnVisit RecordVisit(Actor actor, DateTime now, bool reached, Solved? solved, Satisfaction? satisfaction, string? comment, Guid newId)
    {
        actor.Require(Role.Visitor, new Text("回访", "record return visits"));
        RequireStatus(new Text("回访", "record a return visit"), WorkOrderStatus.Closed);
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
            }

            Transition(EventTypes.Visited, actor, now, giveUp ? WorkOrderStatus.Archived : Status, comment, LeadAssignment,
                new { reached, attempt = VisitAttempts, round, unreachable = giveUp });
            return attempt;
        }

        if (solved is null || satisfaction is null)
        {
            var v = new Validator();
            v.Required("solved", solved).Required("satisfaction", satisfaction);
            v.ThrowIfInvalid();
        }

        VisitAttempts++;
        var visit = new ReturnVisit(newId, Id, round, VisitAttempts, reached: true, solved, satisfaction, comment, now, actor.UserId);
        _visits.Add(visit);
        FinalSolved = solved;
        FinalSatisfaction = satisfaction;
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

    /// <summary>归档 without a visit: the requester wants no call-back, or the order was not accepted.</summary>
    public void Archive(Actor actor, DateTime now, string? note)
    {
        actor.Require(Role.Visitor | Role.Dispatcher | Role.Supervisor, new Text("归档", "archive orders"));
        RequireStatus(new Text("归档", "archive"), WorkOrderStatus.Closed, WorkOrderStatus.NotAccepted);
        ArchivedAt = now;
        Transition(EventTypes.Archived, actor, now, WorkOrderStatus.Archived, note);
    }

    /// <summary>催办: a reminder to the unit now holding the order.</summary>
    public SupervisionRecord Urge(Actor actor, DateTime now, string note, Guid newId, bool automatic = false)
    {
        if (!automatic)
        {
            actor.Require(Role.Supervisor | Role.Dispatcher, new Text("催办", "urge orders"));
        }

        RequireStatus(new Text("催办", "urge"), WorkOrderStatus.Dispatched, WorkOrderStatus.InProgress, WorkOrderStatus.ReturnRequested);
        var lead = LeadAssignment;
        var record = new SupervisionRecord(newId, Id, SupervisionKind.Urge, lead?.UnitId, note, automatic, now, automatic ? null : actor.UserId);
        _supervisions.Add(record);
        UrgeCount++;
        Transition(EventTypes.Urged, actor, now, Status, note, lead, new { supervisionId = record.Id, automatic });
        return record;
    }

    /// <summary>督办: a formal demand; the unit must answer it in writing.</summary>
    public SupervisionRecord Supervise(Actor actor, DateTime now, string note, Guid newId, DateTime? replyDueAt = null, bool automatic = false)
    {
        if (!automatic)
        {
            actor.Require(Role.Supervisor, new Text("督办", "supervise orders"));
        }

        RequireStatus(new Text("督办", "supervise"), WorkOrderStatus.Dispatched, WorkOrderStatus.InProgress, WorkOrderStatus.ReturnRequested);
        var lead = LeadAssignment;
        var record = new SupervisionRecord(newId, Id, SupervisionKind.Supervise, lead?.UnitId, note, automatic, now, automatic ? null : actor.UserId, replyDueAt);
        _supervisions.Add(record);
        SuperviseCount++;
        Transition(EventTypes.Supervised, actor, now, Status, note, lead, new { supervisionId = record.Id, automatic, replyDueAt });
        return record;
    }

    /// <summary>The addressed unit's written reply to a 督办. The use case loads that record.</summary>
    public void ReplyToSupervision(Actor actor, DateTime now, Guid supervisionId, string text)
    {
        actor.Require(Role.Handler, new Text("答复督办", "reply to supervision"));
        var record = _supervisions.SingleOrDefault(s => s.Id == supervisionId && s.Kind == SupervisionKind.Supervise)
            ?? throw new NotFoundException(new Text("找不到该督办记录。", "No such supervision record."));
        if (record.UnitId != actor.UnitId)
        {
            throw new RuleViolationException(new Text("该督办不是发给您单位的。", "This supervision is addressed to another unit."), "not-your-unit");
        }

        if (!record.IsOpen)
        {
            throw new RuleViolationException(new Text("该督办已答复。", "This supervision has been answered already."), "already-replied");
        }

        record.Reply(text, now, actor.UserId);
        Transition(EventTypes.SupervisionReplied, actor, now, Status, text, data: new { supervisionId });
    }

    /// <summary>联系: the unit has contacted the requester (the first contact meets the 联系时限).</summary>
    public void RecordContact(Actor actor, DateTime now, string? note)
    {
        actor.Require(Role.Handler, new Text("登记联系市民", "record contact with the requester"));
        RequireStatus(new Text("登记联系", "record contact"), WorkOrderStatus.Dispatched, WorkOrderStatus.InProgress);
        var hop = OwnHop(actor, new Text("登记联系", "record contact"), AssignmentStatus.Pending, AssignmentStatus.Accepted);
        var first = ContactedAt is null;
        ContactedAt ??= now;
        Transition(EventTypes.Contacted, actor, now, Status, note, hop, new { first });
    }

    /// <summary>挂起: the centre pauses the clocks while waiting for the requester.</summary>
    public void Suspend(Actor actor, DateTime now, string reason, Guid newId)
    {
        actor.Require(Role.Dispatcher | Role.Supervisor, new Text("挂起工单", "suspend orders"));
        RequireStatus(new Text("挂起", "suspend"), WorkOrderStatus.Dispatched, WorkOrderStatus.InProgress);
        if (SuspendedSince is not null)
        {
            throw new RuleViolationException(new Text("工单已处于挂起状态。", "The order is already suspended."), "already-suspended");
        }

        _suspensions.Add(new WorkOrderSuspension(newId, Id, now, reason, actor.UserId));
        SuspendedSince = now;
        Transition(EventTypes.Suspended, actor, now, Status, reason);
    }

    /// <summary>恢复: the clocks run again; every deadline moves by the paused time.</summary>
    public void Resume(Actor actor, DateTime now, string? note)
    {
        actor.Require(Role.Dispatcher | Role.Supervisor, new Text("恢复工单", "resume orders"));
        var open = _suspensions.SingleOrDefault(s => s.To is null);
        if (SuspendedSince is null || open is null)
        {
            throw new RuleViolationException(new Text("工单未挂起。", "The order is not suspended."), "not-suspended");
        }

        open.End(now, actor.UserId);
        SuspendedSince = null;
        Transition(EventTypes.Resumed, actor, now, Status, note, data: new { pausedMinutes = (int)(now - open.From).TotalMinutes });
    }

    /// <summary>
    /// Recomputes every deadline of the order and its hops from the stored limits and the facts (signed
    /// for, contacted, replied, extensions, pauses, redo), and the next instant the sweep must look at
    /// it. Pure given the rules: the use cases call it after every change. The use case loads the
    /// order's suspensions first when it may be or have been paused.
    /// </summary>
    public void RecomputeDeadlines(DeadlineRules rules, DateTime now)
    {
        if (SignFor is null || Contact is null || Completion is null)
        {
            return;
        }

        var cal = rules.Calendar;
        var pauses = _suspensions.Select(s => new Suspension(s.From, s.To)).ToList();

        // An order that ends without a unit's reply (answered on the call, refused, merged) settles its
        // clocks at the moment it ended: answered on the call counts as met.
        var endedAt = Status switch
        {
            WorkOrderStatus.Closed or WorkOrderStatus.Archived when Answer is not null => ClosedAt,
            _ => null,
        };

        SignFor.Set(DeadlineCalculator.Due(SignFor.StartAt, SignFor.Limit, cal, pauses, now), SignedForAt ?? endedAt, now, cal, rules.Approaching);
        Contact.Set(DeadlineCalculator.Due(Contact.StartAt, Contact.Limit, cal, pauses, now), ContactedAt ?? endedAt, now, cal, rules.Approaching);
        var completionDue = DeadlineCalculator.Due(Completion.StartAt, Completion.Limit, cal, pauses, now);
        if (ExtensionDays > 0)
        {
            completionDue = DeadlineCalculator.Extend(completionDue, ExtensionDays, cal);
        }

        Completion.Set(completionDue, RepliedAt ?? endedAt, now, cal, rules.Approaching);

        // Each hop inside its parent: a first-level hop has the order's completion, a lower one a slice of
        // its parent's; sign-for never past the hop's own completion. Parents are computed first.
        var hopDue = new Dictionary<Guid, DateTime>();
        DateTime HopDue(Assignment hop)
        {
            if (!hopDue.TryGetValue(hop.Id, out var due))
            {
                due = hop.ParentId is { } p && _assignments.FirstOrDefault(a => a.Id == p) is { Completion: not null } parent
                    ? DeadlineCalculator.WithinParent(hop.DispatchedAt, HopDue(parent), Completion.LimitUnit, cal)
                    : completionDue;
                hopDue[hop.Id] = due;
            }

            return due;
        }

        foreach (var hop in _assignments.Where(a => a.SignFor is not null && a.Completion is not null))
        {
            var due = HopDue(hop);
            var signDue = DeadlineCalculator.Slice(DeadlineCalculator.Due(hop.SignFor!.StartAt, hop.SignFor.Limit, cal, pauses, now), due);
            hop.SignFor.Set(signDue, hop.AcceptedAt, now, cal, rules.Approaching);
            hop.Completion!.Set(due, hop.RepliedAt, now, cal, rules.Approaching);
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

    /// <summary>
    /// 专家会诊: the dispatcher offers the order to a group of units. Not yet dispatched, the claiming unit
    /// becomes its lead; already with a lead, the claiming unit joins as an assist. One offer at a time.
    /// The use case checks the group.
    /// </summary>
    public HelpRequest OfferHelp(Actor actor, DateTime now, Guid groupId, string note, DateTime expiresAt, Guid newId)
    {
        actor.Require(Role.Dispatcher, new Text("发起专家会诊", "offer orders to a unit group"));
        RequireStatus(new Text("发起会诊", "offer it to a unit group"), WorkOrderStatus.Registered, WorkOrderStatus.Dispatched, WorkOrderStatus.InProgress);
        if (_helpRequests.Any(h => h.Status == HelpRequestStatus.Open))
        {
            throw new RuleViolationException(
                new Text("本工单已有一个待认领的会诊邀请，请先撤回。", "This order already has an open offer; withdraw it first."), "offer-open");
        }

        var role = Status == WorkOrderStatus.Registered ? AssignmentRole.Lead : AssignmentRole.Assist;
        var offer = new HelpRequest(newId, Id, groupId, role, note, now, actor.UserId, expiresAt);
        _helpRequests.Add(offer);
        Transition(EventTypes.HelpRequested, actor, now, Status, note, data: new { helpRequestId = offer.Id, groupId, role, expiresAt });
        return offer;
    }

    /// <summary>认领: a member unit of the group takes the offered order; the first claim wins, signed for at once.</summary>
    public Assignment ClaimHelp(Actor actor, DateTime now, Guid helpRequestId, Guid newId)
    {
        actor.Require(Role.Handler, new Text("认领会诊工单", "claim offered orders"));
        var offer = _helpRequests.SingleOrDefault(h => h.Id == helpRequestId)
            ?? throw new NotFoundException(new Text("没有该会诊邀请。", "No such offer."));
        if (offer.Status == HelpRequestStatus.Claimed)
        {
            throw new RuleViolationException(new Text("该会诊工单已被其他单位认领。", "Another unit has already claimed this order."), "already-claimed");
        }

        if (!offer.IsOpenAt(now))
        {
            throw new RuleViolationException(new Text("该会诊邀请已过期或已撤回。", "This offer has expired or was withdrawn."), "offer-closed");
        }

        if (actor.UnitId is not { } unit || HoldsLiveHop(unit))
        {
            throw new RuleViolationException(new Text("您单位已在办理本工单。", "Your unit already holds this order."), "already-assigned");
        }

        RequireStatus(new Text("认领", "claim it"), offer.Role == AssignmentRole.Lead ? [WorkOrderStatus.Registered] : [WorkOrderStatus.Dispatched, WorkOrderStatus.InProgress]);
        var hop = new Assignment(newId, Id, unit, offer.Role, parentId: null, now, actor.UserId);
        if (SignFor is not null && Completion is not null)
        {
            hop.StartClocks(SignFor.Limit, Completion.Limit);
        }

        hop.Accept(now, actor.UserId);
        _assignments.Add(hop);
        offer.Claim(unit, actor.UserId, hop.Id, now);
        var to = Status;
        if (IsFirstLead(hop))
        {
            SignedForAt ??= now;
            to = WorkOrderStatus.InProgress;
        }

        Transition(EventTypes.HelpClaimed, actor, now, to, offer.Note, hop, new { helpRequestId, unitId = unit, role = offer.Role });
        return hop;
    }

    /// <summary>The dispatcher withdraws an offer nobody has claimed.</summary>
    public void WithdrawHelp(Actor actor, DateTime now, Guid helpRequestId, string? note)
    {
        actor.Require(Role.Dispatcher, new Text("撤回会诊邀请", "withdraw offers"));
        var offer = _helpRequests.SingleOrDefault(h => h.Id == helpRequestId && h.Status == HelpRequestStatus.Open)
            ?? throw new RuleViolationException(new Text("没有待认领的该会诊邀请。", "There is no such open offer."), "offer-closed");
        offer.Close(HelpRequestStatus.Withdrawn, now);
        Transition(EventTypes.HelpWithdrawn, actor, now, Status, note, data: new { helpRequestId });
    }

    /// <summary>Nobody claimed the offer in time: it ends, and the order is the dispatcher's again.</summary>
    public bool ExpireHelp(DateTime now, Guid helpRequestId)
    {
        var offer = _helpRequests.SingleOrDefault(h => h.Id == helpRequestId);
        if (offer is null || offer.Status != HelpRequestStatus.Open || offer.ExpiresAt > now)
        {
            return false;
        }

        offer.Close(HelpRequestStatus.Expired, now);
        Transition(EventTypes.HelpExpired, Actor.System, now, Status, "会诊邀请到期无人认领，退回派单员。", data: new { helpRequestId, offer.GroupId });
        return true;
    }

    private void WithdrawOpenOffers(Actor actor, DateTime now, Text why)
    {
        foreach (var offer in _helpRequests.Where(h => h.Status == HelpRequestStatus.Open).ToList())
        {
            offer.Close(HelpRequestStatus.Withdrawn, now);
            Transition(EventTypes.HelpWithdrawn, actor, now, Status, why.Zh, data: new { helpRequestId = offer.Id, automatic = true, why = why.En });
        }
    }

    /// <summary>并单: this order is the same matter as <paramref name="master"/> and ends here.</summary>
    public void MergeInto(WorkOrder master, Actor actor, DateTime now, string? note)
    {
        actor.Require(Role.Dispatcher, new Text("并单", "merge orders"));
        if (master.Id == Id)
        {
            throw ValidationFailedException.For("intoId", new Text("不能与自身并单。", "An order cannot be merged into itself."));
        }

        RequireStatus(new Text("并单", "merge"), WorkOrderStatus.Registered, WorkOrderStatus.Dispatched, WorkOrderStatus.InProgress,
            WorkOrderStatus.ReturnRequested, WorkOrderStatus.Replied);
        if (master.Status is WorkOrderStatus.Merged or WorkOrderStatus.NotAccepted or WorkOrderStatus.Archived or WorkOrderStatus.Closed)
        {
            // A closed master is worked on by nobody: the new call would be lost in it. If the matter is
            // not solved, it is handled as its own order (or the master's visit orders a redo).
            throw new RuleViolationException(
                new Text($"目标工单{master.Number}状态为“{StatusNames.Zh(master.Status)}”，不能并入；问题仍未解决的，请按新工单办理。",
                    $"Order {master.Number} is {StatusNames.En(master.Status)}; nothing can be merged into it. If the matter is not solved, handle this order on its own."),
                "master-not-open");
        }

        foreach (var hop in _assignments.Where(a => a.IsLive))
        {
            hop.Cancel(now);
        }

        WithdrawOpenOffers(actor, now, new Text("工单已并单", "the order was merged"));

        // Nothing is left hanging on the merged order: its requests lapse, its 督办 go with the master.
        foreach (var request in _returns.Cast<UnitRequest>().Concat(_extensions).Where(r => r.Decision == Decision.Pending))
        {
            request.Decide(Decision.Withdrawn, now, actor.UserId, $"工单已并入{master.Number}");
        }

        foreach (var supervision in _supervisions.Where(s => s.IsOpen))
        {
            supervision.Reply($"工单已并入{master.Number}，本督办随主工单办理。", now, actor.UserId);
        }

        MergedIntoId = master.Id;
        Transition(EventTypes.Merged, actor, now, WorkOrderStatus.Merged, note, data: new { intoId = master.Id, intoNumber = master.Number });
        master.AbsorbRequester(this, actor, now, note);
    }

    private void AbsorbRequester(WorkOrder merged, Actor actor, DateTime now, string? note)
    {
        var r = merged.Requester;
        _extraRequesters.Add(new MergedRequester(r.Name, r.Phone, r.Confidential, merged.Id, merged.Number, now));

        // Requesters merged into the merged order earlier come along: each must still get the answer.
        _extraRequesters.AddRange(merged.ExtraRequesters.Select(e => e with { }));
        Transition(EventTypes.MergedFrom, actor, now, Status, note, data: new { fromId = merged.Id, fromNumber = merged.Number });
    }

    /// <summary>
    /// 重复件 found while registering (<see cref="Repeats.DetectRepeat"/>): links this new, unsaved order to
    /// the earlier one, and the registration event says why. It is part of the first version rather than
    /// an event of its own, so every newly registered order is version 1, repeat or not.
    /// </summary>
    public void FlagRepeatOf(Repeats.RepeatMatch match)
    {
        if (Version != 1 || _history is not [{ Type: EventTypes.Registered } registered])
        {
            throw new InvalidOperationException("A repeat is flagged while the order is being registered, before it is saved.");
        }

        RepeatOfId = match.EarlierId;
        var data = System.Text.Json.Nodes.JsonNode.Parse(registered.Data ?? "{}")!.AsObject();
        data["repeatOf"] = JsonSerializer.SerializeToNode(
            new { id = match.EarlierId, number = match.EarlierNumber, similarity = match.Similarity, threshold = match.Threshold, categories = match.Relation },
            EventJson.Options);
        var similarity = match.Similarity.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
        registered.CompleteUnsaved($"重复件：与工单{match.EarlierNumber}为同一来电人反映的同一事项（文本相似度 {similarity}）。", data.ToJsonString(EventJson.Options));
    }

    private static bool IsFirstLead(Assignment hop) => hop.ParentId is null && hop.Role == AssignmentRole.Lead;

    private Assignment Hop(Guid id) => _assignments.Single(a => a.Id == id);

    private IEnumerable<Assignment> Children(Assignment hop) => _assignments.Where(a => a.ParentId == hop.Id);

    /// <summary>Whether the unit still answers for a part of this order (a unit holds at most one live hop).</summary>
    private bool HoldsLiveHop(Guid unitId) => _assignments.Any(a => a.UnitId == unitId && a.IsLive);

    /// <summary>The first-level lead signing for it (directly or by passing it down) starts the order's handling.</summary>
    private WorkOrderStatus SignedFor(Assignment hop, DateTime now)
    {
        if (!IsFirstLead(hop))
        {
            return Status;
        }

        SignedForAt ??= hop.AcceptedAt ?? now;
        return Status == WorkOrderStatus.Dispatched ? WorkOrderStatus.InProgress : Status;
    }

    private void RequireNoLiveChildren(Assignment hop, Text action)
    {
        if (Children(hop).Any(c => c.IsLive))
        {
            throw new RuleViolationException(
                new Text($"下级单位仍在办理，不能{action.Zh}；请先收回下级派单。", $"A unit below is still working on it; recall that hop before you {action.En}."),
                "children-open");
        }
    }

    /// <summary>A hop the actor's unit dispatched (its parent hop is the actor's unit's).</summary>
    private (Assignment Child, Assignment Parent) LowerHopOfActor(Actor actor, Guid assignmentId, Text action)
    {
        var child = _assignments.SingleOrDefault(a => a.Id == assignmentId)
            ?? throw ValidationFailedException.For("assignmentId", new Text("本工单没有该派单记录。", "This order has no such assignment."));
        var parent = child.ParentId is { } p ? Hop(p) : null;
        if (parent is null || actor.UnitId is null || parent.UnitId != actor.UnitId)
        {
            throw new RuleViolationException(
                new Text($"只能{action.Zh}本单位派给下级单位的派单。", $"You can only {action.En} a hop your own unit dispatched."),
                "not-your-hop");
        }

        return (child, parent);
    }

    private Assignment OwnHop(Actor actor, Text action, params AssignmentStatus[] allowed)
    {
        var hops = _assignments.Where(a => actor.UnitId is not null && a.UnitId == actor.UnitId && a.IsLive).ToList();
        var hop = hops.FirstOrDefault(h => allowed.Contains(h.Status));
        if (hop is not null)
        {
            return hop;
        }

        var why = hops.Count == 0
            ? new Text($"您的单位没有待办的派单，不能{action.Zh}。", $"Your unit holds no open assignment of this order, so it cannot {action.En}.")
            : new Text($"您单位的派单状态为“{AssignmentStatusNames.Zh(hops[0].Status)}”，不能{action.Zh}。",
                $"Your unit's assignment is {hops[0].Status}; it cannot {action.En}.");
        throw new RuleViolationException(why, "assignment-status");
    }

    private static T PendingOne<T>(IEnumerable<T> pending, Func<T, Guid> assignmentOf, Guid? assignmentId, Text none)
    {
        var list = pending.Where(p => assignmentId is null || assignmentOf(p) == assignmentId).ToList();
        return list.Count switch
        {
            0 => throw new RuleViolationException(none, "nothing-pending"),
            1 => list[0],
            _ => throw ValidationFailedException.For("assignmentId", new Text(
                "有多份待审核申请，请指明派单记录（assignmentId）。", "Several requests are pending; name the assignment (assignmentId).")),
        };
    }

    private void RequireStatus(Text action, params WorkOrderStatus[] allowed)
    {
        if (!allowed.Contains(Status))
        {
            throw new RuleViolationException(
                new Text($"工单当前状态为“{StatusNames.Zh(Status)}”，不能{action.Zh}。",
                    $"The order is {StatusNames.En(Status)}; it cannot {action.En} now."),
                "status-not-allowed");
        }
    }

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
