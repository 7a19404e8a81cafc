using Lianxin.Core.Calls;
using Lianxin.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Lianxin.Browser.Tests;

/// <summary>来电弹屏 as an agent lives it: sign in on the phone from the top bar, a call answered at their extension opens
/// their intake (and nobody else's), the order they register is linked to the call, hangup starts wrap-up.</summary>
public sealed class CallCentreTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private const int TypingDelay = 25;

    private async Task<string> TokenAsync()
    {
        var token = "browser-" + Guid.NewGuid().ToString("N");
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LianxinDbContext>();
        db.PhoneSystems.Add(PhoneSystem.WithToken(Guid.NewGuid(), "浏览器测试话务平台", token, scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync();
        return token;
    }

    private async Task PostAsync(string token, params (string Key, string Value)[] fields)
    {
        using var pbx = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        using var response = await pbx.PostAsync($"/api/v1/cti/{token}", new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value))));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AnsweredCall_PopsTheAnsweringAgentsIntake_Only_AndTheOrderIsLinkedToTheCall()
    {
        var token = await TokenAsync();
        var wang = await app.SignedInAsync("agent", waitFor: "#agent-bar");
        var li = await app.SignedInAsync("agent2", waitFor: "#agent-bar");

        // 签入 from the top bar, by keyboard: the state select, then ready.
        await wang.FocusAsync("#agent-choose");
        await wang.SelectOptionAsync("#agent-choose", "ready");
        await wang.WaitForFunctionAsync("document.querySelector('#agent-state').textContent === '空闲'");

        var phone = "1391234" + Random.Shared.Next(1000, 9999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var callId = "pop-" + Guid.NewGuid().ToString("N");
        await PostAsync(token, ("event", "newCall"), ("direction", "in"), ("from", "+86" + phone), ("to", "12345"), ("callId", callId));
        await PostAsync(token, ("event", "answer"), ("direction", "in"), ("callId", callId), ("answeringNumber", "8001"));

        // Wang's console opens the intake with the caller's number; the top bar says on call.
        await wang.WaitForFunctionAsync(
            "location.pathname === '/intake' && document.querySelector('#phone') && document.querySelector('#phone').value === '" + phone + "'", null,
            new PageWaitForFunctionOptions { Timeout = 15_000 });
        await wang.WaitForSelectorAsync("#call-linked");
        await wang.WaitForFunctionAsync("document.querySelector('#agent-state').textContent === '通话中'");
        await wang.WaitForTimeoutAsync(500);
        await BrowserApp.ScreenshotAsync(wang, "screen-pop-intake");

        // Li's console stays where it was.
        await li.WaitForTimeoutAsync(1000);
        Assert.Equal("/", new Uri(li.Url).AbsolutePath);

        // Wang answers the caller directly (F8) and the order is linked to the call.
        await wang.FocusAsync("#demand-type");
        await wang.Keyboard.PressAsync("1");
        await wang.FocusAsync("#category");
        await wang.Keyboard.TypeAsync("停水", new KeyboardTypeOptions { Delay = TypingDelay });
        await wang.WaitForSelectorAsync("#category-list li[role=option]");
        await wang.Keyboard.PressAsync("Tab");
        await wang.FocusAsync("#title");
        await wang.Keyboard.TypeAsync("咨询停水时间", new KeyboardTypeOptions { Delay = TypingDelay });
        await wang.Keyboard.PressAsync("Tab");
        await wang.Keyboard.TypeAsync("询问明天计划停水的时间。", new KeyboardTypeOptions { Delay = TypingDelay });
        await wang.Keyboard.PressAsync("F8");
        await wang.WaitForFunctionAsync("document.activeElement && document.activeElement.id === 'answer'");
        await wang.Keyboard.TypeAsync("已告知：明天9点至17点计划停水。", new KeyboardTypeOptions { Delay = TypingDelay });
        await wang.Keyboard.PressAsync("Control+Enter");
        var number = (await (await wang.WaitForSelectorAsync("#new-order"))!.TextContentAsync())!.Trim();

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LianxinDbContext>();
            var linked = await (from l in db.CallOrderLinks
                                join c in db.PhoneCalls on l.CallId equals c.Id
                                join o in db.WorkOrders on l.WorkOrderId equals o.Id
                                where c.ExternalId == callId
                                select o.Number).ToListAsync();
            Assert.Equal([number], linked);
        }

        // The caller hangs up: wrap-up, counting down.
        await PostAsync(token, ("event", "hangup"), ("direction", "in"), ("callId", callId), ("cause", "normalClearing"));
        await wang.WaitForFunctionAsync("document.querySelector('#agent-state').textContent === '话后整理'");
        await BrowserApp.ScreenshotAsync(wang, "agent-bar-wrap-up");

        // The order's page names the call it came from.
        await wang.ClickAsync("#new-order");
        var calls = await wang.WaitForSelectorAsync("#order-calls");
        Assert.Contains("王晓雯", await calls!.TextContentAsync(), StringComparison.Ordinal);
    }
}
