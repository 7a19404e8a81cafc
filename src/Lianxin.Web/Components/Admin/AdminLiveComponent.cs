using Lianxin.Core.Data;

namespace Lianxin.Web.Components.Admin;

/// <summary>
/// Base of the admin pages' lists: when a committed change touches what the list shows (another admin's
/// save, the API, a CSV import), it reloads the list on the renderer's thread, at most once a second.
/// A form being filled in keeps its fields; its save is checked by the use case against the data as it is.
/// </summary>
public abstract class AdminLiveComponent : FeedComponent<AdminChanges, AdminArea>
{
    /// <summary>The areas the list shows; a change elsewhere is ignored.</summary>
    protected abstract AdminArea Watches { get; }

    protected sealed override bool Concerns(AdminArea change) => (change & Watches) != AdminArea.None;
}
