using System.Runtime.CompilerServices;
using Lianxin.Core.Calendars;
using Lianxin.Core.Common;
using Lianxin.Core.Deadlines;
using Lianxin.Core.Dispatch;
using Lianxin.Core.Identity;
using Lianxin.Core.Organization;
using Lianxin.Core.Routing;
using Microsoft.EntityFrameworkCore;

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
public sealed class AdminChangeInterceptor(AdminChanges feed) : AfterCommitInterceptor<StrongBox<AdminArea>>
{
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

    protected override StrongBox<AdminArea>? Capture(DbContext context)
    {
        var areas = AdminArea.None;
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            {
                areas |= AreaOf(entry.Entity);
            }
        }

        return areas == AdminArea.None ? null : new StrongBox<AdminArea>(areas);
    }

    protected override StrongBox<AdminArea> Merge(StrongBox<AdminArea> into, StrongBox<AdminArea> more)
    {
        into.Value |= more.Value;
        return into;
    }

    protected override void Announce(StrongBox<AdminArea> changes) => feed.Publish(changes.Value);
}
