namespace Lianxin.Core.Deadlines;

/// <summary>
/// When the sweep must next look at an order: a row of its own (deadline_checks), so that the sweep's
/// bookkeeping touches one narrow table and a small index, and its updates of the order row stay
/// heap-only (no indexed column of work_orders changes). Only orders with a pending check have a row.
/// </summary>
public sealed class DeadlineCheck
{
    private DeadlineCheck()
    {
    }

    internal DeadlineCheck(DateTime at) => At = at;

    public DateTime At { get; private set; }

    internal void Move(DateTime at) => At = at;
}
