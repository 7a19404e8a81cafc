using Lianxin.Core.Calendars;
using Lianxin.Core.Data;
using Lianxin.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace Lianxin.Core.Calls;

/// <summary>One half hour of today's curve.</summary>
public sealed record WallboardInterval(DateTime Start, int Offered, int Answered, int Abandoned, double? ServiceLevel);

/// <summary>Callers waiting in one queue of the phone system (null: the system named none) and how long the first has waited.</summary>
public sealed record QueueWaiting(string? Queue, int Waiting, double LongestWaitSeconds);

/// <summary>
/// The live board (大屏, DOMAIN.md): agents by state, calls waiting and the longest wait, today's figures
/// (since local midnight), the curve per 30 minutes and the agent grid. <see cref="NextCallbackDueAt"/> is when the
/// next open callback turns overdue, so a live board knows when its overdue count changes without an event.
/// </summary>
public sealed record WallboardFigures(
    DateTime At,
    int AgentsOnline, int Ready, int OnCall, int WrapUp, int NotReady, int OnBreak,
    int CallsWaiting, double? LongestWaitSeconds,
    CallKpiFigures Today, int CallbacksOpen, int CallbacksOverdue,
    IReadOnlyList<WallboardInterval> Curve, IReadOnlyList<AgentRow> Agents, int ServiceTargetSeconds,
    DateTime? NextCallbackDueAt = null, IReadOnlyList<QueueWaiting>? Queues = null);

public sealed class GetWallboard(LianxinDbContext db, CentreCalendar calendar, TimeProvider clock)
{
    public async Task<WallboardFigures> ExecuteAsync(Actor actor, CancellationToken ct)
    {
        CallCentreAccess.RequireReader(actor);
        var now = clock.GetUtcNow().UtcDateTime;
        var settings = await CallCentreSettings.ReadAsync(db, ct);
        var zone = TimeZoneInfo.FindSystemTimeZoneById((await calendar.SettingsAsync(db, ct)).TimeZone);
        var localNow = TimeZoneInfo.ConvertTimeFromUtc(now, zone);
        var midnight = TimeZoneInfo.ConvertTimeToUtc(localNow.Date, zone);

        var agents = await ListAgents.ReadAsync(db, ct);
        var stuck = now - settings.CallRules.StuckAfter;
        var waiting = await db.PhoneCalls.AsNoTracking()
            .Where(c => c.EndedAt == null && c.AnsweredAt == null && c.Direction == CallDirection.In && c.OfferedAt > stuck)
            .Select(c => new { c.OfferedAt, c.Queue }).ToListAsync(ct);
        var today = await db.PhoneCalls.AsNoTracking()
            .Where(c => c.OfferedAt >= midnight && c.EndedAt != null && c.Direction == CallDirection.In)
            .Select(c => new { c.OfferedAt, c.Outcome, c.WaitSeconds, c.TalkSeconds, c.Cause })
            .ToListAsync(ct);
        var facts = today.Select(c => (c.OfferedAt, Fact: new CallFact(CallDirection.In, c.Outcome!.Value, c.WaitSeconds ?? 0, c.TalkSeconds, null, c.Cause))).ToList();
        var rules = settings.KpiRules;
        var curve = new List<WallboardInterval>();
        for (var start = midnight; start <= now; start = start.AddMinutes(30))
        {
            var end = start.AddMinutes(30);
            var figures = CallKpiFigures.Compute(facts.Where(f => f.OfferedAt >= start && f.OfferedAt < end).Select(f => f.Fact), rules);
            curve.Add(new WallboardInterval(start, figures.Offered, figures.Answered, figures.Abandoned, figures.ServiceLevel));
        }

        var callbacksOpen = await db.Callbacks.CountAsync(c => c.Status == CallbackStatus.Open, ct);
        var callbacksOverdue = await db.Callbacks.CountAsync(c => c.Status == CallbackStatus.Open && c.DueAt < now, ct);
        var nextDue = await db.Callbacks.Where(c => c.Status == CallbackStatus.Open && c.DueAt >= now).MinAsync(c => (DateTime?)c.DueAt, ct);
        int Count(AgentState s) => agents.Count(a => a.State == s);
        return new WallboardFigures(
            now,
            agents.Count(a => a.State != AgentState.LoggedOut), Count(AgentState.Ready), Count(AgentState.OnCall), Count(AgentState.WrapUp), Count(AgentState.NotReady), Count(AgentState.Break),
            waiting.Count, waiting.Count == 0 ? null : (now - waiting.Min(w => w.OfferedAt)).TotalSeconds,
            CallKpiFigures.Compute(facts.Select(f => f.Fact), rules), callbacksOpen, callbacksOverdue,
            curve, agents, settings.ServiceTargetSeconds, nextDue,
            [.. waiting.GroupBy(w => w.Queue)
                .Select(g => new QueueWaiting(g.Key, g.Count(), (now - g.Min(w => w.OfferedAt)).TotalSeconds))
                .OrderByDescending(q => q.LongestWaitSeconds)]);
    }
}
