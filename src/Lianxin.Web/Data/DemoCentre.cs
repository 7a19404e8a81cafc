namespace Lianxin.Web.Data;

/// <summary>Loads the demo centre (units, categories, regions, users, orders) into an empty database.</summary>
public sealed class DemoCentre
{
    public Task<string> LoadAsync(CancellationToken ct) => Task.FromResult("nothing yet");
}
