using Lianxin.Core.Common;
using Lianxin.Core.Data;
using Lianxin.Core.Identity;
using Lianxin.Core.WorkOrders;
using Microsoft.EntityFrameworkCore;

namespace Lianxin.Core.Dispatch;

public sealed record ClaimRequest(Guid HelpRequestId);

/// <summary>
/// 认领: a handler of a member unit takes an offered order. The order is not visible to the unit before
/// it claims, so membership of the group is what lets it find the order. Two units claiming at once:
/// the order's version lets one save; the other, trying again on the fresh order, is told it is taken.
/// </summary>
public sealed class ClaimHelpRequest(WorkOrderStore orders, LianxinDbContext db, TimeProvider clock)
{
    public async Task<WorkOrder> ExecuteAsync(Actor actor, ClaimRequest request, CancellationToken ct)
    {
        Refusal.ThrowIf(WorkOrder.CanClaimHelp(actor));
        var offer = await db.HelpRequests.AsNoTracking().SingleOrDefaultAsync(h => h.Id == request.HelpRequestId, ct);
        var member = offer is not null && actor.UnitId is { } unit
            && await db.UnitGroups.AnyAsync(g => g.Id == offer.GroupId && g.Members.Any(m => m.UnitId == unit), ct);
        if (offer is null || !member)
        {
            throw new NotFoundException(new Text("没有该会诊邀请，或您的单位不在受邀单位组中。", "No such offer, or your unit is not in the group it was made to."));
        }

        // A deactivated unit stays in its groups' lists but takes no new work (offers skip it too).
        if (!await db.Units.AnyAsync(u => u.Id == actor.UnitId && u.IsActive, ct))
        {
            throw new RuleViolationException(new Text("您的单位已停用，不能认领。", "Your unit is deactivated; it cannot claim orders."), "unit-inactive");
        }

        return await orders.ActAsync(
            ct => db.WorkOrders
                .Include(o => o.Assignments)
                .Include(o => o.Suspensions)
                .Include(o => o.HelpRequests.Where(h => h.Id == request.HelpRequestId))
                .AsSingleQuery()
                .SingleAsync(o => o.Id == offer.WorkOrderId, ct),
            expectedVersion: null,
            (order, now, _) =>
            {
                order.ClaimHelp(actor, now, request.HelpRequestId, Ids.New(clock));
                return Task.CompletedTask;
            },
            ct);
    }
}
