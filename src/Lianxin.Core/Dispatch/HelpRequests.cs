using Lianxin.Core.Calendars;
using Lianxin.Core.Common;
using Lianxin.Core.Data;
using Lianxin.Core.Identity;
using Lianxin.Core.Notifications;
using Lianxin.Core.Organization;
using Lianxin.Core.WorkOrders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Lianxin.Core.Dispatch;

/// <summary>专家会诊: the dispatcher offers an order to a unit group; every member unit is told.</summary>
public sealed class OfferHelpRequest(LianxinDbContext db, ReferenceData refs, CentreCalendar calendar, TimeProvider clock)
{
    public async Task<(WorkOrder Order, HelpRequest Offer)> ExecuteAsync(
        Guid id, Actor actor, int? expectedVersion, Guid groupId, string note, int hours, CancellationToken ct)
    {
        var order = await ActOnWorkOrder.LoadAsync(db, refs, id, actor, ct);
        actor.Require(Role.Dispatcher, new Text("发起专家会诊", "offer orders to a unit group"));
        ActOnWorkOrder.CheckVersion(order, expectedVersion);
        var group = await db.UnitGroups.AsNoTracking().Include(g => g.Members).SingleOrDefaultAsync(g => g.Id == groupId, ct);
        var members = group is null ? [] : await ActiveMembersAsync(db, group, ct);
        new Validator()
            .When(group is null, "groupId", new Text("单位组不存在。", "No such unit group."))
            .When(group is { IsActive: false }, "groupId", new Text("该单位组已停用。", "That unit group is deactivated."))
            .When(group is { IsActive: true } && members.Count == 0, "groupId", new Text("该单位组没有可接单的单位。", "That group has no active unit."))
            .ThrowIfInvalid();

        var now = clock.GetUtcNow().UtcDateTime;
        var until = (await calendar.GetAsync(db, ct)).Calendar.ToLocal(now.AddHours(hours));
        var offer = order.OfferHelp(actor, now, groupId, note, now.AddHours(hours), Ids.New(clock));
        db.HelpRequests.Add(offer);
        foreach (var unit in members.Where(u => order.Assignments.All(a => a.UnitId != u || !a.IsLive)))
        {
            db.Notifications.Add(new Notification(Ids.New(clock), now, order.Id, order.Number, NotificationKinds.HelpOffered, unit, null,
                new Text($"专家会诊邀请：工单{order.Number}“{order.Title}”，{until:MM-dd HH:mm} 前可认领。{note}",
                    $"Offer to your unit group: order {order.Number} \"{order.Title}\", open to claim until {until:MM-dd HH:mm}. {note}"), null));
        }

        await ActOnWorkOrder.FinishAsync(db, calendar, [order], now, expectedVersion is not null, ct);
        return (order, offer);
    }

    internal static async Task<List<Guid>> ActiveMembersAsync(LianxinDbContext db, UnitGroup group, CancellationToken ct)
    {
        var ids = group.Members.Select(m => m.UnitId).ToList();
        return await db.Units.AsNoTracking().Where(u => ids.Contains(u.Id) && u.IsActive).Select(u => u.Id).ToListAsync(ct);
    }
}

/// <summary>
/// 认领: a handler of a member unit takes an offered order. The order is not visible to the unit before
/// it claims, so membership of the group is what authorises the claim. Two units claiming at once:
/// the order's version lets one save; the other, trying again on the fresh order, is told it is taken.
/// </summary>
public sealed class ClaimHelpRequest(LianxinDbContext db, CentreCalendar calendar, TimeProvider clock)
{
    public async Task<WorkOrder> ExecuteAsync(Guid helpRequestId, Actor actor, CancellationToken ct)
    {
        actor.Require(Role.Handler, new Text("认领会诊工单", "claim offered orders"));
        for (var attempt = 1; ; attempt++)
        {
            var offer = await db.HelpRequests.AsNoTracking().SingleOrDefaultAsync(h => h.Id == helpRequestId, ct);
            var member = offer is not null && actor.UnitId is { } unit
                && await db.UnitGroups.AnyAsync(g => g.Id == offer.GroupId && g.Members.Any(m => m.UnitId == unit), ct);
            if (offer is null || !member)
            {
                throw new NotFoundException(new Text("没有该会诊邀请，或您的单位不在受邀单位组中。", "No such offer, or your unit is not in the group it was made to."));
            }

            var order = await db.WorkOrders
                .Include(o => o.Assignments)
                .Include(o => o.Suspensions)
                .Include(o => o.HelpRequests.Where(h => h.Id == helpRequestId))
                .SingleAsync(o => o.Id == offer.WorkOrderId, ct);
            var now = clock.GetUtcNow().UtcDateTime;
            var hop = order.ClaimHelp(actor, now, helpRequestId, Ids.New(clock));
            db.Assignments.Add(hop);
            try
            {
                await ActOnWorkOrder.FinishAsync(db, calendar, [order], now, callerSentVersion: false, ct);
                return order;
            }
            catch (RuleViolationException ex) when (ex.Code == ActOnWorkOrder.ConcurrentUpdate && attempt < ActOnWorkOrder.MaxAttempts)
            {
                // Someone else changed the order first (often another unit's claim): look again.
            }
        }
    }
}

/// <summary>Ends offers nobody claimed in time; the dispatchers are told. Run by the deadline sweeper's timer.</summary>
public sealed partial class ExpireHelpRequests(LianxinDbContext db, CentreCalendar calendar, TimeProvider clock, ILogger<ExpireHelpRequests> logger)
{
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.HelpRequests.AsNoTracking()
            .Where(h => h.Status == HelpRequestStatus.Open && h.ExpiresAt <= now)
            .OrderBy(h => h.ExpiresAt).Select(h => new { h.Id, h.WorkOrderId }).Take(500).ToListAsync(ct);
        var expired = 0;
        foreach (var offer in due)
        {
            db.ChangeTracker.Clear();
            var order = await db.WorkOrders.Include(o => o.Assignments).Include(o => o.Suspensions)
                .Include(o => o.HelpRequests.Where(h => h.Id == offer.Id))
                .SingleAsync(o => o.Id == offer.WorkOrderId, ct);
            if (!order.ExpireHelp(now, offer.Id))
            {
                continue;
            }

            db.Notifications.Add(new Notification(Ids.New(clock), now, order.Id, order.Number, NotificationKinds.HelpExpired, null, Role.Dispatcher,
                new Text($"工单{order.Number}的专家会诊邀请到期无人认领，请重新派单。", $"Nobody claimed the unit group offer of order {order.Number} in time; please dispatch it again."), null));
            try
            {
                await ActOnWorkOrder.FinishAsync(db, calendar, [order], now, callerSentVersion: false, ct);
                expired++;
            }
            catch (RuleViolationException ex) when (ex.Code == ActOnWorkOrder.ConcurrentUpdate)
            {
                // A claim or a withdrawal got there first; the offer is no longer open, or the next run sees it.
                LogRaced(logger, order.Number);
            }
        }

        return expired;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Help request of order {Number} changed while expiring it; left to the next run")]
    private static partial void LogRaced(ILogger logger, string number);
}
