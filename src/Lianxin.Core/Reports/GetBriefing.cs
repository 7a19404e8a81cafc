using System.Text.Json;
using Lianxin.Core.Clusters;
using Lianxin.Core.Common;
using Lianxin.Core.Data;
using Lianxin.Core.Identity;
using Lianxin.Core.Organization;
using Lianxin.Core.Supervision;
using Lianxin.Core.WorkOrders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Options;

namespace Lianxin.Core.Reports;

/// <summary>A day's briefing as generated (table <c>briefings</c>): kept so leaders open it at once; rebuilt on demand.</summary>
public sealed class StoredBriefing
{
    public DateOnly Day { get; set; }

    public DateTime GeneratedAt { get; set; }

    /// <summary>The <see cref="BriefingReport"/> as JSON.</summary>
    public string Json { get; set; } = "";
}

internal sealed class StoredBriefingConfiguration : IEntityTypeConfiguration<StoredBriefing>
{
    public void Configure(EntityTypeBuilder<StoredBriefing> b)
    {
        b.ToTable("briefings");
        b.HasKey(s => s.Day);
    }
}

/// <summary>Who reads briefings and monthly reports: the centre's supervisors, dispatchers and admins (the leaders' seats).</summary>
public static class BriefingAccess
{
    public const Role Readers = Role.Supervisor | Role.Dispatcher | Role.Admin;

    public static void Require(Actor actor) => actor.Require(Readers, new Text("查看日报", "read the briefing"));
}

/// <summary>
/// 日报: the briefing of one local day. A closed day's briefing is read from the one the morning job stored (or built
/// and stored now); today's is built live and not stored, since the day is not over. <c>refresh</c> rebuilds a stored one.
/// </summary>
public sealed class GetBriefing(LianxinDbContext db, BriefingBuilder builder, DailyFigureStore store, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<BriefingReport> ExecuteAsync(Actor actor, DateOnly day, bool refresh, CancellationToken ct)
    {
        BriefingAccess.Require(actor);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(clock.GetUtcNow().UtcDateTime, await store.ZoneAsync(ct)));
        new Validator()
            .When(day > today, "date", new Text("不能查看未来日期的日报。", "There is no briefing of a future day."))
            .When(day < today.AddYears(-5), "date", new Text("只能查看近五年的日报。", "Briefings go back five years."))
            .ThrowIfInvalid();
        if (day == today)
        {
            return await builder.BuildAsync(day, day, ct);
        }

        if (!refresh && await ReadAsync(day, ct) is { } stored)
        {
            return stored;
        }

        return await GenerateAsync(day, ct);
    }

    /// <summary>Builds the day's briefing and stores it over any earlier one (the morning job, and refreshes).</summary>
    public async Task<BriefingReport> GenerateAsync(DateOnly day, CancellationToken ct)
    {
        var report = await builder.BuildAsync(day, day, ct);
        var json = JsonSerializer.Serialize(report, Json);
        var row = await db.Set<StoredBriefing>().SingleOrDefaultAsync(b => b.Day == day, ct);
        if (row is null)
        {
            db.Set<StoredBriefing>().Add(new StoredBriefing { Day = day, GeneratedAt = report.GeneratedAt, Json = json });
        }
        else
        {
            row.GeneratedAt = report.GeneratedAt;
            row.Json = json;
        }

        await db.SaveChangesAsync(ct);
        return report;
    }

    public async Task<bool> IsStoredAsync(DateOnly day, CancellationToken ct) =>
        await db.Set<StoredBriefing>().AsNoTracking().AnyAsync(b => b.Day == day, ct);

    private async Task<BriefingReport?> ReadAsync(DateOnly day, CancellationToken ct)
    {
        var json = await db.Set<StoredBriefing>().AsNoTracking().Where(b => b.Day == day).Select(b => b.Json).SingleOrDefaultAsync(ct);
        return json is null ? null : JsonSerializer.Deserialize<BriefingReport>(json, Json);
    }
}

/// <summary>月报: the report of one calendar month, in the briefing's form (built on demand from the daily figures).</summary>
public sealed class GetMonthlyReport(BriefingBuilder builder, DailyFigureStore store, TimeProvider clock)
{
    public async Task<BriefingReport> ExecuteAsync(Actor actor, int year, int month, CancellationToken ct)
    {
        BriefingAccess.Require(actor);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(clock.GetUtcNow().UtcDateTime, await store.ZoneAsync(ct)));
        var v = new Validator().When(month is < 1 or > 12 || year is < 2000 or > 9999, "month", new Text("应为 yyyy-MM 月份。", "Must be a yyyy-MM month."));
        v.ThrowIfInvalid();
        var from = new DateOnly(year, month, 1);
        new Validator()
            .When(from > today, "month", new Text("不能查看未来月份的月报。", "There is no report of a future month."))
            .When(from < today.AddYears(-5), "month", new Text("只能查看近五年的月报。", "Monthly reports go back five years."))
            .ThrowIfInvalid();
        return await builder.BuildAsync(from, from.AddMonths(1).AddDays(-1), ct);
    }
}

/// <summary>
/// Builds a briefing of a period. The volumes and KPIs are sums of the daily aggregate (GetKpis, GetKpiTrend: never a
/// scan of the period's orders); only the short lists read orders: hot spots (counted per region and category first,
/// then the cluster rule over the few groups that can make the top), the most repeated and most urgent (top 10 by
/// index), and the lateness by unit (the supervision desk's query, at the end of the period or now if earlier).
/// </summary>
public sealed class BriefingBuilder(
    LianxinDbContext db, GetKpis kpis, GetKpiTrend trend, ReferenceData refs, SupervisionQueues supervision,
    IOptions<ClusterOptions> clusters, DailyFigureStore store, TimeProvider clock)
{
    public const int TopCount = 10;

    /// <summary>The briefing's own reading rights: the system itself (the morning job) reads everything.</summary>
    private static readonly Actor System = new(Guid.Empty, "日报", Role.Supervisor, null);

    public async Task<BriefingReport> BuildAsync(DateOnly from, DateOnly to, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var zone = await store.ZoneAsync(ct);
        var (start, end) = DayFigureSources.Range(from, to, zone);
        var snapshot = await refs.GetAsync(db, ct);
        var daily = from == to;

        // The period before, to compare with: the 7 days before a day, the month before a month (per period).
        var (prevFrom, periods) = daily ? (from.AddDays(-7), 7.0) : (from.AddMonths(-1), 1.0);
        var prevTo = from.AddDays(-1);

        var total = await kpis.ExecuteAsync(System, new KpiRequest(from, to, null), ct);
        var byChannel = await kpis.ExecuteAsync(System, new KpiRequest(from, to, null, KpiDimension.Channel), ct);
        var byDemand = await kpis.ExecuteAsync(System, new KpiRequest(from, to, null, KpiDimension.DemandType), ct);
        var byCategory = await kpis.ExecuteAsync(System, new KpiRequest(from, to, null, KpiDimension.Category), ct);
        var byRegion = await kpis.ExecuteAsync(System, new KpiRequest(from, to, null, KpiDimension.Region), ct);
        var before = await kpis.ExecuteAsync(System, new KpiRequest(prevFrom, prevTo, null, KpiDimension.Category), ct);
        // The days so far: a month's report of the running month stops at today.
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(now, zone));
        var days = await trend.ExecuteAsync(System, new KpiRequest(daily ? prevFrom : from, to < today ? to : today, null), ct);

        var categories = TopLevel(byCategory.Rows, snapshot);
        var previous = TopLevel(before.Rows, snapshot).ToDictionary(c => c.Key, c => c.Count, StringComparer.Ordinal);
        var topics = categories.Take(TopCount).Select(c =>
        {
            var mean = previous.GetValueOrDefault(c.Key) / periods;
            return new BriefingTopic(c.Key, c.Name, c.Count, Math.Round(mean, 2), mean > 0 ? (c.Count - mean) / mean : null);
        }).ToList();

        return new BriefingReport(
            from, to, now, ReportFigures.From(total.Total),
            Counts(byChannel.Rows), Counts(byDemand.Rows), categories, Counts(byRegion.Rows), topics,
            await HotSpotsAsync(start, end, snapshot, ct),
            await OverdueAsync(end < now ? end : now, snapshot, ct),
            await MostRepeatedAsync(start, end, ct),
            await MostUrgentAsync(start, end, ct),
            [.. days.Select(d => new BriefingDay(d.Day, d.Figures.Counts.Received, d.Figures.Counts.Closed, d.Figures.SatisfactionRate))]);
    }

    private static List<BriefingCount> Counts(IReadOnlyList<KpiRow> rows) =>
        [.. rows.Where(r => r.Figures.Counts.Received > 0).Select(r => new BriefingCount(r.Key, r.Name, r.Figures.Counts.Received))
            .OrderByDescending(c => c.Count).ThenBy(c => c.Name, StringComparer.Ordinal)];

    /// <summary>Category rows summed up to their top-level category (the key is the top-level id).</summary>
    private static List<BriefingCount> TopLevel(IReadOnlyList<KpiRow> rows, ReferenceSnapshot snapshot) =>
        [.. rows.Where(r => r.Figures.Counts.Received > 0)
            .Select(r => (Row: r, Top: Guid.TryParse(r.Key, out var id) && snapshot.Categories.Find(id) is { } c ? ClusterRule.AncestorAt(snapshot.Categories, c, 0) : null))
            .GroupBy(x => x.Top is { } t ? KpiKeys.Of(t.Id) : x.Row.Key, StringComparer.Ordinal)
            .Select(g => new BriefingCount(g.Key, g.First().Top?.Name ?? g.First().Row.Name, g.Sum(x => x.Row.Figures.Counts.Received)))
            .OrderByDescending(c => c.Count).ThenBy(c => c.Name, StringComparer.Ordinal)];

    /// <summary>
    /// 热点: the cluster rule (ClusterRule: many phones about one street and one matter) over the period's orders, a day's
    /// or a month's, without loading them all. The orders are first counted in the database per (region, category)
    /// with their distinct phones; a (place, matter) group has at most the sum of its parts' phones. The ten groups with
    /// the largest bounds are loaded in one query, then, in one more, every other group whose bound still reaches the
    /// tenth's exact phones (rarely any: phones seldom repeat across communities).
    /// </summary>
    private async Task<List<BriefingHotSpot>> HotSpotsAsync(DateTime start, DateTime end, ReferenceSnapshot snapshot, CancellationToken ct)
    {
        var minPhones = clusters.Value.MinPhones;
        (string Place, Guid Matter)? Group(string regionCode, Guid categoryId) =>
            snapshot.Regions.FindByCode(regionCode) is { } region && snapshot.Categories.Find(categoryId) is { } category
                ? (ClusterRule.AncestorAt(snapshot.Regions, region, depth: 1).Code!, ClusterRule.AncestorAt(snapshot.Categories, category, depth: 1).Id)
                : null;

        var parts = await db.WorkOrders.AsNoTracking()
            .Where(o => o.CreatedAt >= start && o.CreatedAt < end && o.RegionCode != null)
            .GroupBy(o => new { o.RegionCode, o.CategoryId, o.Requester.Phone })
            .Select(g => g.Key)
            .GroupBy(k => new { k.RegionCode, k.CategoryId })
            .Select(g => new { g.Key.RegionCode, g.Key.CategoryId, Phones = g.Count() })
            .ToListAsync(ct);
        var groups = parts
            .Select(p => (Part: p, Group: Group(p.RegionCode!, p.CategoryId)))
            .Where(p => p.Group is not null)
            .GroupBy(p => p.Group!.Value)
            .Select(g => (g.Key, Bound: g.Sum(p => p.Part.Phones),
                Regions: g.Select(p => p.Part.RegionCode!).Distinct(StringComparer.Ordinal).ToList(), Categories: g.Select(p => p.Part.CategoryId).Distinct().ToList()))
            .Where(g => g.Bound >= minPhones)
            .OrderByDescending(g => g.Bound)
            .ToList();

        var orders = new List<ClusterOrder>();
        var phones = new List<int>(); // the exact phones of each group loaded
        var next = 0;
        while (next < groups.Count)
        {
            var enough = phones.Count >= TopCount;
            var tenth = enough ? phones.OrderDescending().ElementAt(TopCount - 1) : 0;
            var batch = groups.Skip(next).TakeWhile((g, i) => enough ? g.Bound >= tenth : i < TopCount).ToList();
            if (batch.Count == 0)
            {
                break;
            }

            next += batch.Count;
            var wanted = batch.Select(g => g.Key).ToHashSet();
            var regions = batch.SelectMany(g => g.Regions).Distinct(StringComparer.Ordinal).ToList();
            var categories = batch.SelectMany(g => g.Categories).Distinct().ToList();
            var rows = await db.WorkOrders.AsNoTracking()
                .Where(o => o.CreatedAt >= start && o.CreatedAt < end && regions.Contains(o.RegionCode!) && categories.Contains(o.CategoryId))
                .Select(o => new { o.Id, o.Number, o.CreatedAt, o.Requester.Phone, o.RegionCode, o.CategoryId })
                .ToListAsync(ct);
            foreach (var g in rows.Select(r => (Row: r, Group: Group(r.RegionCode!, r.CategoryId)))
                .Where(r => r.Group is { } k && wanted.Contains(k))
                .GroupBy(r => r.Group!.Value))
            {
                orders.AddRange(g.Select(r => new ClusterOrder(r.Row.Id, r.Row.Number, r.Row.CreatedAt, r.Row.Phone, g.Key.Place, g.Key.Matter)));
                phones.Add(g.Select(r => r.Row.Phone).Distinct(StringComparer.Ordinal).Count());
            }
        }

        return [.. ClusterRule.Find(orders, minPhones, TopCount).Take(TopCount).Select(c => new BriefingHotSpot(
            c.PlaceCode,
            snapshot.Regions.FindByCode(c.PlaceCode) is { } p ? snapshot.Regions.PathName(p) : c.PlaceCode,
            c.MatterId,
            snapshot.Categories.Find(c.MatterId) is { } m ? snapshot.Categories.PathName(m) : "",
            c.Phones, c.Orders, c.Numbers))];
    }

    private async Task<List<BriefingOverdue>> OverdueAsync(DateTime at, ReferenceSnapshot snapshot, CancellationToken ct) =>
        [.. (await supervision.ByUnitAsync(at, ct))
            .Where(u => u.Overdue > 0 || u.Approaching > 0)
            .Select(u => new BriefingOverdue(u.UnitId, u.UnitId is { } id ? snapshot.Units.Find(id)?.Name ?? "" : "（未派单）", u.Overdue, u.Approaching))
            .Take(20)];

    /// <summary>The orders with the most repeat calls registered in the period.</summary>
    private async Task<List<BriefingOrder>> MostRepeatedAsync(DateTime start, DateTime end, CancellationToken ct)
    {
        var counts = await db.WorkOrders.AsNoTracking()
            .Where(o => o.CreatedAt >= start && o.CreatedAt < end && o.RepeatOfId != null)
            .GroupBy(o => o.RepeatOfId!.Value)
            .Select(g => new { Id = g.Key, Count = g.Count() })
            .OrderByDescending(x => x.Count).ThenBy(x => x.Id)
            .Take(TopCount)
            .ToListAsync(ct);
        var ids = counts.Select(c => c.Id).ToList();
        var orders = await db.WorkOrders.AsNoTracking().Where(o => ids.Contains(o.Id))
            .Select(o => new { o.Id, o.Number, o.Title, o.Urgency, o.Status, o.CreatedAt })
            .ToDictionaryAsync(o => o.Id, ct);
        return [.. counts.Where(c => orders.ContainsKey(c.Id)).Select(c =>
        {
            var o = orders[c.Id];
            return new BriefingOrder(o.Id, o.Number, o.Title, o.Urgency, o.Status, o.CreatedAt, c.Count);
        })];
    }

    /// <summary>特急 then 紧急 orders registered in the period, the earliest first.</summary>
    private async Task<List<BriefingOrder>> MostUrgentAsync(DateTime start, DateTime end, CancellationToken ct)
    {
        var list = new List<BriefingOrder>();
        foreach (var urgency in new[] { Urgency.Critical, Urgency.Urgent })
        {
            if (list.Count >= TopCount)
            {
                break;
            }

            list.AddRange(await db.WorkOrders.AsNoTracking()
                .Where(o => o.CreatedAt >= start && o.CreatedAt < end && o.Urgency == urgency && o.RepeatOfId == null)
                .OrderBy(o => o.CreatedAt).ThenBy(o => o.Number)
                .Take(TopCount - list.Count)
                .Select(o => new BriefingOrder(o.Id, o.Number, o.Title, o.Urgency, o.Status, o.CreatedAt, 0))
                .ToListAsync(ct));
        }

        return list;
    }
}
