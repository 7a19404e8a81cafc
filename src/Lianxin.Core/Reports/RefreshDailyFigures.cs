using Lianxin.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Lianxin.Core.Reports;

/// <summary>What one refresh did: the days rebuilt and which of them became final.</summary>
public sealed record RefreshResult(IReadOnlyList<DateOnly> Rebuilt, IReadOnlyList<DateOnly> Finalised);

/// <summary>
/// One pass of keeping the daily aggregate up to date (the refresher's tick; tests call it directly):
/// today when something changed since the last pass (or it was never built), the days marked dirty, and the day
/// closing — a past day not final yet, once <see cref="DailyFigureStore.ClosingGrace"/> after its end has passed,
/// is built one last time and marked final (yesterday is built then even when nobody read it) — and a backfill:
/// up to <see cref="BackfillPerPass"/> past days never built, latest first, back to the first order's day, so a
/// history loaded or migrated in is built in the background before anyone reads a long period.
/// </summary>
public sealed class RefreshDailyFigures(LianxinDbContext db, DailyFigureStore store, KpiDays days)
{
    public const int BackfillPerPass = 7;

    public async Task<RefreshResult> RunOnceAsync(CancellationToken ct)
    {
        var today = await store.TodayAsync(ct);
        var (dirty, todayDirty) = days.TakeDirty();
        var rebuild = new SortedSet<DateOnly>(dirty.Where(d => d <= today));
        var yesterday = today.AddDays(-1);
        var open = await db.FigureDays.AsNoTracking().Where(d => !d.Final && d.Day < today).Select(d => d.Day).ToListAsync(ct);
        var builtDays = await db.FigureDays.AsNoTracking().Where(d => d.Day == today || d.Day == yesterday).Select(d => d.Day).ToListAsync(ct);
        rebuild.UnionWith(open);
        if (!builtDays.Contains(yesterday))
        {
            rebuild.Add(yesterday);
        }

        if (todayDirty || !builtDays.Contains(today))
        {
            rebuild.Add(today);
        }

        rebuild.UnionWith(await MissingAsync(today, ct));
        var done = new List<DateOnly>();
        foreach (var day in rebuild)
        {
            await store.RebuildAsync(day, ct);
            done.Add(day);
        }

        var finalised = done.Count == 0 ? [] : await db.FigureDays.AsNoTracking().Where(d => d.Final && done.Contains(d.Day)).Select(d => d.Day).ToListAsync(ct);
        return new RefreshResult(done, [.. open.Intersect(finalised).Union(finalised.Where(d => d == yesterday))]);
    }

    /// <summary>The latest past days never built, back to the day of the first order (at most <see cref="BackfillPerPass"/>).</summary>
    private async Task<List<DateOnly>> MissingAsync(DateOnly today, CancellationToken ct)
    {
        var first = await db.WorkOrders.AsNoTracking().OrderBy(o => o.CreatedAt).Select(o => (DateTime?)o.CreatedAt).FirstOrDefaultAsync(ct);
        if (first is null)
        {
            return [];
        }

        var zone = await store.ZoneAsync(ct);
        var firstDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(first.Value, zone));
        var since = today.AddDays(-GetKpis.MaxDays) > firstDay ? today.AddDays(-GetKpis.MaxDays) : firstDay;
        var built = (await db.FigureDays.AsNoTracking().Where(d => d.Day >= since && d.Day < today).Select(d => d.Day).ToListAsync(ct)).ToHashSet();
        var missing = new List<DateOnly>();
        for (var day = today.AddDays(-1); day >= since && missing.Count < BackfillPerPass; day = day.AddDays(-1))
        {
            if (!built.Contains(day))
            {
                missing.Add(day);
            }
        }

        return missing;
    }
}
