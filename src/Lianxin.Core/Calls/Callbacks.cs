using Lianxin.Core.Common;
using Lianxin.Core.Data;
using Lianxin.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace Lianxin.Core.Calls;

/// <summary>One callback item as the list shows it.</summary>
public sealed record CallbackRow(
    Guid Id, string Phone, DateTime FirstMissedAt, DateTime LastMissedAt, int MissedCalls, DateTime DueAt, bool Overdue, CallbackStatus Status,
    CallbackOutcome? Outcome, DateTime? DoneAt, Guid? TakenBy, string? TakenByName, DateTime? TakenUntil, IReadOnlyList<CallbackAttemptRow> Attempts, int Version);

public sealed record CallbackAttemptRow(Guid AgentId, string? AgentName, DateTime At, bool Reached, string? Note);

/// <summary>漏接回拨: the open items, most urgent first (or the done ones, newest first).</summary>
public sealed class ListCallbacks(LianxinDbContext db, TimeProvider clock)
{
    public async Task<IReadOnlyList<CallbackRow>> ExecuteAsync(Actor actor, bool open, int limit, CancellationToken ct)
    {
        CallCentreAccess.RequireReader(actor);
        limit = Math.Clamp(limit, 1, 500);
        var query = db.Callbacks.AsNoTracking();
        var items = open
            ? await query.Where(c => c.Status == CallbackStatus.Open).OrderBy(c => c.DueAt).Take(limit).ToListAsync(ct)
            : await query.Where(c => c.Status == CallbackStatus.Done).OrderByDescending(c => c.DoneAt).Take(limit).ToListAsync(ct);
        return await RowsAsync(db, items, clock.GetUtcNow().UtcDateTime, ct);
    }

    internal static async Task<IReadOnlyList<CallbackRow>> RowsAsync(LianxinDbContext db, IReadOnlyList<Callback> items, DateTime now, CancellationToken ct)
    {
        var ids = items.SelectMany(c => c.Attempts.Select(a => a.AgentId)).Concat(items.Select(c => c.TakenBy).OfType<Guid>()).Distinct().ToList();
        var names = ids.Count == 0 ? [] : await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        return [.. items.Select(c => new CallbackRow(
            c.Id, c.Phone, c.FirstMissedAt, c.LastMissedAt, c.MissedCalls, c.DueAt, c.IsOverdue(now), c.Status, c.Outcome, c.DoneAt,
            c.TakenUntil > now ? c.TakenBy : null, c.TakenUntil > now && c.TakenBy is { } t ? names.GetValueOrDefault(t) : null, c.TakenUntil > now ? c.TakenUntil : null,
            [.. c.Attempts.Select(a => new CallbackAttemptRow(a.AgentId, names.GetValueOrDefault(a.AgentId), a.At, a.Reached, a.Note))], c.Version))];
    }
}

/// <summary>An agent takes a callback to ring back (others see it taken for a few minutes), or records the attempt.</summary>
public sealed class WorkCallback(LianxinDbContext db, TimeProvider clock, CallCentreChanges changes)
{
    public Task<CallbackRow> TakeAsync(Actor actor, Guid id, CancellationToken ct) =>
        ActAsync(actor, id, (item, now, rules) => item.Take(actor.UserId, now, rules), ct);

    public Task<CallbackRow> RecordAttemptAsync(Actor actor, Guid id, bool reached, string? note, CancellationToken ct) =>
        ActAsync(actor, id, (item, now, rules) => item.RecordAttempt(actor.UserId, reached, note, now, rules), ct);

    private async Task<CallbackRow> ActAsync(Actor actor, Guid id, Action<Callback, DateTime, CallbackRules> act, CancellationToken ct)
    {
        CallCentreAccess.RequireAgent(actor);
        var rules = (await CallCentreSettings.ReadAsync(db, ct)).CallbackRules;
        for (var attempt = 1; ; attempt++)
        {
            var item = await db.Callbacks.SingleOrDefaultAsync(c => c.Id == id, ct)
                ?? throw new NotFoundException(new Text("回拨记录不存在。", "No such callback."));
            var now = clock.GetUtcNow().UtcDateTime;
            act(item, now, rules);
            try
            {
                await db.SaveChangesAsync(ct);
                changes.Publish(CallCentreChange.CallbacksOnly);
                return (await ListCallbacks.RowsAsync(db, [item], now, ct))[0];
            }
            catch (DbUpdateConcurrencyException) when (attempt < 3)
            {
                // The caller abandoned again or got through meanwhile: read the item again and retry.
                db.ChangeTracker.Clear();
            }
        }
    }
}
