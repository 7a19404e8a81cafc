using Lianxin.Core.Common;
using Lianxin.Core.Dispatch;
using Lianxin.Core.Identity;
using Lianxin.Core.Organization;

namespace Lianxin.Core.WorkOrders;

/// <summary>
/// Hops (派单记录): dispatch by the centre and down the chain, signing for, contact, returns,
/// extensions and replies, each going to whoever dispatched the hop (DOMAIN.md, Dispatch).
/// </summary>
public sealed partial class WorkOrder
{
    /// <summary>The most units one dispatch may name.</summary>
    public const int MaxDispatchTargets = 20;

    private static readonly Text DispatchText = new("派单", "dispatch");
    private static readonly Text AcceptText = new("签收", "accept");
    private static readonly Text ContactText = new("登记联系", "record contact");
    private static readonly Text ReturnText = new("退回", "return");
    private static readonly Text ExtensionText = new("申请延期", "request an extension");
    private static readonly Text ReplyText = new("答复", "reply");
    private static readonly Text RedispatchText = new("转派", "redispatch");

    /// <summary>
    /// While the order is open, a unit up the chain works its part whatever the first-level lead is at
    /// (an assist's chain goes on while the lead waits, asks to return, or has replied after being released).
    /// </summary>
    private static readonly WorkOrderStatus[] ChainStatuses =
        [WorkOrderStatus.Dispatched, WorkOrderStatus.InProgress, WorkOrderStatus.ReturnRequested, WorkOrderStatus.Replied];

    private Refusal? CanDispatch(Actor actor) =>
        actor.Lacks(Role.Dispatcher, new Text("派单", "dispatch orders")) ?? StatusRefusal(DispatchText, WorkOrderStatus.Registered);

    /// <summary>派单: one lead unit and any assist units, each a first-level hop.</summary>
    public IReadOnlyList<Assignment> Dispatch(Actor actor, DateTime now, IReadOnlyList<HopTarget> targets, string? note, Func<Guid> newId)
    {
        Refusal.ThrowIf(CanDispatch(actor));
        var v = new Validator();
        for (var i = 0; i < targets.Count; i++)
        {
            if (UnitRefusal(targets[i].Unit) is { } why)
            {
                v.Add($"assignments[{i}].unitId", why);
            }
        }

        v.When(targets.Count(t => t.Role == AssignmentRole.Lead) != 1, "assignments", new Text("必须有且只有一个主办单位。", "Exactly one lead unit is required."));
        v.When(targets.Select(t => t.UnitId).Distinct().Count() != targets.Count, "assignments", new Text("同一单位不能重复派单。", "A unit may appear only once."));
        v.When(targets.Count > MaxDispatchTargets, "assignments", new Text($"一次最多派给 {MaxDispatchTargets} 个单位。", $"At most {MaxDispatchTargets} units at once."));
        v.ThrowIfInvalid();
        if (targets.Any(t => Hops.HoldsLiveHop(t.UnitId)))
        {
            throw new RuleViolationException(new Text("该单位已在办理本工单，不能重复派单。", "That unit already holds this order."), "already-assigned");
        }

        var created = targets.Select(t => NewHop(newId(), t.UnitId, t.Role, parent: null, now, actor)).ToList();
        WithdrawOpenOffers(actor, now, new Text("工单已派单", "the order was dispatched"));
        _assignments.AddRange(created);
        var lead = created.Single(a => a.Role == AssignmentRole.Lead);
        Transition(EventTypes.Dispatched, actor, now, WorkOrderStatus.Dispatched, note, lead,
            new { units = created.Select(a => new { unitId = a.UnitId, role = a.Role, assignmentId = a.Id }) });
        return created;
    }

    /// <summary>Why a unit cannot take a part of an order: gone, deactivated, or the centre itself.</summary>
    private static Text? UnitRefusal(Unit? unit) => unit switch
    {
        null => new Text("单位不存在。", "No such unit."),
        { IsActive: false } => new Text("该单位已停用。", "That unit is deactivated."),
        { Kind: UnitKind.Centre } => new Text("不能派给热线中心本身。", "An order cannot be dispatched to the centre itself."),
        _ => null,
    };

    /// <summary>A new hop with its own clocks, started now with the order's limits.</summary>
    private Assignment NewHop(Guid id, Guid unitId, AssignmentRole role, Assignment? parent, DateTime now, Actor actor)
    {
        var hop = new Assignment(id, Id, unitId, role, parent?.Id, now, actor.UserId);
        if (SignFor is not null && Completion is not null)
        {
            hop.StartClocks(SignFor.Limit, Completion.Limit);
        }

        return hop;
    }

    private Refusal? CanAccept(Actor actor, out Assignment hop)
    {
        hop = null!;
        return actor.Lacks(Role.Handler, new Text("签收", "accept orders")) ?? OwnHopRefusal(actor, AcceptText, out hop, AssignmentStatus.Pending);
    }

    /// <summary>签收: the actor's unit signs for its pending hop.</summary>
    public void Accept(Actor actor, DateTime now)
    {
        Refusal.ThrowIf(CanAccept(actor, out var hop));
        hop.Accept(now, actor.UserId);
        Transition(EventTypes.Accepted, actor, now, SignedFor(hop, now), note: null, hop);
    }

    private Refusal? CanRecordContact(Actor actor, out Assignment hop)
    {
        hop = null!;
        return actor.Lacks(Role.Handler, new Text("登记联系市民", "record contact with the requester"))
            ?? StatusRefusal(ContactText, WorkOrderStatus.Dispatched, WorkOrderStatus.InProgress)
            ?? OwnHopRefusal(actor, ContactText, out hop, AssignmentStatus.Pending, AssignmentStatus.Accepted);
    }

    /// <summary>联系: the unit has contacted the requester (the first contact meets the 联系时限).</summary>
    public void RecordContact(Actor actor, DateTime now, string? note)
    {
        Refusal.ThrowIf(CanRecordContact(actor, out var hop));
        var first = ContactedAt is null;
        ContactedAt ??= now;
        Transition(EventTypes.Contacted, actor, now, Status, note, hop, new { first });
    }

    /// <summary>
    /// Whether the actor's unit may pass its part down now. <paramref name="ownUnit"/> is the actor's unit
    /// as the database holds it: only sub-centres and street offices pass orders down (<see cref="Unit.CanRedispatch"/>).
    /// </summary>
    private Refusal? CanRedispatch(Actor actor, Unit? ownUnit, out Assignment hop)
    {
        hop = null!;
        return actor.Lacks(Role.Handler, new Text("转派", "redispatch orders"))
            ?? (ownUnit is { CanRedispatch: true } && ownUnit.Id == actor.UnitId
                ? null
                : Refusal.NotNow(
                    new Text("只有分中心和街道（乡镇）可以向下级单位转派。", "Only sub-centres and street offices pass orders down to the units below them."),
                    "cannot-redispatch"))
            ?? (ownUnit!.IsActive ? null : Refusal.NotNow(new Text("您的单位已停用，不能转派。", "Your unit is deactivated; it cannot pass orders down."), "unit-inactive"))
            ?? StatusRefusal(RedispatchText, WorkOrderStatus.Dispatched, WorkOrderStatus.InProgress)
            ?? OwnHopRefusal(actor, RedispatchText, out hop, AssignmentStatus.Pending, AssignmentStatus.Accepted, AssignmentStatus.Redispatched);
    }

    /// <summary>
    /// 转派: a unit that passes orders down (sub-centre, street office) hands its part to a unit below
    /// it, as the lead of that part or as an assist. A pending hop passed down counts as signed for.
    /// </summary>
    public Assignment Redispatch(Actor actor, DateTime now, Unit? ownUnit, HopTarget target, string? note, Guid newId)
    {
        Refusal.ThrowIf(CanRedispatch(actor, ownUnit, out var hop));
        if (UnitRefusal(target.Unit) is { } why)
        {
            throw ValidationFailedException.For("unitId", why);
        }

        if (target.Unit!.Id == ownUnit!.Id || !target.Unit.Path.StartsWith(ownUnit.Path, StringComparison.Ordinal))
        {
            throw ValidationFailedException.For("unitId", new Text("只能转派给本单位的下级单位。", "An order can only be passed to a unit below your own."));
        }
        if (target.Role == AssignmentRole.Lead && hop.Status == AssignmentStatus.Redispatched)
        {
            throw new RuleViolationException(
                new Text("已转派给下级单位主办，不能再转派主办；如需改派，请先收回。", "The lead part is already with a unit below; recall it before passing it to another."),
                "already-redispatched");
        }

        if (target.UnitId == hop.UnitId || Hops.HoldsLiveHop(target.UnitId))
        {
            throw new RuleViolationException(new Text("该单位已在办理本工单，不能重复派单。", "That unit already holds this order."), "already-assigned");
        }

        var signedFor = hop.AcceptedAt is null;
        var child = NewHop(newId, target.UnitId, target.Role, hop, now, actor);
        _assignments.Add(child);
        if (target.Role == AssignmentRole.Lead)
        {
            hop.PassDown(now, actor.UserId);
        }
        else if (hop.Status == AssignmentStatus.Pending)
        {
            hop.Accept(now, actor.UserId);
        }

        Transition(EventTypes.Redispatched, actor, now, SignedFor(hop, now), note, child,
            new { parentAssignmentId = hop.Id, unitId = target.UnitId, role = target.Role, assignmentId = child.Id, signedFor });
        return child;
    }

    private Refusal? CanRequestReturn(Actor actor, out Assignment hop)
    {
        hop = null!;
        var refusal = actor.Lacks(Role.Handler, new Text("退回工单", "return orders"))
            ?? OwnHopRefusal(actor, ReturnText, out hop, AssignmentStatus.Pending, AssignmentStatus.Accepted)
            ?? StatusRefusal(ReturnText, WorkOrderStatus.Dispatched, WorkOrderStatus.InProgress);
        return refusal ?? ChildrenRefusal(Hops, hop, new Text("退回", "return it"));
    }

    /// <summary>退回: the unit says the order is not theirs; whoever dispatched the hop decides.</summary>
    public ReturnRequest RequestReturn(Actor actor, DateTime now, string reason, string basis, string? reasonCode, Guid newId)
    {
        Refusal.ThrowIf(CanRequestReturn(actor, out var hop));
        var request = new ReturnRequest(newId, Id, hop.Id, hop.UnitId, reason, basis, now, actor.UserId, reasonCode);
        _returns.Add(request);
        hop.RequestReturn();
        var to = hop.IsFirstLevelLead ? WorkOrderStatus.ReturnRequested : Status;
        Transition(EventTypes.ReturnRequested, actor, now, to, reason, hop,
            new { reason, reasonCode, basis, returnId = request.Id, decidedBy = hop.ParentId is null ? "centre" : "parentUnit", parentAssignmentId = hop.ParentId });
        return request;
    }

    /// <summary>Whether the actor decides returns of this hop: the centre's dispatcher for a first-level hop, the parent hop's unit for a lower one.</summary>
    private bool MayDecideFor(Actor actor, Assignment hop) => hop.ParentId is { } p
        ? actor.Has(Role.Handler) && actor.UnitId is { } unit && Hops.Get(p).UnitId == unit
        : actor.Has(Role.Dispatcher);

    private Refusal? CanDecideReturn(Actor actor, Guid? assignmentId, out ReturnRequest request)
    {
        request = null!;
        if (actor.Lacks(Role.Dispatcher | Role.Handler, new Text("审核退回申请", "decide returns")) is { } role)
        {
            return role;
        }

        var pending = _returns.Where(r => r.Decision == Decision.Pending).ToList();
        var mine = pending.Where(r => MayDecideFor(actor, Hops.Get(r.AssignmentId))).ToList();
        if (mine.Count == 0 && pending.Count > 0 && (assignmentId is null || pending.Any(r => r.AssignmentId == assignmentId)))
        {
            return Refusal.Forbidden(new Text(
                "该退回申请由派出该派单的一方审核（一级派单由热线中心，下级派单由上级单位）。",
                "A return is decided by whoever dispatched that hop: the centre for a first-level hop, the unit above for a lower one."));
        }

        return PendingOne(mine, r => r.AssignmentId, assignmentId, new Text("没有待审核的退回申请。", "There is no pending return request."), out request);
    }

    /// <summary>
    /// A hop's return is decided by whoever dispatched it. Approve: the unit is out; for the first-level
    /// lead the order goes back to the dispatcher, for a lower lead the work goes back to the parent unit
    /// (which redispatches or handles it itself). Reject: the unit keeps the order and its clock runs on.
    /// </summary>
    public void DecideReturn(Actor actor, DateTime now, bool approve, string? note, Guid? assignmentId)
    {
        Refusal.ThrowIf(CanDecideReturn(actor, assignmentId, out var request));
        var hop = Hops.Get(request.AssignmentId);
        var parent = Hops.ParentOf(hop);
        request.Decide(approve, now, actor.UserId, note);
        var to = Status;
        if (approve)
        {
            hop.ApproveReturn(now);
            if (hop.IsFirstLevelLead)
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
            if (hop.IsFirstLevelLead)
            {
                to = hop.Status == AssignmentStatus.Accepted ? WorkOrderStatus.InProgress : WorkOrderStatus.Dispatched;
            }
        }

        Transition(approve ? EventTypes.ReturnApproved : EventTypes.ReturnRejected, actor, now, to, note, hop,
            new { returnId = request.Id, reasonCode = request.ReasonCode, parentAssignmentId = hop.ParentId });
    }

    private Refusal? CanRequestExtension(Actor actor, out Assignment hop)
    {
        hop = null!;
        var refusal = actor.Lacks(Role.Handler, new Text("申请延期", "request extensions"))
            ?? StatusRefusal(ExtensionText, WorkOrderStatus.InProgress)
            ?? OwnHopRefusal(actor, ExtensionText, out hop, AssignmentStatus.Accepted, AssignmentStatus.Redispatched);
        var hopId = hop?.Id;
        if (refusal is null && _extensions.Any(e => e.AssignmentId == hopId && e.Decision == Decision.Pending))
        {
            refusal = Refusal.NotNow(new Text("已有一份延期申请在审核中。", "An extension request is already pending."), "extension-pending");
        }

        return refusal;
    }

    /// <summary>延期申请: more working days, asked before the deadline; the dispatcher decides.</summary>
    public ExtensionRequest RequestExtension(Actor actor, DateTime now, int workingDays, string reason, Guid newId)
    {
        Refusal.ThrowIf(CanRequestExtension(actor, out var hop));
        var request = new ExtensionRequest(newId, Id, hop.Id, hop.UnitId, workingDays, reason, now, actor.UserId);
        _extensions.Add(request);
        Transition(EventTypes.ExtensionRequested, actor, now, Status, reason, hop, new { workingDays, extensionId = request.Id });
        return request;
    }

    private Refusal? CanDecideExtension(Actor actor, Guid? assignmentId, out ExtensionRequest request)
    {
        request = null!;
        return actor.Lacks(Role.Dispatcher, new Text("审核延期申请", "decide extensions"))
            ?? PendingOne(_extensions.Where(e => e.Decision == Decision.Pending), e => e.AssignmentId, assignmentId,
                new Text("没有待审核的延期申请。", "There is no pending extension request."), out request);
    }

    /// <summary>Approved, the completion deadline moves by the working days asked for.</summary>
    public ExtensionRequest DecideExtension(Actor actor, DateTime now, bool approve, string? note, Guid? assignmentId)
    {
        Refusal.ThrowIf(CanDecideExtension(actor, assignmentId, out var request));
        request.Decide(approve, now, actor.UserId, note);
        if (approve)
        {
            ExtensionDays += request.WorkingDays;
        }

        Transition(approve ? EventTypes.ExtensionApproved : EventTypes.ExtensionRejected, actor, now, Status, note, Hops.Get(request.AssignmentId),
            new { workingDays = request.WorkingDays, extensionId = request.Id });
        return request;
    }

    private Refusal? CanReply(Actor actor, out Assignment hop)
    {
        hop = null!;
        var refusal = actor.Lacks(Role.Handler, new Text("答复工单", "reply to orders")) ?? OwnHopRefusal(actor, ReplyText, out hop, AssignmentStatus.Accepted);
        if (refusal is not null)
        {
            return refusal;
        }

        if (hop.IsFirstLevelLead && StatusRefusal(ReplyText, WorkOrderStatus.InProgress) is { } status)
        {
            return status;
        }

        var below = Hops.ChildrenOf(hop).Count(c => c.IsLive);
        if (below > 0)
        {
            return Refusal.NotNow(
                new Text($"还有 {below} 个下级单位未办结，请待其答复（或收回）后再答复。", $"{below} unit(s) below have not finished; reply after they do (or recall them)."),
                "children-open");
        }

        var waiting = hop.IsFirstLevelLead && AssistsReleasedAt is null ? Hops.LiveAssists.Count : 0;
        return waiting > 0
            ? Refusal.NotNow(
                new Text($"还有 {waiting} 个协办单位未答复，主办单位须待协办完成后再答复。", $"{waiting} assisting unit(s) have not replied yet; the lead replies after them."),
                "assists-open")
            : null;
    }

    /// <summary>
    /// 答复. A reply goes to whoever dispatched the hop: the first-level lead's to the centre's review
    /// (the order becomes replied); a lower hop's to its parent unit, which forwards it up by replying
    /// itself or sends it back down; an assist's completes its part. A hop replies only when the units
    /// below it are done, and the first-level lead only when its assists are done (unless released).
    /// </summary>
    public void Reply(Actor actor, DateTime now, string result, Solved solved)
    {
        Refusal.ThrowIf(CanReply(actor, out var hop));
        hop.Reply(now, result, solved);
        if (hop.IsFirstLevelLead)
        {
            ReplyResult = result;
            ReplySolved = solved;
            RepliedAt = now;
            Transition(EventTypes.Replied, actor, now, WorkOrderStatus.Replied, result, hop, new { solved });
            return;
        }

        var parent = Hops.ParentOf(hop);
        if (parent is not null && hop.Role == AssignmentRole.Lead && parent.Status == AssignmentStatus.Redispatched)
        {
            // The reply is now with the unit above, to check and forward or to send back down.
            parent.TakeBack();
        }

        Transition(hop.Role == AssignmentRole.Lead ? EventTypes.HopReplied : EventTypes.AssistReplied, actor, now, Status, result, hop,
            new { solved, parentAssignmentId = hop.ParentId });
    }

    /// <summary>A hop the actor's unit dispatched (its parent hop is the actor's unit's).</summary>
    private Refusal? LowerHopRefusal(Actor actor, Guid assignmentId, Text action, out Assignment child, out Assignment parent)
    {
        child = Hops.Find(assignmentId)!;
        parent = null!;
        if (child is null)
        {
            return Refusal.Invalid("assignmentId", new Text("本工单没有该派单记录。", "This order has no such assignment."));
        }

        parent = Hops.ParentOf(child)!;
        return parent is null || actor.UnitId is null || parent.UnitId != actor.UnitId
            ? Refusal.NotNow(new Text($"只能{action.Zh}本单位派给下级单位的派单。", $"You can only {action.En} a hop your own unit dispatched."), "not-your-hop")
            : null;
    }

    private Refusal? CanSendBack(Actor actor) =>
        actor.Lacks(Role.Handler, new Text("发回下级重办", "send replies back down"))
        ?? StatusRefusal(new Text("发回下级", "send a reply back down"), ChainStatuses);

    private Refusal? CanSendBack(Actor actor, Guid assignmentId, out Assignment child, out Assignment parent)
    {
        child = parent = null!;
        var refusal = CanSendBack(actor)
            ?? LowerHopRefusal(actor, assignmentId, new Text("发回", "send back"), out child, out parent);
        if (refusal is not null)
        {
            return refusal;
        }

        if (child.Status != AssignmentStatus.Replied)
        {
            return Refusal.NotNow(
                new Text($"该下级派单状态为“{AssignmentStatusNames.Zh(child.Status)}”，只有已答复的才能发回。", $"That hop is {child.Status}; only a reply can be sent back."),
                "assignment-status");
        }

        // The parent still has the part: signed for, or with its lead part below while this (an assist) replied.
        return parent.Status is not (AssignmentStatus.Accepted or AssignmentStatus.Redispatched)
            ? Refusal.NotNow(new Text("您单位已向上答复，不能再发回下级。", "Your unit has already replied upwards; it cannot send the reply back down now."), "assignment-status")
            : null;
    }

    /// <summary>发回: the unit above is not satisfied with a lower hop's reply and sends it back down.</summary>
    public void SendBack(Actor actor, DateTime now, Guid assignmentId, string note)
    {
        Refusal.ThrowIf(CanSendBack(actor, assignmentId, out var child, out var parent));
        child.Reopen();
        if (child.Role == AssignmentRole.Lead)
        {
            parent.PassDown(now, actor.UserId);
        }

        Transition(EventTypes.SentBack, actor, now, Status, note, child, new { parentAssignmentId = parent.Id });
    }

    private Refusal? CanRecall(Actor actor) =>
        actor.Lacks(Role.Handler, new Text("收回下级派单", "recall a hop from a unit below"))
        ?? StatusRefusal(new Text("收回", "recall"), ChainStatuses);

    private Refusal? CanRecall(Actor actor, Guid assignmentId, out Assignment child, out Assignment parent)
    {
        child = parent = null!;
        var refusal = CanRecall(actor)
            ?? LowerHopRefusal(actor, assignmentId, new Text("收回", "recall"), out child, out parent);
        if (refusal is not null)
        {
            return refusal;
        }

        if (child.Status is not (AssignmentStatus.Pending or AssignmentStatus.Accepted))
        {
            return Refusal.NotNow(
                new Text($"该下级派单状态为“{AssignmentStatusNames.Zh(child.Status)}”，不能收回（待签收或办理中的才能收回；退回申请请直接审核）。",
                    $"That hop is {child.Status}; only a pending or accepted hop can be recalled (decide a return request instead)."),
                "assignment-status");
        }

        return ChildrenRefusal(Hops, child, new Text("收回", "recall it"));
    }

    /// <summary>收回: the unit above takes back a part it passed down (misrouted, or to finish it itself).</summary>
    public void Recall(Actor actor, DateTime now, Guid assignmentId, string note)
    {
        Refusal.ThrowIf(CanRecall(actor, assignmentId, out var child, out var parent));
        child.Cancel(now);
        if (child.Role == AssignmentRole.Lead && parent.Status == AssignmentStatus.Redispatched)
        {
            parent.TakeBack();
        }

        Transition(EventTypes.Recalled, actor, now, Status, note, child, new { parentAssignmentId = parent.Id });
    }

    private Refusal? CanReleaseAssists(Actor actor) =>
        actor.Lacks(Role.Dispatcher, new Text("解除主办等待协办", "release the lead from waiting for its assists"))
        ?? StatusRefusal(new Text("解除等待协办", "release the lead"), WorkOrderStatus.Dispatched, WorkOrderStatus.InProgress)
        ?? (AssistsReleasedAt is not null
            ? Refusal.NotNow(new Text("已解除过主办对协办的等待。", "The lead has already been released."), "nothing-to-release")
            : Hops.LiveAssists.Count == 0
                ? Refusal.NotNow(new Text("没有未完成的协办单位。", "No assisting unit is still working."), "nothing-to-release")
                : null);

    /// <summary>The dispatcher lets the lead reply without waiting for its assists (DOMAIN.md, lead/assist).</summary>
    public void ReleaseAssists(Actor actor, DateTime now, string? note)
    {
        Refusal.ThrowIf(CanReleaseAssists(actor));
        var open = Hops.LiveAssists;
        AssistsReleasedAt = now;
        Transition(EventTypes.AssistsReleased, actor, now, Status, note, LeadAssignment, new { units = open.Select(a => a.UnitId) });
    }

    /// <summary>The first-level lead signing for it (directly or by passing it down) starts the order's handling.</summary>
    private WorkOrderStatus SignedFor(Assignment hop, DateTime now)
    {
        if (!hop.IsFirstLevelLead)
        {
            return Status;
        }

        SignedForAt ??= hop.AcceptedAt ?? now;
        return Status == WorkOrderStatus.Dispatched ? WorkOrderStatus.InProgress : Status;
    }

    /// <summary>The one pending request the actor means: named by its hop, or the only one there is.</summary>
    private static Refusal? PendingOne<T>(IEnumerable<T> pending, Func<T, Guid> assignmentOf, Guid? assignmentId, Text none, out T request)
        where T : class
    {
        request = null!;
        var list = pending.Where(p => assignmentId is null || assignmentOf(p) == assignmentId).ToList();
        switch (list.Count)
        {
            case 0:
                return Refusal.NotNow(none, "nothing-pending");
            case 1:
                request = list[0];
                return null;
            default:
                return Refusal.Invalid("assignmentId", new Text("有多份待审核申请，请指明派单记录（assignmentId）。", "Several requests are pending; name the assignment (assignmentId)."));
        }
    }
}
