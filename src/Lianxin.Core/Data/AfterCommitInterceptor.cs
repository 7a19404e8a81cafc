using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Lianxin.Core.Data;

/// <summary>
/// Announces what a save changed only once it is committed, so a listener that reloads sees the change: at
/// once for a save in its own transaction, at the commit for a save inside an explicit transaction; nothing for
/// a save or transaction that fails. A subclass says what it watches (<see cref="Capture"/>), how two saves'
/// changes add up (<see cref="Merge"/>) and where to announce them (<see cref="Announce"/>).
/// </summary>
/// <typeparam name="TChanges">What one save changed, accumulated per context until the commit.</typeparam>
public abstract class AfterCommitInterceptor<TChanges> : DbTransactionInterceptor, ISaveChangesInterceptor
    where TChanges : class
{
    private readonly ConditionalWeakTable<DbContext, TChanges> _saving = [];
    private readonly ConditionalWeakTable<DbContext, TChanges> _uncommitted = [];

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Saving(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Saving(eventData.Context);
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

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Committed(eventData.Context);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Committed(eventData.Context);
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(_uncommitted, eventData.Context);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(_uncommitted, eventData.Context);
        return Task.CompletedTask;
    }

    public override void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => Forget(_uncommitted, eventData.Context);

    public override Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(_uncommitted, eventData.Context);
        return Task.CompletedTask;
    }

    /// <summary>What the pending save changes that this interceptor announces; null when nothing.</summary>
    protected abstract TChanges? Capture(DbContext context);

    /// <summary>Adds a later save's <paramref name="more"/> to <paramref name="into"/>; returns the sum.</summary>
    protected abstract TChanges Merge(TChanges into, TChanges more);

    protected abstract void Announce(TChanges changes);

    private void Saving(DbContext? context)
    {
        if (context is not null && Capture(context) is { } changes)
        {
            _saving.AddOrUpdate(context, changes);
        }
    }

    private void Saved(DbContext? context)
    {
        if (context is null || !_saving.TryGetValue(context, out var changes))
        {
            return;
        }

        _saving.Remove(context);
        if (context.Database.CurrentTransaction is null)
        {
            Announce(changes);
        }
        else
        {
            _uncommitted.AddOrUpdate(context, _uncommitted.TryGetValue(context, out var earlier) ? Merge(earlier, changes) : changes);
        }
    }

    private void Committed(DbContext? context)
    {
        if (context is not null && _uncommitted.TryGetValue(context, out var changes))
        {
            _uncommitted.Remove(context);
            Announce(changes);
        }
    }

    private static void Forget(ConditionalWeakTable<DbContext, TChanges> table, DbContext? context)
    {
        if (context is not null)
        {
            table.Remove(context);
        }
    }
}
