using Lianxin.Core.Calendars;
using Lianxin.Core.Calls;
using Lianxin.Core.Common;
using Lianxin.Core.Data;
using Lianxin.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace Lianxin.Core.Staffing;

/// <summary>
/// What a plan is asked for: the day, and the goals. AHT and patience, when not given, are estimated from the
/// call log; <see cref="EmergencyLines"/> caps the emergency lines (应急坐席) the centre can open (none: no cap).
/// </summary>
public sealed record StaffingPlanRequest(
    DateOnly Date, double? AhtSeconds = null, double? PatienceSeconds = null, double TargetSeconds = 15, double ServiceLevel = 0.8,
    double MaxAbandonment = 0.05, double MaxOccupancy = 0.85, double Shrinkage = 0.3, int? EmergencyLines = null);

/// <summary>Where a handling figure came from: typed in, estimated from the log (Sample: the calls it rests on), or the default for too little history.</summary>
public enum FigureSource
{
    Given,
    Estimated,
    Default,
}

public sealed record HandlingFigure(double Seconds, FigureSource Source, int Sample);

/// <summary>A day's staffing plan and everything it rests on, for the page and the API.</summary>
public sealed record StaffingPlanView(
    DateOnly Date, CalendarDay Day, DayPlan Plan, StaffingGoals Goals, int? EmergencyLinesCap, HandlingFigure Aht, HandlingFigure Patience,
    DateOnly EstimatedFrom, DateOnly EstimatedTo, int HistoryDays, int RosteredAgents);

/// <summary>
/// 排班测算 (supervisor, admin): the forecast of a day's calls per half hour from the call log (only the days the
/// forecast reads, counted per day and half hour in SQL), the handle time and caller patience of the last four
/// weeks, the goals, and the roster → per interval the agents needed (Erlang A), rostered and missing, and when
/// to open the emergency lines.
/// </summary>
public sealed class PlanStaffing(LianxinDbContext db, CentreCalendar calendar, TimeProvider clock, CallHistoryCache cache)
{
    /// <summary>Weeks of the log that AHT and patience are estimated over.</summary>
    public const int EstimateWeeks = 4;

    public const double DefaultAhtSeconds = 180;
    public const double DefaultPatienceSeconds = 120;

    /// <summary>Fewer answered calls than this, and AHT falls back to its default.</summary>
    public const int MinAnsweredForAht = 30;

    /// <summary>Fewer abandoned calls than this, and patience falls back to its default (a handful says little about θ).</summary>
    public const int MinAbandonedForPatience = 10;

    /// <summary>Wrap-up is averaged over at most this many recent spans: plenty for a mean, and bounded for a big centre.</summary>
    private const int WrapUpSample = 5000;

    public async Task<StaffingPlanView> ExecuteAsync(Actor actor, StaffingPlanRequest request, CancellationToken ct)
    {
        actor.Require(RosterAccess.Managers, new Text("查看排班测算", "see the staffing plan"));
        Validate(request);
        var working = (await calendar.GetAsync(db, ct)).Calendar;
        var history = await cache.GetAsync(request.Date, clock, () => HistoryAsync(working, request.Date, ct));
        var forecast = CallForecast.For(request.Date, history, working);

        var today = working.LocalDate(clock.GetUtcNow().UtcDateTime);
        var estimateTo = request.Date < today ? request.Date : today;
        var estimateFrom = estimateTo.AddDays(-7 * EstimateWeeks);
        var (aht, patience) = await HandlingAsync(working, estimateFrom, estimateTo, request, ct);

        var shifts = await db.RosterShifts.AsNoTracking()
            .Where(s => s.Date >= request.Date.AddDays(-1) && s.Date <= request.Date)
            .Select(s => new { s.AgentId, s.Date, s.Start, s.End }).ToListAsync(ct);
        var rostered = RosterShift.OnShift(request.Date, shifts.Select(s => (s.AgentId, new ShiftTimes(s.Date, s.Start, s.End))));

        var goals = new StaffingGoals(aht.Seconds, patience.Seconds, request.TargetSeconds, request.ServiceLevel, request.MaxAbandonment, request.MaxOccupancy,
            request.Shrinkage, request.EmergencyLines ?? int.MaxValue);
        var plan = DayPlan.For(forecast, goals, rostered);
        return new StaffingPlanView(request.Date, working.Describe(request.Date), plan, goals, request.EmergencyLines, aht, patience, estimateFrom, estimateTo.AddDays(-1),
            history.Count, shifts.Where(s => new ShiftTimes(s.Date, s.Start, s.End).EndMinute > (long)request.Date.DayNumber * 1440).Select(s => s.AgentId).Distinct().Count());
    }

    /// <summary>
    /// The days <see cref="CallForecast.For"/> can read for <paramref name="date"/>: every day of the last
    /// <see cref="CallForecast.Weeks"/> weeks before the trend's fortnight and the fortnight itself, and, a year
    /// further back, the holidays and 调休 days (the only kinds the forecast looks for that far).
    /// </summary>
    public static IReadOnlyList<DateOnly> DaysNeeded(DateOnly date, WorkingCalendar calendar)
    {
        var recent = (CallForecast.Weeks * 7) + CallForecast.TrendDays;
        var days = new List<DateOnly>();
        for (var d = date.AddDays(-(365 + CallForecast.TrendDays)); d < date; d = d.AddDays(1))
        {
            if (d >= date.AddDays(-recent) || CallForecast.TypeOf(calendar.Describe(d)) is ForecastDayType.Holiday or ForecastDayType.MakeUpWorkday)
            {
                days.Add(d);
            }
        }

        return days;
    }

    private static void Validate(StaffingPlanRequest r)
    {
        var v = new Validator();
        try
        {
            new StaffingRequest(0, 30, r.AhtSeconds ?? DefaultAhtSeconds, r.TargetSeconds, r.ServiceLevel, r.MaxOccupancy, r.Shrinkage,
                r.PatienceSeconds ?? DefaultPatienceSeconds, r.MaxAbandonment).Validate(erlangA: true);
        }
        catch (ValidationFailedException ex)
        {
            foreach (var (field, messages) in ex.Errors)
            {
                foreach (var m in messages)
                {
                    v.Add(field, m);
                }
            }
        }

        v.Range("emergencyLines", r.EmergencyLines, 0, 100_000);
        v.When(r.Date.Year is < 2000 or > 2100, "date", new Text("日期超出范围。", "The date is out of range."));
        v.ThrowIfInvalid();
    }

    /// <summary>
    /// Offered inbound calls (blocked numbers turned away do not count) per local day and half hour, over the
    /// days the forecast needs. Counted in SQL per UTC half hour — the centre's offset is a whole number of half
    /// hours, so each UTC half hour is one local one — one query per run of consecutive days.
    /// </summary>
    private async Task<Dictionary<DateOnly, double[]>> HistoryAsync(WorkingCalendar calendar, DateOnly date, CancellationToken ct)
    {
        var history = new Dictionary<DateOnly, double[]>();
        foreach (var (first, last) in Runs(DaysNeeded(date, calendar)))
        {
            var from = calendar.ToUtc(first, TimeOnly.MinValue);
            var to = calendar.ToUtc(last.AddDays(1), TimeOnly.MinValue);
            var buckets = await db.PhoneCalls.AsNoTracking()
                .Where(c => c.OfferedAt >= from && c.OfferedAt < to && c.Direction == CallDirection.In && c.Outcome != CallOutcome.Rejected)
                .GroupBy(c => new { c.OfferedAt.Date, c.OfferedAt.Hour, Half = c.OfferedAt.Minute / 30 })
                .Select(g => new { g.Key.Date, g.Key.Hour, g.Key.Half, Calls = g.Count() })
                .ToListAsync(ct);
            foreach (var b in buckets)
            {
                var local = calendar.ToLocal(DateTime.SpecifyKind(b.Date, DateTimeKind.Utc).AddHours(b.Hour).AddMinutes(b.Half * 30));
                var day = DateOnly.FromDateTime(local);
                if (!history.TryGetValue(day, out var counts))
                {
                    counts = new double[CallForecast.IntervalsPerDay];
                    history[day] = counts;
                }

                counts[((local.Hour * 60) + local.Minute) / 30] += b.Calls;
            }
        }

        return history;
    }

    private static IEnumerable<(DateOnly First, DateOnly Last)> Runs(IReadOnlyList<DateOnly> days)
    {
        for (var i = 0; i < days.Count;)
        {
            var j = i;
            while (j + 1 < days.Count && days[j + 1] == days[j].AddDays(1))
            {
                j++;
            }

            yield return (days[i], days[j]);
            i = j + 1;
        }
    }

    /// <summary>
    /// AHT = mean talk of answered inbound calls (timed-out ones left out, as the KPIs do) + mean wrap-up; patience =
    /// total waiting of all inbound callers ÷ abandons (CallerPatience's estimate, summed in SQL). Each falls back
    /// to its default with too few calls, and a figure typed in wins.
    /// </summary>
    private async Task<(HandlingFigure Aht, HandlingFigure Patience)> HandlingAsync(
        WorkingCalendar calendar, DateOnly fromDay, DateOnly toDay, StaffingPlanRequest request, CancellationToken ct)
    {
        var from = calendar.ToUtc(fromDay, TimeOnly.MinValue);
        var to = calendar.ToUtc(toDay, TimeOnly.MinValue);
        var inbound = db.PhoneCalls.AsNoTracking().Where(c => c.OfferedAt >= from && c.OfferedAt < to && c.Direction == CallDirection.In && c.EndedAt != null);

        HandlingFigure aht;
        if (request.AhtSeconds is { } givenAht)
        {
            aht = new HandlingFigure(givenAht, FigureSource.Given, 0);
        }
        else
        {
            var talk = await inbound.Where(c => c.Outcome == CallOutcome.Answered && c.Cause != PhoneCall.TimeoutCause)
                .GroupBy(c => 1).Select(g => new { Calls = g.Count(), Seconds = g.Sum(c => c.TalkSeconds ?? 0) }).SingleOrDefaultAsync(ct);
            if (talk is null || talk.Calls < MinAnsweredForAht)
            {
                aht = new HandlingFigure(DefaultAhtSeconds, FigureSource.Default, talk?.Calls ?? 0);
            }
            else
            {
                var wrapUps = await db.AgentStateSpans.AsNoTracking()
                    .Where(s => s.State == AgentState.WrapUp && s.From >= from && s.From < to)
                    .OrderByDescending(s => s.From).Take(WrapUpSample).Select(s => new { s.From, s.To }).ToListAsync(ct);
                var wrapUp = wrapUps.Count == 0 ? 0 : wrapUps.Average(s => (s.To - s.From).TotalSeconds);
                aht = new HandlingFigure(Math.Round((talk.Seconds / talk.Calls) + wrapUp, 1), FigureSource.Estimated, talk.Calls);
            }
        }

        HandlingFigure patience;
        if (request.PatienceSeconds is { } givenPatience)
        {
            patience = new HandlingFigure(givenPatience, FigureSource.Given, 0);
        }
        else
        {
            var waits = await inbound.Where(c => c.Outcome == CallOutcome.Answered || c.Outcome == CallOutcome.Abandoned || c.Outcome == CallOutcome.ShortAbandon)
                .GroupBy(c => 1)
                .Select(g => new { Waited = g.Sum(c => c.WaitSeconds ?? 0), Abandoned = g.Count(c => c.Outcome != CallOutcome.Answered) })
                .SingleOrDefaultAsync(ct);
            patience = waits is null || waits.Abandoned < MinAbandonedForPatience
                ? new HandlingFigure(DefaultPatienceSeconds, FigureSource.Default, waits?.Abandoned ?? 0)
                : new HandlingFigure(Math.Round(Math.Clamp(waits.Waited / waits.Abandoned, 1, 36_000), 1), FigureSource.Estimated, waits.Abandoned);
        }

        return (aht, patience);
    }
}

/// <summary>
/// The calls per half hour a day's forecast read, kept a few minutes: a supervisor trying goals on the plan
/// page re-plans the same day many times, and counting a big centre's months of calls takes a second or two.
/// Past days do not change; today's count, which a plan for tomorrow reads, is at most <see cref="MaxAge"/> old.
/// </summary>
public sealed class CallHistoryCache
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<DateOnly, (DateTimeOffset At, Dictionary<DateOnly, double[]> History)> _days = new();

    public async Task<Dictionary<DateOnly, double[]>> GetAsync(DateOnly date, TimeProvider clock, Func<Task<Dictionary<DateOnly, double[]>>> read)
    {
        var now = clock.GetUtcNow();
        if (_days.TryGetValue(date, out var kept) && now - kept.At < MaxAge)
        {
            return kept.History;
        }

        var history = await read();
        foreach (var old in _days.Where(d => now - d.Value.At >= MaxAge).Select(d => d.Key).ToList())
        {
            _days.TryRemove(old, out _);
        }

        _days[date] = (now, history);
        return history;
    }
}
