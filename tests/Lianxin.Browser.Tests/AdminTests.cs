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
}
