using Lianxin.Core.Calendars;
using Lianxin.Core.Common;
using Lianxin.Core.Data;
using Lianxin.Core.Dispatch;
using Lianxin.Core.Identity;
using Lianxin.Core.Organization;
using Microsoft.EntityFrameworkCore;

namespace Lianxin.Core.WorkOrders;

/// <summary>
/// How every order action loads and saves, so that each use case does it the same way: load the order
/// the actor can see with what the rules need, check the caller's version, apply the action at one
/// instant, recompute the deadlines the change may have moved, save — and, when the caller pinned no
/// version and someone else changed the order first, do it all again on the fresh order (ADR 0004).
/// It is not a repository: use cases query <see cref="LianxinDbContext"/> directly for everything else.
/// </summary>
public sealed class WorkOrderStore(LianxinDbContext db, ReferenceData refs, CentreCalendar calendar, TimeProvider clock)
{
    /// <summary>Attempts at an action whose caller named no version, when others keep changing the order under it.</summary>
    public const int MaxAttempts = 3;

    internal const string ConcurrentUpdate = "concurrent-update";

    /// <summary>
    /// Applies <paramref name="action"/> to the order <paramref name="id"/> as <paramref name="actor"/> sees it and
    /// saves; returns the saved order. With <paramref name="expectedVersion"/>, a stale order is refused (412); without,
    /// a lost race is retried up to <see cref="MaxAttempts"/> times, the aggregate checking every rule again.
    /// </summary>
    public Task<WorkOrder> ActAsync(
        Actor actor, Guid id, int? expectedVersion, Func<WorkOrder, DateTime, CancellationToken, Task> action, CancellationToken ct, bool withSupervisions = false) =>
        ActAsync(ct => LoadAsync(id, actor, ct, withSupervisions), expectedVersion, action, ct);

    /// <summary>
    /// As above, for an order found another way than by what the actor sees (a unit claiming an offer
    /// it cannot see yet; a job acting for the system). <paramref name="load"/> runs again on each attempt.
    /// </summary>
    public async Task<WorkOrder> ActAsync(
        Func<CancellationToken, Task<WorkOrder>> load, int? expectedVersion, Func<WorkOrder, DateTime, CancellationToken, Task> action, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var order = await load(ct);
            CheckVersion(order, expectedVersion);
            var now = clock.GetUtcNow().UtcDateTime;
            await action(order, now, ct);
            try
            {
                await SaveAsync(now, expectedVersion is not null, ct);
                return order;
            }
            catch (RuleViolationException ex) when (ex.Code == ConcurrentUpdate && attempt < MaxAttempts)
            {
                // Nothing of the failed attempt was saved, and the context forgot it: start again from the order as it is now.
            }
        }
    }

    /// <summary>An action that needs nothing more from the database than the order.</summary>
    public Task<WorkOrder> ActAsync(Actor actor, Guid id, int? expectedVersion, Action<WorkOrder, DateTime> action, CancellationToken ct, bool withSupervisions = false) =>
        ActAsync(actor, id, expectedVersion, (order, now, _) =>
        {
            action(order, now);
            return Task.CompletedTask;
        }, ct, withSupervisions);

    /// <summary>
    /// The order, tracked, with its hops, pending requests, pauses and open offers (and its supervision
    /// records when asked) — if <paramref name="actor"/> may see it; otherwise 404, whatever their role.
    /// </summary>
    public async Task<WorkOrder> LoadAsync(Guid id, Actor actor, CancellationToken ct, bool withSupervisions = false)
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

        // One order's collections are a handful of rows each: one joined query beats a round trip per collection.
        return await query.AsSingleQuery().VisibleTo(actor, snapshot).SingleOrDefaultAsync(o => o.Id == id, ct) ?? throw NotFound();
    }

    public static NotFoundException NotFound() => new(new Text("工单不存在，或您无权查看。", "No such order, or it is not visible to you."));

    private static void CheckVersion(WorkOrder order, int? expectedVersion)
    {
        if (expectedVersion is { } v && v != order.Version)
        {
            throw new VersionMismatchException(v, order.Version);
        }
    }

    /// <summary>
    /// Recomputes the deadlines of every order the context tracks as changed, then saves everything in
    /// one transaction. A concurrent writer that got there first makes it fail as a whole (nothing
    /// written): 412 when the caller sent a version, else 409 with <see cref="ConcurrentUpdate"/>.
    /// </summary>
    public async Task SaveAsync(DateTime now, bool callerSentVersion, CancellationToken ct)
    {
        var rules = await calendar.GetAsync(db, ct);
        // The orders this action changed (a transition always moves the version); others merely loaded are left
        // alone. Read without a change-detection pass: the save runs one anyway, after the deadlines moved.
        var tracker = db.ChangeTracker;
        var detect = tracker.AutoDetectChangesEnabled;
        List<WorkOrder> orders;
        try
        {
            tracker.AutoDetectChangesEnabled = false;
            orders = tracker.Entries<WorkOrder>()
                .Where(e => e.State == EntityState.Added || e.Property(o => o.Version).CurrentValue != e.Property(o => o.Version).OriginalValue)
                .Select(e => e.Entity)
                .ToList();
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detect;
        }

        foreach (var order in orders)
        {
            order.RecomputeDeadlines(rules, now);
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex)
        {
            // Either the version check failed, or the racing writer's history row took our version number first.
            foreach (var order in orders.Where(o => db.Entry(o).State != EntityState.Added))
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
