using Microsoft.Playwright;

namespace Lianxin.Browser.Tests;

/// <summary>系统管理 as the centre's admin uses it: deadline policies, the working calendar, units and users.</summary>
public sealed class AdminTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private Task<IPage> AdminAsync(string path) => app.SignedInAsync("admin", path);

    /// <summary>The success toast (an Ant Design message) that says <paramref name="text"/>; without it, what the page said instead.</summary>
    private static async Task<string> ToastAsync(IPage page, string text)
    {
        try
        {
            return (await page.Locator(".ant-message-notice", new PageLocatorOptions { HasTextString = text }).First.TextContentAsync())!;
        }
        catch (TimeoutException e)
        {
            await BrowserApp.ScreenshotAsync(page, "admin-no-toast-" + Guid.NewGuid().ToString("N")[..6]);
            throw new TimeoutException($"{e.Message}\n--- the page said ---\n{await page.Locator("main").InnerTextAsync()}", e);
        }
    }

    [Fact]
    public async Task Admin_ChangesDeadlinePolicy_BadLimitIsRefusedBesideTheField_ThenSavedAsNextVersion()
    {
        var page = await AdminAsync("/admin/deadlines");
        var urgent = page.Locator("#policies tr[data-policy='紧急']");
        await urgent.Locator("button[data-open]").ClickAsync();
        await page.WaitForSelectorAsync("#policy-form");

        await page.FillAsync("#policy-completion", "0");
        await page.FillAsync("#policy-name", "紧急（修订）");
        await page.ClickAsync("#policy-save");
        var error = await page.WaitForSelectorAsync("#policy-completion-error");
        Assert.Contains("时限须大于零", await error!.TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal("紧急（修订）", await page.InputValueAsync("#policy-name"));
        await BrowserApp.ScreenshotAsync(page, "admin-deadline-refused");

        await page.FillAsync("#policy-completion", "36");
        await page.ClickAsync("#policy-save");
        Assert.Contains("紧急（修订）", await ToastAsync(page, "第 2 版"), StringComparison.Ordinal);
        var row = page.Locator("#policies tr[data-policy='紧急（修订）']");
        Assert.Contains("36", await row.Locator(".limit-completion").TextContentAsync(), StringComparison.Ordinal);
        Assert.Contains("v2", await row.TextContentAsync(), StringComparison.Ordinal);
        await BrowserApp.ScreenshotAsync(page, "admin-deadlines");
    }

    [Fact]
    public async Task Admin_ImportsCalendarYear_SeesItsHolidaysAndMakeUpDaysMarked()
    {
        var page = await AdminAsync("/admin/calendar");
        await page.WaitForSelectorAsync("#year-view");

        // A broken file is refused beside the box, and what was pasted stays.
        await page.FillAsync("#import-json", "{\"year\": 2027}");
        await page.ClickAsync("#import-submit");
        await page.WaitForSelectorAsync("#import-form .field-error");
        Assert.Contains("days", await page.TextContentAsync("#import-form .field-error"), StringComparison.Ordinal);
        Assert.Equal("{\"year\": 2027}", await page.InputValueAsync("#import-json"));

        const string Json = """
            {"year": 2027, "papers": [], "days": [
              {"name": "元旦", "date": "2027-01-01", "isOffDay": true},
              {"name": "春节", "date": "2027-02-06", "isOffDay": false},
              {"name": "春节", "date": "2027-02-07", "isOffDay": true},
              {"name": "春节", "date": "2027-02-08", "isOffDay": true},
              {"name": "春节", "date": "2027-02-20", "isOffDay": false}
            ]}
            """;
        await page.FillAsync("#import-json", Json);
        await page.ClickAsync("#import-submit");
        Assert.Contains("节假日安排", await ToastAsync(page, "已导入 2027"), StringComparison.Ordinal);
        Assert.Equal("2027", await page.TextContentAsync("#year-shown"));
        Assert.Contains("holiday", await page.GetAttributeAsync("[data-date='2027-01-01']", "class"), StringComparison.Ordinal);
        Assert.Contains("holiday", await page.GetAttributeAsync("[data-date='2027-02-08']", "class"), StringComparison.Ordinal);
        Assert.Contains("makeup", await page.GetAttributeAsync("[data-date='2027-02-06']", "class"), StringComparison.Ordinal);
        Assert.Contains("班", await page.TextContentAsync("[data-date='2027-02-20']"), StringComparison.Ordinal);
        Assert.Contains("weekday", await page.GetAttributeAsync("[data-date='2027-02-09']", "class"), StringComparison.Ordinal);
        await page.EvaluateAsync("window.scrollTo(0, 0)");
        await BrowserApp.ScreenshotAsync(page, "admin-calendar");

        // A local day off on a plain working day.
        await page.ClickAsync("[data-date='2027-03-03']");
        await page.SelectOptionAsync("#override-workday", "false");
        await page.FillAsync("#override-name", "防汛值守调休");
        await page.ClickAsync("#override-save");
        await page.WaitForSelectorAsync("[data-date='2027-03-03'].local-off");
    }

    [Fact]
    public async Task Admin_AddsAUnit_ThenAHandlerInIt()
    {
        var page = await AdminAsync("/admin");
        await page.WaitForSelectorAsync("#tree tbody tr");
        await page.ClickAsync("#tree-add-root");
        await page.ClickAsync("#node-save");
        await page.WaitForSelectorAsync("#tree-form .field-error");
        await page.FillAsync("#node-name", "城东燃气抢修队");
        await page.SelectOptionAsync("#node-kind", "RepairCrew");
        await page.ClickAsync("#node-save");
        await page.WaitForSelectorAsync("#tree tr[data-name='城东燃气抢修队']");
        await BrowserApp.ScreenshotAsync(page, "admin-units");

        await page.ClickAsync("#admin-nav-users");
        await page.WaitForSelectorAsync("#users tbody tr");
        await page.ClickAsync("#user-add");
        await page.FillAsync("#user-username", "gas-crew");
        await page.FillAsync("#user-displayname", "王师傅");
        await page.FillAsync("#user-password", "short");
        await page.FillAsync("#user-extension", "8123");
        await page.UncheckAsync("input[data-role='agent']");
        await page.CheckAsync("input[data-role='handler']");
        await page.ClickAsync("#user-save");
        await page.WaitForSelectorAsync("#user-form .field-error");
        Assert.Equal("王师傅", await page.InputValueAsync("#user-displayname"));
        await BrowserApp.ScreenshotAsync(page, "admin-user-refused");

        await page.FillAsync("#user-password", "Gas-crew-2026");
        await page.SelectOptionAsync("#user-unit", new SelectOptionValue { Label = "城东燃气抢修队" });
        await page.ClickAsync("#user-save");
        var row = page.Locator("#users tr[data-user='gas-crew']");
        await row.WaitForAsync();
        Assert.Contains("城东燃气抢修队", await row.TextContentAsync(), StringComparison.Ordinal);
        Assert.Contains("承办人", await row.TextContentAsync(), StringComparison.Ordinal);
        await BrowserApp.ScreenshotAsync(page, "admin-users");
    }

    [Fact]
    public async Task Admin_KeepsReturnReasonsGroupsRulesAndCategories_RefusalsShownBesideTheField()
    {
        var page = await AdminAsync("/admin/return-reasons");
        await page.WaitForSelectorAsync("#reasons tbody tr");
        await page.ClickAsync("#reason-add");
        await page.FillAsync("#reason-code", "no crew");
        await page.FillAsync("#reason-name", "无抢修力量");
        await page.ClickAsync("#reason-save");
        await page.WaitForSelectorAsync("#reason-form .field-error");
        Assert.Equal("无抢修力量", await page.InputValueAsync("#reason-name"));
        // Fix the code by keyboard and save with Ctrl+Enter while still in the field: the last keys count.
        await page.ClickAsync("#reason-code", new() { ClickCount = 3 });
        await page.Keyboard.TypeAsync("no-crew");
        await page.Keyboard.PressAsync("Control+Enter");
        await page.WaitForSelectorAsync("#reasons tr[data-code='no-crew']");
        await BrowserApp.ScreenshotAsync(page, "admin-return-reasons");

        await page.ClickAsync("#admin-nav-unit-groups");
        await page.WaitForSelectorAsync("#group-add");
        await page.ClickAsync("#group-add");
        await page.FillAsync("#group-name", "江南区物业联合体（测试）");
        await page.ClickAsync("#group-save");
        await page.WaitForSelectorAsync("#group-form .field-error");
        await page.CheckAsync("input[data-unit='万象物业服务有限公司']");
        await page.CheckAsync("input[data-unit='南湖花园物业管理有限公司']");
        await page.ClickAsync("#group-save");
        var group = page.Locator("#groups tr[data-group='江南区物业联合体（测试）']");
        await group.WaitForAsync();
        Assert.Contains("南湖花园物业管理有限公司", await group.TextContentAsync(), StringComparison.Ordinal);
        await BrowserApp.ScreenshotAsync(page, "admin-unit-groups");

        await page.ClickAsync("#admin-nav-routing");
        await page.WaitForSelectorAsync("#rules tbody tr");
        var before = await page.Locator("#rules tbody tr").CountAsync();
        await page.ClickAsync("#rule-add");
        await page.SelectOptionAsync("#rule-category", new SelectOptionValue { Index = 2 });
        await page.ClickAsync("#rule-save");
        await page.WaitForSelectorAsync("#rule-form .field-error");
        await page.SelectOptionAsync("#rule-lead", new SelectOptionValue { Index = 3 });
        await page.FillAsync("#rule-note", "测试规则");
        await page.ClickAsync("#rule-save");
        await ToastAsync(page, "已保存派单规则");
        Assert.Equal(before + 1, await page.Locator("#rules tbody tr").CountAsync());
        await BrowserApp.ScreenshotAsync(page, "admin-routing");

        await page.ClickAsync("#admin-nav-categories");
        await page.WaitForSelectorAsync("#tree tbody tr");
        await page.SetInputFilesAsync("#tree-import", new FilePayload
        {
            Name = "bad.csv",
            MimeType = "text/csv",
            Buffer = System.Text.Encoding.UTF8.GetBytes("code,name,parentCode\nT01,测试分类,\nT02,,T01\nT03,子类,NOPE\n"),
        });
        await page.WaitForSelectorAsync("#import-issues tbody tr");
        Assert.True(await page.Locator("#import-issues tbody tr").CountAsync() >= 2);
        Assert.Contains("未导入", await page.TextContentAsync("#tree-message"), StringComparison.Ordinal);
        await BrowserApp.ScreenshotAsync(page, "admin-categories-import");
    }

    [Fact]
    public async Task Admin_ChangesWorkingHoursAndTheApproachingRule_BadTimesAreRefusedBesideTheirFields()
    {
        var page = await AdminAsync("/admin/calendar");
        await page.WaitForSelectorAsync("#year-view");
        Assert.Contains("09:00–12:00，13:30–17:30", await page.TextContentAsync("#working-hours"), StringComparison.Ordinal);
        await page.ClickAsync("#settings-edit");
        await page.WaitForSelectorAsync("#settings-form");
        Assert.Equal("25", await page.InputValueAsync("#settings-fraction"));
        Assert.Contains("不重新计算", await page.TextContentAsync("#settings-form"), StringComparison.Ordinal);

        // Wrong times and a share over 100% are refused beside their own fields; what was typed stays.
        await page.FillAsync("#period-0-start", "8:3");
        await page.FillAsync("#period-1-end", "25:00");
        await page.FillAsync("#settings-fraction", "150");
        await page.ClickAsync("#settings-save");
        await page.WaitForSelectorAsync("[data-period='0'] .field-error");
        Assert.Contains("HH:mm", await page.TextContentAsync("[data-period='1'] .field-error"), StringComparison.Ordinal);
        Assert.Contains("0%–100%", await page.TextContentAsync("#settings-form label:has(#settings-fraction) .field-error"), StringComparison.Ordinal);
        Assert.Equal("8:3", await page.InputValueAsync("#period-0-start"));
        await BrowserApp.ScreenshotAsync(page, "admin-calendar-settings-refused");

        // Overlapping periods are refused as a whole.
        await page.FillAsync("#period-0-start", "08:30");
        await page.FillAsync("#period-1-end", "17:30");
        await page.FillAsync("#period-1-start", "11:00");
        await page.FillAsync("#settings-fraction", "30");
        await page.ClickAsync("#settings-save");
        Assert.Contains("重叠", await (await page.WaitForSelectorAsync("#periods-error"))!.TextContentAsync(), StringComparison.Ordinal);

        // A third period, then saved: the toolbar says the new hours and rule.
        await page.FillAsync("#period-1-start", "13:30");
        await page.ClickAsync("#period-add");
        await page.FillAsync("#period-2-start", "18:00");
        await page.FillAsync("#period-2-end", "20:00");
        await page.FillAsync("#settings-minimum", "45");
        await BrowserApp.ScreenshotAsync(page, "admin-calendar-settings");
        await page.ClickAsync("#settings-save");
        await ToastAsync(page, "已保存工作时间与临期规则");
        await page.WaitForSelectorAsync("#settings-form", new PageWaitForSelectorOptions { State = WaitForSelectorState.Detached });
        var summary = await page.TextContentAsync("#working-hours");
        Assert.Contains("08:30–12:00，13:30–17:30，18:00–20:00", summary, StringComparison.Ordinal);
        Assert.Contains("30% 或 45 分钟", summary, StringComparison.Ordinal);
        Assert.Contains("Asia/Shanghai (UTC+08:00)", summary, StringComparison.Ordinal);
        await BrowserApp.ScreenshotAsync(page, "admin-calendar-settings-saved");

        // Back to the centre's usual hours, removing the evening period.
        await page.ClickAsync("#settings-edit");
        await page.ClickAsync("#period-2-remove");
        await page.FillAsync("#period-0-start", "09:00");
        await page.FillAsync("#settings-fraction", "25");
        await page.FillAsync("#settings-minimum", "60");
        await page.ClickAsync("#settings-save");
        await page.WaitForSelectorAsync("#working-hours:has-text('09:00–12:00，13:30–17:30 ')");
    }

    [Fact]
    public async Task Admin_ListFollowsAnotherAdminsChange_WithoutAReload()
    {
        var watcher = await AdminAsync("/admin/return-reasons");
        await watcher.WaitForSelectorAsync("#reasons tbody tr");
        var editor = await AdminAsync("/admin/return-reasons");
        await editor.WaitForSelectorAsync("#reasons tbody tr");

        await editor.ClickAsync("#reason-add");
        await editor.FillAsync("#reason-code", "live-check");
        await editor.FillAsync("#reason-name", "另一位管理员新增");
        await editor.ClickAsync("#reason-save");
        await ToastAsync(editor, "live-check");

        await watcher.WaitForSelectorAsync("#reasons tr[data-code='live-check']");
        await BrowserApp.ScreenshotAsync(watcher, "admin-live-list");
    }
}
