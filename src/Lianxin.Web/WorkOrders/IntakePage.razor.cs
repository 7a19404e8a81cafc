using Lianxin.Core.Common;
using Lianxin.Core.Data;
using Lianxin.Core.Dispatch;
using Lianxin.Core.Knowledge;
using Lianxin.Core.Organization;
using Lianxin.Core.Requesters;
using Lianxin.Core.Routing;
using Lianxin.Core.WorkOrders;
using Lianxin.Web.Components;
using Lianxin.Web.Knowledge;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace Lianxin.Web.WorkOrders;

public enum IntakeDrawer
{
    Answer,
    NotAccept,
    Dispatch,

    /// <summary>A knowledge hit of the side panel, to read out or use as the answer.</summary>
    Article,

    /// <summary>A similar order of the side panel, to read.</summary>
    Order,
}

/// <summary>
/// 受理 (UI.md "Intake"): phone first, the caller's history and possible repeats beside the form, then
/// the call's facts; register, register and dispatch, answer directly or not accept — each through the
/// Core use case, its refusals shown beside the fields. What is typed is kept in the browser until done.
/// </summary>
public sealed partial class IntakePage
{
    private static readonly TimeSpan SaveDelay = TimeSpan.FromMilliseconds(400);
    private static readonly TimeSpan LookupDelay = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan SuggestDelay = TimeSpan.FromMilliseconds(400);

    private IntakeDraft _d = new();
    private IReadOnlyList<IntakeChoice> _categories = [];
    private IReadOnlyList<IntakeChoice> _regions = [];
    private IReadOnlyList<Unit> _units = [];
    private ReferenceSnapshot? _refs;
    private CallerHistory? _history;
    private IReadOnlyDictionary<string, Text[]> _errors = new Dictionary<string, Text[]>();
    private Text? _error;
    private Text? _drawerError;
    private IntakeDrawer? _drawer;
    private WorkOrder? _registered;
    private RoutingSuggestion? _suggestion;
    private string? _dispatchUnit;
    private string? _note;
    private bool _busy;
    private bool _restored;
    private (Guid Id, string Number, string What, string? RepeatOf)? _done;
    private CancellationTokenSource? _saveDelay;
    private CancellationTokenSource? _lookupDelay;
    private IJSObjectReference? _module;
    private IJSObjectReference? _keys;
    private IReadOnlyList<string> _demandLabels = [];
    private IReadOnlyList<string> _urgencyLabels = [];
    private string _kbQuery = "";
    private IReadOnlyList<ArticleHit> _kbHits = [];
    private IReadOnlyList<WorkOrderSummary> _similar = [];
    private string? _kbKey;
    private string? _similarKey;
    private CancellationTokenSource? _suggestDelay;
    private Article? _reading;
    private WorkOrder? _readingOrder;

    private string CallOutcomeName(Lianxin.Core.Calls.CallOutcome? outcome) => outcome switch
    {
        null => T("通话中", "going on"),
        Lianxin.Core.Calls.CallOutcome.Answered => T("已接", "answered"),
        Lianxin.Core.Calls.CallOutcome.Abandoned => T("放弃", "abandoned"),
        Lianxin.Core.Calls.CallOutcome.ShortAbandon => T("短时放弃", "short abandon"),
        Lianxin.Core.Calls.CallOutcome.Unanswered => T("未接通", "unanswered"),
        _ => T("已拒接", "rejected"),
    };

    [SupplyParameterFromQuery(Name = "phone")]
    public string? PhoneFromPop { get; set; }

    /// <summary>The answered call behind the screen pop: the order registered now is linked to it.</summary>
    [SupplyParameterFromQuery(Name = "call")]
    public Guid? CallFromPop { get; set; }

    private string DraftKey => $"intake.{Session.Actor.UserId:N}";

    private string DrawerTitle => _drawer switch
    {
        IntakeDrawer.Answer => T("直接答复", "Answer directly"),
        IntakeDrawer.NotAccept => T("不予受理", "Not accept"),
        IntakeDrawer.Dispatch => T("登记并派单", "Register and dispatch"),
        IntakeDrawer.Article => T("知识库", "Knowledge"),
        IntakeDrawer.Order => T("相似工单", "Similar order"),
        _ => "",
    };

    protected override async Task OnInitializedAsync()
    {
        _demandLabels = IntakeChoices.DemandTypes.Select(t => Session.English ? OrderNames.En(t) : OrderNames.Zh(t)).ToList();
        _urgencyLabels = IntakeChoices.Urgencies.Select(u => Session.English ? OrderNames.En(u) : OrderNames.Zh(u)).ToList();
        var refs = await Runner.QueryAsync(sp => sp.GetRequiredService<ReferenceData>().GetAsync(sp.GetRequiredService<LianxinDbContext>(), CancellationToken.None));
        if (refs.Value is { } snapshot)
        {
            _refs = snapshot;
            _categories = IntakeChoices.Categories(snapshot);
            _regions = IntakeChoices.Regions(snapshot);
            _units = snapshot.Units.All.Where(u => u.IsActive).OrderBy(u => u.Path, StringComparer.Ordinal).ToList();
        }
        else
        {
            _error = refs.Error;
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
        {
            return;
        }

        _module = await JS.InvokeAsync<IJSObjectReference>("import", "./WorkOrders/IntakePage.razor.js");
        _keys = await _module.InvokeAsync<IJSObjectReference>("start");
        var saved = IntakeDraft.FromJson(await JS.InvokeAsync<string?>("lianxinDrafts.load", DraftKey));
        var pop = PhoneFromPop is { Length: > 0 } p ? Requester.NormalizePhone(p) : null;
        if (saved is not null && (pop is null || Requester.NormalizePhone(saved.Phone) == pop))
        {
            _d = saved;
        }
        else if (pop is not null)
        {
            // The screen pop of a new call: a draft for another caller gives way to it.
            _d = new IntakeDraft { Phone = pop };
        }

        if (CallFromPop is { } call && (pop is null || Requester.NormalizePhone(_d.Phone) == pop))
        {
            _d.CallId = call;
        }

        _restored = true;
        StateHasChanged();
        SuggestSoon();
        await LoadHistoryAsync();
        await JS.InvokeVoidAsync("lianxinFocus", _d.Phone.Length == 0 ? "#phone" : "#requester-name");
    }

    protected override async Task ReloadAsync()
    {
        // An order of this caller may have changed (closed, flagged): refresh the history beside the form.
        if (_history is not null)
        {
            await LoadHistoryAsync(force: true);
        }
    }

    private async Task OnPhoneChanged()
    {
        var save = Changed();
        _lookupDelay?.Cancel();
        _lookupDelay?.Dispose();
        _lookupDelay = new CancellationTokenSource();
        var token = _lookupDelay.Token;
        try
        {
            await Task.Delay(LookupDelay, token);
        }
        catch (TaskCanceledException)
        {
            await save;
            return;
        }

        await LoadHistoryAsync();
        await save;
    }

    private async Task LoadHistoryAsync(bool force = false)
    {
        var phone = Requester.NormalizePhone(_d.Phone);
        if (!Requester.IsPhone(phone) || (!force && _history?.Phone == phone))
        {
            return;
        }

        var outcome = await Runner.RunAsync<GetCallerHistory, CallerHistory>(h => h.ExecuteAsync(phone, Session.Actor, CancellationToken.None));
        if (outcome.Ok)
        {
            _history = outcome.Value;
            StateHasChanged();
        }
    }

    private Task OnChannel(ChangeEventArgs e)
    {
        if (Enum.TryParse<Channel>(e.Value?.ToString(), out var channel))
        {
            _d.Channel = channel;
        }

        return Changed();
    }

    private Task OnDemandType(int index)
    {
        _d.DemandType = IntakeChoices.DemandTypes[index];
        return Changed();
    }

    private Task OnUrgency(int index)
    {
        _d.Urgency = IntakeChoices.Urgencies[index];
        return Changed();
    }

    private Task OnCategory(string? key)
    {
        _d.CategoryId = key;
        return Changed();
    }

    private Task OnRegion(string? key)
    {
        _d.RegionCode = key;
        return Changed();
    }

    /// <summary>Saves the draft a moment after the last change (debounced): typing stays fast, a reload loses at most that moment.</summary>
    private async Task Changed()
    {
        if (!_restored)
        {
            return;
        }

        SuggestSoon();
        _saveDelay?.Cancel();
        _saveDelay?.Dispose();
        _saveDelay = new CancellationTokenSource();
        var token = _saveDelay.Token;
        try
        {
            await Task.Delay(SaveDelay, token);
            await JS.InvokeVoidAsync("lianxinDrafts.save", token, DraftKey, _d.ToJson());
        }
        catch (TaskCanceledException)
        {
            // A newer change saves instead.
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone; the last saved draft stays in the browser.
        }
    }

    private void OpenDrawer(IntakeDrawer drawer)
    {
        _drawer = drawer;
        _drawerError = null;
        _ = FocusSoonAsync(drawer switch
        {
            IntakeDrawer.Answer => "#answer",
            IntakeDrawer.NotAccept => "#reason",
            _ => "#dispatch-unit",
        });
    }

    private async Task FocusSoonAsync(string selector)
    {
        // The drawer renders and slides in first.
        await Task.Delay(150);
        await InvokeAsync(() => JS.InvokeVoidAsync("lianxinFocus", selector).AsTask());
    }

    private async Task CloseDrawerAsync()
    {
        _drawer = null;
        _drawerError = null;
        if (_registered is { } order)
        {
            // Registered already (the follow-up was not done): the order stands, in the dispatch queue.
            await FinishAsync(order, T("已登记，待派单：", "Registered, awaiting dispatch: "));
        }
    }

    private async Task RegisterOnlyAsync()
    {
        if (await RegisterAsync() is { } order)
        {
            await FinishAsync(order, T("已登记：", "Registered: "));
        }
    }

    private async Task RegisterAndSuggestAsync()
    {
        if (await RegisterAsync() is not { } order)
        {
            return;
        }

        var suggestion = await Runner.RunAsync<SuggestRouting, RoutingSuggestion>(s => s.ExecuteAsync(order.Id, Session.Actor, null, CancellationToken.None));
        _suggestion = suggestion.Value;
        _dispatchUnit = _suggestion?.LeadUnitId?.ToString();
        _note = null;
        OpenDrawer(IntakeDrawer.Dispatch);
        _drawerError = suggestion.Error;
    }

    private async Task AnswerAsync()
    {
        // Checked before registering, so an empty answer never leaves an order registered but unanswered.
        if (string.IsNullOrWhiteSpace(_d.Answer))
        {
            _errors = new Dictionary<string, Text[]> { ["answer"] = [new Text("必填。", "Required.")] };
            return;
        }

        if (await RegisterFromDrawerAsync() is not { } order)
        {
            return;
        }

        var answer = _d.Answer;
        var outcome = await Runner.RunAsync<AnswerWorkOrderDirectly, WorkOrder>(a =>
            a.ExecuteAsync(Session.Actor, new AnswerRequest(answer) { OrderId = order.Id, Version = order.Version }, CancellationToken.None));
        await AfterActionAsync(outcome, T("已直接答复并办结：", "Answered and closed: "));
    }

    private async Task NotAcceptAsync()
    {
        if (string.IsNullOrWhiteSpace(_d.Reason))
        {
            _errors = new Dictionary<string, Text[]> { ["reason"] = [new Text("必填。", "Required.")] };
            return;
        }

        if (await RegisterFromDrawerAsync() is not { } order)
        {
            return;
        }

        var reason = _d.Reason;
        var outcome = await Runner.RunAsync<NotAcceptWorkOrder, WorkOrder>(a =>
            a.ExecuteAsync(Session.Actor, new NotAcceptRequest(reason) { OrderId = order.Id, Version = order.Version }, CancellationToken.None));
        await AfterActionAsync(outcome, T("已不予受理：", "Not accepted: "));
    }

    private async Task DispatchAsync()
    {
        if (_registered is not { } order)
        {
            return;
        }

        Guid? unit = Guid.TryParse(_dispatchUnit, out var u) ? u : null;
        var note = _note;
        var outcome = await Runner.RunAsync<DispatchWorkOrder, WorkOrder>(d => d.ExecuteAsync(
            Session.Actor, new DispatchRequest([new AssignmentTarget(unit, AssignmentRole.Lead)], note) { OrderId = order.Id, Version = order.Version }, CancellationToken.None));
        await AfterActionAsync(outcome, T("已登记并派单：", "Registered and dispatched: "));
    }

    /// <summary>Registers from a drawer: a refusal closes it so the fields' messages show beside them.</summary>
    private async Task<WorkOrder?> RegisterFromDrawerAsync()
    {
        var order = await RegisterAsync();
        if (order is null)
        {
            _drawer = null;
        }

        return order;
    }

    private async Task AfterActionAsync(Outcome<WorkOrder> outcome, string what)
    {
        _busy = false;
        if (outcome.Ok)
        {
            _drawer = null;
            await FinishAsync(outcome.Value!, what);
            return;
        }

        _errors = outcome.FieldErrors;
        _drawerError = outcome.Stale
            ? new Text("工单刚被他人更改，未执行。关闭此栏后可在工单页重试。", "The order was just changed by someone else; nothing was done. Close this and retry on the order's page.")
            : outcome.FieldErrors.Count > 0 ? null : outcome.Error;
    }

    private async Task<WorkOrder?> RegisterAsync()
    {
        if (_registered is { } already)
        {
            return already;
        }

        _busy = true;
        _error = null;
        _errors = new Dictionary<string, Text[]>();
        var request = _d.ToRequest();
        var outcome = await Runner.RunAsync<RegisterWorkOrder, WorkOrder>(r => r.ExecuteAsync(Session.Actor, request, CancellationToken.None));
        _busy = false;
        if (outcome.Ok)
        {
            _registered = outcome.Value;
            if (_d.CallId is { } callId && _registered is { } order)
            {
                // The call log lists the order and the order its call; the order stands even if the link fails.
                var actor = Session.Actor;
                await Runner.RunAsync<Lianxin.Core.Calls.LinkCallToOrder, bool>(async l => { await l.ExecuteAsync(actor, callId, order.Id, CancellationToken.None); return true; });
            }

            return _registered;
        }

        _errors = outcome.FieldErrors;
        _error = outcome.FieldErrors.Count > 0
            ? new Text("未登记：请按字段旁的提示修改，填写的内容都还在。", "Not registered: correct the fields marked below; everything you typed is kept.")
            : outcome.Error;
        if (outcome.FieldErrors.Count > 0)
        {
            await FocusFirstErrorAsync();
        }

        return null;
    }

    private async Task FocusFirstErrorAsync()
    {
        string[] order = ["requester.phone", "requester", "requester.name", "demandType", "urgency", "categoryId", "regionCode", "address", "title", "description"];
        string[] ids = ["#phone", "#phone", "#requester-name", "#demand-type", "#urgency", "#category", "#region", "#address", "#title", "#description"];
        for (var i = 0; i < order.Length; i++)
        {
            if (ErrorFor(order[i]) is not null)
            {
                await JS.InvokeVoidAsync("lianxinFocus", ids[i]);
                return;
            }
        }
    }

    /// <summary>Done with this call: say the number, clear the form and the draft, and wait for the next call at the phone field.</summary>
    private async Task FinishAsync(WorkOrder order, string what)
    {
        string? repeatOf = null;
        if (order.RepeatOfId is { } r)
        {
            var number = await Runner.QueryAsync(sp => sp.GetRequiredService<GetWorkOrder>().ExecuteAsync(r, Session.Actor, CancellationToken.None));
            repeatOf = number.Value?.Number;
        }

        _done = (order.Id, order.Number, what, repeatOf);
        _registered = null;
        _suggestion = null;
        _drawer = null;
        _errors = new Dictionary<string, Text[]>();
        _error = null;
        _saveDelay?.Cancel();
        _d = new IntakeDraft();
        _history = null;
        ResetPanel();
        StateHasChanged();
        await JS.InvokeVoidAsync("lianxinDrafts.clear", DraftKey);
        await JS.InvokeVoidAsync("lianxinFocus", "#phone");
    }

    private async Task ClearAsync()
    {
        _saveDelay?.Cancel();
        _d = new IntakeDraft();
        _history = null;
        ResetPanel();
        _errors = new Dictionary<string, Text[]>();
        _error = null;
        await JS.InvokeVoidAsync("lianxinDrafts.clear", DraftKey);
        await JS.InvokeVoidAsync("lianxinFocus", "#phone");
    }

    private string SimilarScope => _similarKey is null ? "" : string.IsNullOrEmpty(_d.RegionCode)
        ? T("（同分类 · 30天）", "(same category · 30 days)")
        : T("（同分类同区域 · 30天）", "(same category and region · 30 days)");

    private void PanelQueryChanged() => SuggestSoon();

    /// <summary>
    /// Looks up the side panel's knowledge and similar orders a moment after the last change (debounced),
    /// and only when what it would look for changed. Never moves the focus: the call-taker keeps typing.
    /// </summary>
    private void SuggestSoon()
    {
        var query = IntakeKnowledge.Query(_d, _kbQuery);
        var similar = IntakeKnowledge.Similar(_d, Clock.GetUtcNow().UtcDateTime);
        var kbKey = query is null ? null : $"{query.Text}|{query.CategoryId}|{query.CategoryAlone}";
        var similarKey = similar is null ? null : $"{similar.CategoryId}|{similar.RegionCode}";
        _suggestDelay?.Cancel();
        _suggestDelay?.Dispose();
        _suggestDelay = null;
        if (kbKey == _kbKey && similarKey == _similarKey)
        {
            return;
        }

        _suggestDelay = new CancellationTokenSource();
        _ = SuggestAsync(query, kbKey, similar, similarKey, _suggestDelay.Token);
    }

    private async Task SuggestAsync(ArticleQuery? query, string? kbKey, WorkOrderFilter? similar, string? similarKey, CancellationToken token)
    {
        try
        {
            await Task.Delay(SuggestDelay, token);
        }
        catch (TaskCanceledException)
        {
            return;
        }

        var actor = Session.Actor;
        if (kbKey != _kbKey)
        {
            var hits = query is null
                ? null
                : await Runner.RunAsync<SearchArticles, ArticlePage>(s => s.ExecuteAsync(actor, query, CancellationToken.None));
            if (token.IsCancellationRequested)
            {
                return;
            }

            _kbHits = hits?.Value?.Items ?? [];
            _kbKey = kbKey;
        }

        if (similarKey != _similarKey)
        {
            var orders = similar is null
                ? null
                : await Runner.RunAsync<ListWorkOrders, Page<WorkOrderSummary>>(l => l.ExecuteAsync(similar, actor, IntakeKnowledge.SimilarOrders, null, CancellationToken.None));
            if (token.IsCancellationRequested)
            {
                return;
            }

            _similar = orders?.Value?.Items ?? [];
            _similarKey = similarKey;
        }

        StateHasChanged();
    }

    private void ResetPanel()
    {
        _suggestDelay?.Cancel();
        _kbQuery = "";
        _kbHits = [];
        _similar = [];
        _kbKey = null;
        _similarKey = null;
    }

    private async Task OpenArticleAsync(Guid id)
    {
        var loaded = await Runner.RunAsync<GetArticle, Article>(g => g.ExecuteAsync(id, CancellationToken.None));
        _reading = loaded.Value;
        _drawer = IntakeDrawer.Article;
        _drawerError = loaded.Error;
    }

    private async Task OpenOrderAsync(Guid id)
    {
        var actor = Session.Actor;
        var loaded = await Runner.QueryAsync(sp => sp.GetRequiredService<GetWorkOrder>().ExecuteAsync(id, actor, CancellationToken.None));
        _readingOrder = loaded.Value;
        _drawer = IntakeDrawer.Order;
        _drawerError = loaded.Error;
    }

    /// <summary>用作答复: the article's answer goes into the 直接答复 text (after anything typed), ready to confirm.</summary>
    private Task UseAsAnswer()
    {
        if (_reading is not { } article)
        {
            return Task.CompletedTask;
        }

        _d.Answer = IntakeKnowledge.UseAsAnswer(_d.Answer, article.Answer);
        OpenDrawer(IntakeDrawer.Answer);
        return Changed();
    }

    private Text? ErrorFor(params string[] fields)
    {
        foreach (var f in fields)
        {
            var hit = _errors.FirstOrDefault(kv => string.Equals(kv.Key, f, StringComparison.OrdinalIgnoreCase)).Value;
            if (hit is { Length: > 0 })
            {
                return hit[0];
            }
        }

        return null;
    }

    private string Invalid(string field) => ErrorFor(field) is null ? "false" : "true";

    private static int? IndexOf<TValue>(IReadOnlyList<TValue> list, TValue value)
        where TValue : struct, Enum
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (EqualityComparer<TValue>.Default.Equals(list[i], value))
            {
                return i;
            }
        }

        return null;
    }

    /// <summary>Open orders of this phone: a new call about the same matter is likely a repeat (登记时自动判重).</summary>
    private List<CallerOrder> LikelyRepeats(CallerHistory history) => history.Orders
        .Where(o => o.Status is WorkOrderStatus.Registered or WorkOrderStatus.Dispatched or WorkOrderStatus.InProgress
            or WorkOrderStatus.ReturnRequested or WorkOrderStatus.Replied)
        .OrderByDescending(o => o.CategoryId.ToString() == _d.CategoryId)
        .ThenByDescending(o => o.CreatedAt)
        .Take(5)
        .ToList();

    private string StatusName(WorkOrderStatus s) => Session.English ? StatusNames.En(s) : StatusNames.Zh(s);

    private string CategoryName(Guid id) => _refs?.Categories.Find(id) is { } c ? _refs.Categories.PathName(c) : "";

    private string UnitName(Guid id) => _refs?.Units.Find(id)?.Name ?? "";

    protected override void Dispose(bool disposing)
    {
        _saveDelay?.Cancel();
        _saveDelay?.Dispose();
        _lookupDelay?.Cancel();
        _lookupDelay?.Dispose();
        _suggestDelay?.Cancel();
        _suggestDelay?.Dispose();
        _ = StopKeysAsync();
        base.Dispose(disposing);
    }

    private async Task StopKeysAsync()
    {
        try
        {
            if (_module is not null)
            {
                await _module.InvokeVoidAsync("stop", _keys);
                await _module.DisposeAsync();
            }

            if (_keys is not null)
            {
                await _keys.DisposeAsync();
            }
        }
        catch (JSDisconnectedException)
        {
            // The browser is gone, and its listener with it.
        }
    }
}
