using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Lianxin.Web.Demo;
using Microsoft.Playwright;

namespace Lianxin.Browser.Tests;

/// <summary>
/// The wallboard (大屏) on a wall-sized screen: a phone system posts events over HTTP and the figures move on the
/// open page without a reload; it still fits the seat PC's 1366×768.
/// </summary>
public sealed class WallboardTests(BrowserApp app, ITestOutputHelper output) : IClassFixture<BrowserApp>
{
    private static readonly PageWaitForFunctionOptions Within5s = new() { Timeout = 5_000, PollingInterval = 20 };

    [Fact]
    public async Task EventsFromThePhoneSystem_MoveTheFigures_WithoutAReload_AndTheBoardFitsTheScreen()
    {
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        var token = await CtiTokenAsync();
        using var agent2 = await SignedInClientAsync("agent2");
        (await agent2.PostAsJsonAsync("/api/v1/agents/me/state", new { state = "ready" })).EnsureSuccessStatusCode();

        var page = await app.SignedInAsync("supervisor", "/wallboard");
        await page.SetViewportSizeAsync(1920, 1080);
        await page.WaitForSelectorAsync("#calls-waiting");
        await page.EvaluateAsync("() => { window.__sameDocument = true; }");
        var offered = await NumberAsync(page, "#offered");
        var answered = await NumberAsync(page, "#answered");
        var shortAbandons = await NumberAsync(page, "#short-abandons");
        var waiting = await NumberAsync(page, "#calls-waiting");

        // A caller rings in: the queue grows and the longest wait starts ticking.
        var callId = $"wall-{Guid.NewGuid():N}";
        var seen = await PostAndSeeAsync(page, () => Cti(http, token, ("event", "newCall"), ("direction", "in"), ("from", "13912345678"), ("to", "12345"), ("callId", callId)),
            "#calls-waiting", waiting + 1);
        output.WriteLine($"newCall → calls waiting on screen: {seen:0} ms");
        var firstWait = await page.TextContentAsync("#longest-wait");
        await page.WaitForFunctionAsync($"() => document.querySelector('#longest-wait').textContent !== '{firstWait}'", null, Within5s);

        // 8008 answers: the queue empties, the agent is on the phone.
        seen = await PostAndSeeAsync(page, () => Cti(http, token, ("event", "answer"), ("direction", "in"), ("callId", callId), ("answeringNumber", "8008")),
            "#calls-waiting", waiting);
        output.WriteLine($"answer → calls waiting on screen: {seen:0} ms");
        await page.WaitForFunctionAsync("() => document.querySelector(\"#agent-grid [data-extension='8008']\")?.dataset.state === 'OnCall'", null, Within5s);
        Assert.Equal("—", await page.TextContentAsync("#longest-wait"));
        await page.WaitForTimeoutAsync(1_100);

        // The call ends: offered and answered today go up, the agent's wrap-up counts down.
        seen = await PostAndSeeAsync(page, () => Cti(http, token, ("event", "hangup"), ("direction", "in"), ("callId", callId), ("cause", "normalClearing")),
            "#answered", answered + 1);
        output.WriteLine($"hangup → answered today on screen: {seen:0} ms");
        Assert.Equal(offered + 1, await NumberAsync(page, "#offered"));
        var card = page.Locator("#agent-grid [data-extension='8008']");
        Assert.Equal("WrapUp", await card.GetAttributeAsync("data-state"));
        Assert.StartsWith("剩", (await card.Locator(".time").TextContentAsync())!.Trim(), StringComparison.Ordinal);
        Assert.Equal("话后整理", await card.Locator(".state").TextContentAsync());
        Assert.Matches(@"^\d{1,3}\.\d%$", (await page.TextContentAsync("#service-level"))!.Trim());

        // A caller who hangs up at once is a short abandon, apart from 接通率.
        var quick = $"wall-{Guid.NewGuid():N}";
        await Cti(http, token, ("event", "newCall"), ("direction", "in"), ("from", "13912345679"), ("to", "12345"), ("callId", quick));
        seen = await PostAndSeeAsync(page, () => Cti(http, token, ("event", "hangup"), ("direction", "in"), ("callId", quick), ("cause", "cancel")),
            "#short-abandons", shortAbandons + 1);
        output.WriteLine($"short abandon → on screen: {seen:0} ms");
        Assert.True(await page.Locator("#curve g[data-answered]:not([data-answered='0'])").CountAsync() >= 1, "the curve has this half hour's bar");

        Assert.True(await page.EvaluateAsync<bool>("() => window.__sameDocument === true"), "the page was not reloaded");
        Assert.True(await FitsAsync(page), "the board fits 1920×1080 without scrolling");
        await BrowserApp.ScreenshotAsync(page, "wallboard-1920x1080");

        await page.SetViewportSizeAsync(1366, 768);
        await page.WaitForTimeoutAsync(300);
        Assert.True(await FitsAsync(page), "the board fits 1366×768 without scrolling");
        await BrowserApp.ScreenshotAsync(page, "wallboard-1366x768");

        // 4K: the same picture, twice the size.
        await page.SetViewportSizeAsync(3840, 2160);
        await page.WaitForTimeoutAsync(300);
        Assert.True(await FitsAsync(page), "the board fits 3840×2160");
        var size = await page.EvaluateAsync<double>("() => parseFloat(getComputedStyle(document.querySelector('#wallboard')).fontSize)");
        Assert.InRange(size, 38, 42);

        // In English through the board's own language link, still fitting the wall.
        await page.SetViewportSizeAsync(1920, 1080);
        await page.ClickAsync("#wall-language");
        await page.WaitForFunctionAsync("() => document.querySelector('#calls-waiting')?.previousElementSibling?.textContent === 'Calls waiting'", null, Within5s);
        Assert.Equal("Wrap-up", await page.Locator("#agent-grid [data-extension='8008'] .state").TextContentAsync());
        Assert.True(await FitsAsync(page), "the English board fits 1920×1080");
        await BrowserApp.ScreenshotAsync(page, "wallboard-1920x1080-en");
        await page.ClickAsync("#wall-language");
        await page.WaitForFunctionAsync("() => document.querySelector('#calls-waiting')?.previousElementSibling?.textContent === '排队等待'", null, Within5s);
    }

    [Fact]
    public async Task ABurstOf500Events_IsAFewReadsOfTheBoard_AndEndsWithTheRightFigures()
    {
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        var token = await CtiTokenAsync();
        var page = await app.SignedInAsync("supervisor", "/wallboard");
        await page.WaitForSelectorAsync("#calls-waiting");
        await page.WaitForTimeoutAsync(500);
        var shortAbandons = await NumberAsync(page, "#short-abandons");
        var waiting = await NumberAsync(page, "#calls-waiting");
        var reads = int.Parse((await page.GetAttributeAsync("#wallboard", "data-reloads"))!, System.Globalization.CultureInfo.InvariantCulture);

        // 250 callers ring and hang up at once (short abandons): 500 events, eight at a time.
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, 250), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            var id = $"burst-{i}-{Guid.NewGuid():N}";
            await Cti(http, token, ("event", "newCall"), ("direction", "in"), ("from", $"1370000{i:D4}"), ("to", "12345"), ("callId", id));
            await Cti(http, token, ("event", "hangup"), ("direction", "in"), ("callId", id), ("cause", "cancel"));
        });
        var posted = watch.Elapsed;
        await page.WaitForFunctionAsync($"() => document.querySelector('#short-abandons').textContent.trim() === '{shortAbandons + 250}'", null, Within5s);
        var shown = watch.Elapsed;
        Assert.Equal(waiting, await NumberAsync(page, "#calls-waiting"));
        await page.WaitForTimeoutAsync(600);
        var burstReads = int.Parse((await page.GetAttributeAsync("#wallboard", "data-reloads"))!, System.Globalization.CultureInfo.InvariantCulture) - reads;
        output.WriteLine($"500 events posted in {posted.TotalMilliseconds:0} ms, all on screen after {shown.TotalMilliseconds:0} ms, {burstReads} board reads");
        Assert.InRange(burstReads, 1, (int)(posted.TotalSeconds / 0.4) + 3);
    }

    [Fact]
    public async Task TheWallboard_StaysSignedIn_WhileNobodyTouchesIt_ASeatOnlyWhileSomeoneWorks()
    {
        // The page's clock is Playwright's: an hour passes in a moment, with no key or click.
        static bool Renewal(IRequest r) => r.Url.EndsWith("/api/v1/auth/me", StringComparison.Ordinal);
        var wall = await app.NewPageAsync();
        await wall.Clock.InstallAsync();
        await BrowserApp.SignInAsync(wall, app.BaseUrl, "supervisor");
        await wall.GotoAsync(app.BaseUrl + "/wallboard");
        await wall.WaitForSelectorAsync("#calls-waiting");
        var renewal = await wall.RunAndWaitForRequestAsync(() => wall.Clock.FastForwardAsync("01:00:00"), Renewal, new() { Timeout = 10_000 });
        Assert.Equal(200, (await renewal.ResponseAsync())!.Status);

        // A seat left alone for an hour asks for nothing; once someone works at it again, it renews.
        var seat = await app.NewPageAsync();
        await seat.Clock.InstallAsync();
        await BrowserApp.SignInAsync(seat, app.BaseUrl, "agent");
        await seat.WaitForSelectorAsync("nav.side");
        var asked = 0;
        seat.Request += (_, r) =>
        {
            if (Renewal(r))
            {
                Interlocked.Increment(ref asked);
            }
        };
        await seat.Clock.FastForwardAsync("01:00:00");
        await seat.WaitForTimeoutAsync(1_000);
        Assert.Equal(0, Volatile.Read(ref asked));
        await seat.Keyboard.PressAsync("Shift");
        var again = await seat.RunAndWaitForRequestAsync(() => seat.Clock.FastForwardAsync("00:11:00"), Renewal, new() { Timeout = 10_000 });
        Assert.Equal(200, (await again.ResponseAsync())!.Status);
    }

    [Fact]
    public async Task AUnitHandler_IsToldTheBoardIsForCentreStaff_AndTheMenuHasNoEntry()
    {
        var handler = await app.SignedInAsync("water", "/wallboard");
        var message = handler.Locator(".wall-message[role=alert]");
        await message.WaitForAsync();
        Assert.Contains("查看话务数据", await message.TextContentAsync(), StringComparison.Ordinal);

        var supervisor = await app.SignedInAsync("supervisor", waitFor: "#nav-wallboard");
        await supervisor.ClickAsync("#nav-wallboard");
        await supervisor.WaitForSelectorAsync("#calls-waiting");
        await supervisor.ClickAsync("#wall-back");
        await supervisor.WaitForSelectorAsync("#orders");
        await handler.GotoAsync(app.BaseUrl + "/");
        await handler.WaitForSelectorAsync("nav.side");
        Assert.Equal(0, await handler.Locator("#nav-wallboard").CountAsync());
    }

    /// <summary>Posts an event and times until <paramref name="selector"/> shows <paramref name="expected"/>, from the post.</summary>
    private static async Task<double> PostAndSeeAsync(IPage page, Func<Task> post, string selector, int expected)
    {
        var watch = Stopwatch.StartNew();
        await post();
        await page.WaitForFunctionAsync($"() => document.querySelector('{selector}')?.textContent.trim() === '{expected}'", null, Within5s);
        return watch.Elapsed.TotalMilliseconds;
    }

    private static async Task<int> NumberAsync(IPage page, string selector) => int.Parse((await page.TextContentAsync(selector))!.Trim(), System.Globalization.CultureInfo.InvariantCulture);

    private static Task<bool> FitsAsync(IPage page) => page.EvaluateAsync<bool>("""
        () => {
          const wall = document.querySelector('#wallboard');
          const bottom = Math.max(...[...wall.querySelectorAll('.tile, .wall-curve, .wall-grid')].map(e => e.getBoundingClientRect().bottom));
          return document.documentElement.scrollHeight <= innerHeight && document.documentElement.scrollWidth <= innerWidth && bottom <= innerHeight
            && [...wall.querySelectorAll('.tile .value')].every(v => v.scrollWidth <= v.clientWidth + 1);
        }
        """);

    private static async Task Cti(HttpClient http, string token, params (string Key, string Value)[] fields)
    {
        using var body = new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));
        (await http.PostAsync($"/api/v1/cti/{token}", body)).EnsureSuccessStatusCode();
    }

    private async Task<HttpClient> SignedInClientAsync(string user)
    {
        var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        var token = await (await http.PostAsJsonAsync("/api/v1/auth/token", new { username = user, password = DemoCentre.Password })).Content.ReadFromJsonAsync<JsonElement>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("accessToken").GetString());
        return http;
    }

    private async Task<string> CtiTokenAsync()
    {
        using var admin = await SignedInClientAsync("admin");
        var created = await admin.PostAsJsonAsync("/api/v1/cti/tokens", new { name = "大屏测试话务平台" });
        Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }
}
