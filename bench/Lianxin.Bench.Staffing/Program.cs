// Staffing maths timings (docs/benchmarks.md): Erlang C and Erlang A finding the agents for one interval,
// from 10 to 50,000 Erlangs. Each case runs warm, many times; reports the median wall time and the
// process CPU per call. The reference, measured in the same run, is a fixed piece of floating-point work
// (10,000,000 logarithms) so results can be compared across days on a machine whose speed varies.
using System.Diagnostics;
using System.Globalization;
using Lianxin.Core.Staffing;

var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20;
var process = Process.GetCurrentProcess();

double Reference()
{
    var sum = 0.0;
    for (var i = 1; i <= 10_000_000; i++)
    {
        sum += Math.Log(i);
    }

    return sum;
}

(double WallMs, double CpuMs) Time(Action action, int count)
{
    action(); // warm
    var walls = new List<double>();
    process.Refresh();
    var cpu0 = process.TotalProcessorTime;
    for (var i = 0; i < count; i++)
    {
        var sw = Stopwatch.StartNew();
        action();
        walls.Add(sw.Elapsed.TotalMilliseconds);
    }

    process.Refresh();
    walls.Sort();
    return (walls[walls.Count / 2], (process.TotalProcessorTime - cpu0).TotalMilliseconds / count);
}

var reference = Time(() => Reference(), 5);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"reference: 10,000,000 logarithms {reference.WallMs:0.0} ms median wall, {reference.CpuMs:0.0} ms CPU"));
Console.WriteLine("| Erlangs | calls / 30 min | model | agents | wall ms (median) | CPU ms | ÷ reference |");
Console.WriteLine("|---:|---:|---|---:|---:|---:|---:|");
foreach (var erlangs in new[] { 10, 100, 1_000, 10_000, 50_000 })
{
    // 180 s handling, 300 s patience, 80 % within 20 s, at most 5 % hang up; no occupancy cap so the queue decides.
    var request = new StaffingRequest(erlangs * 10, 30, 180, 20, 0.8, PatienceSeconds: 300, MaxAbandonment: 0.05);
    var c = ErlangC.Required(request);
    var a = ErlangA.Required(request);
    var count = erlangs >= 10_000 ? Math.Max(5, runs / 2) : runs;
    var tc = Time(() => ErlangC.Required(request), count);
    var ta = Time(() => ErlangA.Required(request), count);
    foreach (var (model, agents, t) in new[] { ("Erlang C", c.Agents, tc), ("Erlang A", a.Agents, ta) })
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {erlangs:N0} | {erlangs * 10:N0} | {model} | {agents:N0} | {t.WallMs:0.00} | {t.CpuMs:0.00} | {t.CpuMs / reference.CpuMs:0.000} |"));
    }
}
