using Lianxin.Core.Dispatch;
using Lianxin.Core.WorkOrders;

namespace Lianxin.Web.Components.Desk;

/// <summary>
/// One tab of a work desk: its name, the action its drawer opens at once, and its query (a page of
/// <see cref="DeskRows.PageSize"/> rows, 0-based) and count (Core queue classes, run in a fresh scope with
/// "now" so every row is measured against one instant).
/// </summary>
public sealed record DeskTab(
    string Key,
    string Zh,
    string En,
    WorkOrderAction? Open,
    Func<IServiceProvider, DateTime, int, CancellationToken, Task<IReadOnlyList<DeskRow>>> Load,
    Func<IServiceProvider, DateTime, CancellationToken, Task<int>> Count)
{
    /// <summary>What the row's note column is called on this tab (督办 text, offer note, reply), if it has one.</summary>
    public (string Zh, string En)? NoteColumn { get; init; }

    /// <summary>
    /// What the row's own due time is (回复期限 of a 督办, 认领截止 of an offer, 答复于 of a reply): shown in the
    /// clock column instead of the order's clocks — as a countdown chip when <c>Countdown</c>, else as a time.
    /// </summary>
    public (string Zh, string En, bool Countdown)? Due { get; init; }

    /// <summary>Rows open an offer to claim (认领) rather than the order's action panel: the unit cannot see the order before claiming it.</summary>
    public bool Claim { get; init; }
}
