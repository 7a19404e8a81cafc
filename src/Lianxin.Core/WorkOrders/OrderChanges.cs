using Lianxin.Core.Common;
using Lianxin.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Lianxin.Core.WorkOrders;

/// <summary>
/// Which orders changed, as announced after the change is committed. <see cref="OrderIds"/> empty means
/// "many, unknown which" (the deadline sweep): listeners reload what they show.
/// </summary>
public sealed record OrderChange(IReadOnlyCollection<Guid> OrderIds)
{
    public static OrderChange Many { get; } = new([]);

    public bool Concerns(Guid id) => OrderIds.Count == 0 || OrderIds.Contains(id);
}

/// <summary>
/// The live feed of order changes in this process: open lists, counts and order pages subscribe and
/// reload. In-process today; a backplane (Redis pub/sub) for several instances would publish what this
/// process saves and feed what other instances announce into <see cref="ChangeFeed{T}.Publish"/> (ADR 0008).
/// </summary>
public sealed class OrderChanges : ChangeFeed<OrderChange>;

/// <summary>
/// Announces on <see cref="OrderChanges"/> the orders every successful save added or changed, after the commit
/// (<see cref="AfterCommitInterceptor{TChanges}"/>). Every order action moves the order's version, so watching
/// the order rows catches every action.
/// </summary>
public sealed class OrderChangeInterceptor(OrderChanges feed) : AfterCommitInterceptor<HashSet<Guid>>
{
    protected override HashSet<Guid>? Capture(DbContext context)
    {
        HashSet<Guid>? ids = null;
        foreach (var entry in context.ChangeTracker.Entries<WorkOrder>())
        {
            if (entry.State is EntityState.Added or EntityState.Modified)
            {
                (ids ??= []).Add(entry.Entity.Id);
            }
        }

        return ids;
    }

    protected override HashSet<Guid> Merge(HashSet<Guid> into, HashSet<Guid> more)
    {
        into.UnionWith(more);
        return into;
    }

    protected override void Announce(HashSet<Guid> changes) => feed.Publish(new OrderChange(changes));
}
