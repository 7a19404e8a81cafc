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
    private int _pending;
    private long _lastReload; // Environment.TickCount64: a throttle of real elapsed time, not the centre's clock

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

    protected override void OnInitialized() => _subscription = Changes.Subscribe(OnChange);

    private void OnChange(OrderChange change)
    {
        if (!Concerns(change) || Interlocked.Exchange(ref _pending, 1) == 1)
        {
            return;
        }

        _ = InvokeAsync(async () =>
        {
            var wait = TimeSpan.FromMilliseconds(_lastReload - Environment.TickCount64) + MinReloadInterval;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            Volatile.Write(ref _pending, 0);
            _lastReload = Environment.TickCount64;
            try
            {
                await ReloadAsync();
                StateHasChanged();
            }
            catch (ObjectDisposedException)
            {
                // The page closed while the reload was waiting.
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
