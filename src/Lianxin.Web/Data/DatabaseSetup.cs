using System.Data.Common;
using Lianxin.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Lianxin.Web.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Chooses the provider from configuration (API.md) and wires the per-provider migration set.</summary>
public static class DatabaseSetup
{
    public const string DefaultSqlite = "Data Source=data/lianxin.db";

    public static DatabaseProvider Provider(IConfiguration configuration)
    {
        var name = configuration["Lianxin:Database:Provider"] ?? "sqlite";
        return name.Trim().ToLowerInvariant() switch
        {
            "sqlite" => DatabaseProvider.Sqlite,
            "postgres" or "postgresql" or "npgsql" => DatabaseProvider.Postgres,
            _ => throw new InvalidOperationException($"Lianxin__Database__Provider is '{name}'; use 'sqlite' or 'postgres'."),
        };
    }

    public static string ConnectionString(IConfiguration configuration, DatabaseProvider provider) =>
        configuration.GetConnectionString("Lianxin") is { Length: > 0 } cs
            ? cs
            : provider == DatabaseProvider.Sqlite
                ? DefaultSqlite
                : throw new InvalidOperationException("ConnectionStrings__Lianxin must be set when the provider is postgres.");

    public static WebApplicationBuilder AddLianxinDatabase(this WebApplicationBuilder builder)
    {
        var provider = Provider(builder.Configuration);
        var connectionString = ConnectionString(builder.Configuration, provider);
        if (provider == DatabaseProvider.Sqlite)
        {
            EnsureSqliteDirectory(connectionString);
        }

        // Every committed change to an order is announced to the open console pages (OrderChanges).
        builder.Services.AddSingleton<Lianxin.Core.WorkOrders.OrderChanges>();
        builder.Services.AddSingleton<Lianxin.Core.WorkOrders.OrderChangeInterceptor>();

        // And every committed change to admin data, to the open admin pages (AdminChanges).
        builder.Services.AddSingleton<AdminChanges>();
        builder.Services.AddSingleton<AdminChangeInterceptor>();
        builder.Services.AddDbContextPool<LianxinDbContext>((services, options) =>
        {
            options.AddInterceptors(
                services.GetRequiredService<Lianxin.Core.WorkOrders.OrderChangeInterceptor>(),
                services.GetRequiredService<AdminChangeInterceptor>());
            if (provider == DatabaseProvider.Sqlite)
            {
                options.UseSqlite(connectionString, o => o.MigrationsAssembly("Lianxin.Migrations.Sqlite"))
                    .AddInterceptors(new SqlitePragmas());
            }
            else
            {
                // One batch per save: LianxinDbContext relies on PostgreSQL running a batch atomically.
                options.UseNpgsql(connectionString, o => o.MigrationsAssembly("Lianxin.Migrations.Postgres").MaxBatchSize(10_000));
            }
        });
        return builder;
    }

    private static void EnsureSqliteDirectory(string connectionString)
    {
        var source = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (string.IsNullOrEmpty(source) || source == ":memory:" || source.StartsWith("file:", StringComparison.Ordinal))
        {
            return;
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(source));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
    }

    /// <summary>
    /// Per-connection settings: wait for the writer instead of failing at once, and keep WAL's cheaper
    /// fsync policy (a crash may lose the last commits of the OS buffer, never corrupt the file).
    /// </summary>
    private sealed class SqlitePragmas : DbConnectionInterceptor
    {
        private const string Pragmas = "PRAGMA busy_timeout = 10000; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;";

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
        {
            using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            command.ExecuteNonQuery();
        }

        public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
