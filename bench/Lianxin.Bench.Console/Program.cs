// Console memory per signed-in user (issue 9): opens N staff consoles (one browser context each, so one Blazor
// circuit each) on a desk page of a running app, and measures the app's live managed heap (dotnet-gcdump, which
// forces a full collection) and resident set before and after; then the time each page took to become interactive.
//   dotnet run -c Release --project bench/Lianxin.Bench.Console -- --url http://127.0.0.1:5081 --app-pid 1234 --users 200
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

var options = Options.Parse(args);
var inv = CultureInfo.InvariantCulture;

using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
{
    ExecutablePath = options.Chromium,
    Headless = true,
    Args = ["--no-sandbox", "--disable-gpu", "--renderer-process-limit=8", "--disable-background-timer-throttling", "--disable-renderer-backgrounding"],
});

// Sign in once; every console reuses the cookie in a context of its own (its own circuit).
var login = await browser.NewContextAsync(new BrowserNewContextOptions { Locale = "zh-CN" });
var loginPage = await login.NewPageAsync();
await loginPage.GotoAsync(options.Url + "/login");
await loginPage.FillAsync("#username", options.User);
await loginPage.FillAsync("#password", options.Password);
await loginPage.ClickAsync("#sign-in");
await loginPage.WaitForURLAsync(u => !u.Contains("/login", StringComparison.Ordinal));
var state = await login.StorageStateAsync();
await login.CloseAsync();

async Task<(IBrowserContext Context, double Ms)> OpenAsync()
{
    var context = await browser.NewContextAsync(new BrowserNewContextOptions
    {
        StorageState = state,
        Locale = "zh-CN",
        ViewportSize = new ViewportSize { Width = 1366, Height = 768 },
    });
    var page = await context.NewPageAsync();
    var watch = Stopwatch.StartNew();
    await page.GotoAsync(options.Url + options.Path);
    await page.WaitForSelectorAsync(options.ReadySelector, new PageWaitForSelectorOptions { Timeout = 120_000 });
    return (context, watch.Elapsed.TotalMilliseconds);
}

// Warm up: JIT, caches, the first circuit's one-time costs.
for (var i = 0; i < 3; i++)
{
    var (c, _) = await OpenAsync();
    await c.CloseAsync();
}

await Task.Delay(3000);
var before = Measure(options.AppPid, options.GcDump);
Console.Error.WriteLine($"before: heap {before.HeapMb:0.0} MB, RSS {before.RssMb:0.0} MB");

var open = new List<IBrowserContext>();
var times = new List<double>();
for (var i = 0; i < options.Users; i += options.Parallel)
{
    var batch = await Task.WhenAll(Enumerable.Range(0, Math.Min(options.Parallel, options.Users - i)).Select(_ => OpenAsync()));
    open.AddRange(batch.Select(b => b.Context));
    times.AddRange(batch.Select(b => b.Ms));
    Console.Error.Write($"\r{open.Count} consoles open");
}

Console.Error.WriteLine();
await Task.Delay(5000);
var after = Measure(options.AppPid, options.GcDump);
Console.Error.WriteLine($"after: heap {after.HeapMb:0.0} MB, RSS {after.RssMb:0.0} MB");

foreach (var c in open)
{
    await c.CloseAsync();
}

times.Sort();
double P(double q) => times[Math.Min(times.Count - 1, (int)Math.Ceiling(q * times.Count) - 1)];
var heapPerUser = (after.HeapMb - before.HeapMb) * 1024 / options.Users;
var rssPerUser = (after.RssMb - before.RssMb) * 1024 / options.Users;
Console.WriteLine("| page | consoles | live heap before MB | live heap after MB | heap per console KB | RSS before MB | RSS after MB | RSS per console KB | open→interactive p50 ms | p95 ms |");
Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
Console.WriteLine(string.Create(inv, $"| {options.Path} | {options.Users} | {before.HeapMb:0.0} | {after.HeapMb:0.0} | {heapPerUser:0} | {before.RssMb:0} | {after.RssMb:0} | {rssPerUser:0} | {P(0.5):0} | {P(0.95):0} |"));

static (double HeapMb, double RssMb) Measure(int pid, string gcdump)
{
    // dotnet-gcdump forces a full, compacting collection and reports the live objects' total size.
    var file = Path.Combine(Path.GetTempPath(), $"lianxin-console-{Guid.NewGuid():N}.gcdump");
    Run(gcdump, $"collect -p {pid} -o {file}");
    var report = Run(gcdump, $"report {file}");
    File.Delete(file);
    var total = Regex.Matches(report, @"^\s*([\d,]+)\s+GC Heap bytes", RegexOptions.Multiline);
    double heap;
    if (total.Count > 0)
    {
        heap = double.Parse(total[0].Groups[1].Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture) / 1048576;
    }
    else
    {
        // Fall back to summing the report's per-type sizes (first column).
        heap = Regex.Matches(report, @"^\s*([\d,]+)\s+[\d,]+\s+", RegexOptions.Multiline)
            .Sum(m => double.Parse(m.Groups[1].Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture)) / 1048576;
    }

    var rss = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
    var kb = double.Parse(Regex.Match(rss, @"\d+").Value, CultureInfo.InvariantCulture);
    return (heap, kb / 1024);
}

static string Run(string file, string arguments)
{
    using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
    var output = process.StandardOutput.ReadToEnd();
    process.WaitForExit();
    if (process.ExitCode != 0)
    {
        throw new InvalidOperationException($"{file} {arguments} failed: {process.StandardError.ReadToEnd()}");
    }

    return output;
}

internal sealed record Options(string Url, int AppPid, int Users, int Parallel, string User, string Password, string Path, string ReadySelector, string Chromium, string GcDump)
{
    public static Options Parse(string[] args)
    {
        string Get(string name, string fallback)
        {
            var i = Array.IndexOf(args, "--" + name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }

        return new Options(
            Get("url", "http://127.0.0.1:5081"),
            int.Parse(Get("app-pid", "0"), CultureInfo.InvariantCulture),
            int.Parse(Get("users", "200"), CultureInfo.InvariantCulture),
            int.Parse(Get("parallel", "4"), CultureInfo.InvariantCulture),
            Get("user", "water"),
            Get("password", "lianxin-demo"),
            Get("path", "/unit"),
            Get("ready", "[data-desk] tbody tr"),
            Get("chromium", "/usr/bin/chromium"),
            Get("gcdump", "dotnet-gcdump"));
    }
}
