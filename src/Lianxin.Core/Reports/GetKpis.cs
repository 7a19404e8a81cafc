using Lianxin.Core.Common;
using Lianxin.Core.Data;
using Lianxin.Core.Identity;
using Lianxin.Core.WorkOrders;
using Microsoft.EntityFrameworkCore;

namespace Lianxin.Core.Reports;

/// <summary>Who reads which figures: centre staff every unit's; a unit's staff only their own unit's.</summary>
public static class KpiAccess
{
    /// <summary>The unit whose figures the actor reads: the one asked for when allowed; a unit actor's own unit.</summary>
    public static Guid? Resolve(Actor actor, Guid? unitId)
    {
        if (actor.IsCentreStaff)
        {
            return unitId;
        }

        if (actor.UnitId is not { } own || !actor.Has(Role.Handler))
        {
            throw new ForbiddenActionException(new Text("您不能查看统计。", "You cannot read the figures."));
        }

        if (unitId is { } asked && asked != own)
        {
            throw new ForbiddenActionException(new Text("单位用户只能查看本单位的统计。", "A unit's staff read only their own unit's figures."));
        }

        return own;
    }

    /// <summary>Checks a period of local days: from ≤ to and at most <paramref name="maxDays"/> days.</summary>
    public static void CheckPeriod(DateOnly from, DateOnly to, int maxDays)
    {
        var days = to.DayNumber - from.DayNumber + 1;
        new Validator()
            .When(days < 1, "to", new Text("结束日期不能早于开始日期。", "The end date is before the start date."))
            .When(days > maxDays, "to", new Text($"统计期最长 {maxDays} 天。", $"The period is at most {maxDays} days."))
            .ThrowIfInvalid();
    }
}

/// <summary>
/// The KPIs of a period of local days (DOMAIN.md "KPIs", ADR 0015): sums of the daily aggregate's rows (never a scan
/// of the orders), days not built yet built first. With a unit, that unit's figures (and, by unit, its sub-units'
/// rows); a unit's figures break down only by unit, since the aggregate keeps one dimension per row.
/// </summary>
public sealed class GetKpis(LianxinDbContext db, DailyFigureStore store)
{
    public const int MaxDays = 400;

    public async Task<KpiReport> ExecuteAsync(Actor actor, KpiRequest request, CancellationToken ct)
    {
        KpiAccess.CheckPeriod(request.From, request.To, MaxDays);
        var unitId = KpiAccess.Resolve(actor, request.UnitId);
        new Validator()
            .When(unitId is not null && request.By is not (KpiDimension.Centre or KpiDimension.Unit), "by",
                new Text("按单位查看时只能按单位细分。", "A unit's figures break down by unit only."))
            .ThrowIfInvalid();
        var settings = await KpiSettings.ReadAsync(db, ct);
        var asOf = await store.EnsureBuiltAsync(request.From, request.To, ct);

        KpiFigures Of(IReadOnlyDictionary<string, KpiCounts> sums, string key) => KpiFigures.Compute(sums.GetValueOrDefault(key) ?? KpiCounts.Zero, settings);

        KpiFigures total;
        var rows = new List<KpiRow>();
        if (unitId is { } unit)
        {
            var unitRow = await db.Units.AsNoTracking().Where(u => u.Id == unit).Select(u => new { u.Id, u.Path }).SingleOrDefaultAsync(ct)
                ?? throw new NotFoundException(new Text("单位不存在。", "No such unit."));
            var own = KpiKeys.Of(unit);
            if (request.By == KpiDimension.Unit)
            {
                var subtree = await db.Units.AsNoTracking().Where(u => u.Path.StartsWith(unitRow.Path)).Select(u => u.Id).ToListAsync(ct);
                var sums = await store.SumsAsync(request.From, request.To, KpiDimension.Unit, subtree.Select(KpiKeys.Of).ToList(), ct);
                total = Of(sums, own);
                rows = await NamedAsync(KpiDimension.Unit, sums, settings, ct);
            }
            else
            {
                total = Of(await store.SumsAsync(request.From, request.To, KpiDimension.Unit, [own], ct), own);
            }
        }
        else
        {
            total = Of(await store.SumsAsync(request.From, request.To, KpiDimension.Centre, null, ct), "");
            if (request.By != KpiDimension.Centre)
            {
                rows = await NamedAsync(request.By, await store.SumsAsync(request.From, request.To, request.By, null, ct), settings, ct);
            }
        }

        return new KpiReport(request.From, request.To, total, rows) { By = request.By, UnitId = unitId, AsOf = asOf, Settings = settings };
    }

    private async Task<List<KpiRow>> NamedAsync(KpiDimension by, Dictionary<string, KpiCounts> sums, KpiSettings settings, CancellationToken ct)
    {
        var names = await KpiNames.LoadAsync(db, by, sums.Keys, ct);
        return [.. sums.Select(kv => new KpiRow(kv.Key, names.GetValueOrDefault(kv.Key, kv.Key), KpiFigures.Compute(kv.Value, settings)))
            .OrderByDescending(r => r.Figures.Counts.Received).ThenBy(r => r.Name, StringComparer.Ordinal)];
    }
}

/// <summary>The names of dimension keys: unit, category and region names from the trees; channels and demand types in Chinese.</summary>
public static class KpiNames
{
    public static async Task<Dictionary<string, string>> LoadAsync(LianxinDbContext db, KpiDimension by, IEnumerable<string> keys, CancellationToken ct)
    {
        var list = keys.ToList();
        var ids = list.Select(k => Guid.TryParse(k, out var g) ? g : Guid.Empty).Where(g => g != Guid.Empty).ToList();
        return by switch
        {
            KpiDimension.Unit => (await db.Units.AsNoTracking().Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.Name }).ToListAsync(ct))
                .ToDictionary(u => KpiKeys.Of(u.Id), u => u.Name, StringComparer.Ordinal),
            KpiDimension.Category => (await db.Categories.AsNoTracking().Where(c => ids.Contains(c.Id)).Select(c => new { c.Id, c.Name }).ToListAsync(ct))
                .ToDictionary(c => KpiKeys.Of(c.Id), c => c.Name, StringComparer.Ordinal),
            KpiDimension.Region => (await db.Regions.AsNoTracking().Where(r => r.Code != null && list.Contains(r.Code)).Select(r => new { r.Code, r.Name }).ToListAsync(ct))
                .GroupBy(r => r.Code!).ToDictionary(g => g.Key, g => g.First().Name, StringComparer.Ordinal),
            KpiDimension.Channel => Enum.GetValues<Channel>().ToDictionary(KpiKeys.Of, OrderNames.Zh, StringComparer.Ordinal),
            KpiDimension.DemandType => Enum.GetValues<DemandType>().ToDictionary(KpiKeys.Of, OrderNames.Zh, StringComparer.Ordinal),
            _ => new Dictionary<string, string>(StringComparer.Ordinal) { [""] = "中心" },
        };
    }
}

/// <summary>The KPIs of each day of a period (trend charts): the centre's, or one unit's.</summary>
public sealed class GetKpiTrend(LianxinDbContext db, DailyFigureStore store)
{
    public async Task<IReadOnlyList<(DateOnly Day, KpiFigures Figures)>> ExecuteAsync(Actor actor, KpiRequest request, CancellationToken ct)
    {
        KpiAccess.CheckPeriod(request.From, request.To, GetKpis.MaxDays);
        var unitId = KpiAccess.Resolve(actor, request.UnitId);
        var settings = await KpiSettings.ReadAsync(db, ct);
        await store.EnsureBuiltAsync(request.From, request.To, ct);
        var rows = unitId is { } unit
            ? await store.RowsAsync(request.From, request.To, KpiDimension.Unit, [KpiKeys.Of(unit)], ct)
            : await store.RowsAsync(request.From, request.To, KpiDimension.Centre, null, ct);
        var byDay = rows.ToDictionary(r => r.Day, r => r.Counts);
        var series = new List<(DateOnly, KpiFigures)>();
        for (var day = request.From; day <= request.To; day = day.AddDays(1))
        {
            series.Add((day, KpiFigures.Compute(byDay.GetValueOrDefault(day) ?? KpiCounts.Zero, settings)));
        }

        return series;
    }
}
