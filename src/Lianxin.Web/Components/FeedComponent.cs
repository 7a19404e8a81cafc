using Lianxin.Core.Common;
using Microsoft.AspNetCore.Components;

namespace Lianxin.Web.Components;

/// <summary>
/// Base of console parts that follow one <see cref="ChangeFeed{T}"/> (orders, admin data, the call centre): when
/// a committed change touches what the part shows, it reloads on the renderer's thread, coalescing bursts so
/// that a busy centre's stream of changes costs each open page at most one reload per <see cref="MinReloadInterval"/>.
/// </summary>
public abstract class FeedComponent<TFeed, TChange> : ComponentBase, IDisposable
    where TFeed : ChangeFeed<TChange>
{
    private IDisposable? _subscription;

    [Inject]
    private TFeed Feed { get; set; } = default!;

    protected virtual TimeSpan MinReloadInterval => TimeSpan.FromSeconds(1);

    /// <summary>Whether the part shows something <paramref name="change"/> touches; by default every change.</summary>
    protected virtual bool Concerns(TChange change) => true;

    /// <summary>Reloads what the part shows; called on the renderer's thread.</summary>
    protected abstract Task ReloadAsync();

    protected override void OnInitialized()
    {
        var throttle = new ReloadThrottle(work => InvokeAsync(work), async () =>
        {
            await ReloadAsync();
            StateHasChanged();
        }, MinReloadInterval);
        _subscription = Feed.Subscribe(change =>
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
