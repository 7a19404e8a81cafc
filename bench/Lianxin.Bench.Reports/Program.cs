using System.Globalization;
using Lianxin.Bench.Reports;

// The figures leaders read at a big city's volume (docs/benchmarks.md, issue 11; bench/reports.sh).
//   seed <connection> <orders> <calls a day>   migrate, then load a year of orders, visits and calls in SQL
//   build <connection>                          build the daily aggregate for every day of the year, timed per day
//   measure <connection> <repetitions>          the year's KPIs, a unit's month, the ranking, the daily briefing
var mode = args.ElementAtOrDefault(0) ?? throw new InvalidOperationException("usage: seed|build|measure <connection> ...");
var now = DateTime.SpecifyKind(DateTime.Parse("2026-11-30T02:00:00", CultureInfo.InvariantCulture), DateTimeKind.Utc);
switch (mode)
{
    case "seed":
        await Seed.RunAsync(args[1], int.Parse(args[2], CultureInfo.InvariantCulture), int.Parse(args[3], CultureInfo.InvariantCulture), now);
        break;
    case "build":
        await Build.RunAsync(args[1], now);
        break;
    case "measure":
        await Measure.RunAsync(args[1], int.Parse(args[2], CultureInfo.InvariantCulture), now);
        break;
    default:
        throw new InvalidOperationException($"unknown mode {mode}");
}
