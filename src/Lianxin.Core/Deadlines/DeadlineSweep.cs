using System.Data.Common;
using System.Diagnostics.Metrics;
using System.Text.Json;
using Lianxin.Core.Calendars;
using Lianxin.Core.Data;
using Lianxin.Core.Identity;
using Lianxin.Core.WorkOrders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace Lianxin.Core.Deadlines;

public sealed record SweepResult(int Claimed, int Changed, int Failed);

/// <summary>
/// Marks deadlines that turned 临期 or 超期, durably and once. One run claims the orders whose
/// indexed next-change instant has passed (on PostgreSQL with FOR UPDATE SKIP LOCKED, so several app
/// instances share the work), computes their new states from the stored due instants, and in one
/// transaction: updates the orders (version + 1 per change, guarded by the version it read), writes one
/// history event per change, raises an automatic 催办 (approaching) or 督办 (overdue), and notifies the
/// lead unit and the supervisors. Set-based, so a run over thousands of changes takes one round trip
/// per table. If the batch fails, it is retried in halves behind savepoints, so one bad row is logged,
/// counted and put back for later while the others go through (ADR 0007).
/// </summary>
public sealed partial class DeadlineSweep(LianxinDbContext db, CentreCalendar calendar, TimeProvider clock, ILogger<DeadlineSweep> logger)
{
    public const int DefaultBatchSize = 20_000;

    private static readonly Meter Meter = new("Lianxin.Deadlines");
    private static readonly Counter<long> Changes = Meter.CreateCounter<long>("lianxin.deadlines.sweep.changes");
    private static readonly Counter<long> Failures = Meter.CreateCounter<long>("lianxin.deadlines.sweep.failures");

    private const string Columns = "o.id, o.version, o.number, o.status, " +
        "o.sign_for_due_at, o.sign_for_approaching_at, o.sign_for_state, o.sign_for_met_at, " +
        "o.contact_due_at, o.contact_approaching_at, o.contact_state, o.contact_met_at, " +
        "o.completion_due_at, o.completion_approaching_at, o.completion_state, o.completion_met_at";

    public async Task<SweepResult> RunOnceAsync(CancellationToken ct, int batchSize = DefaultBatchSize)
    {
        try
        {
            return await RunAsync(isolate: false, batchSize, ct);
        }
        catch (DbException ex)
        {
            // A bad row spoils the whole batch: nothing of it was written. Claim again and find it.
            LogBatchFailed(logger, ex, batchSize);
            db.ChangeTracker.Clear();
            return await RunAsync(isolate: true, batchSize, ct);
        }
    }

    /// <summary>
    /// One transaction: claim, plan, write. The fast path writes the whole batch at once; the isolating
    /// path (after a failure) writes it behind savepoints in halves, so one bad row is set aside while
    /// the others go through. Check rows are moved outside any savepoint: they are locked by the
    /// claim, and changing a row locked by the parent transaction from a subtransaction costs
    /// PostgreSQL a MultiXact per row.
    /// </summary>
    private async Task<SweepResult> RunAsync(bool isolate, int batchSize, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var rules = await calendar.GetAsync(db, ct);

        var replyDue = Supervision.SupervisionRecord.DefaultReplyDue(now, rules.Calendar);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var claimed = await ClaimAsync(now, batchSize, ct);
        if (claimed.Count == 0)
        {
            await tx.CommitAsync(ct);
            return new SweepResult(0, 0, 0);
        }

        var plans = claimed.Select(c => Plan(c, now, c.LeadUnit, replyDue)).ToList();
        var outcome = isolate ? await ApplyIsolatedAsync(tx, plans, now, rules.Calendar, ct) : await ApplyAsync(plans, now, rules.Calendar, ct);
        await MoveChecksAsync(outcome.Written, ct);
        if (outcome.Failed.Count > 0)
        {
            await PutBackAsync(outcome.Failed, now, ct);
        }

        await tx.CommitAsync(ct);
        Changes.Add(outcome.Changed);
        return new SweepResult(claimed.Count, outcome.Changed, outcome.Failed.Count);
    }

    /// <summary>
    /// Writes the plans behind a savepoint; if that fails, halves the batch and tries again, down to
    /// single orders. An order that fails on its own is logged and counted, and put back by the caller.
    /// </summary>
    private async Task<Outcome> ApplyIsolatedAsync(IDbContextTransaction tx, IReadOnlyList<SweepPlan> plans, DateTime now, WorkingCalendar cal, CancellationToken ct)
    {
        var savepoint = "sweep_" + Guid.NewGuid().ToString("N")[..8];
        await tx.CreateSavepointAsync(savepoint, ct);
        try
        {
            var outcome = await ApplyAsync(plans, now, cal, ct);
            await tx.ReleaseSavepointAsync(savepoint, ct);
            return outcome;
        }
        catch (DbException ex)
        {
            await tx.RollbackToSavepointAsync(savepoint, ct);
            await tx.ReleaseSavepointAsync(savepoint, ct);
            if (plans.Count > 1)
            {
                var half = plans.Count / 2;
                var left = await ApplyIsolatedAsync(tx, plans.Take(half).ToList(), now, cal, ct);
                var right = await ApplyIsolatedAsync(tx, plans.Skip(half).ToList(), now, cal, ct);
                return new Outcome(left.Changed + right.Changed, [.. left.Written, .. right.Written], [.. left.Failed, .. right.Failed]);
            }

            var plan = plans[0];
            Failures.Add(1);
            LogOrderFailed(logger, ex, plan.Row.Number, plan.Row.Id);
            return new Outcome(0, [], [plan]);
        }
    }

    /// <summary>An order that failed waits <see cref="RetryAfter"/> before the sweep tries it again.</summary>
    private async Task PutBackAsync(IReadOnlyList<SweepPlan> failed, DateTime now, CancellationToken ct)
    {
        await using var backoff = Command("UPDATE deadline_checks SET at = @at WHERE work_order_id = @id", ("at", now + RetryAfter), ("id", null));
        foreach (var plan in failed)
        {
            Set(backoff, "id", db.IsPostgres ? plan.Row.Id : Key(plan.Row.Id));
            await backoff.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>Per-order notifications one unit gets from one run; the rest of its orders come as one digest.</summary>
    public const int NotificationsPerUnit = 20;

    /// <summary>How long an order that failed waits before the sweep tries it again.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromMinutes(5);

    private const string LeadUnit = "(SELECT a.unit_id FROM assignments a WHERE a.work_order_id = o.id AND " + Dispatch.Assignment.CurrentLeadSql +
        " ORDER BY a.dispatched_at DESC LIMIT 1) AS lead_unit";

    /// <summary>
    /// The due checks and their orders, oldest first. On PostgreSQL both rows are locked, skipping any
    /// another sweeper or a user's save holds: the sweep then never waits on a row, so it cannot
    /// deadlock with a save, and a save that comes later waits for the sweep and sees its version.
    /// Checks first, then their orders by key: a join lets the planner trade the key lookups for a scan
    /// of every order once the due rows are a few percent of the table. SQLite has one writer at a
    /// time: the transaction is the claim.
    /// </summary>
    private async Task<List<ClaimedRow>> ClaimAsync(DateTime now, int batchSize, CancellationToken ct)
    {
        DbCommand command;
        if (db.IsPostgres)
        {
            // JIT compilation costs more than it saves on these short statements.
            await Execute("SET LOCAL jit = off");
            var ids = new List<Guid>();
            await using (var claim = Command("SELECT work_order_id FROM deadline_checks WHERE at <= @now ORDER BY at LIMIT @limit FOR NO KEY UPDATE SKIP LOCKED",
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
            command = Command($"SELECT {Columns}, {LeadUnit} FROM work_orders o WHERE o.id = ANY(@ids) FOR NO KEY UPDATE OF o SKIP LOCKED", ("ids", ids.ToArray()));
        }
        else
        {
            command = Command($"SELECT {Columns}, {LeadUnit} FROM deadline_checks c JOIN work_orders o ON o.id = c.work_order_id WHERE c.at <= @now ORDER BY c.at LIMIT @limit",
                ("now", now), ("limit", batchSize));
        }

        await using (command)
        {
            var rows = new List<ClaimedRow>();
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                rows.Add(new ClaimedRow(
                    reader.GetGuid(0), reader.GetInt32(1), reader.GetString(2), reader.GetString(3),
                    ReadDeadline(reader, 4), ReadDeadline(reader, 8), ReadDeadline(reader, 12), reader.IsDBNull(16) ? null : reader.GetGuid(16)));
            }

            return rows;
        }
    }

    private static StoredDeadline? ReadDeadline(DbDataReader r, int i) =>
        r.IsDBNull(i) ? null : new StoredDeadline(
            DateTime.SpecifyKind(r.GetDateTime(i), DateTimeKind.Utc),
            DateTime.SpecifyKind(r.GetDateTime(i + 1), DateTimeKind.Utc),
            Enum.Parse<DeadlineState>(r.GetString(i + 2)),
            r.IsDBNull(i + 3) ? null : DateTime.SpecifyKind(r.GetDateTime(i + 3), DateTimeKind.Utc));

    private static SweepPlan Plan(ClaimedRow row, DateTime now, Guid? leadUnit, DateTime replyDue)
    {
        var changes = new List<DeadlineChange>();
        DeadlineState Next(DeadlineKind kind, StoredDeadline? d)
        {
            if (d is null)
            {
                return DeadlineState.OnTime;
            }

            var state = d.State is DeadlineState.OnTime or DeadlineState.Approaching ? DeadlineCalculator.State(d.DueAt, d.ApproachingAt, now, d.MetAt) : d.State;
            if (state != d.State)
            {
                changes.Add(new DeadlineChange(kind, d.State, state, d.DueAt));
            }

            return state;
        }

        var signFor = Next(DeadlineKind.SignFor, row.SignFor);
        var contact = Next(DeadlineKind.Contact, row.Contact);
        var completion = Next(DeadlineKind.Completion, row.Completion);
        DateTime? NextCheck(StoredDeadline? d, DeadlineState s) => d is null ? null : s switch
        {
            DeadlineState.OnTime => d.ApproachingAt,
            DeadlineState.Approaching => d.DueAt,
            _ => null,
        };

        var check = new[] { NextCheck(row.SignFor, signFor), NextCheck(row.Contact, contact), NextCheck(row.Completion, completion) }
            .Where(t => t is not null).Min();
        return new SweepPlan(row, signFor, contact, completion, check, changes, leadUnit, replyDue);
    }

    /// <summary>Writes the state changes, their history, 催办/督办 records and notifications; the check rows are the caller's.</summary>
    private async Task<Outcome> ApplyAsync(IReadOnlyList<SweepPlan> plans, DateTime now, WorkingCalendar cal, CancellationToken ct)
    {
        var updated = await UpdateOrdersAsync(plans, now, ct);
        var done = plans.Where(p => updated.Contains(p.Row.Id) && p.Changes.Count > 0).ToList();
        var events = new List<EventRow>();
        var records = new List<SupervisionRow>();
        var notes = new List<NotificationRow>();
        var perUnit = new Dictionary<Guid, UnitTally>();
        foreach (var plan in done)
        {
            var version = plan.Row.Version;
            foreach (var change in plan.Changes)
            {
                version++;
                var overdue = change.To == DeadlineState.Overdue;
                var supervisionId = Guid.CreateVersion7(new DateTimeOffset(now, TimeSpan.Zero));
                var text = Describe(plan.Row.Number, change, cal);
                if (change.To is DeadlineState.Approaching or DeadlineState.Overdue)
                {
                    records.Add(new SupervisionRow(supervisionId, plan.Row.Id, overdue ? "Supervise" : "Urge", plan.LeadUnit, text, now, overdue ? plan.ReplyDue : null));
                }

                var data = JsonSerializer.Serialize(new { deadline = Name(change.Kind), from = Name(change.From), to = Name(change.To), dueAt = change.DueAt, supervisionId }, EventJson.Options);
                events.Add(new EventRow(Guid.CreateVersion7(new DateTimeOffset(now, TimeSpan.Zero)), plan.Row.Id, version, overdue ? EventTypes.DeadlineOverdue : EventTypes.DeadlineApproaching, plan.Row.Status, plan.LeadUnit, text, data));
                if (plan.LeadUnit is not { } unit)
                {
                    continue;
                }

                var tally = perUnit.TryGetValue(unit, out var t) ? t : perUnit[unit] = new UnitTally();
                if (tally.Notified < NotificationsPerUnit)
                {
                    tally.Notified++;
                    notes.Add(new NotificationRow(Guid.CreateVersion7(new DateTimeOffset(now, TimeSpan.Zero)), plan.Row.Id, plan.Row.Number, overdue ? Notifications.NotificationKinds.DeadlineOverdue : Notifications.NotificationKinds.DeadlineApproaching, unit, null, text, data));
                }
                else
                {
                    (overdue ? tally.MoreLate : tally.MoreSoon).Add(plan.Row.Number);
                }
            }
        }

        // A unit hears of each order by name up to a point; beyond it, one message sums up the rest (it reads its lists).
        foreach (var (unit, tally) in perUnit.Where(u => u.Value.MoreLate.Count + u.Value.MoreSoon.Count > 0))
        {
            notes.Add(Digest(now, unit, null, tally.MoreLate.Distinct().ToList(), tally.MoreSoon.Distinct().ToList(), "另有"));
        }

        // Supervisors get one digest per run, not one message per order: at scale they read the lists.
        if (events.Count > 0)
        {
            var late = done.Where(p => p.Changes.Any(c => c.To == DeadlineState.Overdue)).Select(p => p.Row.Number).ToList();
            var soon = done.Where(p => p.Changes.Any(c => c.To == DeadlineState.Approaching)).Select(p => p.Row.Number).ToList();
            notes.Add(Digest(now, null, (int)Role.Supervisor, late, soon, ""));
        }

        await InsertAsync(events, records, notes, now, ct);

        // An order whose version moved under the sweep keeps its due check and is looked at again next run.
        return new Outcome(events.Count, plans.Where(p => p.Changes.Count == 0 || updated.Contains(p.Row.Id)).ToList(), []);
    }

    private async Task<HashSet<Guid>> UpdateOrdersAsync(IReadOnlyList<SweepPlan> all, DateTime now, CancellationToken ct)
    {
        var updated = new HashSet<Guid>();
        var plans = all.Where(p => p.Changes.Count > 0).ToList();
        if (plans.Count == 0)
        {
            return updated;
        }

        if (db.IsPostgres)
        {
            await using var command = Command(
                "UPDATE work_orders AS o SET sign_for_state = COALESCE(u.s1, o.sign_for_state), contact_state = COALESCE(u.s2, o.contact_state), " +
                "completion_state = COALESCE(u.s3, o.completion_state), version = o.version + u.inc, " +
                "updated_at = @now, urge_count = o.urge_count + u.urges, supervise_count = o.supervise_count + u.sups " +
                "FROM unnest(@ids, @s1, @s2, @s3, @inc, @urges, @sups, @ver) AS u(id, s1, s2, s3, inc, urges, sups, ver) " +
                "WHERE o.id = u.id AND o.version = u.ver RETURNING o.id",
                ("now", now),
                ("ids", plans.Select(p => p.Row.Id).ToArray()),
                ("s1", plans.Select(p => p.Row.SignFor is null ? null : p.SignFor.ToString()).ToArray()),
                ("s2", plans.Select(p => p.Row.Contact is null ? null : p.Contact.ToString()).ToArray()),
                ("s3", plans.Select(p => p.Row.Completion is null ? null : p.Completion.ToString()).ToArray()),
                ("inc", plans.Select(p => p.Changes.Count).ToArray()),
                ("urges", plans.Select(p => p.Changes.Count(c => c.To == DeadlineState.Approaching)).ToArray()),
                ("sups", plans.Select(p => p.Changes.Count(c => c.To == DeadlineState.Overdue)).ToArray()),
                ("ver", plans.Select(p => p.Row.Version).ToArray()));
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                updated.Add(reader.GetGuid(0));
            }

            return updated;
        }

        await using var update = Command(
            "UPDATE work_orders SET sign_for_state = COALESCE(@s1, sign_for_state), contact_state = COALESCE(@s2, contact_state), " +
            "completion_state = COALESCE(@s3, completion_state), version = version + @inc, " +
            "updated_at = @now, urge_count = urge_count + @urges, supervise_count = supervise_count + @sups " +
            "WHERE id = @id AND version = @ver",
            ("now", now), ("s1", null), ("s2", null), ("s3", null), ("inc", 0), ("urges", 0), ("sups", 0), ("id", Guid.Empty), ("ver", 0));
        foreach (var p in plans)
        {
            Set(update, "s1", p.Row.SignFor is null ? null : p.SignFor.ToString());
            Set(update, "s2", p.Row.Contact is null ? null : p.Contact.ToString());
            Set(update, "s3", p.Row.Completion is null ? null : p.Completion.ToString());
            Set(update, "inc", p.Changes.Count);
            Set(update, "urges", p.Changes.Count(c => c.To == DeadlineState.Approaching));
            Set(update, "sups", p.Changes.Count(c => c.To == DeadlineState.Overdue));
            Set(update, "id", p.Row.Id.ToString().ToUpperInvariant());
            Set(update, "ver", p.Row.Version);
            if (await update.ExecuteNonQueryAsync(ct) == 1)
            {
                updated.Add(p.Row.Id);
            }
        }

        return updated;
    }

    /// <summary>Moves each order's next check (or removes it when nothing is pending any more).</summary>
    private async Task MoveChecksAsync(IReadOnlyList<SweepPlan> plans, CancellationToken ct)
    {
        var moves = plans.Where(p => p.CheckAt is not null).ToList();
        var ends = plans.Where(p => p.CheckAt is null).ToList();
        if (db.IsPostgres)
        {
            if (moves.Count > 0)
            {
                // "= ANY(@ids)" gives the planner a key lookup on the checks; without it, knowing the array
                // is long, it hashes the whole table.
                await Execute("UPDATE deadline_checks AS c SET at = u.at FROM unnest(@ids, @ats) AS u(id, at) WHERE c.work_order_id = u.id AND c.work_order_id = ANY(@ids)",
                    ("ids", moves.Select(p => p.Row.Id).ToArray()), ("ats", moves.Select(p => p.CheckAt!.Value).ToArray()));
            }

            if (ends.Count > 0)
            {
                await Execute("DELETE FROM deadline_checks WHERE work_order_id = ANY(@ids)", ("ids", ends.Select(p => p.Row.Id).ToArray()));
            }

            return;
        }

        await using var move = Command("UPDATE deadline_checks SET at = @at WHERE work_order_id = @id", ("at", DateTime.MinValue), ("id", ""));
        foreach (var p in moves)
        {
            Set(move, "at", p.CheckAt!.Value);
            Set(move, "id", Key(p.Row.Id));
            await move.ExecuteNonQueryAsync(ct);
        }

        await using var end = Command("DELETE FROM deadline_checks WHERE work_order_id = @id", ("id", ""));
        foreach (var p in ends)
        {
            Set(end, "id", Key(p.Row.Id));
            await end.ExecuteNonQueryAsync(ct);
        }
    }

    private async Task InsertAsync(List<EventRow> events, List<SupervisionRow> records, List<NotificationRow> notes, DateTime now, CancellationToken ct)
    {
        if (events.Count == 0)
        {
            return;
        }

        const string eventSql = "INSERT INTO work_order_events (id, work_order_id, version, at, type, actor_id, actor_name, actor_unit_id, from_status, to_status, assignment_id, unit_id, note, data) ";
        const string recordSql = "INSERT INTO supervision_records (id, work_order_id, kind, unit_id, note, automatic, created_at, created_by, reply_due_at) ";
        const string noteSql = "INSERT INTO notifications (id, created_at, work_order_id, work_order_number, kind, unit_id, role, text, data) ";
        if (db.IsPostgres)
        {
            // COPY is PostgreSQL's fastest way in: no statement to plan, rows streamed in binary.
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            await using (var copy = await connection.BeginBinaryImportAsync(
                "COPY work_order_events (id, work_order_id, version, at, type, actor_name, from_status, to_status, unit_id, note, data) FROM STDIN (FORMAT BINARY)", ct))
            {
                foreach (var e in events)
                {
                    copy.StartRow();
                    copy.Write(e.Id, NpgsqlDbType.Uuid);
                    copy.Write(e.OrderId, NpgsqlDbType.Uuid);
                    copy.Write(e.Version, NpgsqlDbType.Integer);
                    copy.Write(now, NpgsqlDbType.TimestampTz);
                    copy.Write(e.Type, NpgsqlDbType.Varchar);
                    copy.Write(Actor.System.Name, NpgsqlDbType.Varchar);
                    copy.Write(e.Status, NpgsqlDbType.Varchar);
                    copy.Write(e.Status, NpgsqlDbType.Varchar);
                    WriteNullable(copy, e.UnitId, NpgsqlDbType.Uuid);
                    copy.Write(e.Note, NpgsqlDbType.Varchar);
                    copy.Write(e.Data, NpgsqlDbType.Varchar);
                }

                await copy.CompleteAsync(ct);
            }

            await using (var copy = await connection.BeginBinaryImportAsync(
                "COPY supervision_records (id, work_order_id, kind, unit_id, note, automatic, created_at, reply_due_at) FROM STDIN (FORMAT BINARY)", ct))
            {
                foreach (var r in records)
                {
                    copy.StartRow();
                    copy.Write(r.Id, NpgsqlDbType.Uuid);
                    copy.Write(r.OrderId, NpgsqlDbType.Uuid);
                    copy.Write(r.Kind, NpgsqlDbType.Varchar);
                    WriteNullable(copy, r.UnitId, NpgsqlDbType.Uuid);
                    copy.Write(r.Note, NpgsqlDbType.Varchar);
                    copy.Write(true, NpgsqlDbType.Boolean);
                    copy.Write(now, NpgsqlDbType.TimestampTz);
                    WriteNullable(copy, r.ReplyDueAt, NpgsqlDbType.TimestampTz);
                }

                await copy.CompleteAsync(ct);
            }

            await using (var copy = await connection.BeginBinaryImportAsync(
                "COPY notifications (id, created_at, work_order_id, work_order_number, kind, unit_id, role, text, data) FROM STDIN (FORMAT BINARY)", ct))
            {
                foreach (var n in notes)
                {
                    copy.StartRow();
                    copy.Write(n.Id, NpgsqlDbType.Uuid);
                    copy.Write(now, NpgsqlDbType.TimestampTz);
                    WriteNullable(copy, n.OrderId, NpgsqlDbType.Uuid);
                    WriteNullable(copy, n.Number, NpgsqlDbType.Varchar);
                    copy.Write(n.Kind, NpgsqlDbType.Varchar);
                    WriteNullable(copy, n.UnitId, NpgsqlDbType.Uuid);
                    WriteNullable(copy, n.Role, NpgsqlDbType.Integer);
                    copy.Write(n.Text, NpgsqlDbType.Varchar);
                    copy.Write(n.Data, NpgsqlDbType.Varchar);
                }

                await copy.CompleteAsync(ct);
            }

            return;
        }

        await using var insertEvent = Command(eventSql + "VALUES (@id, @wo, @ver, @now, @type, NULL, @actor, NULL, @st, @st, NULL, @unit, @note, @data)",
            ("now", now), ("actor", Actor.System.Name), ("id", ""), ("wo", ""), ("ver", 0), ("type", ""), ("st", ""), ("unit", null), ("note", ""), ("data", ""));
        foreach (var e in events)
        {
            Set(insertEvent, "id", Key(e.Id));
            Set(insertEvent, "wo", Key(e.OrderId));
            Set(insertEvent, "ver", e.Version);
            Set(insertEvent, "type", e.Type);
            Set(insertEvent, "st", e.Status);
            Set(insertEvent, "unit", e.UnitId is { } u ? Key(u) : null);
            Set(insertEvent, "note", e.Note);
            Set(insertEvent, "data", e.Data);
            await insertEvent.ExecuteNonQueryAsync(ct);
        }

        await using var insertRecord = Command(recordSql + "VALUES (@id, @wo, @kind, @unit, @note, 1, @now, NULL, @due)",
            ("now", now), ("id", ""), ("wo", ""), ("kind", ""), ("unit", null), ("note", ""), ("due", null));
        foreach (var r in records)
        {
            Set(insertRecord, "id", Key(r.Id));
            Set(insertRecord, "wo", Key(r.OrderId));
            Set(insertRecord, "kind", r.Kind);
            Set(insertRecord, "unit", r.UnitId is { } u ? Key(u) : null);
            Set(insertRecord, "note", r.Note);
            Set(insertRecord, "due", r.ReplyDueAt);
            await insertRecord.ExecuteNonQueryAsync(ct);
        }

        await using var insertNote = Command(noteSql + "VALUES (@id, @now, @wo, @number, @kind, @unit, @role, @text, @data)",
            ("now", now), ("id", ""), ("wo", ""), ("number", ""), ("kind", ""), ("unit", null), ("role", null), ("text", ""), ("data", ""));
        foreach (var n in notes)
        {
            Set(insertNote, "id", Key(n.Id));
            Set(insertNote, "wo", n.OrderId is { } o ? Key(o) : null);
            Set(insertNote, "number", n.Number);
            Set(insertNote, "kind", n.Kind);
            Set(insertNote, "unit", n.UnitId is { } u ? Key(u) : null);
            Set(insertNote, "role", n.Role);
            Set(insertNote, "text", n.Text);
            Set(insertNote, "data", n.Data);
            await insertNote.ExecuteNonQueryAsync(ct);
        }
    }

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

    /// <summary>EF Core stores Guids on SQLite as upper-case text; raw SQL must match that form.</summary>
    private static string Key(Guid id) => id.ToString().ToUpperInvariant();

    private async Task Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(sql, parameters);
        await command.ExecuteNonQueryAsync();
    }

    private DbCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        var connection = db.Database.GetDbConnection();
        var command = connection.CreateCommand();
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

    private static void Set(DbCommand command, string name, object? value) =>
        command.Parameters["@" + name].Value = Normalize(value) ?? DBNull.Value;

    /// <summary>SQLite keeps instants as EF's text form; PostgreSQL takes them as timestamptz.</summary>
    private static object? Normalize(object? value) => value switch
    {
        DateTime d when d.Kind != DateTimeKind.Utc => DateTime.SpecifyKind(d, DateTimeKind.Utc),
        _ => value,
    };

    private static string Name<T>(T value)
        where T : Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    private static NotificationRow Digest(DateTime now, Guid? unit, int? role, List<string> late, List<string> soon, string lead)
    {
        var text = $"时限提醒：{lead}{late.Count} 件工单新超期，{soon.Count} 件新临期。" + (late.Count > 0 ? "超期：" + string.Join("、", late.Take(20)) + (late.Count > 20 ? " 等" : "") : "");
        var data = JsonSerializer.Serialize(new { overdue = late.Take(100), approaching = soon.Take(100), overdueCount = late.Count, approachingCount = soon.Count }, EventJson.Options);
        return new NotificationRow(Guid.CreateVersion7(new DateTimeOffset(now, TimeSpan.Zero)), null, null, Notifications.NotificationKinds.DeadlineDigest, unit, role, text, data);
    }

    private static string Describe(string number, DeadlineChange change, WorkingCalendar cal)
    {
        var due = cal.ToLocal(change.DueAt);
        var what = change.Kind switch
        {
            DeadlineKind.SignFor => "签收",
            DeadlineKind.Contact => "联系",
            _ => "办结",
        };
        return change.To == DeadlineState.Overdue
            ? $"工单{number}{what}已超期（时限 {due:yyyy-MM-dd HH:mm}），已自动督办。"
            : $"工单{number}{what}临期（时限 {due:yyyy-MM-dd HH:mm}），请尽快处理。";
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deadline sweep: a batch of {Count} orders failed; retrying it in halves")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Deadline sweep: order {Number} ({Id}) failed and was skipped; it is retried in five minutes")]
    private static partial void LogOrderFailed(ILogger logger, Exception exception, string number, Guid id);

    private sealed record StoredDeadline(DateTime DueAt, DateTime ApproachingAt, DeadlineState State, DateTime? MetAt);

    private sealed record ClaimedRow(Guid Id, int Version, string Number, string Status, StoredDeadline? SignFor, StoredDeadline? Contact, StoredDeadline? Completion, Guid? LeadUnit);

    private sealed record DeadlineChange(DeadlineKind Kind, DeadlineState From, DeadlineState To, DateTime DueAt);

    /// <summary>What a write attempt did: changes written, plans whose check may move, plans that failed on their own.</summary>
    private sealed record Outcome(int Changed, IReadOnlyList<SweepPlan> Written, IReadOnlyList<SweepPlan> Failed);

    private sealed record SweepPlan(ClaimedRow Row, DeadlineState SignFor, DeadlineState Contact, DeadlineState Completion, DateTime? CheckAt, List<DeadlineChange> Changes, Guid? LeadUnit, DateTime ReplyDue);

    private sealed record EventRow(Guid Id, Guid OrderId, int Version, string Type, string Status, Guid? UnitId, string Note, string Data);

    private sealed record SupervisionRow(Guid Id, Guid OrderId, string Kind, Guid? UnitId, string Note, DateTime At, DateTime? ReplyDueAt);

    private sealed class UnitTally
    {
        public int Notified { get; set; }

        public List<string> MoreLate { get; } = [];

        public List<string> MoreSoon { get; } = [];
    }

    private sealed record NotificationRow(Guid Id, Guid? OrderId, string? Number, string Kind, Guid? UnitId, int? Role, string Text, string Data);
}
