using System.Security.Claims;
using Bunit;
using Lianxin.Core.Common;
using Lianxin.Core.Data;
using Lianxin.Core.Organization;
using Lianxin.Core.WorkOrders;
using Lianxin.Web.Components;
using Lianxin.Web.Deadlines;
using Lianxin.Web.Dispatch;
using Lianxin.Web.Identity;
using Lianxin.Web.Tests.Infrastructure;
using Lianxin.Web.WorkOrders.Actions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Lianxin.Web.Tests.Components;

/// <summary>
/// The action forms that hold logic, rendered with bUnit over the real use cases and a real SQLite
/// database (the app's own services): what they require, what they send, and how they show a refusal
/// (409 in words; 412 with 重新加载, the fields kept).
/// </summary>
public sealed class ActionFormTests : BunitContext, IClassFixture<SqliteApp>
{
    private readonly SqliteApp _app;
    private readonly Orders _orders;
    private readonly ConsoleSession _session = new(Options.Create(new CentreOptions()));

    public ActionFormTests(SqliteApp app)
    {
        _app = app;
        _orders = new Orders(app);
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddSingleton(_session);
        Services.AddSingleton(new ConsoleRunner(app.Services.GetRequiredService<IServiceScopeFactory>(), NullLogger<ConsoleRunner>.Instance));
    }

    private WorkOrder? Saved { get; set; }

    private bool Reloaded { get; set; }

    /// <summary>Signs the console in as <paramref name="user"/> and builds the form's context for <paramref name="action"/> on the order as it is now.</summary>
    private async Task<ActionContext> ContextAsync(Guid orderId, string user, WorkOrderAction action, int versionBack = 0)
    {
        var account = await _app.Db(db => db.Users.AsNoTracking().SingleAsync(u => u.UserName == user));
        _session.Start(new ClaimsPrincipal(new ClaimsIdentity(ClaimsActor.ClaimsFor(account), "test")), english: false);
        var actor = _session.Actor;
        using var scope = _app.Services.CreateScope();
        var order = await scope.ServiceProvider.GetRequiredService<GetWorkOrder>().ExecuteAsync(orderId, actor, CancellationToken.None, complete: true);
        var refs = await scope.ServiceProvider.GetRequiredService<ReferenceData>().GetAsync(scope.ServiceProvider.GetRequiredService<LianxinDbContext>(), CancellationToken.None);
        var unit = actor.UnitId is { } u ? refs.Units.Find(u) : null;
        var allowed = order.AllowedActions(actor, unit).FirstOrDefault(a => a.Action == action) ?? new AllowedAction(action);
        return new ActionContext(order, refs, unit, new ActionButton(allowed, OrderActions.Word(action), null), order.Version - versionBack,
            (saved, _) =>
            {
                Saved = saved;
                return Task.CompletedTask;
            },
            () => Task.CompletedTask,
            () =>
            {
                Reloaded = true;
                return Task.CompletedTask;
            });
    }

    private async Task<string> StatusAsync(Guid id) => (await _orders.GetAsync(id)).Expect(200).Str("status")!;

    [Fact]
    public async Task Return_WithoutExplanationOrBasis_ShowsBothBesideTheirFields_AndSendsNothing()
    {
        var id = await _orders.DispatchedAsync(_app.Data.Water);
        var context = await ContextAsync(id, "water", WorkOrderAction.RequestReturn);
        var form = Render<ReturnForm>(p => p.Add(f => f.Act, context));

        await form.Find("button[data-submit]").ClickAsync(new());

        form.WaitForAssertion(() => Assert.True(form.FindAll(".field-error").Count >= 2));
        Assert.Contains("invalid", form.Find("textarea[id$='-reason']").ClassList);
        Assert.Contains("invalid", form.Find("textarea[id$='-basis']").ClassList);
        Assert.Null(Saved);
        Assert.Equal("dispatched", await StatusAsync(id));
    }

    [Fact]
    public async Task Return_SendsTheChosenReasonCode_ItsWordsAsExplanation_AndTheBasis()
    {
        var id = await _orders.DispatchedAsync(_app.Data.Water);
        var context = await ContextAsync(id, "water", WorkOrderAction.RequestReturn);
        var form = Render<ReturnForm>(p => p.Add(f => f.Act, context));
        var select = form.Find("select[id$='-code']");
        var code = select.QuerySelectorAll("option").Skip(1).First().GetAttribute("value")!;

        await select.ChangeAsync(new() { Value = code });
        form.Find("textarea[id$='-basis']").Input("《供水管理办法》第十二条：户内管道由业主负责。");
        await form.Find("button[data-submit]").ClickAsync(new());

        form.WaitForAssertion(() => Assert.NotNull(Saved));
        Assert.Equal("returnRequested", await StatusAsync(id));
        var sent = await _app.Db(db => db.ReturnRequests.AsNoTracking().SingleAsync(r => r.WorkOrderId == id));
        Assert.Equal(code, sent.ReasonCode);
        Assert.False(string.IsNullOrWhiteSpace(sent.Reason));
        Assert.StartsWith("《供水管理办法》", sent.Basis, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Return_OnAStaleVersion_Is412_WithReload_AndKeepsWhatWasTyped()
    {
        var id = await _orders.DispatchedAsync(_app.Data.Water);
        var context = await ContextAsync(id, "water", WorkOrderAction.RequestReturn);
        (await _orders.ActAsync("supervisor", id, "urge", new { note = "请尽快签收" })).Expect(200);
        var form = Render<ReturnForm>(p => p.Add(f => f.Act, context));

        form.Find("textarea[id$='-reason']").Input("不属于本单位职责");
        form.Find("textarea[id$='-basis']").Input("三定方案");
        await form.Find("button[data-submit]").ClickAsync(new());

        form.WaitForAssertion(() => Assert.Equal("version-mismatch", form.Find(".form-error").GetAttribute("data-error")));
        Assert.Contains("重新加载", form.Find(".form-error").TextContent, StringComparison.Ordinal);
        Assert.Equal("不属于本单位职责", form.Find("textarea[id$='-reason']").GetAttribute("value") ?? form.Find("textarea[id$='-reason']").TextContent);
        Assert.Null(Saved);
        Assert.Equal("dispatched", await StatusAsync(id));

        await form.Find(".form-error button.reload").ClickAsync(new());
        Assert.True(Reloaded);
    }

    [Fact]
    public async Task Extension_SendsTheDaysAndTheReason_AReasonIsRequired()
    {
        var id = await _orders.InProgressAsync(_app.Data.Water);
        var context = await ContextAsync(id, "water", WorkOrderAction.RequestExtension);
        var form = Render<ExtensionForm>(p => p.Add(f => f.Act, context));

        form.Find("input[id$='-days']").Change("5");
        await form.Find("button[data-submit]").ClickAsync(new());
        form.WaitForAssertion(() => Assert.Contains("invalid", form.Find("textarea[id$='-reason']").ClassList));
        Assert.Null(Saved);

        form.Find("textarea[id$='-reason']").Input("需等待燃气公司配合开挖");
        await form.Find("button[data-submit]").ClickAsync(new());

        form.WaitForAssertion(() => Assert.NotNull(Saved));
        var sent = await _app.Db(db => db.ExtensionRequests.AsNoTracking().SingleAsync(r => r.WorkOrderId == id));
        Assert.Equal(5, sent.WorkingDays);
        Assert.Equal("需等待燃气公司配合开挖", sent.Reason);
    }

    [Fact]
    public async Task Dispatch_WithoutALead_IsRefusedBesideIt_ThenSendsTheLeadAndAssistPicked()
    {
        var id = await _orders.RegisteredAsync();
        var context = await ContextAsync(id, "dispatcher", WorkOrderAction.Dispatch);
        var form = Render<DispatchForm>(p => p.Add(f => f.Act, context));
        var lead = form.Find("input[id$='-lead']");
        lead.Input("");

        await form.Find("button[data-submit]").ClickAsync(new());
        form.WaitForAssertion(() => Assert.Equal("true", form.Find("input[id$='-lead']").GetAttribute("aria-invalid")));
        Assert.Null(Saved);

        var units = context.Refs.Units;
        form.Find("input[id$='-lead']").Input(units.PathName(units.Find(_app.Data.Water)!));
        form.Find("input[id$='-assist']").Input(units.PathName(units.Find(_app.Data.Heating)!));
        await form.Find("button[data-submit]").ClickAsync(new());

        form.WaitForAssertion(() => Assert.NotNull(Saved));
        var order = (await _orders.GetAsync(id)).Expect(200);
        Assert.Equal("dispatched", order.Str("status"));
        var hops = order["assignments"].EnumerateArray().Select(a => (Unit: a.GetProperty("unit").GetProperty("id").GetGuid(), Role: a.GetProperty("role").GetString())).ToList();
        Assert.Contains((_app.Data.Water, "lead"), hops);
        Assert.Contains((_app.Data.Heating, "assist"), hops);
    }

    [Fact]
    public async Task Dispatch_OfAnOrderNoLongerRegistered_Is409InWords_WithoutReload()
    {
        var id = await _orders.DispatchedAsync(_app.Data.Water);
        var context = await ContextAsync(id, "dispatcher", WorkOrderAction.Dispatch);
        var form = Render<DispatchForm>(p => p.Add(f => f.Act, context));
        var units = context.Refs.Units;

        form.Find("input[id$='-lead']").Input(units.PathName(units.Find(_app.Data.Heating)!));
        await form.Find("button[data-submit]").ClickAsync(new());

        form.WaitForAssertion(() => Assert.NotEmpty(form.FindAll(".form-error")));
        var error = form.Find(".form-error");
        Assert.NotEqual("version-mismatch", error.GetAttribute("data-error"));
        Assert.Empty(error.QuerySelectorAll("button.reload"));
        Assert.False(string.IsNullOrWhiteSpace(error.TextContent));
        Assert.Null(Saved);
    }

    [Fact]
    public void Done_EveryAction_ConfirmsWithTheOrderNumber_InBothLanguages()
    {
        foreach (var action in Enum.GetValues<WorkOrderAction>())
        {
            var done = OrderActions.Done(action, "RX2611230001");
            Assert.StartsWith("已", done.Zh, StringComparison.Ordinal);
            Assert.Contains("RX2611230001", done.Zh, StringComparison.Ordinal);
            Assert.Contains("RX2611230001", done.En, StringComparison.Ordinal);
        }

        Assert.Equal("已派单 RX2611230001", OrderActions.Done(WorkOrderAction.Dispatch, "RX2611230001").Zh);
        Assert.Equal("Dispatched RX2611230001", OrderActions.Done(WorkOrderAction.Dispatch, "RX2611230001").En);
    }
}
