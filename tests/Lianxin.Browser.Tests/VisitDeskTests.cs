using System.Net.Http.Json;
using System.Text.Json;
using Lianxin.Core.Data;
using Lianxin.Web.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Lianxin.Browser.Tests;

/// <summary>The visit desk as a visitor works it: J to the row, Enter, one key per answer, Enter to save, the row gone.</summary>
public sealed class VisitDeskTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    /// <summary>A help request answered on the call, its visit due since this morning (as if closed on the previous working day).</summary>
    private async Task<string> DueOrderAsync()
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
        var created = await (await http.PostAsJsonAsync("/api/v1/work-orders", new
        {
            channel = "phone", demandType = "help", urgency = "normal",
            requester = new { name = "赵先生", phone = "13600007777", confidential = false, wantsReply = true },
            categoryId = category, regionCode = region, address = "桂花社区9栋", title = "回访测试：夜间路灯不亮",
            description = "来电人反映小区门口路灯夜间不亮，坐席已告知报修渠道。",
        })).Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetGuid();
        var answered = await http.PostAsJsonAsync($"/api/v1/work-orders/{id}/answer-directly", new { answer = "已告知路灯报修电话，并登记报修。" });
        Assert.True(answered.IsSuccessStatusCode, await answered.Content.ReadAsStringAsync());

        // Time is the one thing faked: the plan is moved as if the order had closed the working day before,
        // with the earliest deadline of the tab, so it is the first row there.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LianxinDbContext>();
            var now = app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
            var order = await db.WorkOrders.SingleAsync(o => o.Id == id);
            Assert.True(order.VisitRequired);
            await db.WorkOrders.Where(o => o.Id == id).ExecuteUpdateAsync(s => s
                .SetProperty(o => o.VisitDueAt, now.AddHours(-2))
                .SetProperty(o => o.VisitDeadline, now.AddMinutes(30)));
        }

        return created.GetProperty("number").GetString()!;
    }

    [Fact]
    public async Task Visitor_RecordsAnOutcomeByKeyboard_AndTheRowLeavesTheQueue()
    {
        var number = await DueOrderAsync();
        var page = await app.SignedInAsync("visitor", "/visits", waitFor: "#orders");
        await page.WaitForSelectorAsync("[data-desk=visits] [data-tab-list=Due]");
        foreach (var tab in new[] { "今日应访", "逾期", "未接通待重拨", "未到期" })
        {
            Assert.Contains(tab, await page.Locator("[role=tablist]").TextContentAsync(), StringComparison.Ordinal);
        }

        var row = page.Locator($"[data-row][data-number='{number}']");
        await row.WaitForAsync(new LocatorWaitForOptions { Timeout = 10_000 });
        var due = int.Parse(await page.Locator("[data-count=Due]").TextContentAsync() ?? "-1", System.Globalization.CultureInfo.InvariantCulture);

        // J down to the row (the demo may have rows with earlier deadlines), Enter opens it beside the list.
        for (var i = 0; i < 60 && await page.EvaluateAsync<string?>("() => document.querySelector('[data-row].selected')?.dataset.number ?? null") != number; i++)
        {
            await page.Keyboard.PressAsync("j");
        }

        Assert.Equal(number, await page.Locator("[data-row].selected").GetAttributeAsync("data-number"));
        await page.Keyboard.PressAsync("Enter");
        await page.Locator(".desk-drawer .visit-keys:focus").WaitForAsync();
        Assert.Contains("回访话术", await page.Locator(".desk-drawer .visit-script").TextContentAsync(), StringComparison.Ordinal);
        Assert.Contains("必访", await page.Locator(".desk-drawer [data-visit-plan]").TextContentAsync(), StringComparison.Ordinal);

        // One key per answer: S solved, 1 satisfied.
        await page.Keyboard.PressAsync("s");
        await page.Keyboard.PressAsync("1");
        await page.Locator(".desk-drawer fieldset label.chosen", new() { HasTextString = "满意" }).WaitForAsync();
        await page.Locator(".desk-drawer fieldset label.chosen", new() { HasTextString = "已解决" }).WaitForAsync();
        await page.WaitForTimeoutAsync(400); // the drawer's slide-in, for the picture
        await BrowserApp.ScreenshotAsync(page, "visit-desk-keys");

        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync($".desk-done[data-done='{number}']");
        await row.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached, Timeout = 10_000 });
        Assert.Equal((due - 1).ToString(System.Globalization.CultureInfo.InvariantCulture), await page.Locator("[data-count=Due]").TextContentAsync());
        await BrowserApp.ScreenshotAsync(page, "visit-desk-done");

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LianxinDbContext>();
        var order = await db.WorkOrders.AsNoTracking().SingleAsync(o => o.Number == number);
        Assert.Equal(Lianxin.Core.WorkOrders.WorkOrderStatus.Archived, order.Status);
        Assert.Equal(Lianxin.Core.WorkOrders.Satisfaction.Satisfied, order.FinalSatisfaction);
        Assert.Equal(Lianxin.Core.WorkOrders.Solved.Yes, order.FinalSolved);
        Assert.NotNull(order.VisitedAt);
    }
}
