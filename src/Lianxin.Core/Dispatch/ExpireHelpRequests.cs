using Lianxin.Core.Common;
using Lianxin.Core.Data;
using Lianxin.Core.Identity;
using Lianxin.Core.Notifications;
using Lianxin.Core.WorkOrders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Lianxin.Core.Dispatch;

/// <summary>Ends offers nobody claimed in time; the dispatchers are told. Run by the deadline sweeper's timer.</summary>
public sealed partial class ExpireHelpRequests(WorkOrderStore orders, LianxinDbContext db, TimeProvider clock, ILogger<ExpireHelpRequests> logger)
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
                .AsSingleQuery()
                .SingleAsync(o => o.Id == offer.WorkOrderId, ct);
            if (!order.ExpireHelp(now, offer.Id))
            {
                continue;
            }

            db.Notifications.Add(new Notification(Ids.New(clock), now, order.Id, order.Number, NotificationKinds.HelpExpired, null, Role.Dispatcher,
                new Text($"工单{order.Number}的专家会诊邀请到期无人认领，请重新派单。", $"Nobody claimed the unit group offer of order {order.Number} in time; please dispatch it again."), null));
            try
            {
                await orders.SaveAsync(now, callerSentVersion: false, ct);
                expired++;
            }
            catch (RuleViolationException ex) when (ex.Code == WorkOrderStore.ConcurrentUpdate)
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
