using Lianxin.Core.WorkOrders;
using Microsoft.AspNetCore.Components;

namespace Lianxin.Web.Components;

/// <summary>
/// Base of console pages and panels that show orders: it reloads when an order it shows changes
/// anywhere (another user, the API, the sweep), coalescing bursts so that a busy centre's stream of
/// changes costs each open page at most one reload per <see cref="MinReloadInterval"/>.
/// </summary>
public abstract class LiveComponent : ComponentBase, IDisposable
{
    private IDisposable? _subscription;

    [Inject]
    protected ConsoleSession Session { get; set; } = default!;

    [Inject]
    protected ConsoleRunner Runner { get; set; } = default!;

    [Inject]
    protected OrderChanges Changes { get; set; } = default!;

    [Inject]
    protected TimeProvider Clock { get; set; } = default!;

    protected virtual TimeSpan MinReloadInterval => TimeSpan.FromSeconds(1);

    /// <summary>Shorthand for the session's language choice.</summary>
    protected string T(string zh, string en) => Session.T(zh, en);

    /// <summary>Whether the page shows something <paramref name="change"/> touches; by default every change.</summary>
    protected virtual bool Concerns(OrderChange change) => true;

    /// <summary>Reloads what the page shows; called on the renderer's thread.</summary>
    protected abstract Task ReloadAsync();

    protected override void OnInitialized()
    {
        var throttle = new ReloadThrottle(work => InvokeAsync(work), async () =>
        {
            await ReloadAsync();
            StateHasChanged();
        }, MinReloadInterval);
        _subscription = Changes.Subscribe(change =>
        {
            if (Concerns(change))
            {
                throttle.Request();
            }
        });
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }
}
