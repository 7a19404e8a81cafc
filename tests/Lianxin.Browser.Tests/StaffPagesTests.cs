using Lianxin.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Lianxin.Browser.Tests;

/// <summary>Sign in, read the order list and one order, switch language: as staff would, in Chromium.</summary>
public sealed class StaffPagesTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private Task<IPage> SignedInAsync(string user) => app.SignedInAsync(user, waitFor: "#orders");

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
    public async Task Supervisor_FiltersOverdueOrders_EveryRowShowsItsLateClock()
    {
        var page = await SignedInAsync("supervisor");
        await page.SelectOptionAsync("#deadline", "overdue");
        await page.ClickAsync("form.filters button");
        await page.WaitForURLAsync("**deadline=overdue*");
        var rows = page.Locator("#orders tbody tr");
        var count = await rows.CountAsync();
        Assert.True(count >= 1, "the demo has late orders");
        for (var i = 0; i < count; i++)
        {
            Assert.Contains("超期", await rows.Nth(i).Locator(".clock").TextContentAsync(), StringComparison.Ordinal);
        }

        await BrowserApp.ScreenshotAsync(page, "orders-overdue");

        // The export link carries the same filter, and downloads with the page's sign-in.
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#export"));
        var path = await download.PathAsync();
        var records = Lianxin.Core.Common.Csv.Parse(File.ReadAllText(path!).TrimStart('\uFEFF'));
        Assert.Equal("工单编号", records[0].Fields[0]);
        Assert.Equal(count + 1, records.Count);
    }

    [Fact]
    public async Task SubCentre_SeesTheChainItPassedDown_WithEachHopsClock()
    {
        Guid id;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LianxinDbContext>();
            var sub = await db.Units.SingleAsync(u => u.Name == "江北区分中心");
            id = await db.Assignments.Where(a => a.ParentId != null && db.Assignments.Any(p => p.Id == a.ParentId && p.UnitId == sub.Id && p.ParentId == null)
                    && db.Assignments.Any(c => c.ParentId == a.Id))
                .Select(a => a.WorkOrderId).FirstAsync();
        }

        var page = await SignedInAsync("jiangbei");
        await page.GotoAsync($"{app.BaseUrl}/orders/{id}");
        await page.WaitForSelectorAsync("#assignments tr.depth-2");
        Assert.Contains("江北区分中心", await page.TextContentAsync("#assignments tr.depth-0"), StringComparison.Ordinal);
        Assert.Contains("街道", await page.TextContentAsync("#assignments tr.depth-1"), StringComparison.Ordinal);
        var third = (await page.Locator("#assignments tr.depth-2 td").First.TextContentAsync())!.Trim();
        Assert.StartsWith("└ ", third, StringComparison.Ordinal);
        Assert.DoesNotContain("街道", third, StringComparison.Ordinal);
        Assert.Equal(3, await page.Locator("#deadlines tbody tr").CountAsync());
        Assert.Contains("转派", await page.TextContentAsync("#history"), StringComparison.Ordinal);
        await BrowserApp.ScreenshotAsync(page, "order-chain");
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
        await page.WaitForSelectorAsync("#orders tbody tr");
        Assert.Equal(1, await page.Locator("#orders tbody tr").CountAsync());
    }

    [Fact]
    public async Task LanguageSwitch_ShowsEnglish()
    {
        var page = await SignedInAsync("supervisor");
        await page.ClickAsync("a.lang");
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
