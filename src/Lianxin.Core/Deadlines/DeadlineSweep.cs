using System.Data.Common;
using System.Diagnostics.Metrics;
using Lianxin.Core.Calendars;
using Lianxin.Core.Data;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;

namespace Lianxin.Core.Deadlines;

public sealed record SweepResult(int Claimed, int Changed, int Failed);

/// <summary>
/// Marks deadlines that turned 临期 or 超期, durably and once. One run claims the orders whose next
/// check has passed, lets <see cref="SweepPlanner"/> decide what changed and what to write, and writes
/// it in one transaction through the provider's store: the orders (version + 1 per change, guarded by
/// the version read), one history event per change, an automatic 催办 (approaching) or 督办 (overdue),
/// notifications to the lead unit and the supervisors, and each order's next check. Set-based, so a run
/// over thousands of changes is a handful of statements. If the batch fails, it is retried in halves
/// behind savepoints, so one bad row is logged, counted and put back for later while the others go
/// through (ADR 0007).
/// </summary>
public sealed partial class DeadlineSweep(LianxinDbContext db, CentreCalendar calendar, TimeProvider clock, ILogger<DeadlineSweep> logger)
{
    public const int DefaultBatchSize = 20_000;

    /// <summary>Per-order notifications one unit gets from one run; the rest of its orders come as one digest.</summary>
    public const int NotificationsPerUnit = SweepPlanner.NotificationsPerUnit;

    /// <summary>How long an order that failed waits before the sweep tries it again.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromMinutes(5);

    private static readonly Meter Meter = new("Lianxin.Deadlines");
    private static readonly Counter<long> Changes = Meter.CreateCounter<long>("lianxin.deadlines.sweep.changes");
    private static readonly Counter<long> Failures = Meter.CreateCounter<long>("lianxin.deadlines.sweep.failures");

    private readonly ISweepStore _store = db.IsPostgres ? new PostgresSweepStore(db) : new SqliteSweepStore(db);

    public async Task<SweepResult> RunOnceAsync(CancellationToken ct, int batchSize = DefaultBatchSize)
    {
        try
        {
            return await RunAsync(isolate: false, batchSize, ct);
        }
        catch (DbException ex)
        {
            // A bad row spoils the whole batch: nothing of it was written. Claim again and find it.
            LogBatchFailed(logger, ex, batchSize);
            db.ChangeTracker.Clear();
            return await RunAsync(isolate: true, batchSize, ct);
        }
    }

    /// <summary>
    /// One transaction: claim, plan, write. The fast path writes the whole batch at once; the isolating
    /// path (after a failure) writes it behind savepoints in halves, so one bad row is set aside while
    /// the others go through. Check rows are moved outside any savepoint: they are locked by the
    /// claim, and changing a row locked by the parent transaction from a subtransaction costs
    /// PostgreSQL a MultiXact per row.
    /// </summary>
    private async Task<SweepResult> RunAsync(bool isolate, int batchSize, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var rules = await calendar.GetAsync(db, ct);
        var replyDue = Supervision.SupervisionRecord.DefaultReplyDue(now, rules.Calendar);
        var stamp = new DateTimeOffset(now, TimeSpan.Zero);
        var planner = new SweepPlanner(now, rules.Calendar.Zone, replyDue, () => Guid.CreateVersion7(stamp));

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var claimed = await _store.ClaimAsync(now, batchSize, ct);
        if (claimed.Count == 0)
        {
            await tx.CommitAsync(ct);
            return new SweepResult(0, 0, 0);
        }

        var plans = claimed.Select(planner.PlanOrder).ToList();
        var outcome = isolate ? await ApplyIsolatedAsync(tx, planner, plans, now, ct) : await ApplyAsync(planner, plans, now, ct);
        await _store.MoveChecksAsync(outcome.Written, ct);
        if (outcome.Failed.Count > 0)
        {
            await _store.PutBackAsync(outcome.Failed.Select(p => p.Order.Id).ToList(), now + RetryAfter, ct);
        }

        await tx.CommitAsync(ct);
        Changes.Add(outcome.Changed);
        return new SweepResult(claimed.Count, outcome.Changed, outcome.Failed.Count);
    }

    /// <summary>Writes the state changes, their history, 催办/督办 records and notifications; the check rows are the caller's.</summary>
    private async Task<Outcome> ApplyAsync(SweepPlanner planner, IReadOnlyList<OrderPlan> plans, DateTime now, CancellationToken ct)
    {
        var changed = plans.Where(p => p.HasChanges).ToList();
        if (changed.Count == 0)
        {
            return new Outcome(0, plans, []);
        }

        var updated = await _store.UpdateOrdersAsync(changed, now, ct);
        var writes = planner.PlanWrites(changed.Where(p => updated.Contains(p.Order.Id)));
        if (writes.Events.Count > 0)
        {
            await _store.InsertAsync(writes, now, ct);
        }

        // An order whose version moved under the sweep keeps its due check and is looked at again next run.
        return new Outcome(writes.Events.Count, plans.Where(p => !p.HasChanges || updated.Contains(p.Order.Id)).ToList(), []);
    }

    /// <summary>
    /// Writes the plans behind a savepoint; if that fails, halves the batch and tries again, down to
    /// single orders. An order that fails on its own is logged and counted, and put back by the caller.
    /// </summary>
    private async Task<Outcome> ApplyIsolatedAsync(IDbContextTransaction tx, SweepPlanner planner, List<OrderPlan> plans, DateTime now, CancellationToken ct)
    {
        var savepoint = "sweep_" + Guid.NewGuid().ToString("N")[..8];
        await tx.CreateSavepointAsync(savepoint, ct);
        try
        {
            var outcome = await ApplyAsync(planner, plans, now, ct);
            await tx.ReleaseSavepointAsync(savepoint, ct);
            return outcome;
        }
        catch (DbException ex)
        {
            await tx.RollbackToSavepointAsync(savepoint, ct);
            await tx.ReleaseSavepointAsync(savepoint, ct);
            if (plans.Count > 1)
            {
                var half = plans.Count / 2;
                var left = await ApplyIsolatedAsync(tx, planner, plans.Take(half).ToList(), now, ct);
                var right = await ApplyIsolatedAsync(tx, planner, plans.Skip(half).ToList(), now, ct);
                return new Outcome(left.Changed + right.Changed, [.. left.Written, .. right.Written], [.. left.Failed, .. right.Failed]);
            }

            var plan = plans[0];
            Failures.Add(1);
            LogOrderFailed(logger, ex, plan.Order.Number, plan.Order.Id);
            return new Outcome(0, [], [plan]);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deadline sweep: a batch of {Count} orders failed; retrying it in halves")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Deadline sweep: order {Number} ({Id}) failed and was skipped; it is retried in five minutes")]
    private static partial void LogOrderFailed(ILogger logger, Exception exception, string number, Guid id);

    /// <summary>What a write attempt did: changes written, plans whose check may move, plans that failed on their own.</summary>
    private sealed record Outcome(int Changed, IReadOnlyList<OrderPlan> Written, IReadOnlyList<OrderPlan> Failed);
}
