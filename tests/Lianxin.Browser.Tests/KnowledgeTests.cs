using Lianxin.Core.Data;
using Lianxin.Core.WorkOrders;
using Lianxin.Web.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Lianxin.Browser.Tests;

/// <summary>
/// 知识库 on the call: as the description is typed, the intake's panel offers the answer; the call-taker
/// reads it, uses it as the 直接答复, adds a phrase with :: and another answer with ??, and closes the order.
/// </summary>
public sealed class KnowledgeTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private const int TypingDelay = 25;

    private static Task TypeAsync(IPage page, string text) => page.Keyboard.TypeAsync(text, new KeyboardTypeOptions { Delay = TypingDelay });

    private static string Active(IPage page) => "document.activeElement && document.activeElement.id";

    [Fact]
    public async Task CallTaker_AnswersFromTheKnowledgeBase_WithThePanelAndThePickers()
    {
        var page = await app.NewPageAsync();
        await page.SetViewportSizeAsync(1366, 768);
        await page.GotoAsync(app.BaseUrl + "/login");
        await page.FillAsync("#username", "agent");
        await page.FillAsync("#password", DemoCentre.Password);
        await page.ClickAsync("#sign-in");
        await page.WaitForSelectorAsync("#orders");
        await page.Keyboard.PressAsync("Control+Shift+N");
        await page.WaitForFunctionAsync("location.pathname === '/intake' && " + Active(page) + " === 'phone'", null, new PageWaitForFunctionOptions { Timeout = 60_000 });
        await page.WaitForTimeoutAsync(500);

        await TypeAsync(page, "13900006666");
        await page.FocusAsync("#demand-type");
        await page.Keyboard.PressAsync("1"); // 咨询
        await page.FocusAsync("#category");
        await TypeAsync(page, "停水");
        await page.WaitForSelectorAsync("#category-list li[role=option]");
        await page.Keyboard.PressAsync("Tab");
        await page.FocusAsync("#title");
        await TypeAsync(page, "家里没水了");
        await page.Keyboard.PressAsync("Tab");
        await TypeAsync(page, "今天下午家里突然停水，想问什么时候来水");

        // The panel offers the answer while the call-taker types, and never takes the focus.
        var hit = await page.WaitForSelectorAsync("#kb-hits button.hit:has-text('计划停水与来水时间查询')");
        Assert.NotNull(hit);
        Assert.Equal("description", await page.EvaluateAsync<string>(Active(page)));
        Assert.Equal("今天下午家里突然停水，想问什么时候来水", await page.InputValueAsync("#description"));
        await page.WaitForSelectorAsync("#similar-orders li, #similar-none");
        await BrowserApp.ScreenshotAsync(page, "knowledge-intake-panel");

        // Read it in the drawer, then use it as the answer: the 直接答复 drawer opens with the text in it.
        await hit!.ClickAsync();
        var reading = await page.WaitForSelectorAsync("#reading-answer");
        Assert.Contains("提前24小时", await reading!.TextContentAsync(), StringComparison.Ordinal);
        await page.WaitForTimeoutAsync(400); // the drawer slides in
        await BrowserApp.ScreenshotAsync(page, "knowledge-intake-reading");
        await page.ClickAsync("#use-answer");
        await page.WaitForFunctionAsync(Active(page) + " === 'answer'");
        var answer = await page.InputValueAsync("#answer");
        Assert.StartsWith("1. 先问清地址", answer, StringComparison.Ordinal);

        // :: opens the common phrases; a shortcut filters; Enter inserts in place of the trigger.
        await page.EvaluateAsync("() => { const a = document.querySelector('#answer'); a.setSelectionRange(a.value.length, a.value.length); }");
        await page.Keyboard.PressAsync("Enter");
        await TypeAsync(page, "::zsk");
        await page.WaitForSelectorAsync("#phrase-picker li.on:has-text('已按知识库答复来电人')");
        await BrowserApp.ScreenshotAsync(page, "knowledge-phrase-picker");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForFunctionAsync("!document.querySelector('#phrase-picker')");
        Assert.EndsWith("\n已按知识库答复来电人，来电人表示理解。", await page.InputValueAsync("#answer"), StringComparison.Ordinal);

        // ?? offers knowledge answers (Esc cancels it, the drawer stays); words after it filter, Enter inserts the answer.
        await page.Keyboard.PressAsync("Enter");
        await TypeAsync(page, "??");
        await page.WaitForSelectorAsync("#knowledge-picker li");
        await page.Keyboard.PressAsync("Escape");
        await page.WaitForFunctionAsync("!document.querySelector('#knowledge-picker')");
        Assert.NotNull(await page.QuerySelectorAsync(".ant-drawer-open #answer"));
        await page.Keyboard.PressAsync("Backspace");
        await page.Keyboard.PressAsync("Backspace");
        await TypeAsync(page, "??水质");
        await page.WaitForSelectorAsync("#knowledge-picker li.on:has-text('水质发黄、有异味')");
        await BrowserApp.ScreenshotAsync(page, "knowledge-answer-picker");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForFunctionAsync("document.querySelector('#answer').value.includes('放水3至5分钟')");
        var text = await page.InputValueAsync("#answer");
        Assert.DoesNotContain("??", text, StringComparison.Ordinal);
        Assert.DoesNotContain("::", text, StringComparison.Ordinal);

        // The server has the inserted text (Blazor was told, as if typed): answering closes the order with it.
        await page.Keyboard.PressAsync("Control+Enter");
        var done = await page.WaitForSelectorAsync("#intake-done");
        Assert.Contains("直接答复", await done!.TextContentAsync(), StringComparison.Ordinal);
        var number = (await page.TextContentAsync("#new-order"))!.Trim();
        await BrowserApp.ScreenshotAsync(page, "knowledge-answered");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LianxinDbContext>();
            var order = await db.WorkOrders.AsNoTracking().SingleAsync(o => o.Number == number);
            Assert.Equal(WorkOrderStatus.Closed, order.Status);
            Assert.Contains("计划停水会提前24小时", order.Answer, StringComparison.Ordinal);
            Assert.Contains("已按知识库答复来电人，来电人表示理解。", order.Answer, StringComparison.Ordinal);
            Assert.Contains("放水3至5分钟", order.Answer, StringComparison.Ordinal);
        }

        // The knowledge page: search, J/K and Enter open an article.
        await page.ClickAsync("#nav-knowledge");
        await page.WaitForSelectorAsync("#kb-q");
        await page.FocusAsync("#kb-q");
        await TypeAsync(page, "暖气");
        await page.WaitForFunctionAsync("document.querySelector('#kb-results li a').textContent === '暖气漏水应急处理'");
        Assert.DoesNotContain("水质发黄", await page.TextContentAsync("#kb-results"), StringComparison.Ordinal);
        await page.EvaluateAsync("() => document.activeElement.blur()");
        await page.Keyboard.PressAsync("j");
        await page.Keyboard.PressAsync("j");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForFunctionAsync("document.querySelector('#kb-article-title') && document.querySelector('#kb-article-title').textContent === '室内供暖温度标准'");
        Assert.Equal("暖气", await page.InputValueAsync("#kb-q"));
        await BrowserApp.ScreenshotAsync(page, "knowledge-page");
    }
}
