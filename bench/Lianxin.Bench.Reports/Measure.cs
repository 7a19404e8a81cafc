using System.Diagnostics;
using System.Globalization;
using Lianxin.Bench.Seeding;
using Lianxin.Core.Calendars;
using Lianxin.Core.Common;
using Lianxin.Core.Data;
using Lianxin.Core.Identity;
using Lianxin.Core.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Lianxin.Bench.Reports;

/// <summary>The Core use cases as the app wires them, each call in a fresh DbContext (one request).</summary>
internal sealed class Reports(string connection, DateTime now) : IDisposable
{
    private readonly DbContextOptions<LianxinDbContext> _options = Pg.Options(connection);
    private readonly CentreCalendar _calendar = new(new FixedClock(new DateTimeOffset(now)), Options.Create(new CentreOptions()));
    private readonly KpiDays _days = new();

    public FixedClock Clock { get; } = new(new DateTimeOffset(now));

    public DateOnly Today { get; } = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(now, new CentreOptions().Zone));

    public static readonly Actor Leader = new(Pg.Id(902, 'e'), "中心领导", Role.Supervisor | Role.Admin, null);

    public LianxinDbContext Db() => new(_options);

    public DailyFigureStore Store(LianxinDbContext db) => new(db, _calendar, _days, Clock);

    public GetKpis Kpis(LianxinDbContext db) => new(db, Store(db));

    public GetRanking Ranking(LianxinDbContext db) => new(db, Store(db));

    public void Dispose() => _calendar.Dispose();
}

internal static class Build
{
    /// <summary>Builds every day of the year (and today) once, as the refresher would after a restore; the time of each.</summary>
    public static async Task RunAsync(string connection, DateTime now)
    {
        // The aggregate's tables and the indexes its day ranges walk, added by the app's migrations as on an upgrade.
        var migrate = Stopwatch.StartNew();
        await Pg.MigrateAsync(connection);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"migrations applied to the seeded year (the aggregate's tables and indexes) in {migrate.Elapsed.TotalSeconds:0} s"));
        using var reports = new Reports(connection, now);
        var times = new List<double>();
        var rows = 0;
        var watch = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        for (var day = reports.Today.AddDays(-Seed.Days); day <= reports.Today; day = day.AddDays(1))
        {
            var one = Stopwatch.StartNew();
            await using var db = reports.Db();
            rows += await reports.Store(db).RebuildAsync(day, CancellationToken.None);
            times.Add(one.Elapsed.TotalMilliseconds);
            if (times.Count % 30 == 0)
            {
                Console.Error.WriteLine($"  {times.Count} days built at {watch.Elapsed.TotalSeconds:0} s");
            }
        }

        var used = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
        times.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"daily aggregate: {times.Count} days built in {watch.Elapsed.TotalSeconds:0} s, {rows:N0} rows; per day median {Stats.Pct(times, 50):0} ms, p95 {Stats.Pct(times, 95):0} ms, max {times[^1]:0} ms; app CPU {used / times.Count:0} ms a day"));
    }
}

internal static class Measure
{
    public static async Task RunAsync(string connection, int repetitions, DateTime now)
    {
        using var reports = new Reports(connection, now);
        var today = reports.Today;
        var yearFrom = today.AddDays(-364);
        var monthFrom = today.AddDays(-29);
        var bigUnit = Seed.Unit(0);
        var typicalUnit = Seed.Unit(101);
        var unitActor = new Actor(Pg.Id(903, 'e'), "承办人", Role.Handler, bigUnit);
        var cases = new List<(string Name, string Target, Func<LianxinDbContext, Task<string>> Run)>
        {
            ("the year's KPIs, centre", "< 1 s", async db => Describe(await reports.Kpis(db).ExecuteAsync(Reports.Leader, new KpiRequest(yearFrom, today, null), CancellationToken.None))),
            ("the year's KPIs by unit (200 rows)", "", async db => Describe(await reports.Kpis(db).ExecuteAsync(Reports.Leader, new KpiRequest(yearFrom, today, null, KpiDimension.Unit), CancellationToken.None))),
            ("the year's KPIs by category", "", async db => Describe(await reports.Kpis(db).ExecuteAsync(Reports.Leader, new KpiRequest(yearFrom, today, null, KpiDimension.Category), CancellationToken.None))),
            ("a large unit's month, as the unit", "< 200 ms", async db => Describe(await reports.Kpis(db).ExecuteAsync(unitActor, new KpiRequest(monthFrom, today, bigUnit), CancellationToken.None))),
            ("a typical unit's month, as the centre", "< 200 ms", async db => Describe(await reports.Kpis(db).ExecuteAsync(Reports.Leader, new KpiRequest(monthFrom, today, typicalUnit), CancellationToken.None))),
            ("the month's ranking (200 units)", "", async db => (await reports.Ranking(db).ExecuteAsync(Reports.Leader, monthFrom, today, CancellationToken.None)).Count + " units"),
            ("the year's ranking", "", async db => (await reports.Ranking(db).ExecuteAsync(Reports.Leader, yearFrom, today, CancellationToken.None)).Count + " units"),
        };
        cases.AddRange(Briefing.Cases(reports, connection, now));

        Console.WriteLine("| operation | target | result | median ms | p95 ms | app CPU ms |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var (name, target, run) in cases)
        {
            var result = "";
            for (var i = 0; i < 3; i++)
            {
                await using var db = reports.Db();
                result = await run(db);
            }

            var times = new List<double>();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            for (var i = 0; i < repetitions; i++)
            {
                var watch = Stopwatch.StartNew();
                await using var db = reports.Db();
                await run(db);
                times.Add(watch.Elapsed.TotalMilliseconds);
            }

            var used = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / repetitions;
            times.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {target} | {result} | {Stats.Pct(times, 50):0.0} | {Stats.Pct(times, 95):0.0} | {used:0.0} |"));
        }
    }

    private static string Describe(KpiReport r) => string.Create(CultureInfo.InvariantCulture,
        $"{r.Total.Counts.Received:N0} received, closure {Rate(r.Total.ClosureRate)}, satisfaction {Rate(r.Total.SatisfactionRate)}, answer {Rate(r.Total.AnswerRate)}{(r.Rows.Count > 0 ? $", {r.Rows.Count} rows" : "")}");

    private static string Rate(double? rate) => rate is { } r ? string.Create(CultureInfo.InvariantCulture, $"{r * 100:0.0}%") : "—";
}

internal static class Stats
{
    public static double Pct(List<double> sorted, int p) => sorted[Math.Clamp((int)Math.Ceiling(p / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
}
