using Lianxin.Core.Data;
using Lianxin.Core.WorkOrders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Lianxin.Browser.Tests;

/// <summary>受理 as a call-taker does it: keyboard only, the caller's history at once, nothing typed lost.</summary>
public sealed class IntakeTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private const int TypingDelay = 25;

    private async Task<IPage> IntakeAsync(string user)
    {
        var page = await app.SignedInAsync(user, waitFor: "#orders");

        // From here on, the keyboard only: Ctrl+Shift+N opens a new intake with the phone field focused.
        await page.Keyboard.PressAsync("Control+Shift+N");

        // Ready when the intake's phone field has the focus. (WaitForURL sometimes missed this script-started
        // navigation on a saturated machine although the page had arrived, so the page itself is asked.)
        await page.WaitForFunctionAsync(
            "location.pathname === '/intake' && document.activeElement && document.activeElement.id === 'phone'", null,
            new PageWaitForFunctionOptions { Timeout = 60_000 });

        // The circuit settles (draft restored, history looked up) before the first key, as a person's first key comes later anyway.
        await page.WaitForTimeoutAsync(500);
        return page;
    }

    private static async Task TypeAsync(IPage page, string text) =>
        await page.Keyboard.TypeAsync(text, new KeyboardTypeOptions { Delay = TypingDelay });

    /// <summary>Types into a picker and waits for its list before the key that takes the first match.</summary>
    private static async Task PickAsync(IPage page, string id, string text)
    {
        await TypeAsync(page, text);
        await page.WaitForSelectorAsync($"#{id}-list li[role=option]");
        await page.Keyboard.PressAsync("Tab");
    }

    [Fact]
    public async Task Agent_RegistersAnOrder_ByKeyboardAlone_AndSeesItsNumber()
    {
        var page = await IntakeAsync("agent");
        await TypeAsync(page, "13900001111");
        await page.Keyboard.PressAsync("Tab");
        await TypeAsync(page, "键盘测试先生");
        await page.Keyboard.PressAsync("Tab"); // 保密
        await page.Keyboard.PressAsync("Tab"); // 需回复
        await page.Keyboard.PressAsync("Tab"); // 渠道
        await page.Keyboard.PressAsync("Tab"); // 诉求类型
        await page.Keyboard.PressAsync("3");   // 投诉
        await page.Keyboard.PressAsync("Tab"); // 紧急程度
        await page.Keyboard.PressAsync("2");   // 紧急
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("category", await page.EvaluateAsync<string>("document.activeElement.id"));
        await PickAsync(page, "category", "停水");
        await PickAsync(page, "region", "滨江社区");
        Assert.Equal("address", await page.EvaluateAsync<string>("document.activeElement.id"));
        await TypeAsync(page, "滨江路88号3栋2单元");
        await page.Keyboard.PressAsync("Tab");
        await TypeAsync(page, "整栋楼停水");
        await page.Keyboard.PressAsync("Tab");
        await TypeAsync(page, "今天早上起整栋楼没有水，没有看到停水通知，请尽快处理。");
        Assert.Equal("true", await page.GetAttributeAsync("#demand-type button[data-key='3']", "aria-checked"));
        await BrowserApp.ScreenshotAsync(page, "intake-filled");

        await page.Keyboard.PressAsync("Control+Enter");
        var link = await page.WaitForSelectorAsync("#new-order");
        var number = (await link!.TextContentAsync())!.Trim();
        Assert.StartsWith("已登记", (await page.TextContentAsync("#intake-done"))!.Trim(), StringComparison.Ordinal);
        await page.WaitForFunctionAsync("document.activeElement && document.activeElement.id === 'phone'");
        Assert.Equal("", await page.InputValueAsync("#title"));
        await BrowserApp.ScreenshotAsync(page, "intake-registered");

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LianxinDbContext>();
        var order = await db.WorkOrders.AsNoTracking().SingleAsync(o => o.Number == number);
        Assert.Equal("13900001111", order.Requester.Phone);
        Assert.Equal(DemandType.Complaint, order.DemandType);
        Assert.Equal(Urgency.Urgent, order.Urgency);
        Assert.Equal("990101002001", order.RegionCode);
        Assert.Equal("停水", (await db.Categories.SingleAsync(c => c.Id == order.CategoryId)).Name);
        Assert.Equal(WorkOrderStatus.Registered, order.Status);
    }

    [Fact]
    public async Task CallerWithOpenOrders_ShowsHistoryAndRepeatWarning_AsTheNumberIsTyped()
    {
        string phone;
        string number;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LianxinDbContext>();
            var open = await db.WorkOrders.AsNoTracking()
                .Where(o => o.Status == WorkOrderStatus.Dispatched || o.Status == WorkOrderStatus.InProgress)
                .OrderByDescending(o => o.CreatedAt)
                .Select(o => new { o.Number, o.Requester.Phone })
                .FirstAsync();
            (phone, number) = (open.Phone, open.Number);
        }

        var page = await IntakeAsync("agent2");
        await TypeAsync(page, phone);
        var summary = await page.WaitForSelectorAsync("#history-summary");
        Assert.Contains("历史来电", await summary!.TextContentAsync(), StringComparison.Ordinal);
        Assert.Contains("未办结", await summary.TextContentAsync(), StringComparison.Ordinal);
        Assert.Contains(number, await page.TextContentAsync("#repeat-warning"), StringComparison.Ordinal);
        Assert.Contains(number, await page.TextContentAsync("#caller-history"), StringComparison.Ordinal);
        await BrowserApp.ScreenshotAsync(page, "intake-history");
    }

    [Fact]
    public async Task HalfTypedIntake_SurvivesAReload()
    {
        var page = await IntakeAsync("agent3");
        await TypeAsync(page, "13900002222");
        await page.Keyboard.PressAsync("Tab");
        await TypeAsync(page, "草稿女士");
        await page.FocusAsync("#demand-type");
        await page.Keyboard.PressAsync("1");
        await page.FocusAsync("#title");
        await TypeAsync(page, "路灯不亮");

        // Saved a moment after the last key (debounced), in the browser.
        await page.WaitForFunctionAsync(
            "Object.keys(localStorage).some(k => k.startsWith('lianxin.draft.intake.') && JSON.parse(localStorage.getItem(k)).title === '路灯不亮')");
        await page.ReloadAsync();
        await page.WaitForFunctionAsync("document.querySelector('#title') && document.querySelector('#title').value === '路灯不亮'");
        Assert.Equal("13900002222", await page.InputValueAsync("#phone"));
        Assert.Equal("草稿女士", await page.InputValueAsync("#requester-name"));
        Assert.Equal("true", await page.GetAttributeAsync("#demand-type button[data-key='1']", "aria-checked"));
        await BrowserApp.ScreenshotAsync(page, "intake-draft-restored");
    }

    [Fact]
    public async Task RegisteringWithoutTitle_ShowsTheErrorBesideTheField_AndKeepsWhatWasTyped()
    {
        var page = await IntakeAsync("agent");
        await TypeAsync(page, "13900003333");
        await page.FocusAsync("#description");
        await TypeAsync(page, "只写了内容");
        await page.Keyboard.PressAsync("Control+Enter");
        var error = await page.WaitForSelectorAsync("#title-error");
        Assert.Equal("必填。", (await error!.TextContentAsync())!.Trim());
        Assert.Equal("必填。", (await page.TextContentAsync("#category-error"))!.Trim());
        Assert.Equal("必填。", (await page.TextContentAsync("#demand-type-error"))!.Trim());
        Assert.Equal("true", await page.GetAttributeAsync("#title", "aria-invalid"));
        Assert.Equal("13900003333", await page.InputValueAsync("#phone"));
        Assert.Equal("只写了内容", await page.InputValueAsync("#description"));
        await BrowserApp.ScreenshotAsync(page, "intake-validation");
    }

    [Fact]
    public async Task Dispatcher_RegistersAndDispatches_WithTheSuggestion()
    {
        var page = await IntakeAsync("dispatcher");
        await TypeAsync(page, "13900004444");
        await page.FocusAsync("#demand-type");
        await page.Keyboard.PressAsync("2");
        await page.FocusAsync("#category");
        await PickAsync(page, "category", "停水");
        await PickAsync(page, "region", "滨江社区");
        await page.FocusAsync("#title");
        await TypeAsync(page, "小区停水");
        await page.Keyboard.PressAsync("Tab");
        await TypeAsync(page, "整个小区停水两小时了。");
        await page.Keyboard.PressAsync("Control+Shift+Enter");
        var suggestion = await page.WaitForSelectorAsync("#suggestion");
        Assert.Contains("建议", await suggestion!.TextContentAsync(), StringComparison.Ordinal);
        Assert.NotEqual("", await page.InputValueAsync("#dispatch-unit"));
        await BrowserApp.ScreenshotAsync(page, "intake-dispatch-suggestion");

        await page.Keyboard.PressAsync("Control+Enter");
        var link = await page.WaitForSelectorAsync("#new-order");
        var number = (await link!.TextContentAsync())!.Trim();
        Assert.Contains("派单", await page.TextContentAsync("#intake-done"), StringComparison.Ordinal);

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LianxinDbContext>();
        Assert.Equal(WorkOrderStatus.Dispatched, await db.WorkOrders.Where(o => o.Number == number).Select(o => o.Status).SingleAsync());
    }

    [Fact]
    public async Task Agent_AnswersOnTheCall_WithF8_AndTheOrderCloses()
    {
        var page = await IntakeAsync("agent2");
        await TypeAsync(page, "13900005555");
        await page.FocusAsync("#demand-type");
        await page.Keyboard.PressAsync("1");
        await page.FocusAsync("#category");
        await PickAsync(page, "category", "停水");
        await page.FocusAsync("#title");
        await TypeAsync(page, "咨询停水时间");
        await page.Keyboard.PressAsync("Tab");
        await TypeAsync(page, "询问明天计划停水的时间。");
        await page.Keyboard.PressAsync("F8");
        await page.WaitForFunctionAsync("document.activeElement && document.activeElement.id === 'answer'");
        await TypeAsync(page, "已告知：明天9点至17点计划停水。");
        await BrowserApp.ScreenshotAsync(page, "intake-answer-directly");
        await page.Keyboard.PressAsync("Control+Enter");
        var link = await page.WaitForSelectorAsync("#new-order");
        var number = (await link!.TextContentAsync())!.Trim();
        Assert.Contains("直接答复", await page.TextContentAsync("#intake-done"), StringComparison.Ordinal);

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LianxinDbContext>();
        Assert.Equal(WorkOrderStatus.Closed, await db.WorkOrders.Where(o => o.Number == number).Select(o => o.Status).SingleAsync());
    }

    [Fact]
    public async Task MyOrders_ListsWhatTheAgentRegistered()
    {
        var page = await IntakeAsync("agent");
        await page.GotoAsync(app.BaseUrl + "/my");
        await page.WaitForSelectorAsync("#my-orders tbody tr[data-row]");
        Assert.True(await page.Locator("#my-orders tbody tr").CountAsync() >= 1);
        await BrowserApp.ScreenshotAsync(page, "my-orders");
    }
}
