using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Lianxin.Core.Data;
using Lianxin.Web.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Lianxin.Browser.Tests;

/// <summary>
/// A desk past its first 50 rows: a dispatcher with well over a hundred orders waiting reaches every one of
/// them a page at a time, by button or by N / P, and a live reload keeps the page. Its own app, since it
/// fills the dispatch queue.
/// </summary>
public sealed class DeskPagingTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private const int Waiting = 120;

    [Fact]
    public async Task Dispatcher_PagesThroughEveryWaitingOrder_ByButtonAndKeyboard_AndALiveReloadKeepsThePage()
    {
        var numbers = await RegisterUntilWaitingAsync(Waiting);
        var page = await app.NewPageAsync();
        await page.SetViewportSizeAsync(1366, 768);
        await page.GotoAsync(app.BaseUrl + "/login");
        await page.FillAsync("#username", "dispatcher");
        await page.FillAsync("#password", DemoCentre.Password);
        await page.ClickAsync("#sign-in");
        await page.WaitForSelectorAsync("#orders");
        await page.GotoAsync(app.BaseUrl + "/dispatch");
        await page.WaitForSelectorAsync("[data-desk] [data-row]");

        var total = int.Parse(await page.Locator("[data-count=ToDispatch]").TextContentAsync() ?? "", CultureInfo.InvariantCulture);
        Assert.True(total >= Waiting, $"{total} orders waiting");
        var pages = (total + 49) / 50;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var range = page.Locator("[data-range]");
        Assert.Equal($"第 1–50 件，共 {total} 件", (await range.TextContentAsync())?.Trim());
        Assert.True(await page.Locator("[data-page-prev]").IsDisabledAsync());
        await BrowserApp.ScreenshotAsync(page, "desk-paging-first");

        for (var p = 0; p < pages; p++)
        {
            var first = p * 50;
            var last = Math.Min(total, first + 50);
            await Assertions.Expect(range).ToHaveTextAsync($"第 {first + 1}–{last} 件，共 {total} 件");
            Assert.Equal(last - first, await page.Locator("[data-row]").CountAsync());
            foreach (var number in await page.Locator("[data-row]").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.number)"))
            {
                Assert.True(seen.Add(number), $"{number} shows on two pages");
            }

            if (p < pages - 1)
            {
                // The first move by button, the others by keyboard (N), as a dispatcher working the queue would.
                if (p == 0)
                {
                    await page.ClickAsync("[data-page-next]");
                }
                else
                {
                    await page.Keyboard.PressAsync("n");
                }
            }
        }

        Assert.True(await page.Locator("[data-page-next]").IsDisabledAsync(), "the last page has no next");
        Assert.Equal(total, seen.Count);
        Assert.Superset(numbers.ToHashSet(StringComparer.Ordinal), seen);
        await BrowserApp.ScreenshotAsync(page, "desk-paging-last");

        // Back one page by keyboard; a new order arriving (a live reload) leaves the dispatcher on that page.
        await page.Keyboard.PressAsync("p");
        var lastButOne = pages - 2;
        await Assertions.Expect(range).ToHaveTextAsync($"第 {(lastButOne * 50) + 1}–{(lastButOne * 50) + 50} 件，共 {total} 件");
        await RegisterAsync(1);
        await Assertions.Expect(page.Locator("[data-count=ToDispatch]")).ToHaveTextAsync((total + 1).ToString(CultureInfo.InvariantCulture), new() { Timeout = 10_000 });
        await Assertions.Expect(range).ToHaveTextAsync($"第 {(lastButOne * 50) + 1}–{(lastButOne * 50) + 50} 件，共 {total + 1} 件");
    }

    /// <summary>Registers orders through the API until at least <paramref name="count"/> wait for dispatch; returns their numbers.</summary>
    private async Task<List<string>> RegisterUntilWaitingAsync(int count)
    {
        int waiting;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            waiting = await scope.ServiceProvider.GetRequiredService<LianxinDbContext>().WorkOrders.CountAsync(o => o.Status == Lianxin.Core.WorkOrders.WorkOrderStatus.Registered);
        }

        return await RegisterAsync(Math.Max(0, count - waiting));
    }

    private async Task<List<string>> RegisterAsync(int count)
    {
        Guid category;
        string region;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LianxinDbContext>();
            category = await db.Categories.Where(c => c.IsActive && !db.Categories.Any(x => x.ParentId == c.Id)).Select(c => c.Id).FirstAsync();
            region = await db.Regions.Where(r => r.IsActive && r.Code != null && !db.Regions.Any(x => x.ParentId == r.Id)).Select(r => r.Code!).FirstAsync();
        }

        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        var token = await (await http.PostAsJsonAsync("/api/v1/auth/token", new { username = "agent", password = DemoCentre.Password })).Content.ReadFromJsonAsync<JsonElement>();
        http.DefaultRequestHeaders.Authorization = new("Bearer", token.GetProperty("accessToken").GetString());
        var numbers = new List<string>();
        for (var i = 0; i < count; i++)
        {
            using var created = await http.PostAsJsonAsync("/api/v1/work-orders", new
            {
                channel = "phone",
                demandType = "help",
                urgency = "normal",
                requester = new { name = "赵先生", phone = $"1380000{i:0000}", confidential = false, wantsReply = true },
                categoryId = category,
                regionCode = region,
                address = $"翻页测试小区{i}号楼",
                title = $"翻页测试：第{i + 1}件待派单",
                description = "用于测试工作台翻页的待派单工单。",
            });
            Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
            numbers.Add((await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetString()!);
        }

        return numbers;
    }
}
