using Lianxin.Core.Calls;
using Lianxin.Web.Components;
using Microsoft.AspNetCore.Components;

namespace Lianxin.Web.Calls;

/// <summary>
/// Base of the call-centre pages that follow the live feed (漏接回拨, 通话记录): a committed batch of phone
/// events or a worked callback reloads the page, at most once a second however busy the centre is.
/// </summary>
public abstract class CallCentreLiveComponent : FeedComponent<CallCentreChanges, CallCentreChange>
{
    [Inject]
    protected ConsoleSession Session { get; set; } = default!;

    [Inject]
    protected ConsoleRunner Runner { get; set; } = default!;

    [Inject]
    protected TimeProvider Clock { get; set; } = default!;

    protected string T(string zh, string en) => Session.T(zh, en);

    /// <summary>Whether the page shows what <paramref name="change"/> touches.</summary>
    protected abstract override bool Concerns(CallCentreChange change);
}
