using System.Globalization;
using System.Text;
using Lianxin.Core.Calls;
using Lianxin.Core.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Lianxin.Browser.Tests;

/// <summary>排班 and 排班测算 as a supervisor uses them: import tomorrow's roster, add a shift from the keyboard, see the plan's gap.</summary>
public sealed class StaffingTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    /// <summary>Seven weeks of mornings in the log: 20 calls per half hour 09:00–12:00 every day, answered after 5 s with 170 s of talk.</summary>
    private async Task SeedHistoryAsync(DateOnly until)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LianxinDbContext>();
        var (system, _) = PhoneSystem.Create("历史话务（测试）", TimeProvider.System);
        db.PhoneSystems.Add(system);
        var n = 0;
        for (var d = until.AddDays(-49); d < until; d = d.AddDays(1))
        {
            for (var half = 18; half < 24; half++)
            {
                for (var k = 0; k < 20; k++)
                {
                    var local = d.ToDateTime(new TimeOnly(half / 2, (half % 2) * 30)).AddSeconds(k * 80);
                    var at = TimeZoneInfo.ConvertTimeToUtc(local, Shanghai);
                    var id = $"browser-hist-{n++}";
                    var call = PhoneCall.Start(system.Id, new CtiEvent(CtiEventKind.NewCall, id, CallDirection.In, "13900000000", "12345", null, "热线", null, null, at), CallRules.Default);
                    call.Apply(new CtiEvent(CtiEventKind.Answer, id, CallDirection.In, null, null, null, null, "8001", null, at.AddSeconds(5)), CallRules.Default);
                    call.Apply(new CtiEvent(CtiEventKind.Hangup, id, CallDirection.In, null, null, null, null, null, "normalClearing", at.AddSeconds(175)), CallRules.Default);
                    db.PhoneCalls.Add(call);
                }
            }
        }

        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task Supervisor_ImportsTomorrowsRoster_AddsAShiftByKeyboard_AndTheStaffingPlanShowsTheGap()
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(TimeProvider.System.GetUtcNow().UtcDateTime, Shanghai));
        var tomorrow = today.AddDays(1);
        var day = tomorrow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await SeedHistoryAsync(today);

        var page = await app.SignedInAsync("supervisor", "/roster");
        await page.WaitForSelectorAsync("#roster-grid");
        if (today.DayOfWeek == DayOfWeek.Sunday)
        {
            // Tomorrow is next week's Monday.
            await page.ClickAsync("#week-next");
        }

        await page.WaitForSelectorAsync($"#roster-grid thead th[data-date='{day}']");
        // The file is the whole roster of its day (the demo has its own shifts there).
        await page.CheckAsync("#import-replace");
        await page.SetInputFilesAsync("#roster-import", new FilePayload
        {
            Name = "排班.csv",
            MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes($"\uFEFF工号,日期,开始,结束,类型\r\nagent,{day},08:00,16:00,\r\nagent2,{day},08:00,12:00,应急坐席\r\n"),
        });
        await page.WaitForSelectorAsync("#roster-message.ok");
        Assert.Contains("2 个班次", await page.TextContentAsync("#roster-message"), StringComparison.Ordinal);
        var cell = page.Locator($"tr[data-agent='agent'] td[data-date='{day}']");
        Assert.Contains("08:00–16:00", await cell.TextContentAsync(), StringComparison.Ordinal);

        // 周子涵 gets an afternoon from the keyboard: focus the cell's ＋, Enter, type, Ctrl+Enter.
        await page.Locator($"tr[data-agent='agent3'] td[data-date='{day}'] button.add").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync("#shift-form");
        Assert.Equal("shift-start", await page.EvaluateAsync<string>("document.activeElement.id"));
        await page.FillAsync("#shift-start", "13:00");
        await page.FillAsync("#shift-end", "21:00");
        await page.Keyboard.PressAsync("Control+Enter");
        await page.WaitForSelectorAsync("#roster-message.ok >> text=已保存");
        Assert.Contains("13:00–21:00", await page.Locator($"tr[data-agent='agent3'] td[data-date='{day}']").TextContentAsync(), StringComparison.Ordinal);

        // An overlapping shift is refused in words beside the form.
        await page.Locator($"tr[data-agent='agent3'] td[data-date='{day}'] button.add").ClickAsync();
        await page.FillAsync("#shift-start", "20:00");
        await page.FillAsync("#shift-end", "23:00");
        await page.ClickAsync("#shift-save");
        await page.WaitForSelectorAsync("#shift-error");
        Assert.Contains("重叠", await page.TextContentAsync("#shift-error"), StringComparison.Ordinal);
        await BrowserApp.ScreenshotAsync(page, "roster-week");
        await page.Keyboard.PressAsync("Escape");

        await page.GotoAsync(app.BaseUrl + "/staffing?date=" + day);
        await page.WaitForSelectorAsync("#plan-table tbody tr");
        Assert.Contains("人手不足", await page.TextContentAsync("#plan-gap-count"), StringComparison.Ordinal);
        var nine = page.Locator("#plan-table tr[data-start='09:00']");
        Assert.Contains("short", await nine.GetAttributeAsync("class") ?? "", StringComparison.Ordinal);
        Assert.Contains("缺", await nine.Locator("td.gap").TextContentAsync(), StringComparison.Ordinal);
        Assert.Contains("开启应急坐席", await page.TextContentAsync("#plan-emergency"), StringComparison.Ordinal);
        Assert.Contains("估算", await page.TextContentAsync("#plan-used"), StringComparison.Ordinal);
        await BrowserApp.ScreenshotAsync(page, "staffing-plan");

        // More people per call wanted: a stricter goal widens the gap; a bad goal is refused beside its field.
        await page.FillAsync("#plan-level", "200");
        await page.Keyboard.PressAsync("Control+Enter");
        await page.WaitForSelectorAsync("#plan-level[aria-invalid=true]");
        await page.FillAsync("#plan-level", "90");
        await page.ClickAsync("#plan-run");
        await page.WaitForSelectorAsync("#plan-level[aria-invalid=false]");
        await page.Locator("#plan-table").ScrollIntoViewIfNeededAsync();
        await BrowserApp.ScreenshotAsync(page, "staffing-plan-table");

        // The same plan in English, through the language switch.
        await page.ClickAsync("a.lang");
        await page.WaitForSelectorAsync("h1 >> text=Staffing plan");
        await page.WaitForSelectorAsync("#plan-table tbody tr");
        Assert.Contains("Open the emergency lines", await page.TextContentAsync("#plan-emergency"), StringComparison.Ordinal);
        Assert.Contains("short", await page.Locator("#plan-table tr[data-start='09:00'] td.gap").TextContentAsync(), StringComparison.Ordinal);
        await BrowserApp.ScreenshotAsync(page, "staffing-plan-en");
    }
}
