// Console page timings with the demo centre (docs/benchmarks.md, issue 9; bench/pages.sh): each console page opened
// in headless Chromium as its user would open it (a fresh load, so a new Blazor circuit), timed from navigation to
// the page's data on screen; beside it the server's own time for the page's reads and actions, from the app's
// Debug log of ConsoleRunner ("Console X took N ms").
//   dotnet bench/Lianxin.Bench.Pages/bin/Release/net10.0/Lianxin.Bench.Pages.dll --url http://127.0.0.1:5082 --log app.log --reps 10
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

var url = Arg("url", "http://127.0.0.1:5082");
var log = Arg("log", "");
var reps = int.Parse(Arg("reps", "10"), CultureInfo.InvariantCulture);
var inv = CultureInfo.InvariantCulture;

// (user, path, what shows the page's data); "{order}" is an order the dispatcher's list shows.
(string User, string Path, string Ready)[] pages =
[
    ("agent", "/intake", "#phone"),
    ("agent", "/my", "#my-orders tbody tr"),
    ("dispatcher", "/orders", "#orders tbody tr"),
    ("dispatcher", "/orders/{order}", "#history li"),
    ("dispatcher", "/dispatch", "[data-desk] tbody tr[data-row]"),
    ("water", "/unit", "[data-desk] tbody tr[data-row]"),
    ("visitor", "/visits", "[data-desk] tbody tr[data-row]"),
    ("supervisor", "/supervision", "[data-desk] tbody tr[data-row]"),
    ("admin", "/admin", "#tree tbody tr"),
    ("admin", "/admin/users", "#users tbody tr"),
    ("admin", "/admin/categories", "#tree tbody tr"),
    ("admin", "/admin/regions", "#tree tbody tr"),
    ("admin", "/admin/routing", "#rules tbody tr"),
    ("admin", "/admin/deadlines", "#policies tbody tr"),
    ("admin", "/admin/calendar", "#year-view"),
    ("admin", "/admin/return-reasons", "#reasons tbody tr"),
    ("admin", "/admin/unit-groups", "#groups tbody tr"),
];

using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
{
    ExecutablePath = Arg("chromium", "/usr/bin/chromium"),
    Headless = true,
    Args = ["--no-sandbox", "--disable-gpu"],
});

Console.WriteLine("| page | user | opens | open→data shown p50 ms | p95 ms | server ms per open (p50) | server reads/actions per open |");
Console.WriteLine("|---|---|---|---|---|---|---|");
string? order = null;
foreach (var group in pages.GroupBy(p => p.User))
{
    await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
    {
        Locale = "zh-CN",
        ViewportSize = new ViewportSize { Width = 1366, Height = 768 },
    });
    var page = await context.NewPageAsync();
    await page.GotoAsync(url + "/login");
    await page.FillAsync("#username", group.Key);
    await page.FillAsync("#password", Arg("password", "lianxin-demo"));
    await page.ClickAsync("#sign-in");
    await page.WaitForURLAsync(u => !u.Contains("/login", StringComparison.Ordinal));
    foreach (var (user, pathTemplate, ready) in group)
    {
        if (pathTemplate.Contains("{order}", StringComparison.Ordinal) && order is null)
        {
            await page.GotoAsync(url + "/orders");
            await page.WaitForSelectorAsync("#orders tbody tr a[href^='/orders/']");
            order = (await page.Locator("#orders tbody tr a[href^='/orders/']").First.GetAttributeAsync("href"))!.Split('/').Last();
        }

        var path = pathTemplate.Replace("{order}", order, StringComparison.Ordinal);
        var times = new List<double>();
        var server = new List<double>();
        var calls = 0;
        for (var i = -2; i < reps; i++)
        {
            // Two unmeasured opens first: the page's code JIT-compiled and its caches filled.
            var logFrom = LogLength(log);
            var watch = Stopwatch.StartNew();
            await page.GotoAsync(url + path);
            await page.WaitForSelectorAsync(ready, new PageWaitForSelectorOptions { Timeout = 30_000 });
            var ms = watch.Elapsed.TotalMilliseconds;
            await page.WaitForTimeoutAsync(300); // the app's log catches up
            if (i >= 0)
            {
                times.Add(ms);
                var timed = ServerTimes(log, logFrom);
                server.Add(timed.Sum());
                calls += timed.Count;
            }
        }

        times.Sort();
        server.Sort();
        Console.WriteLine(string.Create(inv,
            $"| {pathTemplate} | {user} | {reps} | {P(times, 0.5):0} | {P(times, 0.95):0} | {P(server, 0.5):0.0} | {(double)calls / reps:0.#} |"));
    }
}

static double P(List<double> sorted, double q) => sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, Math.Max(0, (int)Math.Ceiling(q * sorted.Count) - 1))];

static long LogLength(string path) => path.Length == 0 || !File.Exists(path) ? 0 : new FileInfo(path).Length;

static List<double> ServerTimes(string path, long from)
{
    if (path.Length == 0 || !File.Exists(path))
    {
        return [];
    }

    using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
    stream.Seek(from, SeekOrigin.Begin);
    using var reader = new StreamReader(stream);
    var text = reader.ReadToEnd();
    return [.. Regex.Matches(text, @"Console \S+ took ([\d.]+) ms").Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))];
}

string Arg(string name, string fallback)
{
    var i = Array.IndexOf(args, "--" + name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}
