// Event → wallboard figure on screen (docs/benchmarks.md, issue 10; bench/wallboard.sh). The app runs apart (the
// script starts it); this fills today with a day's calls over the CTI endpoint, opens /wallboard in headless
// Chromium at 1920×1080 as the supervisor, then REPS times posts an event as a phone system would and times it
// from just before the POST to the browser's animation frame after the figure changed in the page (a
// MutationObserver on the board; both clocks are this machine's wall clock). Two phases: a quiet centre, and a
// busy one with BACKGROUND other events a second (callers who ring and hang up), so the board's reload throttle
// is in play. The measured calls are answered by extension 8003 and change only 接通 and that agent's card;
// the background calls never touch either.
//   dotnet bench/Lianxin.Bench.Wallboard/bin/Release/net10.0/Lianxin.Bench.Wallboard.dll --url http://127.0.0.1:5083 --reps 50 --day-calls 2000 --background 10 [--log app.log]
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

var url = Arg("url", "http://127.0.0.1:5083");
var reps = int.Parse(Arg("reps", "50"), CultureInfo.InvariantCulture);
var dayCalls = int.Parse(Arg("day-calls", "2000"), CultureInfo.InvariantCulture);
var background = double.Parse(Arg("background", "10"), CultureInfo.InvariantCulture);
var password = Arg("password", "lianxin-demo");
var inv = CultureInfo.InvariantCulture;

using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) };
var admin = await BearerAsync("admin");
var created = await http.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/v1/cti/tokens")
{
    Headers = { Authorization = admin },
    Content = JsonContent.Create(new { name = "wallboard bench" }),
});
created.EnsureSuccessStatusCode();
var cti = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
var next = 0;

// Today so far: dayCalls calls, four in five answered after a short wait, the rest abandoned.
var fill = Stopwatch.StartNew();
await Parallel.ForEachAsync(Enumerable.Range(0, dayCalls), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
{
    var id = $"day-{i}-{Guid.NewGuid():N}";
    await NewCallAsync(id);
    if (i % 5 != 0)
    {
        await PostAsync(("event", "answer"), ("direction", "in"), ("callId", id));
    }

    await PostAsync(("event", "hangup"), ("direction", "in"), ("callId", id), ("cause", "normalClearing"));
});
var events = dayCalls * 3 - dayCalls / 5;
Console.WriteLine(string.Create(inv, $"Today filled with {dayCalls} calls ({events} CTI events, 8 at a time) in {fill.Elapsed.TotalSeconds:0.0} s: {events / fill.Elapsed.TotalSeconds:0} events/s."));

using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
{
    ExecutablePath = Arg("chromium", "/usr/bin/chromium"),
    Headless = true,
    Args = ["--no-sandbox", "--disable-gpu"],
});
await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { Locale = "zh-CN", ViewportSize = new ViewportSize { Width = 1920, Height = 1080 } });
var page = await context.NewPageAsync();
await page.GotoAsync(url + "/login");
await page.FillAsync("#username", "supervisor");
await page.FillAsync("#password", password);
await page.ClickAsync("#sign-in");
await page.WaitForURLAsync(u => !u.Contains("/login", StringComparison.Ordinal));
await page.GotoAsync(url + "/wallboard");
await page.WaitForSelectorAsync("#answered");
// Resolves with the wall-clock time of the first animation frame after `test()` holds.
await page.EvaluateAsync("""
    () => {
      window.__seen = (test) => new Promise(resolve => {
        const done = () => requestAnimationFrame(() => resolve(Date.now()));
        if (test()) { done(); return; }
        const observer = new MutationObserver(() => { if (test()) { observer.disconnect(); done(); } });
        observer.observe(document.getElementById('wallboard'), { subtree: true, childList: true, characterData: true, attributes: true });
      });
    }
    """);

Console.WriteLine();
Console.WriteLine("| centre | event → figure | events | p50 ms | p95 ms | max ms | POST stored p50 ms | board reads |");
Console.WriteLine("|---|---|---|---|---|---|---|---|");
await MeasureAsync("quiet", 0);
await MeasureAsync($"busy: +{background:0.#} other events/s", background);
Console.WriteLine();
Console.WriteLine("Times run from just before the POST to the first animation frame after the figure changed in the browser.");
var log = Arg("log", "");
if (log.Length > 0 && File.Exists(log))
{
    // ConsoleRunner logs each board read at Debug ("Console Lianxin.Core.Calls.GetWallboard took N ms").
    await Task.Delay(500);
    using var stream = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
    using var reader = new StreamReader(stream);
    var text = await reader.ReadToEndAsync();
    var readTimes = System.Text.RegularExpressions.Regex.Matches(text, @"GetWallboard took ([\d.]+) ms")
        .Select(m => double.Parse(m.Groups[1].Value, inv)).Order().ToList();
    if (readTimes.Count > 0)
    {
        Console.WriteLine(string.Create(inv, $"Board reads on the server (GetWallboard, {dayCalls}+ calls today): {readTimes.Count} reads, p50 {P(readTimes, 0.5):0.0} ms, p95 {P(readTimes, 0.95):0.0} ms."));
    }
}

return;

async Task MeasureAsync(string phase, double rate)
{
    using var stop = new CancellationTokenSource();
    var noise = rate > 0 ? Task.Run(() => BackgroundAsync(rate, stop.Token)) : Task.CompletedTask;
    var answer = new List<double>();
    var hangup = new List<double>();
    var posts = new List<double>();
    var readsBefore = await ReadsAsync();
    var random = new Random(10);
    for (var i = -3; i < reps; i++)
    {
        var id = $"bench-{Guid.NewGuid():N}";
        await NewCallAsync(id);
        await Task.Delay(150);
        var (seen, post) = await TimedAsync("() => document.querySelector(\"#agent-grid [data-extension='8003']\")?.dataset.state === 'OnCall'",
            () => PostAsync(("event", "answer"), ("direction", "in"), ("callId", id), ("answeringNumber", "8003")));
        await Task.Delay(random.Next(200, 900));
        var answered = int.Parse((await page.TextContentAsync("#answered"))!.Trim(), inv);
        var (seen2, post2) = await TimedAsync($"() => document.querySelector('#answered').textContent.trim() === '{answered + 1}'",
            () => PostAsync(("event", "hangup"), ("direction", "in"), ("callId", id), ("cause", "normalClearing")));
        if (i >= 0)
        {
            // Three unmeasured calls first: the page's code paths warm.
            answer.Add(seen);
            hangup.Add(seen2);
            posts.Add(post);
            posts.Add(post2);
        }

        await Task.Delay(random.Next(200, 1200));
    }

    var reads = await ReadsAsync() - readsBefore;
    await stop.CancelAsync();
    await noise;
    Row(phase, "answer (8003) → agent card 通话中", answer, posts, reads);
    Row(phase, "hangup → 接通 +1", hangup, posts, reads);
}

void Row(string phase, string what, List<double> times, List<double> posts, int reads)
{
    times.Sort();
    posts.Sort();
    Console.WriteLine(string.Create(inv, $"| {phase} | {what} | {times.Count} | {P(times, 0.5):0} | {P(times, 0.95):0} | {times[^1]:0} | {P(posts, 0.5):0.0} | {reads} |"));
}

async Task<(double Seen, double Post)> TimedAsync(string test, Func<Task> post)
{
    await page.EvaluateAsync($"() => {{ window.__p = window.__seen({test}); }}");
    var start = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();
    var watch = Stopwatch.StartNew();
    await post();
    var posted = watch.Elapsed.TotalMilliseconds;
    var seenAt = await page.EvaluateAsync<double>("() => window.__p");
    return (seenAt - start, posted);
}

async Task<int> ReadsAsync() => int.Parse((await page.GetAttributeAsync("#wallboard", "data-reloads"))!, inv);

// Callers who ring and hang up (short and long abandons), `rate` events a second, until stopped.
async Task BackgroundAsync(double rate, CancellationToken ct)
{
    var ringing = new ConcurrentQueue<string>();
    var interval = TimeSpan.FromSeconds(1 / rate);
    var clock = Stopwatch.StartNew();
    var sent = 0L;
    while (!ct.IsCancellationRequested)
    {
        var due = interval * sent;
        if (due > clock.Elapsed)
        {
            try
            {
                await Task.Delay(due - clock.Elapsed, ct);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        sent++;
        if (ringing.Count < 6 || !ringing.TryDequeue(out var id))
        {
            var fresh = $"noise-{Guid.NewGuid():N}";
            ringing.Enqueue(fresh);
            _ = NewCallAsync(fresh);
        }
        else
        {
            _ = PostAsync(("event", "hangup"), ("direction", "in"), ("callId", id), ("cause", "cancel"));
        }
    }
}

Task NewCallAsync(string id)
{
    var n = Interlocked.Increment(ref next);
    return PostAsync(("event", "newCall"), ("direction", "in"), ("from", string.Create(inv, $"139{n % 100_000_000:D8}")), ("to", "12345"), ("callId", id), ("queue", "热线"));
}

async Task PostAsync(params (string Key, string Value)[] fields)
{
    using var body = new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));
    using var response = await http.PostAsync($"/api/v1/cti/{cti}", body);
    response.EnsureSuccessStatusCode();
}

async Task<AuthenticationHeaderValue> BearerAsync(string user)
{
    using var response = await http.PostAsJsonAsync("/api/v1/auth/token", new { username = user, password });
    response.EnsureSuccessStatusCode();
    var json = await response.Content.ReadFromJsonAsync<JsonElement>();
    return new AuthenticationHeaderValue("Bearer", json.GetProperty("accessToken").GetString());
}

static double P(List<double> sorted, double q) => sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, Math.Max(0, (int)Math.Ceiling(q * sorted.Count) - 1))];

string Arg(string name, string fallback)
{
    var i = Array.IndexOf(args, "--" + name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}
