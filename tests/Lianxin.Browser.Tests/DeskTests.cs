using System.Net.Http.Json;
using System.Text.Json;
using Lianxin.Core.Data;
using Lianxin.Web.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Lianxin.Browser.Tests;

/// <summary>The work desks as their people use them: tabs with counts, J/Enter into the drawer, Esc out, live lists, a unit's own orders only.</summary>
public sealed class DeskTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private async Task<IPage> SignedInAsync(string user, string desk)
    {
        var page = await app.SignedInAsync(user, desk, waitFor: "#orders");

        // Interactive once the desk rendered its tabs from the circuit.
        await page.WaitForSelectorAsync("[data-desk] [role=tab]");
        await page.WaitForSelectorAsync("[data-desk] tbody tr");
        return page;
    }

    private static async Task<int> CountAsync(IPage page, string tab) =>
        int.Parse(await page.Locator($"[data-count={tab}]").TextContentAsync() ?? "-1", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Dispatcher_SeesTabsWithCounts_OpensTheFirstRowWithJAndEnter_EscCloses()
    {
        var page = await SignedInAsync("dispatcher", "/dispatch");
        foreach (var tab in new[] { "待派单", "退回待审", "延期申请", "待审核", "重复待并" })
        {
            Assert.Contains(tab, await page.Locator("[role=tablist]").TextContentAsync(), StringComparison.Ordinal);
        }

        var waiting = await CountAsync(page, "ToDispatch");
        Assert.True(waiting >= 1, "the demo centre has orders waiting for dispatch");
        Assert.Equal(Math.Min(waiting, 50), await page.Locator("[data-row]").CountAsync());
        Assert.True(await page.Locator("[data-row] .chip").CountAsync() >= 1, "rows show their most pressing clock");

        await page.Keyboard.PressAsync("j");
        var number = await page.Locator("[data-row].selected").GetAttributeAsync("data-number");
        await page.Keyboard.PressAsync("Enter");
        var drawer = page.Locator(".desk-drawer [data-drawer-order]");
        await drawer.WaitForAsync();
        Assert.Contains(number!, await page.Locator(".desk-drawer .ant-drawer-title").TextContentAsync(), StringComparison.Ordinal);
        Assert.True(await page.Locator(".desk-drawer .action-panel").IsVisibleAsync());
        Assert.True(await page.Locator("[data-row]").First.IsVisibleAsync(), "the list stays in view beside the drawer");
        await page.WaitForTimeoutAsync(500); // the drawer's slide-in
        await BrowserApp.ScreenshotAsync(page, "desk-dispatch-drawer");

        await page.Keyboard.PressAsync("Escape");
        await drawer.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached });

        await page.ClickAsync("[data-tab=Review]");
        await page.WaitForSelectorAsync("[data-tab-list=Review]");
        await BrowserApp.ScreenshotAsync(page, "desk-dispatch-review");
    }

    [Fact]
    public async Task OrderRegisteredThroughTheApi_AppearsInASecondBrowsersQueue_WithoutReload()
    {
        var page = await SignedInAsync("dispatcher", "/dispatch");
        var before = await CountAsync(page, "ToDispatch");

        Guid category;
        string region;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LianxinDbContext>();
            var leaf = await db.Categories.Where(c => c.IsActive && !db.Categories.Any(x => x.ParentId == c.Id)).Select(c => c.Id).FirstAsync();
            category = leaf;
            region = await db.Regions.Where(r => r.IsActive && r.Code != null && !db.Regions.Any(x => x.ParentId == r.Id)).Select(r => r.Code!).FirstAsync();
        }

        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        var token = await (await http.PostAsJsonAsync("/api/v1/auth/token", new { username = "agent", password = DemoCentre.Password })).Content.ReadFromJsonAsync<JsonElement>();
        http.DefaultRequestHeaders.Authorization = new("Bearer", token.GetProperty("accessToken").GetString());
        var created = await http.PostAsJsonAsync("/api/v1/work-orders", new
        {
            channel = "phone",
            demandType = "help",
            urgency = "urgent",
            requester = new { name = "王女士", phone = "13700009999", confidential = false, wantsReply = true },
            categoryId = category,
            regionCode = region,
            address = "桂花社区17栋1单元303室",
            title = "实时到达测试：楼道水管爆裂",
            description = "来电人反映楼道水管爆裂，水流到电梯井，请尽快派人处理。",
        });
        Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
        var number = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetString();

        var row = page.Locator($"[data-row][data-number='{number}']");
        await row.WaitForAsync(new LocatorWaitForOptions { Timeout = 10_000 });
        Assert.Equal(before + 1, await CountAsync(page, "ToDispatch"));
        await BrowserApp.ScreenshotAsync(page, "desk-dispatch-live");
    }

    [Fact]
    public async Task ARowSomeoneElseHasOpen_ShowsWho_AndClearsWhenTheyCloseIt()
    {
        var mine = await SignedInAsync("dispatcher", "/dispatch");
        var theirs = await SignedInAsync("dispatcher2", "/dispatch");
        var number = await theirs.Locator("[data-row]").First.GetAttributeAsync("data-number");
        await theirs.Locator("[data-row] [data-open]").First.ClickAsync();
        await theirs.Locator(".desk-drawer [data-drawer-order]").WaitForAsync();

        var presence = mine.Locator($"[data-row][data-number='{number}'] .presence");
        await presence.WaitForAsync(new LocatorWaitForOptions { Timeout = 10_000 });
        Assert.Contains("处理中", await presence.TextContentAsync(), StringComparison.Ordinal);
        await BrowserApp.ScreenshotAsync(mine, "desk-dispatch-presence");

        await theirs.Keyboard.PressAsync("Escape");
        await presence.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached, Timeout = 10_000 });
    }

    [Fact]
    public async Task WaterHandler_SeesOnlyWaterOrders_OnTheUnitDesk()
    {
        var page = await SignedInAsync("water", "/unit");
        Guid water;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LianxinDbContext>();
            water = await db.Users.Where(u => u.UserName == "water").Select(u => u.UnitId!.Value).SingleAsync();
        }

        foreach (var tab in new[] { "ToAccept", "InProgress", "Replied" })
        {
            await page.ClickAsync($"[data-tab={tab}]");
            await page.WaitForSelectorAsync($"[data-tab-list={tab}]");
            var ids = new List<Guid>();
            foreach (var row in await page.Locator("[data-row]").AllAsync())
            {
                ids.Add(Guid.Parse((await row.GetAttributeAsync("data-order"))!));
            }

            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<LianxinDbContext>();
            var theirs = await db.Assignments.Where(a => ids.Contains(a.WorkOrderId) && a.UnitId == water).Select(a => a.WorkOrderId).Distinct().CountAsync();
            Assert.Equal(ids.Distinct().Count(), theirs);
            Assert.Equal(await CountAsync(page, tab) > 50 ? 50 : await CountAsync(page, tab), ids.Count);
        }

        await page.ClickAsync("[data-tab=ToAccept]");
        await page.WaitForSelectorAsync("[data-tab-list=ToAccept]");
        await BrowserApp.ScreenshotAsync(page, "desk-unit-water");
    }

    [Fact]
    public async Task VisitAndSupervisionDesks_ShowTheirQueues()
    {
        var visits = await SignedInAsync("visitor", "/visits");
        Assert.Contains("今日应访", await visits.Locator("[role=tablist]").TextContentAsync(), StringComparison.Ordinal);
        await BrowserApp.ScreenshotAsync(visits, "desk-visits");

        var supervision = await SignedInAsync("supervisor", "/supervision");
        Assert.True(await supervision.Locator(".by-unit tbody tr").CountAsync() >= 1);
        await BrowserApp.ScreenshotAsync(supervision, "desk-supervision");
    }
}
