namespace Lianxin.Core.Deadlines;

/// <summary>
/// The deadline sweep's reads and writes in one provider's SQL, hand-written and outside EF's change
/// tracking, inside the transaction <see cref="DeadlineSweep"/> holds (ADR 0007). The stores decide
/// nothing: what to write comes from <see cref="SweepPlanner"/>.
/// </summary>
internal interface ISweepStore
{
    /// <summary>The orders whose next check is due, oldest first, with their current lead unit; held for this transaction.</summary>
    Task<List<ClaimedOrder>> ClaimAsync(DateTime now, int batchSize, CancellationToken ct);

    /// <summary>
    /// Writes the new deadline states, the version increments and the 催办/督办 counts of orders with
    /// changes, each guarded by the version the claim read.
    /// </summary>
    /// <returns>The orders updated; one whose version moved under the sweep is not.</returns>
    Task<HashSet<Guid>> UpdateOrdersAsync(IReadOnlyList<OrderPlan> changed, DateTime now, CancellationToken ct);

    /// <summary>Inserts the history events, 催办/督办 records and notifications, all dated <paramref name="now"/>.</summary>
    Task InsertAsync(SweepWrites writes, DateTime now, CancellationToken ct);

    /// <summary>Moves each order's check to its next instant, or removes it when nothing is pending any more.</summary>
    Task MoveChecksAsync(IReadOnlyList<OrderPlan> plans, CancellationToken ct);

    /// <summary>Puts the checks of orders that failed at <paramref name="at"/>, so they wait before the next try.</summary>
    Task PutBackAsync(IReadOnlyList<Guid> orders, DateTime at, CancellationToken ct);
}
