using System.Text;
using Lianxin.Core.Calendars;
using Lianxin.Core.Deadlines;
using Lianxin.Core.Dispatch;
using Lianxin.Core.Identity;
using Lianxin.Core.Calls;
using Lianxin.Core.Knowledge;
using Lianxin.Core.Notifications;
using Lianxin.Core.Organization;
using Lianxin.Core.ReturnVisits;
using Lianxin.Core.Routing;
using Lianxin.Core.Staffing;
using Lianxin.Core.Supervision;
using Lianxin.Core.WorkOrders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Lianxin.Core.Data;

/// <remarks>
/// One model, one generated migration set per provider (ADR 0003). After a model change run
/// <c>scripts/add-migration.sh Name</c>, which generates both.
/// </remarks>
public sealed class LianxinDbContext(DbContextOptions<LianxinDbContext> options) : DbContext(options)
{
    public DbSet<User> Users => Set<User>();

    public DbSet<Unit> Units => Set<Unit>();

    public DbSet<Category> Categories => Set<Category>();

    public DbSet<Region> Regions => Set<Region>();

    public DbSet<WorkOrder> WorkOrders => Set<WorkOrder>();

    public DbSet<Assignment> Assignments => Set<Assignment>();

    public DbSet<WorkOrderEvent> WorkOrderEvents => Set<WorkOrderEvent>();

    public DbSet<ReturnRequest> ReturnRequests => Set<ReturnRequest>();

    public DbSet<ExtensionRequest> ExtensionRequests => Set<ExtensionRequest>();

    public DbSet<ReturnVisit> ReturnVisits => Set<ReturnVisit>();

    public DbSet<SupervisionRecord> SupervisionRecords => Set<SupervisionRecord>();

    public DbSet<NumberCounter> NumberCounters => Set<NumberCounter>();

    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    public DbSet<AppSetting> AppSettings => Set<AppSetting>();

    public DbSet<DeadlinePolicy> DeadlinePolicies => Set<DeadlinePolicy>();

    public DbSet<WorkOrderSuspension> WorkOrderSuspensions => Set<WorkOrderSuspension>();

    public DbSet<Notification> Notifications => Set<Notification>();

    public DbSet<NotificationRead> NotificationReads => Set<NotificationRead>();

    public DbSet<ImportedHolidayYear> ImportedHolidayYears => Set<ImportedHolidayYear>();

    public DbSet<CalendarOverride> CalendarOverrides => Set<CalendarOverride>();

    public DbSet<ReturnReason> ReturnReasons => Set<ReturnReason>();

    public DbSet<UnitGroup> UnitGroups => Set<UnitGroup>();

    public DbSet<HelpRequest> HelpRequests => Set<HelpRequest>();

    public DbSet<RoutingRule> RoutingRules => Set<RoutingRule>();

    public DbSet<RoutingDecision> RoutingDecisions => Set<RoutingDecision>();

    public DbSet<Article> Articles => Set<Article>();

    public DbSet<Phrase> Phrases => Set<Phrase>();

    public DbSet<PhoneSystem> PhoneSystems => Set<PhoneSystem>();

    public DbSet<PhoneCall> PhoneCalls => Set<PhoneCall>();

    public DbSet<CtiEventRecord> CtiEvents => Set<CtiEventRecord>();

    public DbSet<AgentPresence> AgentPresences => Set<AgentPresence>();

    public DbSet<AgentStateSpan> AgentStateSpans => Set<AgentStateSpan>();

    public DbSet<Callback> Callbacks => Set<Callback>();

    public DbSet<BlockedNumber> BlockedNumbers => Set<BlockedNumber>();

    public DbSet<CallOrderLink> CallOrderLinks => Set<CallOrderLink>();

    public DbSet<RosterShift> RosterShifts => Set<RosterShift>();

    public DbSet<Reports.DailyFigure> DailyFigures => Set<Reports.DailyFigure>();

    public DbSet<Reports.FigureDay> FigureDays => Set<Reports.FigureDay>();

    /// <remarks>
    /// <c>Database.ProviderName</c> reads the provider assembly's name through reflection on every call;
    /// the answer is fixed per provider type, so it is worked out once.
    /// </remarks>
    public bool IsPostgres => IsNpgsql.GetOrAdd(this.GetService<Microsoft.EntityFrameworkCore.Storage.IDatabaseProvider>().GetType(),
        static (_, db) => db.Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) == true, this);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, bool> IsNpgsql = new();

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        _ = GuardAppendOnly();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var onlyInserts = GuardAppendOnly();
        if (!onlyInserts || !IsPostgres || Database.CurrentTransaction is not null)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        // A save that only inserts (a registration) is one batch, and PostgreSQL runs a batch up to its
        // Sync as one implicit transaction: any failing statement rolls the whole batch back. So the
        // explicit BEGIN/COMMIT would only add a round trip. Saves with updates keep the transaction,
        // because a failed optimistic-concurrency check is not a database error and would not roll
        // back the rest of the batch. The batch size is raised (DatabaseSetup) so a save is one batch.
        var before = Database.AutoTransactionBehavior;
        Database.AutoTransactionBehavior = AutoTransactionBehavior.Never;
        try
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        finally
        {
            Database.AutoTransactionBehavior = before;
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<NullableUtcDateTimeConverter>();
        foreach (var enumType in new[]
                 {
                     typeof(WorkOrderStatus), typeof(Channel), typeof(DemandType), typeof(Urgency), typeof(Solved), typeof(Satisfaction),
                     typeof(AssignmentRole), typeof(AssignmentStatus), typeof(Decision), typeof(UnitKind), typeof(SupervisionKind),
                     typeof(DurationUnit), typeof(DeadlineState), typeof(HelpRequestStatus),
                     typeof(CallDirection), typeof(CallOutcome), typeof(LossCategory), typeof(CtiEventKind), typeof(AgentState),
                     typeof(CallbackStatus), typeof(CallbackOutcome),
                 })
        {
            configurationBuilder.Properties(enumType).HaveConversion<string>().HaveMaxLength(32);
        }
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(LianxinDbContext).Assembly);
        ApplySnakeCaseNames(modelBuilder);
    }

    /// <summary>History is never edited or deleted, and nothing that history points at is ever deleted.</summary>
    /// <returns>Whether the pending changes are inserts only.</returns>
    private bool GuardAppendOnly()
    {
        var onlyInserts = true;
        foreach (var entry in ChangeTracker.Entries())
        {
            onlyInserts &= entry.State is EntityState.Added or EntityState.Unchanged or EntityState.Detached;
            var forbidden = entry.State switch
            {
                EntityState.Deleted => entry.Entity is not (IdempotencyRecord or CalendarOverride or NotificationRead or DeadlineCheck or UnitGroupMember or BlockedNumber or RosterShift),
                EntityState.Modified => entry.Entity is WorkOrderEvent or ReturnVisit or Notification or CtiEventRecord or AgentStateSpan,
                _ => false,
            };
            if (forbidden)
            {
                throw new InvalidOperationException($"{entry.Entity.GetType().Name} rows are append-only; refused a {entry.State} change.");
            }
        }

        return onlyInserts;
    }

    private static void ApplySnakeCaseNames(ModelBuilder modelBuilder)
    {
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            var sharesOwnersTable = entity.IsOwned() && entity.GetTableName() == entity.FindOwnership()?.PrincipalEntityType.GetTableName();
            if (!sharesOwnersTable)
            {
                var table = entity.GetTableName();
                if (table is not null)
                {
                    entity.SetTableName(SnakeCase(table));
                }
            }

            // Ids are made by the application (UUID v7), so a new child reached through a navigation is an insert.
            foreach (var key in entity.GetKeys().Where(k => k.IsPrimaryKey()))
            {
                foreach (var property in key.Properties.Where(p => p.ClrType == typeof(Guid)))
                {
                    property.ValueGenerated = Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.Never;
                }
            }

            // An owned type stored in its owner's row shares the owner's key column.
            var prefix = sharesOwnersTable ? SnakeCase(entity.FindOwnership()!.PrincipalToDependent!.Name) + "_" : "";
            foreach (var property in entity.GetProperties().Where(p => !(sharesOwnersTable && p.IsPrimaryKey())))
            {
                property.SetColumnName(prefix + SnakeCase(sharesOwnersTable ? property.Name : property.GetColumnName()));
            }

            foreach (var key in entity.GetKeys())
            {
                key.SetName(SnakeCase(key.GetName()!));
            }

            foreach (var fk in entity.GetForeignKeys())
            {
                fk.SetConstraintName(SnakeCase(fk.GetConstraintName()!));
            }

            foreach (var index in entity.GetIndexes())
            {
                index.SetDatabaseName(SnakeCase(index.GetDatabaseName()!));
            }
        }
    }

    internal static string SnakeCase(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && name[i - 1] != '_' && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]))))
                {
                    sb.Append('_');
                }

                sb.Append(char.ToLowerInvariant(c));
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }
}

/// <summary>Instants are stored as UTC; SQLite forgets the kind, so it is set again on the way out.</summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v.ToUniversalTime(), DateTimeKind.Utc),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

public sealed class NullableUtcDateTimeConverter() : ValueConverter<DateTime?, DateTime?>(
    v => v == null ? v : v.Value.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v.Value.ToUniversalTime(), DateTimeKind.Utc),
    v => v == null ? v : DateTime.SpecifyKind(v.Value, DateTimeKind.Utc));
