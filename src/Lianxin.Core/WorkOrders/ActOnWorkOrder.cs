using Lianxin.Core.Calendars;
using Lianxin.Core.Common;
using Lianxin.Core.Data;
using Lianxin.Core.Dispatch;
using Lianxin.Core.Identity;
using Lianxin.Core.Organization;
using Microsoft.EntityFrameworkCore;

namespace Lianxin.Core.WorkOrders;

/// <summary>
/// Runs one transition of an order the actor can see: load it with what the rules need, check the
/// caller's version, apply the aggregate's method, save. The aggregate holds every rule; this holds
/// visibility and concurrency so each action need not repeat them (ADR 0004).
/// </summary>
public sealed class ActOnWorkOrder(LianxinDbContext db, ReferenceData refs, CentreCalendar calendar, TimeProvider clock)
{
    /// <summary>Attempts at an action whose caller named no version, when others keep changing the order under it.</summary>
    public const int MaxAttempts = 3;

    public async Task<WorkOrder> ExecuteAsync(
        Guid id, Actor actor, int? expectedVersion, Action<WorkOrder, DateTime> action, CancellationToken ct, bool withSupervisions = false)
    {
        for (var attempt = 1; ; attempt++)
        {
            var order = await LoadAsync(db, refs, id, actor, ct, withSupervisions);
            CheckVersion(order, expectedVersion);
            var now = clock.GetUtcNow().UtcDateTime;
            action(order, now);
            try
            {
                await FinishAsync(db, calendar, [order], now, expectedVersion is not null, ct);
                return order;
            }
            catch (RuleViolationException ex) when (ex.Code == ConcurrentUpdate && attempt < MaxAttempts)
            {
                // The caller pinned no version (no If-Match), so the action applies to the order as it is
                // now, e.g. after the deadline sweep marked it 临期 a moment ago. The aggregate checks
                // every rule again on the fresh state; nothing of the failed attempt was saved.
            }
        }
    }

    internal const string ConcurrentUpdate = "concurrent-update";

    internal static async Task<WorkOrder> LoadAsync(
        LianxinDbContext db, ReferenceData refs, Guid id, Actor actor, CancellationToken ct, bool withSupervisions = false)
    {
        var snapshot = await refs.GetAsync(db, ct);
        IQueryable<WorkOrder> query = db.WorkOrders
            .Include(o => o.Assignments)
            .Include(o => o.Returns.Where(r => r.Decision == Decision.Pending))
            .Include(o => o.Extensions.Where(e => e.Decision == Decision.Pending))
            .Include(o => o.Suspensions)
            .Include(o => o.HelpRequests.Where(h => h.Status == HelpRequestStatus.Open));
        if (withSupervisions)
        {
            query = query.Include(o => o.Supervisions);
        }

        return await query.VisibleTo(actor, snapshot).SingleOrDefaultAsync(o => o.Id == id, ct)
            ?? throw NotFound();
    }

    internal static NotFoundException NotFound() =>
        new(new Text("工单不存在，或您无权查看。", "No such order, or it is not visible to you."));

    internal static void CheckVersion(WorkOrder order, int? expectedVersion)
    {
        if (expectedVersion is { } v && v != order.Version)
        {
            throw new VersionMismatchException(v, order.Version);
        }
    }

    /// <summary>Recomputes the deadlines the change may have moved, then saves.</summary>
    internal static async Task FinishAsync(LianxinDbContext db, CentreCalendar calendar, IReadOnlyList<WorkOrder> orders, DateTime now, bool callerSentVersion, CancellationToken ct)
    {
        var rules = await calendar.GetAsync(db, ct);
        foreach (var order in orders)
        {
            order.RecomputeDeadlines(rules, now);
        }

        await SaveAsync(db, orders, callerSentVersion, ct);
    }

    /// <summary>
    /// Saves; a concurrent writer that got there first makes this fail as a whole (nothing written) with
    /// 412 when the caller sent If-Match, else 409.
    /// </summary>
    internal static async Task SaveAsync(LianxinDbContext db, IReadOnlyList<WorkOrder> orders, bool callerSentVersion, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex)
        {
            // Either the version check failed, or the racing writer's history row took our version number first.
            foreach (var order in orders)
            {
                var loaded = db.Entry(order).Property(o => o.Version).OriginalValue;
                var current = await db.WorkOrders.AsNoTracking().Where(o => o.Id == order.Id).Select(o => o.Version).SingleAsync(ct);
                if (current != loaded)
                {
                    db.ChangeTracker.Clear();
                    throw callerSentVersion
                        ? new VersionMismatchException(loaded, current)
                        : new RuleViolationException(
                            new Text("工单刚被他人修改，本次操作未生效，请刷新后重试。", "The order was just changed by someone else; nothing was saved. Reload and retry."),
                            ConcurrentUpdate);
                }
            }

            throw new InvalidOperationException("Saving the order failed for a reason other than a concurrent update.", ex);
        }
    }
}
