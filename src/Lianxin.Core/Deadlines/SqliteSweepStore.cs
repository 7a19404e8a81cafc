using Lianxin.Core.Data;
using Lianxin.Core.Identity;
using static Lianxin.Core.Deadlines.SweepSql;

namespace Lianxin.Core.Deadlines;

/// <summary>
/// The sweep on SQLite: one writer at a time, so the transaction is the claim; one prepared statement
/// per table, run once per row. Keys are written as EF Core stores Guids on SQLite: upper-case text.
/// </summary>
internal sealed class SqliteSweepStore(LianxinDbContext db) : ISweepStore
{
    public async Task<List<ClaimedOrder>> ClaimAsync(DateTime now, int batchSize, CancellationToken ct)
    {
        await using var command = Command(db,
            $"SELECT {Columns}, {LeadUnit} FROM deadline_checks c JOIN work_orders o ON o.id = c.work_order_id WHERE c.at <= @now ORDER BY c.at LIMIT @limit",
            ("now", now), ("limit", batchSize));
        var rows = new List<ClaimedOrder>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(Read(reader));
        }

        return rows;
    }

    public async Task<HashSet<Guid>> UpdateOrdersAsync(IReadOnlyList<OrderPlan> changed, DateTime now, CancellationToken ct)
    {
        await using var update = Command(db,
            "UPDATE work_orders SET sign_for_state = COALESCE(@s1, sign_for_state), contact_state = COALESCE(@s2, contact_state), " +
            "completion_state = COALESCE(@s3, completion_state), version = version + @inc, " +
            "updated_at = @now, urge_count = urge_count + @urges, supervise_count = supervise_count + @sups " +
            "WHERE id = @id AND version = @ver",
            ("now", now), ("s1", null), ("s2", null), ("s3", null), ("inc", 0), ("urges", 0), ("sups", 0), ("id", ""), ("ver", 0));
        var updated = new HashSet<Guid>();
        foreach (var p in changed)
        {
            Set(update, "s1", p.SignFor?.ToString());
            Set(update, "s2", p.Contact?.ToString());
            Set(update, "s3", p.Completion?.ToString());
            Set(update, "inc", p.VersionIncrement);
            Set(update, "urges", p.Urges);
            Set(update, "sups", p.Supervises);
            Set(update, "id", Key(p.Order.Id));
            Set(update, "ver", p.Order.Version);
            if (await update.ExecuteNonQueryAsync(ct) == 1)
            {
                updated.Add(p.Order.Id);
            }
        }

        return updated;
    }

    public async Task InsertAsync(SweepWrites writes, DateTime now, CancellationToken ct)
    {
        await using var insertEvent = Command(db,
            "INSERT INTO work_order_events (id, work_order_id, version, at, type, actor_id, actor_name, actor_unit_id, from_status, to_status, assignment_id, unit_id, note, data) " +
            "VALUES (@id, @wo, @ver, @now, @type, NULL, @actor, NULL, @st, @st, NULL, @unit, @note, @data)",
            ("now", now), ("actor", Actor.System.Name), ("id", ""), ("wo", ""), ("ver", 0), ("type", ""), ("st", ""), ("unit", null), ("note", ""), ("data", ""));
        foreach (var e in writes.Events)
        {
            Set(insertEvent, "id", Key(e.Id));
            Set(insertEvent, "wo", Key(e.WorkOrderId));
            Set(insertEvent, "ver", e.Version);
            Set(insertEvent, "type", e.Type);
            Set(insertEvent, "st", e.Status);
            Set(insertEvent, "unit", Key(e.UnitId));
            Set(insertEvent, "note", e.Note.Zh);
            Set(insertEvent, "data", e.Data);
            await insertEvent.ExecuteNonQueryAsync(ct);
        }

        await using var insertRecord = Command(db,
            "INSERT INTO supervision_records (id, work_order_id, kind, unit_id, note, automatic, created_at, created_by, reply_due_at) " +
            "VALUES (@id, @wo, @kind, @unit, @note, 1, @now, NULL, @due)",
            ("now", now), ("id", ""), ("wo", ""), ("kind", ""), ("unit", null), ("note", ""), ("due", null));
        foreach (var r in writes.Supervisions)
        {
            Set(insertRecord, "id", Key(r.Id));
            Set(insertRecord, "wo", Key(r.WorkOrderId));
            Set(insertRecord, "kind", r.Kind.ToString());
            Set(insertRecord, "unit", Key(r.UnitId));
            Set(insertRecord, "note", r.Note.Zh);
            Set(insertRecord, "due", r.ReplyDueAt);
            await insertRecord.ExecuteNonQueryAsync(ct);
        }

        await using var insertNote = Command(db,
            "INSERT INTO notifications (id, created_at, work_order_id, work_order_number, kind, unit_id, role, text, text_en, data) " +
            "VALUES (@id, @now, @wo, @number, @kind, @unit, @role, @text, @textEn, @data)",
            ("now", now), ("id", ""), ("wo", ""), ("number", ""), ("kind", ""), ("unit", null), ("role", null), ("text", ""), ("textEn", ""), ("data", ""));
        foreach (var n in writes.Notifications)
        {
            Set(insertNote, "id", Key(n.Id));
            Set(insertNote, "wo", Key(n.WorkOrderId));
            Set(insertNote, "number", n.WorkOrderNumber);
            Set(insertNote, "kind", n.Kind);
            Set(insertNote, "unit", Key(n.UnitId));
            Set(insertNote, "role", (int?)n.Role);
            Set(insertNote, "text", n.Text.Zh);
            Set(insertNote, "textEn", n.Text.En);
            Set(insertNote, "data", n.Data);
            await insertNote.ExecuteNonQueryAsync(ct);
        }
    }

    public async Task MoveChecksAsync(IReadOnlyList<OrderPlan> plans, CancellationToken ct)
    {
        await using var move = Command(db, "UPDATE deadline_checks SET at = @at WHERE work_order_id = @id", ("at", DateTime.MinValue), ("id", ""));
        foreach (var p in plans.Where(p => p.CheckAt is not null))
        {
            Set(move, "at", p.CheckAt!.Value);
            Set(move, "id", Key(p.Order.Id));
            await move.ExecuteNonQueryAsync(ct);
        }

        await using var end = Command(db, "DELETE FROM deadline_checks WHERE work_order_id = @id", ("id", ""));
        foreach (var p in plans.Where(p => p.CheckAt is null))
        {
            Set(end, "id", Key(p.Order.Id));
            await end.ExecuteNonQueryAsync(ct);
        }
    }

    public async Task PutBackAsync(IReadOnlyList<Guid> orders, DateTime at, CancellationToken ct)
    {
        await using var backoff = Command(db, "UPDATE deadline_checks SET at = @at WHERE work_order_id = @id", ("at", at), ("id", ""));
        foreach (var id in orders)
        {
            Set(backoff, "id", Key(id));
            await backoff.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>EF Core stores Guids on SQLite as upper-case text; raw SQL must match that form.</summary>
    private static string Key(Guid id) => id.ToString().ToUpperInvariant();

    private static string? Key(Guid? id) => id is { } g ? Key(g) : null;
}
