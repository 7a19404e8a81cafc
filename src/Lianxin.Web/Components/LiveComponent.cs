using Lianxin.Core.WorkOrders;
using Microsoft.AspNetCore.Components;

namespace Lianxin.Web.Components;

/// <summary>
/// Base of console pages and panels that show orders: it reloads when an order it shows changes anywhere
/// (another user, the API, the sweep), at most once per <see cref="FeedComponent{TFeed, TChange}.MinReloadInterval"/>.
/// </summary>
public abstract class LiveComponent : FeedComponent<OrderChanges, OrderChange>
{
    [Inject]
    protected ConsoleSession Session { get; set; } = default!;

    [Inject]
    protected ConsoleRunner Runner { get; set; } = default!;

    [Inject]
    protected TimeProvider Clock { get; set; } = default!;

    /// <summary>Shorthand for the session's language choice.</summary>
    protected string T(string zh, string en) => Session.T(zh, en);
}
