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
        var now = clock.GetUtcNow().UtcDateTime;
        var rules = await calendar.GetAsync(db, ct);

        // A 督办 raised by the sweep wants the unit's written reply by the end of the next working day.
        var replyDue = DeadlineCalculator.Extend(rules.Calendar.EndOfWorkingDayUtc(rules.Calendar.LocalDate(now)), 1, rules.Calendar);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var claimed = await ClaimAsync(now, batchSize, ct);
        if (claimed.Count == 0)
        {
            await tx.CommitAsync(ct);
            return new SweepResult(0, 0, 0);
        }

        var leads = await LeadUnitsAsync(claimed.Select(c => c.Id).ToList(), ct);
        var plans = claimed.Select(c => Plan(c, now, leads.GetValueOrDefault(c.Id), replyDue)).ToList();
        var (changed, failed) = await ApplyIsolatedAsync(tx, plans, now, ct);
        await tx.CommitAsync(ct);
        Changes.Add(changed);
        return new SweepResult(claimed.Count, changed, failed);
    }

    /// <summary>
    /// Applies the plans as one batch; if the batch fails, halves it and tries again, down to single
    /// orders, each attempt behind a savepoint so the claim's row locks hold throughout. An order that
    /// fails on its own is logged, counted, and put back for a retry in <see cref="RetryAfter"/>.
    /// </summary>
    private async Task<(int Changed, int Failed)> ApplyIsolatedAsync(IDbContextTransaction tx, IReadOnlyList<SweepPlan> plans, DateTime now, CancellationToken ct)
    {
        var savepoint = "sweep_" + Guid.NewGuid().ToString("N")[..8];
        await tx.CreateSavepointAsync(savepoint, ct);
        try
        {
            var changed = await ApplyAsync(plans, now, ct);
            await tx.ReleaseSavepointAsync(savepoint, ct);
            return (changed, 0);
        }
        catch (DbException ex)
        {
            await tx.RollbackToSavepointAsync(savepoint, ct);
            if (plans.Count > 1)
            {
                LogBatchFailed(logger, ex, plans.Count);
                var half = plans.Count / 2;
                var left = await ApplyIsolatedAsync(tx, plans.Take(half).ToList(), now, ct);
                var right = await ApplyIsolatedAsync(tx, plans.Skip(half).ToList(), now, ct);
                return (left.Changed + right.Changed, left.Failed + right.Failed);
            }

            var plan = plans[0];
            Failures.Add(1);
            LogOrderFailed(logger, ex, plan.Row.Number, plan.Row.Id);
            await using var backoff = Command("UPDATE work_orders SET deadline_check_at = @at WHERE id = @id",
                ("at", now + RetryAfter), ("id", db.IsPostgres ? plan.Row.Id : Key(plan.Row.Id)));
            await backoff.ExecuteNonQueryAsync(ct);
            return (0, 1);
        }
    }

    /// <summary>How long an order that failed waits before the sweep tries it again.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromMinutes(5);

    private async Task<List<ClaimedRow>> ClaimAsync(DateTime now, int batchSize, CancellationToken ct)
    {
        var lockClause = db.IsPostgres ? " FOR UPDATE OF o SKIP LOCKED" : "";
        await using var command = Command(
            $"SELECT {Columns} FROM work_orders o WHERE o.deadline_check_at <= @now ORDER BY o.deadline_check_at LIMIT @limit{lockClause}",
            ("now", now), ("limit", batchSize));
        var rows = new List<ClaimedRow>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new ClaimedRow(
                reader.GetGuid(0), reader.GetInt32(1), reader.GetString(2), reader.GetString(3),
                ReadDeadline(reader, 4), ReadDeadline(reader, 8), ReadDeadline(reader, 12)));
        }

        return rows;
    }

    private async Task<Dictionary<Guid, Guid>> LeadUnitsAsync(List<Guid> ids, CancellationToken ct)
    {
        var leads = await db.Assignments.AsNoTracking()
            .Where(a => ids.Contains(a.WorkOrderId) && a.Role == Dispatch.AssignmentRole.Lead && a.ParentId == null
                && a.Status != Dispatch.AssignmentStatus.Returned && a.Status != Dispatch.AssignmentStatus.Cancelled)
            .Select(a => new { a.WorkOrderId, a.UnitId, a.DispatchedAt })
            .ToListAsync(ct);
        return leads.GroupBy(l => l.WorkOrderId).ToDictionary(g => g.Key, g => g.OrderByDescending(l => l.DispatchedAt).First().UnitId);
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

    /// <returns>How many deadline changes were written.</returns>
    private async Task<int> ApplyAsync(IReadOnlyList<SweepPlan> plans, DateTime now, CancellationToken ct)
    {
        var updated = await UpdateOrdersAsync(plans, now, ct);
        var done = plans.Where(p => updated.Contains(p.Row.Id) && p.Changes.Count > 0).ToList();
        var events = new List<EventRow>();
        var records = new List<SupervisionRow>();
        var notes = new List<NotificationRow>();
        foreach (var plan in done)
        {
            var version = plan.Row.Version;
            foreach (var change in plan.Changes)
            {
                version++;
                var overdue = change.To == DeadlineState.Overdue;
                var supervisionId = Guid.CreateVersion7(new DateTimeOffset(now, TimeSpan.Zero));
                var text = Describe(plan.Row.Number, change);
                if (change.To is DeadlineState.Approaching or DeadlineState.Overdue)
                {
                    records.Add(new SupervisionRow(supervisionId, plan.Row.Id, overdue ? "Supervise" : "Urge", plan.LeadUnit, text, now, overdue ? plan.ReplyDue : null));
                }

                var data = JsonSerializer.Serialize(new { deadline = Name(change.Kind), from = Name(change.From), to = Name(change.To), dueAt = change.DueAt, supervisionId }, EventJson.Options);
                events.Add(new EventRow(Guid.CreateVersion7(new DateTimeOffset(now, TimeSpan.Zero)), plan.Row.Id, version, overdue ? "deadlineOverdue" : "deadlineApproaching", plan.Row.Status, plan.LeadUnit, text, data));
                if (plan.LeadUnit is { } unit)
                {
                    notes.Add(new NotificationRow(Guid.CreateVersion7(new DateTimeOffset(now, TimeSpan.Zero)), plan.Row.Id, plan.Row.Number, overdue ? "deadlineOverdue" : "deadlineApproaching", unit, null, text, data));
                }

                notes.Add(new NotificationRow(Guid.CreateVersion7(new DateTimeOffset(now, TimeSpan.Zero)), plan.Row.Id, plan.Row.Number, overdue ? "deadlineOverdue" : "deadlineApproaching", null, (int)Role.Supervisor, text, data));
            }
        }

        await InsertAsync(events, records, notes, now, ct);
        return events.Count;
    }

    private async Task<HashSet<Guid>> UpdateOrdersAsync(IReadOnlyList<SweepPlan> plans, DateTime now, CancellationToken ct)
    {
        var updated = new HashSet<Guid>();
        if (db.IsPostgres)
        {
            await using var command = Command(
                "UPDATE work_orders AS o SET sign_for_state = COALESCE(u.s1, o.sign_for_state), contact_state = COALESCE(u.s2, o.contact_state), " +
                "completion_state = COALESCE(u.s3, o.completion_state), deadline_check_at = u.chk, version = o.version + u.inc, " +
                "updated_at = CASE WHEN u.inc > 0 THEN @now ELSE o.updated_at END, urge_count = o.urge_count + u.urges, supervise_count = o.supervise_count + u.sups " +
                "FROM unnest(@ids, @s1, @s2, @s3, @chk, @inc, @urges, @sups, @ver) AS u(id, s1, s2, s3, chk, inc, urges, sups, ver) " +
                "WHERE o.id = u.id AND o.version = u.ver RETURNING o.id",
                ("now", now),
                ("ids", plans.Select(p => p.Row.Id).ToArray()),
                ("s1", plans.Select(p => p.Row.SignFor is null ? null : p.SignFor.ToString()).ToArray()),
                ("s2", plans.Select(p => p.Row.Contact is null ? null : p.Contact.ToString()).ToArray()),
                ("s3", plans.Select(p => p.Row.Completion is null ? null : p.Completion.ToString()).ToArray()),
                ("chk", plans.Select(p => p.CheckAt).ToArray()),
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
            "completion_state = COALESCE(@s3, completion_state), deadline_check_at = @chk, version = version + @inc, " +
            "updated_at = CASE WHEN @inc > 0 THEN @now ELSE updated_at END, urge_count = urge_count + @urges, supervise_count = supervise_count + @sups " +
            "WHERE id = @id AND version = @ver",
            ("now", now), ("s1", null), ("s2", null), ("s3", null), ("chk", null), ("inc", 0), ("urges", 0), ("sups", 0), ("id", Guid.Empty), ("ver", 0));
        foreach (var p in plans)
        {
            Set(update, "s1", p.Row.SignFor is null ? null : p.SignFor.ToString());
            Set(update, "s2", p.Row.Contact is null ? null : p.Contact.ToString());
            Set(update, "s3", p.Row.Completion is null ? null : p.Completion.ToString());
            Set(update, "chk", p.CheckAt);
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
            await Execute(eventSql + "SELECT e.id, e.wo, e.ver, @now, e.type, NULL, @actor, NULL, e.st, e.st, NULL, e.unit, e.note, e.data FROM unnest(@id, @wo, @ver, @type, @st, @unit, @note, @data) AS e(id, wo, ver, type, st, unit, note, data)",
                ("now", now), ("actor", Actor.System.Name),
                ("id", events.Select(e => e.Id).ToArray()), ("wo", events.Select(e => e.OrderId).ToArray()), ("ver", events.Select(e => e.Version).ToArray()),
                ("type", events.Select(e => e.Type).ToArray()), ("st", events.Select(e => e.Status).ToArray()), ("unit", events.Select(e => e.UnitId).ToArray()),
                ("note", events.Select(e => e.Note).ToArray()), ("data", events.Select(e => e.Data).ToArray()));
            if (records.Count > 0)
            {
                await Execute(recordSql + "SELECT r.id, r.wo, r.kind, r.unit, r.note, TRUE, @now, NULL, r.due FROM unnest(@id, @wo, @kind, @unit, @note, @due) AS r(id, wo, kind, unit, note, due)",
                    ("now", now), ("id", records.Select(r => r.Id).ToArray()), ("wo", records.Select(r => r.OrderId).ToArray()), ("kind", records.Select(r => r.Kind).ToArray()),
                    ("unit", records.Select(r => r.UnitId).ToArray()), ("note", records.Select(r => r.Note).ToArray()), ("due", records.Select(r => r.ReplyDueAt).ToArray()));
            }

            await Execute(noteSql + "SELECT n.id, @now, n.wo, n.number, n.kind, n.unit, n.role, n.text, n.data FROM unnest(@id, @wo, @number, @kind, @unit, @role, @text, @data) AS n(id, wo, number, kind, unit, role, text, data)",
                ("now", now), ("id", notes.Select(n => n.Id).ToArray()), ("wo", notes.Select(n => n.OrderId).ToArray()), ("number", notes.Select(n => n.Number).ToArray()),
                ("kind", notes.Select(n => n.Kind).ToArray()), ("unit", notes.Select(n => n.UnitId).ToArray()), ("role", notes.Select(n => n.Role).ToArray()),
                ("text", notes.Select(n => n.Text).ToArray()), ("data", notes.Select(n => n.Data).ToArray()));
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
            Set(insertNote, "wo", Key(n.OrderId));
            Set(insertNote, "number", n.Number);
            Set(insertNote, "kind", n.Kind);
            Set(insertNote, "unit", n.UnitId is { } u ? Key(u) : null);
            Set(insertNote, "role", n.Role);
            Set(insertNote, "text", n.Text);
            Set(insertNote, "data", n.Data);
            await insertNote.ExecuteNonQueryAsync(ct);
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

    private static string Describe(string number, DeadlineChange change)
    {
        var what = change.Kind switch
        {
            DeadlineKind.SignFor => "签收",
            DeadlineKind.Contact => "联系",
            _ => "办结",
        };
        return change.To == DeadlineState.Overdue
            ? $"工单{number}{what}已超期（时限 {change.DueAt:yyyy-MM-dd HH:mm} UTC），已自动督办。"
            : $"工单{number}{what}临期（时限 {change.DueAt:yyyy-MM-dd HH:mm} UTC），请尽快处理。";
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deadline sweep: a batch of {Count} orders failed; retrying it in halves")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Deadline sweep: order {Number} ({Id}) failed and was skipped; it is retried in five minutes")]
    private static partial void LogOrderFailed(ILogger logger, Exception exception, string number, Guid id);

    private sealed record StoredDeadline(DateTime DueAt, DateTime ApproachingAt, DeadlineState State, DateTime? MetAt);

    private sealed record ClaimedRow(Guid Id, int Version, string Number, string Status, StoredDeadline? SignFor, StoredDeadline? Contact, StoredDeadline? Completion);

    private sealed record DeadlineChange(DeadlineKind Kind, DeadlineState From, DeadlineState To, DateTime DueAt);

    private sealed record SweepPlan(ClaimedRow Row, DeadlineState SignFor, DeadlineState Contact, DeadlineState Completion, DateTime? CheckAt, List<DeadlineChange> Changes, Guid? LeadUnit, DateTime ReplyDue);

    private sealed record EventRow(Guid Id, Guid OrderId, int Version, string Type, string Status, Guid? UnitId, string Note, string Data);

    private sealed record SupervisionRow(Guid Id, Guid OrderId, string Kind, Guid? UnitId, string Note, DateTime At, DateTime? ReplyDueAt);

    private sealed record NotificationRow(Guid Id, Guid OrderId, string Number, string Kind, Guid? UnitId, int? Role, string Text, string Data);
}
