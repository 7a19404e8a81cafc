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

    [Inject]
    private AdminChanges Changes { get; set; } = default!;

    /// <summary>The areas the list shows; a change elsewhere is ignored.</summary>
    protected abstract AdminArea Watches { get; }

    /// <summary>Reloads the list; called on the renderer's thread.</summary>
    protected abstract Task ReloadAsync();

    protected override void OnInitialized()
    {
        var throttle = new ReloadThrottle(work => InvokeAsync(work), async () =>
        {
            await ReloadAsync();
            StateHasChanged();
        }, MinReloadInterval);
        _subscription = Changes.Subscribe(areas =>
        {
            if ((areas & Watches) != AdminArea.None)
            {
                throttle.Request();
            }
        });
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        GC.SuppressFinalize(this);
    }
}
