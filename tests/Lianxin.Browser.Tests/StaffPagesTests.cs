using Lianxin.Core.Data.Demo;
using Microsoft.Playwright;

namespace Lianxin.Browser.Tests;

/// <summary>Sign in, read the order list and one order, switch language: as staff would, in Chromium.</summary>
public sealed class StaffPagesTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private async Task<IPage> SignedInAsync(string user)
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync(app.BaseUrl + "/login");
        await page.FillAsync("#username", user);
        await page.FillAsync("#password", DemoCentre.Password);
        await page.ClickAsync("#sign-in");
        await page.WaitForSelectorAsync("#orders");
        return page;
    }

    [Fact]
    public async Task Root_WhenSignedOut_RedirectsToChineseLogin()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync(app.BaseUrl + "/");
        Assert.Contains("/login", page.Url, StringComparison.Ordinal);
        Assert.Equal("连心工单系统", await page.TextContentAsync("h1"));
        await BrowserApp.ScreenshotAsync(page, "login");
    }

    [Fact]
    public async Task Login_WithWrongPassword_ShowsErrorAndStays()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync(app.BaseUrl + "/login");
        await page.FillAsync("#username", "agent");
        await page.FillAsync("#password", "wrong-password");
        await page.ClickAsync("#sign-in");
        var error = await page.WaitForSelectorAsync("[role=alert]");
        Assert.Equal("用户名或密码错误。", await error!.TextContentAsync());
        Assert.Contains("/login", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Agent_SeesDemoOrders_AndOpensOneWithItsHistory()
    {
        var page = await SignedInAsync("agent");
        var rows = await page.Locator("#orders tbody tr").CountAsync();
        Assert.True(rows >= 20, $"expected a page of demo orders, saw {rows}");
        await BrowserApp.ScreenshotAsync(page, "orders-agent");

        await page.Locator("#orders tbody tr a").First.ClickAsync();
        await page.WaitForSelectorAsync("#history li");
        Assert.True(await page.Locator("#history li").CountAsync() >= 1);
        Assert.Contains("受理登记", await page.TextContentAsync("#history"), StringComparison.Ordinal);
        await BrowserApp.ScreenshotAsync(page, "order-detail");
    }

    [Fact]
    public async Task Search_ByKeyboard_FiltersTheList()
    {
        var page = await SignedInAsync("dispatcher");
        await page.Keyboard.PressAsync("/");
        Assert.Equal("q", await page.EvaluateAsync<string>("document.activeElement.id"));
        var number = (await page.Locator("#orders tbody tr a").First.TextContentAsync())!;
        await page.Keyboard.TypeAsync(number);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/orders?*");
        Assert.Equal(1, await page.Locator("#orders tbody tr").CountAsync());
    }

    [Fact]
    public async Task LanguageSwitch_ShowsEnglish()
    {
        var page = await SignedInAsync("supervisor");
        await page.ClickAsync("form.lang button");
        await page.WaitForSelectorAsync("text=Orders");
        Assert.Equal("Number", await page.TextContentAsync("#orders thead th"));
        await BrowserApp.ScreenshotAsync(page, "orders-english");
    }

    [Fact]
    public async Task ApiReference_RendersOffline()
    {
        var page = await app.NewPageAsync();
        var failed = new List<string>();
        page.RequestFailed += (_, r) => failed.Add(r.Url);
        await page.GotoAsync(app.BaseUrl + "/api/docs", new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
        await page.WaitForSelectorAsync("text=Lianxin", new PageWaitForSelectorOptions { Timeout = 15000 });
        await BrowserApp.ScreenshotAsync(page, "api-docs");
        Assert.DoesNotContain(failed, u => u.StartsWith(app.BaseUrl, StringComparison.Ordinal));
    }
}
