using Lianxin.Core.Data;
using Lianxin.Core.Dispatch;
using Lianxin.Core.Organization;
using Lianxin.Core.WorkOrders;
using Microsoft.AspNetCore.Components;

namespace Lianxin.Web.Components.Desk;

public sealed partial class DeskView
{
    private IReadOnlyList<DeskRow> _rows = [];
    private Dictionary<string, int> _counts = [];
    private IReadOnlyDictionary<Guid, string> _presence = new Dictionary<Guid, string>();
    private ReferenceSnapshot? _refs;
    private DeskTab _tab = default!;
    private DeskRow? _open;
    private string? _lastDone;
    private string? _openKey;
    private WorkOrder? _summary;
    private string? _summaryError;
    private string? _actionError;
    private string? _error;
    private bool _loaded;
    private bool _busy;
    private DateTime _now;

    /// <summary>The page of the current tab shown (0-based); live reloads keep it.</summary>
    private int _page;

    /// <summary>The desk's name for tests and styles: dispatch, unit, visits, supervision.</summary>
    [Parameter, EditorRequired]
    public string Name { get; set; } = "";

    [Parameter, EditorRequired]
    public string Title { get; set; } = "";

    [Parameter, EditorRequired]
    public IReadOnlyList<DeskTab> Tabs { get; set; } = [];

    /// <summary>Above the tabs (the supervisor's lateness by unit).</summary>
    [Parameter]
    public RenderFragment? Header { get; set; }

    private string DrawerTitle => _open is { } o ? $"{o.Number} · {o.Title}" : "";

    private int Total => _counts.TryGetValue(_tab.Key, out var n) ? n : 0;

    private int First => _rows.Count == 0 ? 0 : DeskRows.Skip(_page) + 1;

    private int Last => DeskRows.Skip(_page) + _rows.Count;

    private bool HasNextPage => Last < Total && _page < DeskRows.MaxPage;

    protected override async Task OnInitializedAsync()
    {
        Presence.Changed += OnPresenceChanged;
        _tab = Tabs[0];
        await ReloadAsync();
    }

    /// <summary>Reloads counts and the current tab from its first page, e.g. after the page changed a filter the tabs' queries read.</summary>
    public async Task RefreshAsync()
    {
        _page = 0;
        await ReloadAsync();
        StateHasChanged();
    }

    protected override async Task ReloadAsync()
    {
        _now = Clock.GetUtcNow().UtcDateTime;
        var now = _now;
        var tab = _tab;
        var page = _page;
        var outcome = await Runner.QueryAsync(async sp =>
        {
            var ct = CancellationToken.None;
            var refs = await sp.GetRequiredService<ReferenceData>().GetAsync(sp.GetRequiredService<LianxinDbContext>(), ct);
            var counts = new Dictionary<string, int>();
            foreach (var t in Tabs)
            {
                counts[t.Key] = await t.Count(sp, now, ct);
            }

            var rows = await tab.Load(sp, now, page, ct);
            if (rows.Count == 0 && page > 0)
            {
                // The page emptied (its rows were done meanwhile): the last page that still has rows.
                page = Math.Min(page - 1, Math.Max(0, counts[tab.Key] - 1) / DeskRows.PageSize);
                rows = await tab.Load(sp, now, page, ct);
            }

            return (Refs: refs, Counts: counts, Rows: rows, Page: page);
        });
        if (!outcome.Ok)
        {
            _error = Session.T(outcome.Error!.Value);
            return;
        }

        _error = null;
        (_refs, _counts, _rows, _page) = outcome.Value;
        _presence = Presence.Snapshot(Session.Id);
        _loaded = true;
        if (_open is { } open && _summary is not null)
        {
            // The open order may be what changed: its facts and clocks follow (the action panel checks the version itself).
            var actor = Session.Actor;
            var fresh = await Runner.RunAsync<GetWorkOrder, WorkOrder>(get => get.ExecuteAsync(open.Id, actor, CancellationToken.None));
            if (fresh.Ok && _open?.Id == open.Id)
            {
                _summary = fresh.Value;
                _maskedRequester = fresh.Value!.RequesterFor(actor);
            }
        }
    }

    private async Task SelectTabAsync(DeskTab tab)
    {
        if (tab.Key == _tab.Key)
        {
            return;
        }

        _tab = tab;
        _page = 0;
        await CloseAsync();
        _rows = [];
        _loaded = false;
        await ReloadAsync();
    }

    private async Task GoToPageAsync(int page)
    {
        if (page < 0 || page == _page || (page > _page && !HasNextPage))
        {
            return;
        }

        _page = page;
        await ReloadAsync();
    }

    private static string RowKey(DeskRow row) => $"{row.Id}/{row.TargetId}";

    private async Task OpenAsync(DeskRow row)
    {
        _open = row;
        _openKey = RowKey(row);
        _summary = null;
        _summaryError = null;
        _actionError = null;
        if (!_tab.Claim)
        {
            Presence.Enter(Session.Id, row.Id, Session.Actor.Name);
            var actor = Session.Actor;
            var outcome = await Runner.RunAsync<GetWorkOrder, WorkOrder>(get => get.ExecuteAsync(row.Id, actor, CancellationToken.None));
            if (_open?.Id != row.Id)
            {
                return; // another row was opened meanwhile
            }

            if (outcome.Ok)
            {
                // Masked as the API masks it: a unit never sees a confidential requester.
                var order = outcome.Value!;
                _summary = order;
                _maskedRequester = order.RequesterFor(actor);
            }
            else
            {
                _summaryError = Session.T(outcome.Error!.Value);
            }
        }
    }

    private Requester? _maskedRequester;

    private async Task CloseAsync()
    {
        if (_open is not null)
        {
            Presence.Leave(Session.Id);
        }

        _open = null;
        _openKey = null;
        _summary = null;
        await Task.CompletedTask;
    }

    /// <summary>Next in queue: the row that now stands where the finished one stood (or the one after it, if it stayed).</summary>
    private async Task DoneAsync(WorkOrder saved)
    {
        // Said in the desk's header, since the drawer moves on to the next row at once.
        _lastDone = saved.Number;
        var key = _openKey;
        var index = _rows.ToList().FindIndex(r => RowKey(r) == key);
        await ReloadAsync();
        var stayed = _rows.ToList().FindIndex(r => RowKey(r) == key);
        var next = stayed >= 0 ? stayed + 1 : Math.Max(0, index);
        if (next < _rows.Count)
        {
            await OpenAsync(_rows[next]);
        }
        else
        {
            await CloseAsync();
        }
    }

    private async Task ClaimAsync()
    {
        if (_open?.TargetId is not { } offer)
        {
            return;
        }

        _busy = true;
        var actor = Session.Actor;
        var outcome = await Runner.RunAsync<ClaimHelpRequest, WorkOrder>(claim => claim.ExecuteAsync(actor, new ClaimRequest(offer), CancellationToken.None));
        _busy = false;
        if (outcome.Ok)
        {
            await DoneAsync(outcome.Value!);
        }
        else
        {
            _actionError = Session.T(outcome.Error!.Value);
        }
    }

    private void OnPresenceChanged(Guid order) => _ = InvokeAsync(() =>
    {
        _presence = Presence.Snapshot(Session.Id);
        StateHasChanged();
    });

    private string CategoryName(Guid id) => _refs?.Categories.Find(id) is { } c ? _refs.Categories.PathName(c) : "";

    private RenderFragment ClockCell(DeskRow row) => builder =>
    {
        if (_tab.Due is { } d && row.NoteDueAt is { } due)
        {
            if (d.Countdown)
            {
                builder.OpenComponent<CountdownChip>(0);
                builder.AddComponentParameter(1, nameof(CountdownChip.Label), T(d.Zh, d.En));
                builder.AddComponentParameter(2, nameof(CountdownChip.DueAt), (DateTime?)due);
                builder.AddComponentParameter(4, nameof(CountdownChip.Now), _now);
                builder.CloseComponent();
            }
            else
            {
                builder.AddContent(5, $"{T(d.Zh, d.En)} {Session.Local(due, Lianxin.Core.Common.LocalTime.Brief)}");
            }
        }
        else if (row.Pressing(_now) is { } p)
        {
            builder.OpenComponent<CountdownChip>(0);
            builder.AddComponentParameter(1, nameof(CountdownChip.Label), KindName(p.Kind));
            builder.AddComponentParameter(2, nameof(CountdownChip.DueAt), (DateTime?)p.Clock.DueAt);
            builder.AddComponentParameter(3, nameof(CountdownChip.ApproachingAt), (DateTime?)p.Clock.ApproachingAt);
            builder.AddComponentParameter(4, nameof(CountdownChip.Now), _now);
            builder.CloseComponent();
        }
        else if (row.Status == WorkOrderStatus.Closed && row.ClosedAt is { } closed)
        {
            builder.OpenElement(6, "span");
            builder.AddAttribute(7, "class", "muted");
            builder.AddContent(8, $"{T("办结于", "closed")} {Session.Local(closed, Lianxin.Core.Common.LocalTime.Brief)}");
            builder.CloseElement();
        }
        else if (row.SuspendedSince is not null)
        {
            builder.OpenElement(9, "span");
            builder.AddAttribute(10, "class", "chip chip-met");
            builder.AddContent(11, T("已挂起", "paused"));
            builder.CloseElement();
        }
    };

    private string KindName(Lianxin.Core.Deadlines.DeadlineKind kind) => kind switch
    {
        Lianxin.Core.Deadlines.DeadlineKind.SignFor => T("签收", "Sign-for"),
        Lianxin.Core.Deadlines.DeadlineKind.Contact => T("联系", "Contact"),
        _ => T("办结", "Completion"),
    };

    protected override void Dispose(bool disposing)
    {
        Presence.Changed -= OnPresenceChanged;
        if (_open is not null)
        {
            Presence.Leave(Session.Id);
        }

        base.Dispose(disposing);
    }
}
