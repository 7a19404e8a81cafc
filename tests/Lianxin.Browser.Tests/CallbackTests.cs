using System.Text.Json;
using Lianxin.Core.Calls;
using Lianxin.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Lianxin.Browser.Tests;

/// <summary>
/// 漏接回拨 with the keyboard: callers hang up in the queue (posted by a "PBX" over HTTP); the agent opens the list,
/// the overdue one first in red, takes it (T), does not get through (N), takes the next, notes what was said and
/// records reached (Alt+R from the note), records the last reached with R; a new abandon appears live.
/// </summary>
public sealed class CallbackTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
    private static int _next = Random.Shared.Next(1000, 9000);

    private async Task<string> PhoneSystemAsync()
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LianxinDbContext>();
        var (system, token) = PhoneSystem.Create("浏览器测试话务平台", TimeProvider.System);
        db.PhoneSystems.Add(system);

        // Every hang-up before an answer is an abandon here (no short abandons): the callers hang up at once.
        var settings = JsonSerializer.Serialize(new CallCentreSettings(ShortAbandonSeconds: 0), Web);
        if (await db.AppSettings.SingleOrDefaultAsync(s => s.Key == CallCentreSettings.Key) is { } row)
        {
            row.Value = settings;
        }
        else
        {
            db.AppSettings.Add(new AppSetting { Key = CallCentreSettings.Key, Value = settings });
        }

        await db.SaveChangesAsync();
        return token;
    }

    private static async Task<string> AbandonAsync(HttpClient pbx, string token)
    {
        var phone = $"1390000{Interlocked.Increment(ref _next) % 10000:D4}";
        var callId = $"browser-{Guid.NewGuid():N}";
        foreach (var fields in new[]
                 {
                     new Dictionary<string, string> { ["event"] = "newCall", ["direction"] = "in", ["from"] = phone, ["to"] = "12345", ["callId"] = callId, ["queue"] = "热线" },
                     new Dictionary<string, string> { ["event"] = "hangup", ["direction"] = "in", ["callId"] = callId, ["cause"] = "cancel" },
                 })
        {
            await Task.Delay(50);
            using var response = await pbx.PostAsync(new Uri($"/api/v1/cti/{token}", UriKind.Relative), new FormUrlEncodedContent(fields));
            response.EnsureSuccessStatusCode();
        }

        return phone;
    }

    private async Task WaitForCallbackAsync(string phone)
    {
        for (var i = 0; i < 100; i++)
        {
            using var scope = app.Services.CreateScope();
            if (await scope.ServiceProvider.GetRequiredService<LianxinDbContext>().Callbacks.AnyAsync(c => c.Phone == phone))
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"No callback opened for {phone}.");
    }

    [Fact]
    public async Task Agent_WorksTheCallbackList_WithTheKeyboard()
    {
        var token = await PhoneSystemAsync();
        using var pbx = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        var late = await AbandonAsync(pbx, token);
        var second = await AbandonAsync(pbx, token);
        var third = await AbandonAsync(pbx, token);
        await WaitForCallbackAsync(third);

        // The first caller has waited past the callback time: overdue, so first and in red. The demo morning's
        // callers got through meanwhile, so the list is this test's three.
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LianxinDbContext>();
            var ours = new[] { late, second, third };
            foreach (var other in await db.Callbacks.Where(c => c.Status == CallbackStatus.Open && !ours.Contains(c.Phone)).ToListAsync())
            {
                other.CalledAgain(TimeProvider.System.GetUtcNow().UtcDateTime);
            }

            var item = await db.Callbacks.SingleAsync(c => c.Phone == late);
            db.Entry(item).Property(nameof(Callback.DueAt)).CurrentValue = TimeProvider.System.GetUtcNow().UtcDateTime.AddDays(-1); // before the demo morning's own overdue items
            await db.SaveChangesAsync();
        }

        var page = await app.SignedInAsync("agent", "/callbacks");
        await page.WaitForSelectorAsync("#callbacks tr.cb-row");
        await page.WaitForFunctionAsync("document.activeElement && document.activeElement.classList.contains('cb-work')");
        var phones = await page.Locator("#callbacks tr.cb-row").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.phone)");
        Assert.Equal(late, phones[0]);
        Assert.Contains(second, phones);
        Assert.Contains(third, phones);
        var first = page.Locator("#callbacks tr.cb-row").First;
        Assert.Contains("overdue", await first.GetAttributeAsync("class") ?? "", StringComparison.Ordinal);
        Assert.Contains("超期", await first.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("true", await first.GetAttributeAsync("aria-selected"));
        await page.WaitForSelectorAsync("#cb-panel");
        await BrowserApp.ScreenshotAsync(page, "callbacks-list");

        // T takes the overdue item; N: not reached, it stays for another try (1 of 3) and the next one is selected.
        await page.Keyboard.PressAsync("t");
        await page.WaitForSelectorAsync("#cb-taken");
        await BrowserApp.ScreenshotAsync(page, "callbacks-taken");
        await page.Keyboard.PressAsync("n");
        await page.WaitForSelectorAsync($"#cb-message:has-text('{late} 未接通')");
        await page.WaitForSelectorAsync($"#callbacks tr.cb-row[data-phone='{late}'] td:has-text('1 / 3')");
        var selected = await page.Locator("#callbacks tr.cb-row.selected").GetAttributeAsync("data-phone");
        Assert.NotEqual(late, selected);

        // The next: T, a note, Alt+R from the note box: reached, it leaves the list.
        await page.Keyboard.PressAsync("t");
        await page.WaitForSelectorAsync("#cb-taken");
        await page.FocusAsync("#cb-note");
        await page.Keyboard.TypeAsync("已解答停水问题，来电人满意", new KeyboardTypeOptions { Delay = 20 });
        await page.Keyboard.PressAsync("Alt+r");
        await page.WaitForSelectorAsync($"#cb-message:has-text('{selected} 已接通')");
        await page.WaitForFunctionAsync($"!document.querySelector(\"#callbacks tr.cb-row[data-phone='{selected}']\")");

        // Next in queue is selected and the focus is back on the list: K/J move, R records the selected one reached without taking it first.
        await page.WaitForFunctionAsync("document.activeElement && document.activeElement.classList.contains('cb-work')");
        var remaining = second == selected ? third : second;
        await page.WaitForSelectorAsync($"#callbacks tr.cb-row.selected[data-phone='{remaining}']");
        await page.Keyboard.PressAsync("k");
        await page.WaitForSelectorAsync($"#callbacks tr.cb-row.selected[data-phone='{late}']");
        await page.Keyboard.PressAsync("j");
        await page.WaitForSelectorAsync($"#callbacks tr.cb-row.selected[data-phone='{remaining}']");
        await page.Keyboard.PressAsync("r");
        await page.WaitForSelectorAsync($"#cb-message:has-text('{remaining} 已接通')");
        Assert.Equal(1, await page.Locator("#callbacks tr.cb-row").CountAsync());

        // A new abandon arrives while the list is open: it appears by itself.
        var live = await AbandonAsync(pbx, token);
        await page.WaitForSelectorAsync($"#callbacks tr.cb-row[data-phone='{live}']", new PageWaitForSelectorOptions { Timeout = 15_000 });
        await BrowserApp.ScreenshotAsync(page, "callbacks-live");

        // 已完成: the two reached, with who rang and the note.
        await page.ClickAsync("#tab-done");
        await page.WaitForSelectorAsync($"#callbacks tr.cb-row[data-phone='{selected}'] td:has-text('已解答停水问题')");
        Assert.Contains("王晓雯", await page.Locator($"#callbacks tr.cb-row[data-phone='{selected}']").InnerTextAsync(), StringComparison.Ordinal);
        await BrowserApp.ScreenshotAsync(page, "callbacks-done");
    }
    private static async Task AnsweredAsync(HttpClient pbx, string token, string phone, string extension, int talkMilliseconds)
    {
        var callId = $"browser-{Guid.NewGuid():N}";
        foreach (var fields in new[]
                 {
                     new Dictionary<string, string> { ["event"] = "newCall", ["direction"] = "in", ["from"] = phone, ["to"] = "12345", ["callId"] = callId, ["queue"] = "热线" },
                     new Dictionary<string, string> { ["event"] = "answer", ["direction"] = "in", ["callId"] = callId, ["answeringNumber"] = extension },
                     new Dictionary<string, string> { ["event"] = "hangup", ["direction"] = "in", ["callId"] = callId, ["cause"] = "normalClearing" },
                 })
        {
            await Task.Delay(talkMilliseconds);
            using var response = await pbx.PostAsync(new Uri($"/api/v1/cti/{token}", UriKind.Relative), new FormUrlEncodedContent(fields));
            response.EnsureSuccessStatusCode();
        }
    }

    [Fact]
    public async Task Supervisor_ReadsTheLogAndTheFigures_AdminKeepsTheSettings()
    {
        var token = await PhoneSystemAsync();
        using var pbx = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        await AnsweredAsync(pbx, token, "13900001111", "8001", 300);
        await AnsweredAsync(pbx, token, "13900002222", "8002", 200);
        var lost = await AbandonAsync(pbx, token);
        await WaitForCallbackAsync(lost);

        var page = await app.SignedInAsync("supervisor", "/calls");
        await page.WaitForSelectorAsync("#calls tbody tr");
        Assert.Contains("放弃", await page.Locator($"#calls tbody tr:has-text('{lost}')").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("王晓雯", await page.Locator("#calls tbody tr:has-text('13900001111')").InnerTextAsync(), StringComparison.Ordinal);
        await BrowserApp.ScreenshotAsync(page, "calls-log");

        // A caller's number opens their history.
        await page.ClickAsync("#calls tbody tr a:has-text('13900002222')");
        await page.WaitForFunctionAsync("document.querySelectorAll('#calls tbody tr').length === 1");
        Assert.Equal("13900002222", await page.InputValueAsync("#calls-phone"));

        await page.ClickAsync("#nav-call-kpis");
        await page.WaitForSelectorAsync("#kpi-table #kpi-total");
        await page.SelectOptionAsync("#kpi-by", "Agent");
        await page.ClickAsync("#kpi-run");
        var li = page.Locator("#kpi-table tbody tr:has-text('李婷婷')");
        await li.WaitForAsync();
        Assert.Contains("100.0%", await li.InnerTextAsync(), StringComparison.Ordinal); // her one call, answered
        await BrowserApp.ScreenshotAsync(page, "calls-kpis");
        var export = await page.GetAttributeAsync("#kpi-export", "href");
        Assert.Contains("/api/v1/calls/kpis.csv?", export, StringComparison.Ordinal);
        Assert.Contains("by=agent", export, StringComparison.Ordinal);

        // 话务设置: a bad value is refused beside its field and nothing is saved; a good one is.
        var admin = await app.SignedInAsync("admin", "/admin/call-settings");
        await admin.WaitForSelectorAsync("#call-settings");
        await admin.FillAsync("#serviceTargetSeconds", "0");
        await admin.FillAsync("#serviceHoursStart", "8点");
        await admin.FillAsync("#callbackAttempts", "");
        await admin.ClickAsync("#cs-save");
        await admin.WaitForSelectorAsync("#callbackAttempts-error");
        await admin.FillAsync("#callbackAttempts", "3");
        await admin.ClickAsync("#cs-save");
        await admin.WaitForSelectorAsync("#serviceTargetSeconds-error");
        await admin.WaitForSelectorAsync("#serviceHoursStart-error");
        Assert.Equal("true", await admin.GetAttributeAsync("#serviceTargetSeconds", "aria-invalid"));
        await BrowserApp.ScreenshotAsync(admin, "calls-settings-errors");
        using (var scope = app.Services.CreateScope())
        {
            Assert.Equal(15, (await CallCentreSettings.ReadAsync(scope.ServiceProvider.GetRequiredService<LianxinDbContext>(), CancellationToken.None)).ServiceTargetSeconds);
        }

        await admin.FillAsync("#serviceTargetSeconds", "20");
        await admin.FillAsync("#serviceHoursStart", "08:00");
        await admin.ClickAsync("#cs-save");
        await admin.WaitForSelectorAsync("#cs-message.saved");
        using (var scope = app.Services.CreateScope())
        {
            var saved = await CallCentreSettings.ReadAsync(scope.ServiceProvider.GetRequiredService<LianxinDbContext>(), CancellationToken.None);
            Assert.Equal((20, "08:00", 0), (saved.ServiceTargetSeconds, saved.ServiceHoursStart, saved.ShortAbandonSeconds));
        }

        // 话务系统: the token once, as the address to configure.
        await admin.ClickAsync("#admin-nav-phone-systems");
        await admin.FillAsync("#ps-name", "江北分中心 PBX");
        await admin.ClickAsync("#ps-add");
        var url = await admin.InputValueAsync("#ps-url");
        Assert.StartsWith(app.BaseUrl.TrimEnd('/') + "/api/v1/cti/", url, StringComparison.Ordinal);
        await admin.WaitForSelectorAsync("#phone-systems td:has-text('江北分中心 PBX')");
        await BrowserApp.ScreenshotAsync(admin, "calls-phone-systems");

        // 黑名单: block with a note, then unblock.
        await admin.ClickAsync("#admin-nav-blocked-numbers");
        await admin.FillAsync("#bn-phone", "+86 139 0000 3333");
        await admin.FillAsync("#bn-note", "骚扰电话");
        await admin.ClickAsync("#bn-block");
        await admin.WaitForSelectorAsync("#blocked-numbers td:has-text('13900003333')");
        await BrowserApp.ScreenshotAsync(admin, "calls-blocked-numbers");
        await admin.ClickAsync("#blocked-numbers tr:has-text('13900003333') button:has-text('移出黑名单')");
        await admin.ClickAsync("#bn-confirm");
        await admin.WaitForSelectorAsync("#bn-message:has-text('已将 13900003333 移出黑名单')");
    }
}
