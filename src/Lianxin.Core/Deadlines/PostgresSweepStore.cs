using Lianxin.Core.Data;
using Lianxin.Core.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using static Lianxin.Core.Deadlines.SweepSql;

namespace Lianxin.Core.Deadlines;

/// <summary>
/// The sweep on PostgreSQL: rows claimed with SKIP LOCKED so several app instances share the work and
/// never wait on a row, each table written with one statement over arrays, inserts streamed with binary
/// COPY (ADR 0007).
/// </summary>
internal sealed class PostgresSweepStore(LianxinDbContext db) : ISweepStore
{
    /// <summary>
    /// The due checks and their orders, oldest first. Both rows are locked, skipping any another sweeper
    /// or a user's save holds: the sweep then never waits on a row, so it cannot deadlock with a save,
    /// and a save that comes later waits for the sweep and sees its version. Checks first, then their
    /// orders by key: a join lets the planner trade the key lookups for a scan of every order once the
    /// due rows are a few percent of the table.
    /// </summary>
    public async Task<List<ClaimedOrder>> ClaimAsync(DateTime now, int batchSize, CancellationToken ct)
    {
        // JIT compilation costs more than it saves on these short statements.
        await ExecuteAsync(db, "SET LOCAL jit = off", ct);
        var ids = new List<Guid>();
        await using (var claim = Command(db, "SELECT work_order_id FROM deadline_checks WHERE at <= @now ORDER BY at LIMIT @limit FOR NO KEY UPDATE SKIP LOCKED",
            ("now", now), ("limit", batchSize)))
        await using (var reader = await claim.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                ids.Add(reader.GetGuid(0));
            }
        }

        if (ids.Count == 0)
        {
            return [];
        }

        // An order a user's save holds right now is skipped; its check stays due for the next run.
        await using var command = Command(db, $"SELECT {Columns}, {LeadUnit} FROM work_orders o WHERE o.id = ANY(@ids) FOR NO KEY UPDATE OF o SKIP LOCKED",
            ("ids", ids.ToArray()));
        var rows = new List<ClaimedOrder>();
        await using var rowReader = await command.ExecuteReaderAsync(ct);
        while (await rowReader.ReadAsync(ct))
        {
            rows.Add(Read(rowReader));
        }

        return rows;
    }

    public async Task<HashSet<Guid>> UpdateOrdersAsync(IReadOnlyList<OrderPlan> changed, DateTime now, CancellationToken ct)
    {
        await using var command = Command(db,
            "UPDATE work_orders AS o SET sign_for_state = COALESCE(u.s1, o.sign_for_state), contact_state = COALESCE(u.s2, o.contact_state), " +
            "completion_state = COALESCE(u.s3, o.completion_state), version = o.version + u.inc, " +
            "updated_at = @now, urge_count = o.urge_count + u.urges, supervise_count = o.supervise_count + u.sups " +
            "FROM unnest(@ids, @s1, @s2, @s3, @inc, @urges, @sups, @ver) AS u(id, s1, s2, s3, inc, urges, sups, ver) " +
            "WHERE o.id = u.id AND o.version = u.ver RETURNING o.id",
            ("now", now),
            ("ids", changed.Select(p => p.Order.Id).ToArray()),
            ("s1", changed.Select(p => p.SignFor?.ToString()).ToArray()),
            ("s2", changed.Select(p => p.Contact?.ToString()).ToArray()),
            ("s3", changed.Select(p => p.Completion?.ToString()).ToArray()),
            ("inc", changed.Select(p => p.VersionIncrement).ToArray()),
            ("urges", changed.Select(p => p.Urges).ToArray()),
            ("sups", changed.Select(p => p.Supervises).ToArray()),
            ("ver", changed.Select(p => p.Order.Version).ToArray()));
        var updated = new HashSet<Guid>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            updated.Add(reader.GetGuid(0));
        }

        return updated;
    }

    /// <summary>
    /// COPY is PostgreSQL's fastest way in: no statement to plan, rows streamed in binary. The synchronous
    /// Write only fills the importer's buffer (it blocks only to flush a full one); awaiting each value
    /// would add an async step per column of every row.
    /// </summary>
    public async Task InsertAsync(SweepWrites writes, DateTime now, CancellationToken ct)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY work_order_events (id, work_order_id, version, at, type, actor_name, from_status, to_status, unit_id, note, data) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var e in writes.Events)
            {
                copy.StartRow();
                copy.Write(e.Id, NpgsqlDbType.Uuid);
                copy.Write(e.WorkOrderId, NpgsqlDbType.Uuid);
                copy.Write(e.Version, NpgsqlDbType.Integer);
                copy.Write(now, NpgsqlDbType.TimestampTz);
                copy.Write(e.Type, NpgsqlDbType.Varchar);
                copy.Write(Actor.System.Name, NpgsqlDbType.Varchar);
                copy.Write(e.Status, NpgsqlDbType.Varchar);
                copy.Write(e.Status, NpgsqlDbType.Varchar);
                WriteNullable(copy, e.UnitId, NpgsqlDbType.Uuid);
                copy.Write(e.Note.Zh, NpgsqlDbType.Varchar);
                copy.Write(e.Data, NpgsqlDbType.Varchar);
            }

            await copy.CompleteAsync(ct);
        }

        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY supervision_records (id, work_order_id, kind, unit_id, note, automatic, created_at, reply_due_at) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var r in writes.Supervisions)
            {
                copy.StartRow();
                copy.Write(r.Id, NpgsqlDbType.Uuid);
                copy.Write(r.WorkOrderId, NpgsqlDbType.Uuid);
                copy.Write(r.Kind.ToString(), NpgsqlDbType.Varchar);
                WriteNullable(copy, r.UnitId, NpgsqlDbType.Uuid);
                copy.Write(r.Note.Zh, NpgsqlDbType.Varchar);
                copy.Write(true, NpgsqlDbType.Boolean);
                copy.Write(now, NpgsqlDbType.TimestampTz);
                WriteNullable(copy, r.ReplyDueAt, NpgsqlDbType.TimestampTz);
            }

            await copy.CompleteAsync(ct);
        }

        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY notifications (id, created_at, work_order_id, work_order_number, kind, unit_id, role, text, text_en, data) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var n in writes.Notifications)
            {
                copy.StartRow();
                copy.Write(n.Id, NpgsqlDbType.Uuid);
                copy.Write(now, NpgsqlDbType.TimestampTz);
                WriteNullable(copy, n.WorkOrderId, NpgsqlDbType.Uuid);
                WriteNullable(copy, n.WorkOrderNumber, NpgsqlDbType.Varchar);
                copy.Write(n.Kind, NpgsqlDbType.Varchar);
                WriteNullable(copy, n.UnitId, NpgsqlDbType.Uuid);
                WriteNullable(copy, (int?)n.Role, NpgsqlDbType.Integer);
                copy.Write(n.Text.Zh, NpgsqlDbType.Varchar);
                copy.Write(n.Text.En, NpgsqlDbType.Varchar);
                copy.Write(n.Data, NpgsqlDbType.Varchar);
            }

            await copy.CompleteAsync(ct);
        }
    }

    public async Task MoveChecksAsync(IReadOnlyList<OrderPlan> plans, CancellationToken ct)
    {
        var moves = plans.Where(p => p.CheckAt is not null).ToList();
        if (moves.Count > 0)
        {
            // "= ANY(@ids)" gives the planner a key lookup on the checks; without it, knowing the array
            // is long, it hashes the whole table.
            await ExecuteAsync(db, "UPDATE deadline_checks AS c SET at = u.at FROM unnest(@ids, @ats) AS u(id, at) WHERE c.work_order_id = u.id AND c.work_order_id = ANY(@ids)", ct,
                ("ids", moves.Select(p => p.Order.Id).ToArray()), ("ats", moves.Select(p => p.CheckAt!.Value).ToArray()));
        }

        var ends = plans.Where(p => p.CheckAt is null).Select(p => p.Order.Id).ToArray();
        if (ends.Length > 0)
        {
            await ExecuteAsync(db, "DELETE FROM deadline_checks WHERE work_order_id = ANY(@ids)", ct, ("ids", ends));
        }
    }

    public async Task PutBackAsync(IReadOnlyList<Guid> orders, DateTime at, CancellationToken ct) =>
        await ExecuteAsync(db, "UPDATE deadline_checks SET at = @at WHERE work_order_id = ANY(@ids)", ct, ("at", at), ("ids", orders.ToArray()));

    private static void WriteNullable<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type)
    {
        if (value is null)
        {
            copy.WriteNull();
        }
        else
        {
            copy.Write(value, type);
        }
    }
}
