using Lianxin.Core.Common;
using Lianxin.Core.Data;
using Lianxin.Core.WorkOrders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Lianxin.Core.ReturnVisits;

/// <summary>
/// Archives closed orders that are not due a visit once their visit window has ended
/// (<see cref="WorkOrder.ArchiveUnvisited"/>); run by the deadline sweeper after each sweep. Until then a
/// visitor may still visit one (the requester called back). Reads the partial index of closed orders.
/// </summary>
public sealed partial class ArchiveUnvisitedOrders(WorkOrderStore orders, LianxinDbContext db, TimeProvider clock, ILogger<ArchiveUnvisitedOrders> logger)
{
    public const int BatchSize = 500;

    /// <summary>Archives up to <see cref="BatchSize"/> orders whose window has ended; returns how many.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.WorkOrders.AsNoTracking()
            .Where(o => o.Status == WorkOrderStatus.Closed && !o.VisitRequired && o.VisitDeadline <= now)
            .OrderBy(o => o.VisitDeadline).Select(o => o.Id).Take(BatchSize).ToListAsync(ct);
        var archived = 0;
        foreach (var id in due)
        {
            db.ChangeTracker.Clear();
            var order = await db.WorkOrders.Include(o => o.Assignments).Include(o => o.Suspensions).SingleAsync(o => o.Id == id, ct);
            if (!order.ArchiveUnvisited(now))
            {
                continue;
            }

            try
            {
                await orders.SaveAsync(now, callerSentVersion: false, ct);
                archived++;
            }
            catch (RuleViolationException ex) when (ex.Code == WorkOrderStore.ConcurrentUpdate)
            {
                // A visitor got there first (the requester called back): the order is no longer closed, or the next run sees it.
                LogRaced(logger, order.Number);
            }
        }

        return archived;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {Number} changed while archiving it after its visit window; left to the next run")]
    private static partial void LogRaced(ILogger logger, string number);
}
