using System.Collections.Concurrent;
using Lianxin.Core.Calendars;
using Lianxin.Core.Calls;
using Lianxin.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Lianxin.Core.Reports;

/// <summary>
/// Days whose figures may have changed since they were built (singleton). Marking is a set insert, cheap enough for every
/// order or call change; the refresher drains it. One build at a time per process (the gate), so two rebuilds of a day
/// never interleave their delete and insert.
/// </summary>
public sealed class KpiDays
{
    private readonly ConcurrentDictionary<DateOnly, byte> _dirty = new();
    private int _todayDirty;

    public SemaphoreSlim Gate { get; } = new(1, 1);

    public void MarkDirty(DateOnly day) => _dirty.TryAdd(day, 0);

    /// <summary>Something changed now (an order action, a call): today's figures are due a refresh. A flag set, nothing more.</summary>
    public void MarkTodayDirty() => Volatile.Write(ref _todayDirty, 1);

    /// <summary>The days marked since the last call (and whether today was), emptied.</summary>
    public (IReadOnlyList<DateOnly> Days, bool Today) TakeDirty()
    {
        var today = Interlocked.Exchange(ref _todayDirty, 0) == 1;
        var days = _dirty.Keys.ToList();
        foreach (var d in days)
        {
            _dirty.TryRemove(d, out _);
        }

        return (days, today);
    }
}

/// <summary>
/// The daily aggregate (ADR 0015): builds a day's rows from its sources and replaces them in one transaction; makes sure
/// the days of a period are built before they are read; reads summed rows. Reads never scan orders.
/// </summary>
public sealed class DailyFigureStore(LianxinDbContext db, CentreCalendar calendar, KpiDays days, TimeProvider clock)
{
    /// <summary>Days after a day ends before its figures are built one last time and marked final.</summary>
    public static readonly TimeSpan ClosingGrace = TimeSpan.FromMinutes(5);

    public async Task<TimeZoneInfo> ZoneAsync(CancellationToken ct) =>
        TimeZoneInfo.FindSystemTimeZoneById((await calendar.SettingsAsync(db, ct)).TimeZone);

    /// <summary>The centre's local today.</summary>
    public async Task<DateOnly> TodayAsync(CancellationToken ct) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(clock.GetUtcNow().UtcDateTime, await ZoneAsync(ct)));

    /// <summary>
    /// Recomputes <paramref name="day"/> from the orders, visits and calls and replaces its rows. Final when the day
    /// ended more than <see cref="ClosingGrace"/> ago. Returns the number of rows written.
    /// </summary>
    public async Task<int> RebuildAsync(DateOnly day, CancellationToken ct)
    {
        var zone = await ZoneAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var (_, end) = DayFigureSources.Range(day, zone);
        var final = now >= end + ClosingGrace;
        var callRules = (await CallCentreSettings.ReadAsync(db, ct)).KpiRules;

        await days.Gate.WaitAsync(ct);
        try
        {
            var sources = await new DayFigureSources(db).LoadAsync(day, zone, callRules, ct);
            var rows = DayFigures.Build(sources);
            var strategy = db.Database.CreateExecutionStrategy();
            await strategy.ExecuteAsync(async () =>
            {
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                await db.DailyFigures.Where(f => f.Day == day).ExecuteDeleteAsync(ct);
                db.DailyFigures.AddRange(rows.Select(r => new DailyFigure(day, r.Dimension, r.Key, r.Counts)));
                var mark = await db.FigureDays.SingleOrDefaultAsync(d => d.Day == day, ct);
                if (mark is null)
                {
                    db.FigureDays.Add(new FigureDay(day, now, final));
                }
                else
                {
                    mark.Rebuilt(now, final);
                }

                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
            });
            db.ChangeTracker.Clear();
            return rows.Count;
        }
        finally
        {
            days.Gate.Release();
        }
    }

    /// <summary>
    /// Builds the days of the period not built yet (up to today; future days have nothing). Returns when the youngest
    /// day read was built (the answer's <c>asOf</c>).
    /// </summary>
    public async Task<DateTime?> EnsureBuiltAsync(DateOnly from, DateOnly to, CancellationToken ct)
    {
        var today = await TodayAsync(ct);
        var last = to > today ? today : to;
        if (last < from)
        {
            return null;
        }

        // A past day built before it closed and not closed since (no refresher ran) is closed now, on the way.
        var zone = await ZoneAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var built = await db.FigureDays.AsNoTracking().Where(d => d.Day >= from && d.Day <= last).Select(d => new { d.Day, d.Final }).ToListAsync(ct);
        var have = built.Where(d => d.Final || now < DayFigureSources.Range(d.Day, zone).End + ClosingGrace).Select(d => d.Day).ToHashSet();
        for (var day = from; day <= last; day = day.AddDays(1))
        {
            if (!have.Contains(day))
            {
                await RebuildAsync(day, ct);
            }
        }

        return await db.FigureDays.AsNoTracking().Where(d => d.Day >= from && d.Day <= last).MaxAsync(d => (DateTime?)d.BuiltAt, ct);
    }

    /// <summary>The stored rows of one dimension over the period, optionally only some keys.</summary>
    public async Task<List<DailyFigure>> RowsAsync(DateOnly from, DateOnly to, KpiDimension dimension, IReadOnlyCollection<string>? keys, CancellationToken ct)
    {
        var q = db.DailyFigures.AsNoTracking().Where(f => f.Dimension == dimension && f.Day >= from && f.Day <= to);
        if (keys is { Count: 1 })
        {
            var key = keys.First();
            q = q.Where(f => f.Key == key);
        }
        else if (keys is not null)
        {
            q = q.Where(f => keys.Contains(f.Key));
        }

        return await q.ToListAsync(ct);
    }

    /// <summary>
    /// The counters of one dimension summed per key over the period in the database (one row per key comes back: a
    /// year by unit is one grouped range scan, not every day's rows), optionally only some keys.
    /// </summary>
    public async Task<Dictionary<string, KpiCounts>> SumsAsync(DateOnly from, DateOnly to, KpiDimension dimension, IReadOnlyCollection<string>? keys, CancellationToken ct)
    {
        var q = db.DailyFigures.AsNoTracking().Where(f => f.Dimension == dimension && f.Day >= from && f.Day <= to);
        if (keys is { Count: 1 })
        {
            var key = keys.First();
            q = q.Where(f => f.Key == key);
        }
        else if (keys is not null)
        {
            q = q.Where(f => keys.Contains(f.Key));
        }

        var sums = await q.GroupBy(f => f.Key)
            .Select(g => new
            {
                g.Key,
                Counts = new KpiCounts
                {
                    Received = g.Sum(f => f.Counts.Received),
                    Closed = g.Sum(f => f.Counts.Closed),
                    AnsweredDirectly = g.Sum(f => f.Counts.AnsweredDirectly),
                    NotAccepted = g.Sum(f => f.Counts.NotAccepted),
                    Merged = g.Sum(f => f.Counts.Merged),
                    SignDue = g.Sum(f => f.Counts.SignDue),
                    SignOnTime = g.Sum(f => f.Counts.SignOnTime),
                    CompletionDue = g.Sum(f => f.Counts.CompletionDue),
                    CompletionOnTime = g.Sum(f => f.Counts.CompletionOnTime),
                    VisitDue = g.Sum(f => f.Counts.VisitDue),
                    Visited = g.Sum(f => f.Counts.Visited),
                    VisitsReached = g.Sum(f => f.Counts.VisitsReached),
                    VisitsSolved = g.Sum(f => f.Counts.VisitsSolved),
                    VisitsRated = g.Sum(f => f.Counts.VisitsRated),
                    VisitsSatisfied = g.Sum(f => f.Counts.VisitsSatisfied),
                    VisitsBasicallySatisfied = g.Sum(f => f.Counts.VisitsBasicallySatisfied),
                    FinalReached = g.Sum(f => f.Counts.FinalReached),
                    FinalSolved = g.Sum(f => f.Counts.FinalSolved),
                    FinalRated = g.Sum(f => f.Counts.FinalRated),
                    FinalSatisfied = g.Sum(f => f.Counts.FinalSatisfied),
                    FinalBasicallySatisfied = g.Sum(f => f.Counts.FinalBasicallySatisfied),
                    Unreachable = g.Sum(f => f.Counts.Unreachable),
                    Repeats = g.Sum(f => f.Counts.Repeats),
                    Ended = g.Sum(f => f.Counts.Ended),
                    EndedFirstTime = g.Sum(f => f.Counts.EndedFirstTime),
                    Redos = g.Sum(f => f.Counts.Redos),
                    Returns = g.Sum(f => f.Counts.Returns),
                    Offered = g.Sum(f => f.Counts.Offered),
                    Answered = g.Sum(f => f.Counts.Answered),
                    AnsweredIn15s = g.Sum(f => f.Counts.AnsweredIn15s),
                    Abandoned = g.Sum(f => f.Counts.Abandoned),
                    ShortAbandons = g.Sum(f => f.Counts.ShortAbandons),
                },
            })
            .ToListAsync(ct);
        return sums.ToDictionary(s => s.Key, s => s.Counts, StringComparer.Ordinal);
    }
}
