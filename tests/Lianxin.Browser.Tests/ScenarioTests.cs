using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Lianxin.Web.Demo;
using Microsoft.Playwright;

namespace Lianxin.Browser.Tests;

/// <summary>One app started the README's way (<c>dotnet run</c>), shared by the tests that need it.</summary>
[CollectionDefinition(Name)]
public sealed class ReadmeRunGroup : ICollectionFixture<ReadmeRunApp>
{
    public const string Name = "readme-run";
}

/// <summary>
/// SCENARIOS.md 1 and 3 end to end in the console, as the people in them, on the app started as README.md
/// says: the call-taker registers, the dispatcher dispatches from the desk, the unit signs for it and
/// replies, the dispatcher reviews, the visitor calls back; a misrouted order is returned and
/// redispatched; a repeat complaint is supervised and the unit answers the 督办.
/// </summary>
[Collection(ReadmeRunGroup.Name)]
public sealed class ScenarioTests(ReadmeRunApp app)
{
    private static readonly TimeSpan Slow = TimeSpan.FromSeconds(60);

    private async Task<IPage> SignedInAsync(string user)
    {
        var page = await app.NewPageAsync();
        page.SetDefaultTimeout((float)Slow.TotalMilliseconds);
        await BrowserApp.SignInAsync(page, app.BaseUrl, user);
        return page;
    }

    private static string NewPhone() => "139" + Random.Shared.Next(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture);

    /// <summary>Types into an intake picker and takes the first match.</summary>
    private static async Task PickAsync(IPage page, string id, string text)
    {
        await page.FocusAsync($"#{id}");
        await page.Keyboard.TypeAsync(text, new KeyboardTypeOptions { Delay = 20 });
        try
        {
            await page.WaitForSelectorAsync($"#{id}-list li[role=option]");
        }
        catch (TimeoutException e)
        {
            await BrowserApp.ScreenshotAsync(page, "scenario-failed-picker");
            throw new TimeoutException($"{e.Message}\n--- the field holds ---\n{await page.InputValueAsync($"#{id}")}", e);
        }

        await page.Keyboard.PressAsync("Tab");
    }

    /// <summary>The call-taker's intake up to the point of registering: returns the page with the form filled.</summary>
    private async Task<IPage> IntakeAsync(string user, string phone, string name, char demandKey, char urgencyKey, string category, string region, string address, string title, string description)
    {
        var page = await SignedInAsync(user);
        await page.GotoAsync(app.BaseUrl + "/intake");
        await page.WaitForFunctionAsync("document.activeElement && document.activeElement.id === 'phone'");
        await page.Keyboard.TypeAsync(phone, new KeyboardTypeOptions { Delay = 20 });
        await page.FillAsync("#requester-name", name);
        await page.FocusAsync("#demand-type");
        await page.Keyboard.PressAsync(demandKey.ToString());
        await page.FocusAsync("#urgency");
        await page.Keyboard.PressAsync(urgencyKey.ToString());
        await PickAsync(page, "category", category);
        await PickAsync(page, "region", region);
        await page.FillAsync("#address", address);
        await page.FillAsync("#title", title);
        await page.FillAsync("#description", description);
        return page;
    }

    private static async Task<string> RegisterAsync(IPage page)
    {
        await page.Keyboard.PressAsync("Control+Enter");
        var link = await page.WaitForSelectorAsync("#new-order");
        return (await link!.TextContentAsync())!.Trim();
    }

    /// <summary>Opens a desk on a tab and the row of <paramref name="number"/> in its drawer.</summary>
    private async Task OpenOnDeskAsync(IPage page, string desk, string tab, string number)
    {
        if (!page.Url.EndsWith(desk, StringComparison.Ordinal))
        {
            await page.GotoAsync(app.BaseUrl + desk);
        }

        await page.Locator("[data-desk] [role=tab]", new PageLocatorOptions { HasTextString = tab }).ClickAsync();
        var row = page.Locator($"[data-row][data-number='{number}']");

        // Desks page past 50 rows, oldest first on some (回访): the demo's own orders may fill the first pages.
        for (var turn = 0; turn < 10; turn++)
        {
            try
            {
                await row.WaitForAsync(new LocatorWaitForOptions { Timeout = turn == 0 ? 20_000 : 6_000 });
                break;
            }
            catch (TimeoutException) when (turn < 9)
            {
                // Not on this page, or not there yet (a live list reloads after the change): the next page if any, else wait on.
                if (await page.Locator("[data-page-next]:not([disabled])").CountAsync() > 0)
                {
                    await page.Locator("[data-page-next]").ClickAsync();
                }
            }
        }

        await row.Locator("[data-open]").ClickAsync();
        var title = page.Locator(".desk-drawer .ant-drawer-title");
        await Assertions.Expect(title).ToContainTextAsync(number, new LocatorAssertionsToContainTextOptions { Timeout = (float)Slow.TotalMilliseconds });
        await page.WaitForSelectorAsync($".desk-drawer [data-drawer-order] .action-panel");
    }

    private static ILocator Form(IPage page) => page.Locator(".desk-drawer .action-form, main .action-form").First;

    /// <summary>Submits the open form; on a desk the drawer moves to the next row at once, and the desk's header says which order was done.</summary>
    private static async Task SubmitAsync(IPage page, string number)
    {
        var onDesk = await page.Locator("[data-desk]").CountAsync() > 0;
        await Form(page).Locator("[data-submit]").ClickAsync();
        try
        {
            await page.WaitForSelectorAsync(onDesk ? $".desk-done[data-done='{number}']" : ".action-done");
        }
        catch (TimeoutException e)
        {
            // Say what the form said instead: a refusal is the likeliest reason, and it is on the screen.
            await BrowserApp.ScreenshotAsync(page, "scenario-failed-" + Guid.NewGuid().ToString("N")[..6]);
            var text = await page.Locator(".desk-drawer, main").First.InnerTextAsync();
            throw new TimeoutException($"{e.Message}\n--- the page said ---\n{text}", e);
        }
    }

    /// <summary>Clicks the choice labelled <paramref name="label"/> in a keyed group of the open form.</summary>
    private static Task ChooseAsync(IPage page, string label) =>
        Form(page).Locator("fieldset.keyed label", new LocatorLocatorOptions { HasTextRegex = new Regex($"^\\s*[0-9A-Z]+\\s*{Regex.Escape(label)}") }).First.ClickAsync();

    private async Task<JsonElement> OrderByNumberAsync(string number)
    {
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        var token = await http.PostAsJsonAsync("/api/v1/auth/token", new { username = "supervisor", password = DemoCentre.Password });
        var access = (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", access);
        var list = await http.GetFromJsonAsync<JsonElement>($"/api/v1/work-orders?q={number}");
        var id = list.GetProperty("items").EnumerateArray().Single(o => o.GetProperty("number").GetString() == number).GetProperty("id").GetGuid();
        return await http.GetFromJsonAsync<JsonElement>($"/api/v1/work-orders/{id}");
    }

    [Fact]
    public async Task NightShift_UrgentDrainOrder_FromTheCallToASatisfiedReturnVisit()
    {
        // 21:20, 地漏泛水: remote guidance did not help; registered as urgent.
        var phone = NewPhone();
        var agent = await IntakeAsync("agent", phone, "林女士", '2', '2', "地漏泛水", "滨江社区", "滨江社区8栋2单元502室", "卫生间地漏泛水",
            "卫生间地漏往上冒水，已按知识库指导清理地漏无效，物业维修人员封控中无法上门，请派应急维修。");
        await BrowserApp.ScreenshotAsync(agent, "scenario1-intake");
        var number = await RegisterAsync(agent);

        // The dispatcher sends it to the district's emergency repair crew from the desk.
        var dispatcher = await SignedInAsync("dispatcher");
        await OpenOnDeskAsync(dispatcher, "/dispatch", "待派单", number);
        await Form(dispatcher).Locator("input.unit-picker").First.FillAsync("临江市房屋维修应急中心");
        await Form(dispatcher).Locator("textarea").First.FillAsync("物业封控，请应急中心上门处理。");
        await BrowserApp.ScreenshotAsync(dispatcher, "scenario1-dispatch");
        await SubmitAsync(dispatcher, number);

        // The crew signs for it within minutes, clears the drain stack and replies "solved".
        var crew = await SignedInAsync("repair-crew");
        await OpenOnDeskAsync(crew, "/unit", "待签收", number);
        await SubmitAsync(crew, number);
        await OpenOnDeskAsync(crew, "/unit", "办理中", number);
        var reply = crew.Locator(".desk-drawer .action-bar button[data-action=Reply]");
        if (await Form(crew).Locator("textarea").CountAsync() == 0)
        {
            await reply.ClickAsync();
        }

        await Form(crew).Locator("textarea").First.FillAsync("到场检查为楼栋排水立管堵塞，已疏通，地漏排水恢复正常。");
        await ChooseAsync(crew, "已解决");
        await BrowserApp.ScreenshotAsync(crew, "scenario1-reply");
        await SubmitAsync(crew, number);

        // Next morning: the day shift reviews the reply ...
        await OpenOnDeskAsync(dispatcher, "/dispatch", "待审核", number);
        await ChooseAsync(dispatcher, "通过");
        await SubmitAsync(dispatcher, number);

        // ... and calls the resident back (closed today, the visit is due from the next working day; a visit now counts): solved, satisfied.
        var visitor = await SignedInAsync("visitor");
        await OpenOnDeskAsync(visitor, "/visits", "未到期", number);
        await ChooseAsync(visitor, "已解决");
        await ChooseAsync(visitor, "满意");
        await BrowserApp.ScreenshotAsync(visitor, "scenario1-visit");
        await SubmitAsync(visitor, number);

        var order = await OrderByNumberAsync(number);
        Assert.Equal("urgent", order.GetProperty("urgency").GetString());
        Assert.Contains(order.GetProperty("status").GetString(), new[] { "closed", "archived" });
        Assert.Equal("satisfied", order.GetProperty("visit").GetProperty("satisfaction").GetString());
    }

    [Fact]
    public async Task NightShift_TrippedBreaker_IsAnsweredDirectly()
    {
        var page = await IntakeAsync("agent2", NewPhone(), "周先生", '2', '1', "跳闸断电", "滨江社区", "滨江社区3栋", "电闸跳闸",
            "家里突然断电，楼道有电。");
        await page.Keyboard.PressAsync("F8");
        await page.FillAsync("#answer", "指导来电人检查漏电保护开关，拔下故障电器后合闸，已恢复供电。");
        await page.ClickAsync("#confirm-answer");
        var number = (await (await page.WaitForSelectorAsync("#new-order"))!.TextContentAsync())!.Trim();
        var order = await OrderByNumberAsync(number);
        Assert.Equal("closed", order.GetProperty("status").GetString());
        Assert.StartsWith("指导来电人检查漏电保护开关", order.GetProperty("answer").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CityCentre_MisroutedOrderReturned_ApprovedAndRedispatchedInOneStep()
    {
        var agent = await IntakeAsync("agent3", NewPhone(), "钱先生", '2', '1', "暖气不热", "滨江社区", "滨江社区12栋", "暖气片不热",
            "入冬以来家里暖气一直不热，室温只有十二度。");
        var number = await RegisterAsync(agent);

        // Dispatched to the water company by mistake ...
        var dispatcher = await SignedInAsync("dispatcher2");
        await OpenOnDeskAsync(dispatcher, "/dispatch", "待派单", number);
        await Form(dispatcher).Locator("input.unit-picker").First.FillAsync("临江水务集团");
        await SubmitAsync(dispatcher, number);

        // ... which asks to return it, with a reason and the basis ...
        var water = await SignedInAsync("water");
        await water.GotoAsync(app.BaseUrl + "/unit");
        await OpenOnDeskAsync(water, "/unit", "待签收", number);
        await water.Locator(".desk-drawer .action-bar button[data-action=RequestReturn]").ClickAsync();
        await Form(water).Locator("select").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await Form(water).Locator("textarea").Nth(0).FillAsync("供暖不属于本单位职责。");
        await Form(water).Locator("textarea").Nth(1).FillAsync("供热由临江热力有限公司负责（职责清单）。");
        await BrowserApp.ScreenshotAsync(water, "scenario3-return");
        await SubmitAsync(water, number);

        // ... and the dispatcher approves and passes it to the heating company in the same form.
        await OpenOnDeskAsync(dispatcher, "/dispatch", "退回待审", number);
        await ChooseAsync(dispatcher, "同意退回");
        await Form(dispatcher).Locator("input.unit-picker").First.FillAsync("临江热力有限公司");
        await BrowserApp.ScreenshotAsync(dispatcher, "scenario3-return-decision");
        await SubmitAsync(dispatcher, number);
        var said = await dispatcher.Locator($".desk-done[data-done='{number}']").InnerTextAsync();

        var order = await OrderByNumberAsync(number);
        Assert.True(order.GetProperty("status").GetString() == "dispatched", $"The order is {order.GetProperty("status").GetString()}; the desk said: {said}");
        var lead = order.GetProperty("assignments").EnumerateArray().Last(a => a.GetProperty("parentId").ValueKind == JsonValueKind.Null && a.GetProperty("role").GetString() == "lead");
        Assert.Equal("临江热力有限公司", lead.GetProperty("unit").GetProperty("name").GetString());
    }

    [Fact]
    public async Task CityCentre_RepeatComplaint_IsFlagged_Dispatched_Supervised_AndTheUnitAnswers()
    {
        // The second call about the same restaurant's fumes: the intake warns of the first.
        var phone = NewPhone();
        var first = await IntakeAsync("agent", phone, "孙女士", '3', '1', "油烟扰民", "新华路街道", "新华路88号", "楼下饭店油烟扰民",
            "楼下饭店油烟直排，家里无法开窗。");
        await RegisterAsync(first);
        var second = await IntakeAsync("agent", phone, "孙女士", '3', '1', "油烟扰民", "新华路街道", "新华路88号", "饭店油烟仍然直排",
            "第二次反映：楼下饭店油烟仍然直排，两个部门互相推诿。");
        await second.WaitForSelectorAsync("#repeat-warning");
        await BrowserApp.ScreenshotAsync(second, "scenario3-repeat-warning");
        var number = await RegisterAsync(second);

        // Dispatched to the district, then supervised (督办) from the order page.
        var dispatcher = await SignedInAsync("dispatcher");
        await OpenOnDeskAsync(dispatcher, "/dispatch", "待派单", number);
        await Form(dispatcher).Locator("input.unit-picker").First.FillAsync("江北区分中心");
        await SubmitAsync(dispatcher, number);

        var supervisor = await SignedInAsync("supervisor");
        var order = await OrderByNumberAsync(number);
        Assert.True(order.GetProperty("repeatOf").ValueKind != JsonValueKind.Null, "the second call is linked to the first");
        await supervisor.GotoAsync($"{app.BaseUrl}/orders/{order.GetProperty("id").GetGuid()}");
        await supervisor.Locator(".action-bar button[data-action=Supervise]").ClickAsync();
        await Form(supervisor).Locator("textarea").First.FillAsync("重复投诉，请明确责任部门并书面说明处理情况。");
        await SubmitAsync(supervisor, number);

        // The district answers the 督办 from its desk.
        var district = await SignedInAsync("jiangbei");
        await OpenOnDeskAsync(district, "/unit", "督办", number);
        if (await Form(district).Locator("textarea").CountAsync() == 0)
        {
            await district.Locator(".desk-drawer .action-bar button[data-action=ReplyToSupervision]").ClickAsync();
        }

        await Assertions.Expect(district.Locator(".desk-drawer .ant-drawer-title")).ToContainTextAsync(number);
        await Form(district).Locator("textarea").First.FillAsync("已召集城管与市场监管现场会商，明确由城管局牵头整改，饭店本周内加装净化设备。");
        await BrowserApp.ScreenshotAsync(district, "scenario3-supervision-reply");
        await SubmitAsync(district, number);
    }
}
