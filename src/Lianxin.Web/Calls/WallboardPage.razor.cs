using Lianxin.Core.Calls;
using Lianxin.Core.Common;
using Lianxin.Web.Components;
using Microsoft.AspNetCore.Components;

namespace Lianxin.Web.Calls;

/// <summary>
/// The wallboard (大屏, issue 10): live without reloads. A committed call-centre change reloads the figures
/// (at most one read per <see cref="MinReloadInterval"/>, so a burst of events is a few reads and the first
/// change shows at once); a one-second timer only moves the ticking clocks on screen, and reads again when a
/// new half hour or day begins or a callback turns overdue — never a database poll per second.
/// </summary>
public sealed partial class WallboardPage : ComponentBase, IDisposable
{
    /// <summary>Short enough that a change behind a reload just made is on screen well within a second.</summary>
    private static readonly TimeSpan MinReloadInterval = TimeSpan.FromMilliseconds(400);

    private IDisposable? _subscription;
    private ITimer? _ticker;
    private ReloadThrottle? _throttle;
    private WallboardFigures? _figures;
    private Text? _error;
    private DateTime _loadedAt;
    private DateTime _now;
    private int _reloads;
    private (long Slot, DateTime? CallbackDue) _askedFor = (-1, null);

    [Inject]
    private ConsoleSession Session { get; set; } = default!;

    [Inject]
    private ConsoleRunner Runner { get; set; } = default!;

    [Inject]
    private CallCentreChanges Changes { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    private string T(string zh, string en) => Session.T(zh, en);

    protected override async Task OnInitializedAsync()
    {
        _throttle = new ReloadThrottle(work => InvokeAsync(work), async () =>
        {
            await ReloadAsync();
            StateHasChanged();
        }, MinReloadInterval);
        _subscription = Changes.Subscribe(change =>
        {
            if (change.Calls || change.Agents || change.Callbacks)
            {
                _throttle.Request();
            }
        });
        await ReloadAsync();
        _ticker = Clock.CreateTimer(_ => _ = InvokeAsync(Tick), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    private async Task ReloadAsync()
    {
        var actor = Session.Actor;
        var outcome = await Runner.RunAsync<GetWallboard, WallboardFigures>(q => q.ExecuteAsync(actor, CancellationToken.None));
        _now = Clock.GetUtcNow().UtcDateTime;
        _loadedAt = _now;
        _reloads++;
        if (outcome.Ok)
        {
            _figures = outcome.Value;
            _error = null;
        }
        else
        {
            // Kept on screen, marked as not current; the next change or half hour tries again.
            _error = outcome.Error;
        }
    }

    private void Tick()
    {
        _now = Clock.GetUtcNow().UtcDateTime;
        if (_figures is { } figures && WallboardView.Stale(figures, _loadedAt, _now, Session.Zone))
        {
            // Once per new half hour or overdue callback: the ticks while that read runs ask for nothing more.
            var reason = (WallboardView.Slot(_now, Session.Zone), figures.NextCallbackDueAt);
            if (reason != _askedFor)
            {
                _askedFor = reason;
                _throttle?.Request();
            }
        }

        StateHasChanged();
    }

    /// <summary>How long the oldest waiting caller has waited, ticking.</summary>
    private TimeSpan? LongestWait =>
        _figures is { } f && WallboardView.OldestWaitingSince(f) is { } since ? _now - since : null;

    private string LocalNow(string format) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(_now, DateTimeKind.Utc), Session.Zone).ToString(format, System.Globalization.CultureInfo.InvariantCulture);

    private string LanguageLink => $"/language/{(Session.English ? "zh" : "en")}?returnUrl={Uri.EscapeDataString("/" + Navigation.ToBaseRelativePath(Navigation.Uri))}";

    public void Dispose()
    {
        _subscription?.Dispose();
        _ticker?.Dispose();
    }
}
