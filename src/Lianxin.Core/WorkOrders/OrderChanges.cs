using System.Runtime.CompilerServices;
using Lianxin.Core.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

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
/// Announces on <see cref="OrderChanges"/> the orders every successful save added or changed — after the
/// commit, so a listener that reloads sees the change: at once for a save in its own transaction, at the
/// commit for a save inside an explicit transaction. Every order action moves the order's version, so
/// watching the order rows catches every action.
/// </summary>
public sealed class OrderChangeInterceptor(OrderChanges feed) : DbTransactionInterceptor, ISaveChangesInterceptor
{
    private readonly ConditionalWeakTable<DbContext, HashSet<Guid>> _saving = [];
    private readonly ConditionalWeakTable<DbContext, HashSet<Guid>> _uncommitted = [];

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Capture(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Capture(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(_saving, eventData.Context);

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(_saving, eventData.Context);
        return Task.CompletedTask;
    }

    public override void TransactionCommitted(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) => Committed(eventData.Context);

    public override Task TransactionCommittedAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Committed(eventData.Context);
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) => Forget(_uncommitted, eventData.Context);

    public override Task TransactionRolledBackAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(_uncommitted, eventData.Context);
        return Task.CompletedTask;
    }

    public override void TransactionFailed(System.Data.Common.DbTransaction transaction, TransactionErrorEventData eventData) => Forget(_uncommitted, eventData.Context);

    public override Task TransactionFailedAsync(System.Data.Common.DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(_uncommitted, eventData.Context);
        return Task.CompletedTask;
    }

    private void Capture(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        HashSet<Guid>? ids = null;
        foreach (var entry in context.ChangeTracker.Entries<WorkOrder>())
        {
            if (entry.State is EntityState.Added or EntityState.Modified)
            {
                (ids ??= []).Add(entry.Entity.Id);
            }
        }

        if (ids is not null)
        {
            _saving.AddOrUpdate(context, ids);
        }
    }

    private void Saved(DbContext? context)
    {
        if (context is null || !_saving.TryGetValue(context, out var ids))
        {
            return;
        }

        _saving.Remove(context);
        if (context.Database.CurrentTransaction is null)
        {
            feed.Publish(new OrderChange(ids));
        }
        else
        {
            _uncommitted.GetOrCreateValue(context).UnionWith(ids);
        }
    }

    private void Committed(DbContext? context)
    {
        if (context is not null && _uncommitted.TryGetValue(context, out var ids))
        {
            _uncommitted.Remove(context);
            feed.Publish(new OrderChange(ids));
        }
    }

    private static void Forget(ConditionalWeakTable<DbContext, HashSet<Guid>> table, DbContext? context)
    {
        if (context is not null)
        {
            table.Remove(context);
        }
    }
}
