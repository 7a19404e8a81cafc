using Lianxin.Core.Data;
using Microsoft.AspNetCore.Components;

namespace Lianxin.Web.Components.Admin;

/// <summary>
/// Base of the admin pages' lists: when a committed change touches what the list shows (another admin's
/// save, the API, a CSV import), it reloads the list on the renderer's thread, at most once a second.
/// A form being filled in keeps its fields; its save is checked by the use case against the data as it is.
/// </summary>
public abstract class AdminLiveComponent : ComponentBase, IDisposable
{
    private static readonly TimeSpan MinReloadInterval = TimeSpan.FromSeconds(1);

    private IDisposable? _subscription;
    private int _pending;
    private long _lastReload; // Environment.TickCount64: a throttle of real elapsed time, not the centre's clock

    [Inject]
    private AdminChanges Changes { get; set; } = default!;

    /// <summary>The areas the list shows; a change elsewhere is ignored.</summary>
    protected abstract AdminArea Watches { get; }

    /// <summary>Reloads the list; called on the renderer's thread.</summary>
    protected abstract Task ReloadAsync();

    protected override void OnInitialized() => _subscription = Changes.Subscribe(OnChange);

    private void OnChange(AdminArea areas)
    {
        if ((areas & Watches) == AdminArea.None || Interlocked.Exchange(ref _pending, 1) == 1)
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
        GC.SuppressFinalize(this);
    }
}
