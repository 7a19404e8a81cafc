using System.Data.Common;
using Lianxin.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Lianxin.Core.Deadlines;

/// <summary>What both sweep stores share: the columns a claim reads, and plain ADO.NET commands on the context's transaction.</summary>
internal static class SweepSql
{
    /// <summary>The order columns a claim reads, in the order <see cref="Read"/> takes them; <see cref="LeadUnit"/> follows.</summary>
    public const string Columns = "o.id, o.version, o.number, o.status, " +
        "o.sign_for_due_at, o.sign_for_approaching_at, o.sign_for_state, o.sign_for_met_at, " +
        "o.contact_due_at, o.contact_approaching_at, o.contact_state, o.contact_met_at, " +
        "o.completion_due_at, o.completion_approaching_at, o.completion_state, o.completion_met_at";

    /// <summary>The order's current first-level lead unit: <see cref="Dispatch.Assignment.CurrentLeadSql"/>, the latest such hop.</summary>
    public const string LeadUnit = "(SELECT a.unit_id FROM assignments a WHERE a.work_order_id = o.id AND " + Dispatch.Assignment.CurrentLeadSql +
        " ORDER BY a.dispatched_at DESC LIMIT 1) AS lead_unit";

    /// <summary>Reads one row of <see cref="Columns"/>, <see cref="LeadUnit"/>.</summary>
    public static ClaimedOrder Read(DbDataReader r) => new(
        r.GetGuid(0), r.GetInt32(1), r.GetString(2), r.GetString(3),
        ReadDeadline(r, 4), ReadDeadline(r, 8), ReadDeadline(r, 12), r.IsDBNull(16) ? null : r.GetGuid(16));

    private static StoredDeadline? ReadDeadline(DbDataReader r, int i) =>
        r.IsDBNull(i) ? null : new StoredDeadline(
            DateTime.SpecifyKind(r.GetDateTime(i), DateTimeKind.Utc),
            DateTime.SpecifyKind(r.GetDateTime(i + 1), DateTimeKind.Utc),
            Enum.Parse<DeadlineState>(r.GetString(i + 2)),
            r.IsDBNull(i + 3) ? null : DateTime.SpecifyKind(r.GetDateTime(i + 3), DateTimeKind.Utc));

    public static DbCommand Command(LianxinDbContext db, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        foreach (var (name, value) in parameters)
        {
            var p = command.CreateParameter();
            p.ParameterName = "@" + name;
            p.Value = Normalize(value) ?? DBNull.Value;
            command.Parameters.Add(p);
        }

        return command;
    }

    public static async Task ExecuteAsync(LianxinDbContext db, string sql, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(db, sql, parameters);
        await command.ExecuteNonQueryAsync(ct);
    }

    public static void Set(DbCommand command, string name, object? value) =>
        command.Parameters["@" + name].Value = Normalize(value) ?? DBNull.Value;

    /// <summary>Instants go in as UTC: SQLite keeps them as EF's text form, PostgreSQL takes them as timestamptz.</summary>
    private static object? Normalize(object? value) => value switch
    {
        DateTime d when d.Kind != DateTimeKind.Utc => DateTime.SpecifyKind(d, DateTimeKind.Utc),
        _ => value,
    };
}
