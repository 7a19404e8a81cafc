using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Lianxin.Bench.Lists;
using Lianxin.Bench.Seeding;
using Lianxin.Core.Clusters;
using Lianxin.Core.Data;
using Lianxin.Core.Dispatch;
using Lianxin.Core.Identity;
using Lianxin.Core.Organization;
using Lianxin.Core.ReturnVisits;
using Lianxin.Core.Supervision;
using Lianxin.Core.WorkOrders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

// The console's work lists at N orders (docs/benchmarks.md, issue 9; bench/lists.sh).
//   seed <connection> <orders>                 migrate, then load a centre's orders in SQL
//   measure <connection> <repetitions> <plans>  time each list and tab count through the Core query classes
var mode = args.ElementAtOrDefault(0) ?? throw new InvalidOperationException("usage: seed|measure <connection> ...");
var now = DateTime.SpecifyKind(DateTime.Parse("2026-11-23T02:00:00", CultureInfo.InvariantCulture), DateTimeKind.Utc);
switch (mode)
{
    case "seed":
        await Seed.RunAsync(args[1], int.Parse(args[2], CultureInfo.InvariantCulture), now);
        break;
    case "measure":
        await Measure.RunAsync(args[1], int.Parse(args[2], CultureInfo.InvariantCulture), args[3], now);
        break;
    default:
        throw new InvalidOperationException($"unknown mode {mode}");
}

/// <summary>One query as a console page runs it: a fresh scope (DbContext) per call, as ConsoleRunner gives it.</summary>
internal sealed record Query(string Desk, string Name, Func<LianxinDbContext, Task<int>> Run);

internal static class Measure
{
    /// <summary>A query slower than this at p95 gets its plans written out (EXPLAIN ANALYZE, BUFFERS).</summary>
    private const double ExplainAboveMs = 30;

    public static async Task RunAsync(string connection, int repetitions, string plansPath, DateTime now)
    {
        var capture = new Capture();
        var options = new DbContextOptionsBuilder<LianxinDbContext>(Pg.Options(connection)).AddInterceptors(capture).Options;
        var clock = new FixedClock(new DateTimeOffset(now));
        using var refs = new ReferenceData(clock);
        var dispatcher = new Actor(Seed.Dispatcher(0), "派单员", Role.Dispatcher, null);
        var agent = new Actor(Seed.Agent(0), "话务员", Role.Agent, null);
        var supervisor = new Actor(Seed.Supervisor, "督办员", Role.Supervisor, null);
        var bigUnit = Seed.Unit(0);
        var typicalUnit = Seed.Unit(101);
        var handler = new Actor(Pg.Id(9999, 'e'), "承办人", Role.Handler, bigUnit);
        var clusters = new ClusterOptions();

        var queries = new List<Query>();
        void Desk(string desk, IEnumerable<(string Name, Func<LianxinDbContext, Task<int>> Run)> items) =>
            queries.AddRange(items.Select(i => new Query(desk, i.Name, i.Run)));

        Desk("/dispatch", Enum.GetValues<DispatchTab>().SelectMany(tab => new (string, Func<LianxinDbContext, Task<int>>)[]
        {
            ($"count {tab}", db => new DispatchQueues(db).CountAsync(tab, CancellationToken.None)),
            ($"page {tab}", async db => (await new DispatchQueues(db).ListAsync(tab, now, 0, CancellationToken.None)).Count),
        }).Append(("page 20 Review", async db => (await new DispatchQueues(db).ListAsync(DispatchTab.Review, now, 20, CancellationToken.None)).Count)));
        foreach (var (label, unit) in new[] { ("/unit (a large unit)", bigUnit), ("/unit (a typical unit)", typicalUnit) })
        {
            Desk(label, Enum.GetValues<UnitTab>().SelectMany(tab => new (string, Func<LianxinDbContext, Task<int>>)[]
            {
                ($"count {tab}", db => new UnitQueues(db).CountAsync(unit, tab, CancellationToken.None)),
                ($"page {tab}", async db => (await new UnitQueues(db).ListAsync(unit, tab, now, 0, CancellationToken.None)).Count),
            }));
        }

        Desk("/visits", Enum.GetValues<VisitTab>().SelectMany(tab => new (string, Func<LianxinDbContext, Task<int>>)[]
        {
            ($"count {tab}", db => new VisitQueue(db).CountAsync(tab, now, CancellationToken.None)),
            ($"page {tab}", async db => (await new VisitQueue(db).ListAsync(tab, now, 0, CancellationToken.None)).Count),
        }));
        Desk("/supervision", new (string, Func<LianxinDbContext, Task<int>>)[]
        {
            ("lateness by unit", async db => (await new SupervisionQueues(db).ByUnitAsync(now, CancellationToken.None)).Count),
            ("clusters", async db => (await new FindClusters(db, refs, clock).ExecuteAsync(clusters.WindowHours, clusters.MinPhones, supervisor, CancellationToken.None)).Items.Count),
        }.Concat(Enum.GetValues<SupervisionTab>().SelectMany(tab => new (string, Func<LianxinDbContext, Task<int>>)[]
        {
            ($"count {tab}", db => new SupervisionQueues(db).CountAsync(tab, now, null, CancellationToken.None)),
            ($"page {tab}", async db => (await new SupervisionQueues(db).ListAsync(tab, now, null, 0, CancellationToken.None)).Count),
            ($"count {tab}, one unit", db => new SupervisionQueues(db).CountAsync(tab, now, bigUnit, CancellationToken.None)),
            ($"page {tab}, one unit", async db => (await new SupervisionQueues(db).ListAsync(tab, now, bigUnit, 0, CancellationToken.None)).Count),
        })));
        Desk("/orders", new (string, Func<LianxinDbContext, Task<int>>)[]
        {
            ("newest 50, centre", async db => (await new ListWorkOrders(db, refs).ExecuteAsync(new WorkOrderFilter(), dispatcher, 50, null, CancellationToken.None)).Items.Count),
            ("newest 50, a large unit's handler", async db => (await new ListWorkOrders(db, refs).ExecuteAsync(new WorkOrderFilter(), handler, 50, null, CancellationToken.None)).Items.Count),
            ("status InProgress", async db => (await new ListWorkOrders(db, refs).ExecuteAsync(new WorkOrderFilter(Status: WorkOrderStatus.InProgress), dispatcher, 50, null, CancellationToken.None)).Items.Count),
            ("超期 filter", async db => (await new ListWorkOrders(db, refs).ExecuteAsync(new WorkOrderFilter(Deadline: DeadlineFilter.Overdue, NowUtc: now), dispatcher, 50, null, CancellationToken.None)).Items.Count),
            ("page 2 (cursor)", async db =>
            {
                var list = new ListWorkOrders(db, refs);
                var first = await list.ExecuteAsync(new WorkOrderFilter(), dispatcher, 50, null, CancellationToken.None);
                return (await list.ExecuteAsync(new WorkOrderFilter(), dispatcher, 50, first.NextCursor, CancellationToken.None)).Items.Count;
            }),
        });
        Desk("/my", new (string, Func<LianxinDbContext, Task<int>>)[]
        {
            ("open, a call-taker", async db => (await new ListMyWorkOrders(db, refs).ExecuteAsync(agent, true, CancellationToken.None)).Count),
            ("all, a call-taker", async db => (await new ListMyWorkOrders(db, refs).ExecuteAsync(agent, false, CancellationToken.None)).Count),
            ("open, a dispatcher", async db => (await new ListMyWorkOrders(db, refs).ExecuteAsync(dispatcher, true, CancellationToken.None)).Count),
        });

        // Warm: the reference data cached, every query compiled by EF and by the JIT's optimising tier.
        for (var i = 0; i < 5; i++)
        {
            foreach (var q in queries)
            {
                await RunAsync(options, q);
            }
        }

        await Task.Delay(1000);
        var plans = new StringBuilder();
        Console.WriteLine("| desk | query | rows | median ms | p95 ms | app CPU ms |");
        Console.WriteLine("|---|---|---|---|---|---|");
        var results = new Dictionary<Query, (double Median, double P95)>();
        foreach (var q in queries)
        {
            var (times, cpu, rows) = await TimeAsync(() => RunAsync(options, q), repetitions);
            results[q] = (Stats.P(times, 0.5), Stats.P(times, 0.95));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {q.Desk} | {q.Name} | {rows} | {Stats.P(times, 0.5):0.0} | {Stats.P(times, 0.95):0.0} | {cpu:0.0} |"));
            if (Stats.P(times, 0.95) > ExplainAboveMs)
            {
                capture.Commands.Clear();
                await RunAsync(options, q);
                plans.AppendLine(CultureInfo.InvariantCulture, $"### {q.Desk}: {q.Name}");
                foreach (var command in capture.Commands.ToList())
                {
                    plans.AppendLine(await ExplainAsync(connection, command));
                }
            }
        }

        // A desk as it opens: every tab's count, then the first tab's page (DeskView.ReloadAsync), each in its own scope.
        Console.WriteLine();
        Console.WriteLine("| desk as opened (all tab counts + first tab's page) | queries | median ms | p95 ms | app CPU ms |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (var desk in queries.GroupBy(q => q.Desk).Where(g => g.Any(q => q.Name.StartsWith("count ", StringComparison.Ordinal))))
        {
            var opening = desk.Where(q => q.Name.StartsWith("count ", StringComparison.Ordinal) && !q.Name.Contains("one unit", StringComparison.Ordinal)).ToList();
            opening.Add(desk.First(q => q.Name.StartsWith("page ", StringComparison.Ordinal)));
            if (desk.Key == "/supervision")
            {
                opening.InsertRange(0, desk.Where(q => !q.Name.StartsWith("count ", StringComparison.Ordinal) && !q.Name.StartsWith("page ", StringComparison.Ordinal)));
            }

            var (times, cpu, _) = await TimeAsync(async () =>
            {
                var n = 0;
                foreach (var q in opening)
                {
                    n += await RunAsync(options, q);
                }

                return n;
            }, repetitions);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {desk.Key} | {opening.Count} | {Stats.P(times, 0.5):0.0} | {Stats.P(times, 0.95):0.0} | {cpu:0.0} |"));
        }

        await File.WriteAllTextAsync(plansPath, plans.Length == 0 ? $"No query took over {ExplainAboveMs} ms at p95.\n" : plans.ToString());
    }

    private static async Task<int> RunAsync(DbContextOptions<LianxinDbContext> options, Query q)
    {
        await using var db = new LianxinDbContext(options);
        return await q.Run(db);
    }

    private static async Task<(List<double> Times, double CpuMs, int Rows)> TimeAsync(Func<Task<int>> run, int repetitions)
    {
        var times = new List<double>(repetitions);
        var rows = 0;
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpuBefore = process.TotalProcessorTime;
        for (var i = 0; i < repetitions; i++)
        {
            var watch = Stopwatch.StartNew();
            rows = await run();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds / repetitions;
        times.Sort();
        return (times, cpu, rows);
    }

    private static async Task<string> ExplainAsync(string connection, (string Text, NpgsqlParameter[] Parameters) command)
    {
        await using var c = new NpgsqlConnection(connection);
        await c.OpenAsync();
        await using var explain = new NpgsqlCommand("EXPLAIN (ANALYZE, BUFFERS) " + command.Text, c);
        explain.Parameters.AddRange(command.Parameters.Select(p => p.Clone()).ToArray());
        var lines = new StringBuilder();
        lines.AppendLine("```");
        lines.AppendLine(command.Text);
        foreach (var p in command.Parameters)
        {
            lines.AppendLine(CultureInfo.InvariantCulture, $"-- {p.ParameterName} = {FormatValue(p.Value)}");
        }

        await using var reader = await explain.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.AppendLine(reader.GetString(0));
        }

        lines.AppendLine("```");
        return lines.ToString();
    }

    private static string FormatValue(object? value) => value switch
    {
        DateTime d => d.ToString("O", CultureInfo.InvariantCulture),
        Array a => "[" + string.Join(", ", a.Cast<object>().Select(FormatValue)) + "]",
        null => "NULL",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}

/// <summary>The SQL a query sent, with its parameters, so a slow one can be explained exactly as it ran.</summary>
internal sealed class Capture : DbCommandInterceptor
{
    public List<(string Text, NpgsqlParameter[] Parameters)> Commands { get; } = [];

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
    }

    private void Record(DbCommand command)
    {
        lock (Commands)
        {
            if (Commands.Count < 50)
            {
                Commands.Add((command.CommandText, command.Parameters.Cast<NpgsqlParameter>().Select(p => p.Clone()).ToArray()));
            }
        }
    }
}

internal static class Stats
{
    public static double P(List<double> sorted, double p) => sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, Math.Max(0, (int)Math.Ceiling(p * sorted.Count) - 1))];
}
