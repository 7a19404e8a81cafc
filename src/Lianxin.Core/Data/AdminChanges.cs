using System.Runtime.CompilerServices;
using Lianxin.Core.Calendars;
using Lianxin.Core.Common;
using Lianxin.Core.Deadlines;
using Lianxin.Core.Dispatch;
using Lianxin.Core.Identity;
using Lianxin.Core.Organization;
using Lianxin.Core.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Lianxin.Core.Data;

/// <summary>The kinds of data the admin pages keep.</summary>
[Flags]
public enum AdminArea
{
    None = 0,
    Units = 1,
    Categories = 2,
    Regions = 4,
    Users = 8,
    RoutingRules = 16,
    DeadlinePolicies = 32,
    Calendar = 64,
    ReturnReasons = 128,
    UnitGroups = 256,
}

/// <summary>
/// "Admin data changed": open admin pages subscribe and reload their lists when another admin (page,
/// API, CSV import) changes what they show. In-process, like <see cref="WorkOrders.OrderChanges"/>; a
/// backplane would carry it between instances the same way. Best effort: a page that misses a signal is
/// still right at its next load, and a save on stale data meets the use case's checks.
/// </summary>
public sealed class AdminChanges : ChangeFeed<AdminArea>
{
    public override void Publish(AdminArea change)
    {
        if (change != AdminArea.None)
        {
            base.Publish(change);
        }
    }
}

/// <summary>
/// Announces on <see cref="AdminChanges"/> which admin areas a save touched, after the commit: at once
/// for a save in its own transaction, at the commit for one inside an explicit transaction (the CSV import).
/// </summary>
public sealed class AdminChangeInterceptor(AdminChanges feed) : DbTransactionInterceptor, ISaveChangesInterceptor
{
    private readonly ConditionalWeakTable<DbContext, StrongBox<AdminArea>> _saving = [];
    private readonly ConditionalWeakTable<DbContext, StrongBox<AdminArea>> _uncommitted = [];

    public static AdminArea AreaOf(object entity) => entity switch
    {
        Unit => AdminArea.Units,
        Category => AdminArea.Categories,
        Region => AdminArea.Regions,
        User => AdminArea.Users,
        RoutingRule => AdminArea.RoutingRules,
        DeadlinePolicy => AdminArea.DeadlinePolicies,
        CalendarOverride or ImportedHolidayYear => AdminArea.Calendar,
        AppSetting { Key: CalendarSettings.Key } => AdminArea.Calendar,
        ReturnReason => AdminArea.ReturnReasons,
        UnitGroup or UnitGroupMember => AdminArea.UnitGroups,
        _ => AdminArea.None,
    };

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

        var areas = AdminArea.None;
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            {
                areas |= AreaOf(entry.Entity);
            }
        }

        if (areas != AdminArea.None)
        {
            _saving.AddOrUpdate(context, new StrongBox<AdminArea>(areas));
        }
    }

    private void Saved(DbContext? context)
    {
        if (context is null || !_saving.TryGetValue(context, out var box))
        {
            return;
        }

        _saving.Remove(context);
        if (context.Database.CurrentTransaction is null)
        {
            feed.Publish(box.Value);
        }
        else
        {
            _uncommitted.GetOrCreateValue(context).Value |= box.Value;
        }
    }

    private void Committed(DbContext? context)
    {
        if (context is not null && _uncommitted.TryGetValue(context, out var box))
        {
            _uncommitted.Remove(context);
            feed.Publish(box.Value);
        }
    }

    private static void Forget(ConditionalWeakTable<DbContext, StrongBox<AdminArea>> table, DbContext? context)
    {
        if (context is not null)
        {
            table.Remove(context);
        }
    }
}
