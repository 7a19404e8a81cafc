using Lianxin.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Lianxin.Core.Reports;

/// <summary>What one refresh did: the days rebuilt and which of them became final.</summary>
public sealed record RefreshResult(IReadOnlyList<DateOnly> Rebuilt, IReadOnlyList<DateOnly> Finalised);

/// <summary>
/// One pass of keeping the daily aggregate up to date (the refresher's tick; tests call it directly):
/// today when something changed since the last pass (or it was never built), the days marked dirty, and the day
/// closing — a past day not final yet, once <see cref="DailyFigureStore.ClosingGrace"/> after its end has passed,
/// is built one last time and marked final (yesterday is built then even when nobody read it).
/// </summary>
public sealed class RefreshDailyFigures(LianxinDbContext db, DailyFigureStore store, KpiDays days)
{
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

        var done = new List<DateOnly>();
        foreach (var day in rebuild)
        {
            await store.RebuildAsync(day, ct);
            done.Add(day);
        }

        var finalised = done.Count == 0 ? [] : await db.FigureDays.AsNoTracking().Where(d => d.Final && done.Contains(d.Day)).Select(d => d.Day).ToListAsync(ct);
        return new RefreshResult(done, [.. open.Intersect(finalised).Union(finalised.Where(d => d == yesterday))]);
    }
}
