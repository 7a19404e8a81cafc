using Lianxin.Web.Demo;
using Microsoft.Playwright;

namespace Lianxin.Browser.Tests;

/// <summary>系统管理 as the centre's admin uses it: deadline policies, the working calendar, units and users.</summary>
public sealed class AdminTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private async Task<IPage> AdminAsync(string path)
    {
        var page = await app.NewPageAsync();
        await page.SetViewportSizeAsync(1366, 768);
        await page.GotoAsync(app.BaseUrl + "/login");
        await page.FillAsync("#username", "admin");
        await page.FillAsync("#password", DemoCentre.Password);
        await page.ClickAsync("#sign-in");
        await page.WaitForURLAsync(u => !u.Contains("/login", StringComparison.Ordinal));
        await page.GotoAsync(app.BaseUrl + path);
        return page;
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
        await page.WaitForSelectorAsync("#policy-message.ok");
        Assert.Contains("第 2 版", await page.TextContentAsync("#policy-message"), StringComparison.Ordinal);
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
        await page.WaitForSelectorAsync("#calendar-message.ok");
        Assert.Contains("2027", await page.TextContentAsync("#calendar-message"), StringComparison.Ordinal);
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
        await page.FillAsync("#reason-code", "no-crew");
        await page.ClickAsync("#reason-save");
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
        await page.WaitForSelectorAsync("#rule-message.ok");
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
}
