using System.Globalization;
using Lianxin.Core.Calendars;
using Lianxin.Core.Common;
using Lianxin.Core.Data;
using Lianxin.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace Lianxin.Core.Calls;

/// <summary>How the call figures are broken down (DOMAIN.md "Call KPIs").</summary>
public enum KpiBreakdown
{
    /// <summary>Each local half hour of the period.</summary>
    Interval,

    /// <summary>Each local day.</summary>
    Day,

    /// <summary>Each queue the phone system named (calls without one together).</summary>
    Queue,

    /// <summary>Each agent who answered calls or was signed in (calls nobody answered together).</summary>
    Agent,
}

/// <summary>Agents' seconds in each state over a row (summed over the agents it covers); logged-out time is not kept.</summary>
public sealed record StateSeconds(double Ready, double NotReady, double OnCall, double WrapUp, double Break)
{
    public static StateSeconds None { get; } = new(0, 0, 0, 0, 0);

    public double SignedIn => Ready + NotReady + OnCall + WrapUp + Break;

    public AgentTime AsAgentTime() => new(SignedIn, Break, NotReady);
}

/// <summary>
/// One row of the report: its key (interval start, day, queue or agent), the figures of the calls offered in it,
/// and, except by queue (agents serve every queue), the agents' time that gives occupancy.
/// </summary>
public sealed record CallKpiRow(DateTime? Start, DateOnly? Day, string? Queue, Guid? AgentId, string? AgentName, CallKpiFigures Figures, StateSeconds? Time);

/// <summary>The call KPIs of a period of local days, row by row and in total.</summary>
public sealed record CallKpiReport(
    DateOnly From, DateOnly To, KpiBreakdown By, int ServiceTargetSeconds, bool ExcludeShortAbandons, IReadOnlyList<CallKpiRow> Rows, CallKpiRow Total);

/// <summary>
/// Builds <see cref="CallKpiReport"/> from calls and agent-state spans fed one at a time, holding only one tally
/// per row: a month of a big centre streams through without being loaded. Pure; the use case feeds it.
/// </summary>
public sealed class CallKpiReportBuilder
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(30);

    private readonly DateOnly _from;
    private readonly DateOnly _to;
    private readonly KpiBreakdown _by;
    private readonly TimeZoneInfo _zone;
    private readonly CallKpiRules _rules;
    private readonly Dictionary<string, (CallKpiTally Calls, double[] Time)> _rows = new(StringComparer.Ordinal);
    private readonly CallKpiTally _total;
    private readonly double[] _totalTime = new double[6];

    public CallKpiReportBuilder(DateOnly from, DateOnly to, KpiBreakdown by, TimeZoneInfo zone, CallKpiRules rules)
    {
        _from = from;
        _to = to;
        _by = by;
        _zone = zone;
        _rules = rules;
        _total = new CallKpiTally(rules);
        FromUtc = TimeZoneInfo.ConvertTimeToUtc(from.ToDateTime(TimeOnly.MinValue), zone);
        ToUtc = TimeZoneInfo.ConvertTimeToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue), zone);
    }

    /// <summary>Start of the period (the first day's local midnight), UTC.</summary>
    public DateTime FromUtc { get; }

    /// <summary>End of the period, exclusive (the midnight after the last day), UTC.</summary>
    public DateTime ToUtc { get; }

    /// <summary>An ended call, counted in the row of its offer time (calls offered outside the period are ignored).</summary>
    public void AddCall(DateTime offeredAt, Guid? agentId, string? queue, CallFact fact)
    {
        if (offeredAt < FromUtc || offeredAt >= ToUtc)
        {
            return;
        }

        _total.Add(fact);
        var key = _by switch
        {
            KpiBreakdown.Interval => IntervalKey(TimeZoneInfo.ConvertTimeFromUtc(offeredAt, _zone)),
            KpiBreakdown.Day => DayKey(DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(offeredAt, _zone))),
            KpiBreakdown.Queue => queue ?? "",
            _ => agentId is { } a ? a.ToString("N") : "",
        };
        Row(key).Calls.Add(fact);
    }

    /// <summary>Time an agent spent in a state; the part within the period counts, split at half hours or midnights.</summary>
    public void AddSpan(Guid userId, AgentState state, DateTime from, DateTime to)
    {
        if (state == AgentState.LoggedOut)
        {
            return;
        }

        from = from < FromUtc ? FromUtc : from;
        to = to > ToUtc ? ToUtc : to;
        if (to <= from)
        {
            return;
        }

        var slot = (int)state - 1;
        _totalTime[slot] += (to - from).TotalSeconds;
        switch (_by)
        {
            case KpiBreakdown.Queue:
                return;
            case KpiBreakdown.Agent:
                Row(userId.ToString("N")).Time[slot] += (to - from).TotalSeconds;
                return;
        }

        var local = TimeZoneInfo.ConvertTimeFromUtc(from, _zone);
        var localEnd = TimeZoneInfo.ConvertTimeFromUtc(to, _zone);
        while (local < localEnd)
        {
            var bucket = _by == KpiBreakdown.Day ? local.Date : IntervalStart(local);
            var next = _by == KpiBreakdown.Day ? bucket.AddDays(1) : bucket + Interval;
            var end = localEnd < next ? localEnd : next;
            var key = _by == KpiBreakdown.Day ? DayKey(DateOnly.FromDateTime(bucket)) : IntervalKey(bucket);
            Row(key).Time[slot] += (end - local).TotalSeconds;
            local = end;
        }
    }

    /// <summary>The rows in order: every interval or day of the period, or the queues and agents seen (by name; the unnamed last).</summary>
    public CallKpiReport Build(IReadOnlyDictionary<Guid, string> agentNames, int serviceTargetSeconds)
    {
        var rows = new List<CallKpiRow>();
        switch (_by)
        {
            case KpiBreakdown.Interval:
                for (var day = _from; day <= _to; day = day.AddDays(1))
                {
                    for (var start = day.ToDateTime(TimeOnly.MinValue); start < day.AddDays(1).ToDateTime(TimeOnly.MinValue); start += Interval)
                    {
                        rows.Add(Finish(IntervalKey(start), TimeZoneInfo.ConvertTimeToUtc(start, _zone), null, null, null, null));
                    }
                }

                break;
            case KpiBreakdown.Day:
                for (var day = _from; day <= _to; day = day.AddDays(1))
                {
                    rows.Add(Finish(DayKey(day), TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue), _zone), day, null, null, null));
                }

                break;
            case KpiBreakdown.Queue:
                rows.AddRange(_rows.Keys.OrderBy(k => k.Length == 0).ThenBy(k => k, StringComparer.Ordinal)
                    .Select(k => Finish(k, null, null, k.Length == 0 ? null : k, null, null) with { Time = null }));
                break;
            default:
                rows.AddRange(_rows.Keys
                    .Select(k => (Key: k, Id: k.Length == 0 ? (Guid?)null : Guid.ParseExact(k, "N")))
                    .Select(k => Finish(k.Key, null, null, null, k.Id, k.Id is { } id ? agentNames.GetValueOrDefault(id) : null))
                    .OrderBy(r => r.AgentId is null).ThenBy(r => r.AgentName ?? "", StringComparer.Ordinal).ThenBy(r => r.AgentId));
                break;
        }

        var totalTime = Seconds(_totalTime);
        var total = new CallKpiRow(FromUtc, null, null, null, null, _total.Figures(totalTime.AsAgentTime()), _by == KpiBreakdown.Queue ? null : totalTime);
        return new CallKpiReport(_from, _to, _by, serviceTargetSeconds, _rules.ExcludeShortAbandons, rows, total);
    }

    private CallKpiRow Finish(string key, DateTime? start, DateOnly? day, string? queue, Guid? agentId, string? agentName)
    {
        var (calls, time) = _rows.TryGetValue(key, out var row) ? row : (new CallKpiTally(_rules), new double[6]);
        var seconds = Seconds(time);
        return new CallKpiRow(start, day, queue, agentId, agentName, calls.Figures(seconds.AsAgentTime()), seconds);
    }

    private (CallKpiTally Calls, double[] Time) Row(string key)
    {
        if (!_rows.TryGetValue(key, out var row))
        {
            row = (new CallKpiTally(_rules), new double[6]);
            _rows[key] = row;
        }

        return row;
    }

    // Slots follow AgentState after LoggedOut: Ready, NotReady, OnCall, WrapUp, Break.
    private static StateSeconds Seconds(double[] t) => new(t[0], t[1], t[2], t[3], t[4]);

    private static DateTime IntervalStart(DateTime local) => local.Date.AddMinutes(local.Hour * 60 + (local.Minute / 30 * 30));

    private static string IntervalKey(DateTime local) => IntervalStart(local).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static string DayKey(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>
/// 话务统计: the call KPIs of a period of local days by interval, day, queue or agent (supervisors, admins).
/// Calls are read column by column and streamed; each answered call's wrap-up is the span of 话后整理 its
/// agent started at its hangup, looked up in SQL through the state log's (agent, start) index.
/// </summary>
public sealed class GetCallKpis(LianxinDbContext db, CentreCalendar calendar, TimeProvider clock)
{
    public const int MaxDays = 92;
    public const int MaxIntervalDays = 31;

    public async Task<CallKpiReport> ExecuteAsync(Actor actor, DateOnly from, DateOnly to, KpiBreakdown by, CancellationToken ct)
    {
        CallCentreAccess.RequireManager(actor);
        var days = to.DayNumber - from.DayNumber + 1;
        new Validator()
            .When(days < 1, "to", new Text("结束日期不能早于开始日期。", "The end date is before the start date."))
            .When(days > MaxDays, "to", new Text($"统计期最长 {MaxDays} 天。", $"The period is at most {MaxDays} days."))
            .When(by == KpiBreakdown.Interval && days > MaxIntervalDays && days <= MaxDays, "by",
                new Text($"按时段统计最长 {MaxIntervalDays} 天；更长的统计期请按日。", $"By interval covers at most {MaxIntervalDays} days; break longer periods down by day."))
            .ThrowIfInvalid();

        var settings = await CallCentreSettings.ReadAsync(db, ct);
        var zone = TimeZoneInfo.FindSystemTimeZoneById((await calendar.SettingsAsync(db, ct)).TimeZone);
        var report = new CallKpiReportBuilder(from, to, by, zone, settings.KpiRules);
        var (start, end) = (report.FromUtc, report.ToUtc);
        var byQueue = by == KpiBreakdown.Queue;

        var calls = db.PhoneCalls.AsNoTracking()
            .Where(c => c.OfferedAt >= start && c.OfferedAt < end && c.EndedAt != null && c.Direction == CallDirection.In
                && c.Outcome != CallOutcome.Rejected && c.Outcome != CallOutcome.Unanswered)
            .Select(c => new
            {
                c.OfferedAt, c.EndedAt, c.AgentId, c.Outcome, c.WaitSeconds, c.TalkSeconds,

                // Only what the figures use: the queue when rows are queues, the cause only when it marks a timed-out call.
                Queue = byQueue ? c.Queue : null,
                Cause = c.Cause == PhoneCall.TimeoutCause ? PhoneCall.TimeoutCause : null,
                WrapUpEnd = c.AgentId == null || c.AnsweredAt == null ? null : db.AgentStateSpans
                    .Where(s => s.UserId == c.AgentId && s.State == AgentState.WrapUp && s.From == c.EndedAt)
                    .Select(s => (DateTime?)s.To).FirstOrDefault(),
            });
        var agents = new HashSet<Guid>();
        await foreach (var c in calls.AsAsyncEnumerable().WithCancellation(ct))
        {
            if (c.AgentId is { } agent)
            {
                agents.Add(agent);
            }

            double? wrapUp = c.WrapUpEnd is { } w ? (w - c.EndedAt!.Value).TotalSeconds : null;
            report.AddCall(c.OfferedAt, c.AgentId, c.Queue, new CallFact(CallDirection.In, c.Outcome!.Value, c.WaitSeconds ?? 0, c.TalkSeconds, wrapUp, c.Cause));
        }

        var spans = db.AgentStateSpans.AsNoTracking()
            .Where(s => s.To > start && s.From < end && s.State != AgentState.LoggedOut)
            .Select(s => new { s.UserId, s.State, s.From, s.To });
        await foreach (var s in spans.AsAsyncEnumerable().WithCancellation(ct))
        {
            report.AddSpan(s.UserId, s.State, s.From, s.To);
            agents.Add(s.UserId);
        }

        // The state each agent is in now has no span yet: it counts up to now.
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var p in await db.AgentPresences.AsNoTracking().Where(p => p.State != AgentState.LoggedOut && p.Since < end)
                     .Select(p => new { p.UserId, p.State, p.Since }).ToListAsync(ct))
        {
            report.AddSpan(p.UserId, p.State, p.Since, now);
            agents.Add(p.UserId);
        }

        var names = by != KpiBreakdown.Agent || agents.Count == 0
            ? new Dictionary<Guid, string>()
            : await db.Users.AsNoTracking().Where(u => agents.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        return report.Build(names, settings.ServiceTargetSeconds);
    }
}
