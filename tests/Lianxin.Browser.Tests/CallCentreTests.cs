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
        // The demo leaves 唐诗雨 (agent8, 8008) signed out and 韩志明 (agent7) on a break: neither is on a call.
        var tang = await app.SignedInAsync("agent8", waitFor: "#agent-bar");
        var han = await app.SignedInAsync("agent7", waitFor: "#agent-bar");

        // 签入 from the top bar, by keyboard: the state select, then ready.
        await tang.Keyboard.PressAsync("Alt+S");
        Assert.Equal("agent-choose", await tang.EvaluateAsync<string>("document.activeElement.id"));
        await tang.SelectOptionAsync("#agent-choose", "ready");
        await tang.WaitForFunctionAsync("document.querySelector('#agent-state').textContent === '空闲'");

        var phone = "1391234" + Random.Shared.Next(1000, 9999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var callId = "pop-" + Guid.NewGuid().ToString("N");
        await PostAsync(token, ("event", "newCall"), ("direction", "in"), ("from", "+86" + phone), ("to", "12345"), ("callId", callId));
        await PostAsync(token, ("event", "answer"), ("direction", "in"), ("callId", callId), ("answeringNumber", "8008"));

        // Her console opens the intake with the caller's number; the top bar says on call.
        await tang.WaitForFunctionAsync(
            "location.pathname === '/intake' && document.querySelector('#phone') && document.querySelector('#phone').value === '" + phone + "'", null,
            new PageWaitForFunctionOptions { Timeout = 15_000 });
        await tang.WaitForSelectorAsync("#call-linked");
        await tang.WaitForFunctionAsync("document.querySelector('#agent-state').textContent === '通话中'");
        await tang.WaitForTimeoutAsync(500);
        await BrowserApp.ScreenshotAsync(tang, "screen-pop-intake");

        // The other agent's console stays where it was.
        await han.WaitForTimeoutAsync(1000);
        Assert.Equal("/", new Uri(han.Url).AbsolutePath);

        // She answers the caller directly (F8) and the order is linked to the call.
        await tang.FocusAsync("#demand-type");
        await tang.Keyboard.PressAsync("1");
        await tang.FocusAsync("#category");
        await tang.Keyboard.TypeAsync("停水", new KeyboardTypeOptions { Delay = TypingDelay });
        await tang.WaitForSelectorAsync("#category-list li[role=option]");
        await tang.Keyboard.PressAsync("Tab");
        await tang.FocusAsync("#title");
        await tang.Keyboard.TypeAsync("咨询停水时间", new KeyboardTypeOptions { Delay = TypingDelay });
        await tang.Keyboard.PressAsync("Tab");
        await tang.Keyboard.TypeAsync("询问明天计划停水的时间。", new KeyboardTypeOptions { Delay = TypingDelay });
        await tang.Keyboard.PressAsync("F8");
        await tang.WaitForFunctionAsync("document.activeElement && document.activeElement.id === 'answer'");
        await tang.Keyboard.TypeAsync("已告知：明天9点至17点计划停水。", new KeyboardTypeOptions { Delay = TypingDelay });
        await tang.Keyboard.PressAsync("Control+Enter");
        var number = (await (await tang.WaitForSelectorAsync("#new-order"))!.TextContentAsync())!.Trim();

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
        await tang.WaitForFunctionAsync("document.querySelector('#agent-state').textContent === '话后整理'");
        await BrowserApp.ScreenshotAsync(tang, "agent-bar-wrap-up");

        // The order's page names the call it came from.
        await tang.ClickAsync("#new-order");
        var calls = await tang.WaitForSelectorAsync("#order-calls");
        Assert.Contains("唐诗雨", await calls!.TextContentAsync(), StringComparison.Ordinal);
    }
}
