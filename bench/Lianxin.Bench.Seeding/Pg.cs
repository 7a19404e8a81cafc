using Lianxin.Core.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Lianxin.Bench.Seeding;

/// <summary>
/// What the PostgreSQL benchmarks share to seed a throwaway database fast: the migrations' schema, SQL
/// with a fixed "now", a bulk load with the indexes built once afterwards, and fresh statistics.
/// </summary>
public static class Pg
{
    /// <summary>A seeded row's id from its generate_series number g, in SQL: stable, so other rows can point at it.</summary>
    public static string IdSql(string g, char prefix = '0') => $"('{prefix}' || lpad(to_hex({g}), 31, '0'))::uuid";

    /// <summary>The id <see cref="IdSql"/> gives row <paramref name="g"/>.</summary>
    public static Guid Id(long g, char prefix = '0') => Guid.Parse(prefix + g.ToString("x31", System.Globalization.CultureInfo.InvariantCulture));

    public static DbContextOptions<LianxinDbContext> Options(string connection, int batch = 0) =>
        new DbContextOptionsBuilder<LianxinDbContext>()
            .UseNpgsql(connection, o =>
            {
                o.MigrationsAssembly("Lianxin.Migrations.Postgres").CommandTimeout(3600);
                if (batch > 0)
                {
                    o.MaxBatchSize(batch);
                }
            })
            .Options;

    /// <summary>Creates the schema exactly as the app's migrations do.</summary>
    public static async Task MigrateAsync(string connection)
    {
        await using var db = new LianxinDbContext(Options(connection));
        await db.Database.MigrateAsync();
    }

    public static async Task ExecAsync(NpgsqlConnection c, string sql, DateTime? now = null, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, c) { CommandTimeout = 3600 };
        if (now is { } n)
        {
            command.Parameters.AddWithValue("now", n);
        }

        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Runs <paramref name="load"/> without per-row index and foreign-key work on <paramref name="tables"/>:
    /// their indexes (not the primary keys) are dropped first and built again afterwards from their own
    /// definitions, so the schema ends exactly as the migrations made it.
    /// </summary>
    public static async Task BulkLoadAsync(NpgsqlConnection c, IReadOnlyCollection<string> tables, Func<Task> load)
    {
        await ExecAsync(c, "SET maintenance_work_mem = '1GB'");
        var indexes = new List<(string Name, string Definition)>();
        await using (var read = new NpgsqlCommand("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = ANY(@tables) AND indexname NOT LIKE 'pk_%'", c))
        {
            read.Parameters.AddWithValue("tables", tables.ToArray());
            await using var reader = await read.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                indexes.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        foreach (var (name, _) in indexes)
        {
            await ExecAsync(c, $"DROP INDEX {name}");
        }

        await ExecAsync(c, "SET session_replication_role = replica");
        await load();
        await ExecAsync(c, "SET session_replication_role = origin");
        foreach (var (_, definition) in indexes)
        {
            await ExecAsync(c, definition);
        }
    }

    /// <summary>Fresh statistics and visibility maps, as autovacuum would leave them on a server that has run a while.</summary>
    public static async Task VacuumAnalyzeAsync(NpgsqlConnection c, params string[] tables)
    {
        foreach (var table in tables)
        {
            // VACUUM refuses the extended protocol that parameters bring.
            await using var vacuum = new NpgsqlCommand($"VACUUM ANALYZE {table}", c) { CommandTimeout = 3600 };
            await vacuum.ExecuteNonQueryAsync();
        }
    }
}

/// <summary>A clock stopped at one instant, so seeded deadlines and measured queries agree on "now".</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
