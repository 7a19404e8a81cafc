using Lianxin.Core.Common;
using Lianxin.Core.Dispatch;
using Lianxin.Core.Identity;

namespace Lianxin.Core.WorkOrders;

/// <summary>专家会诊: offering the order to a unit group, claiming, withdrawing and expiring the offer.</summary>
public sealed partial class WorkOrder
{
    private Refusal? CanOfferHelp(Actor actor) =>
        actor.Lacks(Role.Dispatcher, new Text("发起专家会诊", "offer orders to a unit group"))
        ?? StatusRefusal(new Text("发起会诊", "offer it to a unit group"), WorkOrderStatus.Registered, WorkOrderStatus.Dispatched, WorkOrderStatus.InProgress)
        ?? (_helpRequests.Any(h => h.Status == HelpRequestStatus.Open)
            ? Refusal.NotNow(new Text("本工单已有一个待认领的会诊邀请，请先撤回。", "This order already has an open offer; withdraw it first."), "offer-open")
            : null);

    /// <summary>
    /// 专家会诊: the dispatcher offers the order to a group of units. Not yet dispatched, the claiming unit
    /// becomes its lead; already with a lead, the claiming unit joins as an assist. One offer at a time.
    /// The use case checks the group.
    /// </summary>
    public HelpRequest OfferHelp(Actor actor, DateTime now, Guid groupId, string note, DateTime expiresAt, Guid newId)
    {
        Refusal.ThrowIf(CanOfferHelp(actor));
        var role = Status == WorkOrderStatus.Registered ? AssignmentRole.Lead : AssignmentRole.Assist;
        var offer = new HelpRequest(newId, Id, groupId, role, note, now, actor.UserId, expiresAt);
        _helpRequests.Add(offer);
        Transition(EventTypes.HelpRequested, actor, now, Status, note, data: new { helpRequestId = offer.Id, groupId, role, expiresAt });
        return offer;
    }

    /// <summary>
    /// Whether the actor's unit may claim the offer now. Membership of the group is the use case's to
    /// check: the order is not visible to the unit before it claims.
    /// </summary>
    /// <summary>Who may claim offers at all: unit handlers (asked before the offer is looked up).</summary>
    public static Refusal? CanClaimHelp(Actor actor) => actor.Lacks(Role.Handler, new Text("认领会诊工单", "claim offered orders"));

    private Refusal? CanClaimHelp(Actor actor, DateTime now, Guid helpRequestId, out HelpRequest offer)
    {
        offer = _helpRequests.SingleOrDefault(h => h.Id == helpRequestId)!;
        if (CanClaimHelp(actor) is { } role)
        {
            return role;
        }

        if (offer is null)
        {
            return Refusal.NotFound(new Text("没有该会诊邀请。", "No such offer."));
        }

        if (offer.Status == HelpRequestStatus.Claimed)
        {
            return Refusal.NotNow(new Text("该会诊工单已被其他单位认领。", "Another unit has already claimed this order."), "already-claimed");
        }

        if (!offer.IsOpenAt(now))
        {
            return Refusal.NotNow(new Text("该会诊邀请已过期或已撤回。", "This offer has expired or was withdrawn."), "offer-closed");
        }

        if (actor.UnitId is not { } unit || Hops.HoldsLiveHop(unit))
        {
            return Refusal.NotNow(new Text("您单位已在办理本工单。", "Your unit already holds this order."), "already-assigned");
        }

        return offer.Role == AssignmentRole.Lead
            ? StatusRefusal(new Text("认领", "claim it"), WorkOrderStatus.Registered)
            : StatusRefusal(new Text("认领", "claim it"), WorkOrderStatus.Dispatched, WorkOrderStatus.InProgress);
    }

    /// <summary>认领: a member unit of the group takes the offered order; the first claim wins, signed for at once.</summary>
    public Assignment ClaimHelp(Actor actor, DateTime now, Guid helpRequestId, Guid newId)
    {
        Refusal.ThrowIf(CanClaimHelp(actor, now, helpRequestId, out var offer));
        var unit = actor.UnitId!.Value;
        var hop = NewHop(newId, unit, offer.Role, parent: null, now, actor);
        hop.Accept(now, actor.UserId);
        _assignments.Add(hop);
        offer.Claim(unit, actor.UserId, hop.Id, now);
        var to = Status;
        if (hop.IsFirstLevelLead)
        {
            SignedForAt ??= now;
            to = WorkOrderStatus.InProgress;
        }

        Transition(EventTypes.HelpClaimed, actor, now, to, offer.Note, hop, new { helpRequestId, unitId = unit, role = offer.Role });
        return hop;
    }

    private static Refusal? CanWithdrawHelp(Actor actor) => actor.Lacks(Role.Dispatcher, new Text("撤回会诊邀请", "withdraw offers"));

    private Refusal? CanWithdrawHelp(Actor actor, Guid helpRequestId, out HelpRequest offer)
    {
        offer = _helpRequests.SingleOrDefault(h => h.Id == helpRequestId && h.Status == HelpRequestStatus.Open)!;
        return CanWithdrawHelp(actor)
            ?? (offer is null ? Refusal.NotNow(new Text("没有待认领的该会诊邀请。", "There is no such open offer."), "offer-closed") : null);
    }

    /// <summary>The dispatcher withdraws an offer nobody has claimed.</summary>
    public void WithdrawHelp(Actor actor, DateTime now, Guid helpRequestId, string? note)
    {
        Refusal.ThrowIf(CanWithdrawHelp(actor, helpRequestId, out var offer));
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

    /// <summary>An order that is answered, refused, dispatched, closed or merged is no longer on offer.</summary>
    private void WithdrawOpenOffers(Actor actor, DateTime now, Text why)
    {
        foreach (var offer in _helpRequests.Where(h => h.Status == HelpRequestStatus.Open).ToList())
        {
            offer.Close(HelpRequestStatus.Withdrawn, now);
            Transition(EventTypes.HelpWithdrawn, actor, now, Status, why.Zh, data: new { helpRequestId = offer.Id, automatic = true, why = why.En });
        }
    }
}
