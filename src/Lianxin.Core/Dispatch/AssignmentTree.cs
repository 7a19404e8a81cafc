namespace Lianxin.Core.Dispatch;

/// <summary>
/// The hops of one order seen as the tree they form (a hop's parent is the hop that passed it down).
/// The order's rules ask it who holds what; the order page draws it.
/// </summary>
public sealed class AssignmentTree(IReadOnlyList<Assignment> hops)
{
    public IReadOnlyList<Assignment> All => hops;

    public Assignment Get(Guid id) => hops.Single(a => a.Id == id);

    public Assignment? Find(Guid id) => hops.SingleOrDefault(a => a.Id == id);

    public Assignment? ParentOf(Assignment hop) => hop.ParentId is { } p ? Get(p) : null;

    public IEnumerable<Assignment> ChildrenOf(Assignment hop) => hops.Where(a => a.ParentId == hop.Id);

    /// <summary>A unit below this hop still works on its part.</summary>
    public bool HasLiveChildren(Assignment hop) => ChildrenOf(hop).Any(c => c.IsLive);

    /// <summary>Whether the unit still answers for a part of the order (a unit holds at most one live hop).</summary>
    public bool HoldsLiveHop(Guid unitId) => hops.Any(a => a.UnitId == unitId && a.IsLive);

    /// <summary>The live hops of a unit (at most one in practice).</summary>
    public IReadOnlyList<Assignment> LiveHopsOf(Guid? unitId) =>
        unitId is null ? [] : hops.Where(a => a.UnitId == unitId && a.IsLive).ToList();

    /// <summary>The order's current first-level lead (<see cref="Assignment.IsCurrentLead"/>).</summary>
    public Assignment? CurrentLead => hops.LastOrDefault(a => a.IsLeadNow);

    /// <summary>First-level assists still working: the lead waits for them unless released.</summary>
    public IReadOnlyList<Assignment> LiveAssists => hops.Where(a => a.IsFirstLevelAssist && a.IsLive).ToList();

    /// <summary>Units whose return of this order was approved: the dispatcher should not be offered them again.</summary>
    public IEnumerable<Guid> ReturnedUnitIds => hops.Where(a => a.Status == AssignmentStatus.Returned).Select(a => a.UnitId);

    /// <summary>Hops in dispatch order, each followed by the hops it passed down, with their depth (0 = first level).</summary>
    public IEnumerable<(Assignment Hop, int Depth)> InDispatchOrder()
    {
        var byTime = hops.OrderBy(a => a.DispatchedAt).ThenBy(a => a.Id).ToList();
        IEnumerable<(Assignment, int)> Below(Guid? parent, int depth) =>
            byTime.Where(a => a.ParentId == parent).SelectMany(a => new[] { (a, depth) }.Concat(Below(a.Id, depth + 1)));
        return Below(null, 0);
    }
}
