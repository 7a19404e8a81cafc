using System.Diagnostics;
using System.Globalization;
using Lianxin.Bench.Seeding;
using Lianxin.Core.Calendars;
using Lianxin.Core.Common;
using Lianxin.Core.Data;
using Lianxin.Core.Deadlines;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

// The deadline sweep at scale (docs/benchmarks.md): N open orders in PostgreSQL, 1 % of them due for
// a state change, one sweep timed, and the rows it touched counted from PostgreSQL's own statistics.
var connection = args.Length > 0 ? args[0] : Environment.GetEnvironmentVariable("LIANXIN_TEST_POSTGRES")
    ?? throw new InvalidOperationException("Give a connection string or set LIANXIN_TEST_POSTGRES.");
var total = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000;
var changing = total / 100;
const int WarmUpSweeps = 60;

var options = Pg.Options(connection, batch: 10_000);
await Pg.MigrateAsync(connection);

var now = DateTime.SpecifyKind(DateTime.Parse("2026-11-23T02:00:00", CultureInfo.InvariantCulture), DateTimeKind.Utc);
await using (var data = new NpgsqlConnection(connection))
{
    await data.OpenAsync();
    var watch = Stopwatch.StartNew();
    await Pg.ExecAsync(data, """
        TRUNCATE work_order_events, supervision_records, notifications, assignments, deadline_checks, work_orders, categories, units CASCADE;
        INSERT INTO units (id, name, code, parent_id, path, depth, is_active, created_at, kind)
            VALUES ('00000000-0000-0000-0000-0000000000a1', '压测维修队', NULL, NULL, '/a1/', 0, TRUE, @now, 'RepairCrew');
        INSERT INTO categories (id, name, code, parent_id, path, depth, is_active, created_at)
            VALUES ('00000000-0000-0000-0000-0000000000c1', '压测分类', NULL, NULL, '/c1/', 0, TRUE, @now);
        """, now);
    // Every order is in progress with its completion clock running; one in a hundred turned 临期 a minute
    // ago (the cold run), one in a hundred turns 临期 within the hour (the warm run), and one in a
    // hundred is spread over 60 small cohorts between them, swept one by one as a running server would.
    await Pg.ExecAsync(data, $"""
        INSERT INTO work_orders (id, number, version, status, channel, demand_type, urgency, requester_name, requester_phone, requester_confidential,
            requester_wants_reply, category_id, title, description, created_at, created_by_name, updated_at, redo_count, visit_attempts, urge_count,
            supervise_count, extension_days, signed_for_at, contacted_at,
            sign_for_limit_quantity, sign_for_limit_unit, sign_for_start_at, sign_for_due_at, sign_for_approaching_at, sign_for_state, sign_for_met_at,
            contact_limit_quantity, contact_limit_unit, contact_start_at, contact_due_at, contact_approaching_at, contact_state, contact_met_at,
            completion_limit_quantity, completion_limit_unit, completion_start_at, completion_due_at, completion_approaching_at, completion_state)
        SELECT gen_random_uuid(), 'BX' || lpad(g::text, 10, '0'), 3, 'InProgress', 'Phone', 'Help', 'Normal', '压测', '139' || lpad(g::text, 8, '0'), FALSE,
            TRUE, '00000000-0000-0000-0000-0000000000c1', '压测工单', '用于测量时限扫描。', @now - interval '3 days', '压测', @now - interval '3 days', 0, 0, 0,
            0, 0, @now - interval '3 days', @now - interval '3 days',
            1, 'WorkingDays', @now - interval '3 days', @now - interval '2 days', @now - interval '2 days 2 hours', 'Met', @now - interval '3 days',
            1, 'WorkingDays', @now - interval '3 days', @now - interval '2 days', @now - interval '2 days 2 hours', 'Met', @now - interval '3 days',
            5, 'WorkingDays', @now - interval '3 days',
            CASE WHEN g % 100 = 0 THEN @now + interval '5 hours' WHEN g % 100 = 1 THEN @now + interval '6 hours' ELSE @now + interval '4 days' END,
            CASE WHEN g % 100 = 0 THEN @now - interval '1 minute' WHEN g % 100 = 1 THEN @now + interval '59 minutes'
                 WHEN g % 100 = 2 THEN @now + interval '1 minute' + ((g / 100) % {WarmUpSweeps}) * interval '30 seconds'
                 ELSE @now + interval '3 days' END,
            'OnTime'
        FROM generate_series(1, {total}) AS g;
        INSERT INTO deadline_checks (work_order_id, at) SELECT id, completion_approaching_at FROM work_orders;
        INSERT INTO assignments (id, work_order_id, unit_id, role, parent_id, status, dispatched_at, dispatched_by, accepted_at)
        SELECT gen_random_uuid(), o.id, '00000000-0000-0000-0000-0000000000a1', 'Lead', NULL, 'Accepted', o.created_at, NULL, o.created_at FROM work_orders o;
        """, now);
    await Pg.VacuumAnalyzeAsync(data, "work_orders", "assignments", "deadline_checks");

    Console.WriteLine($"seeded {total:N0} open orders ({changing:N0} due to change) in {watch.Elapsed.TotalSeconds:0.0} s");
}

var plan = await Scalar(connection, "EXPLAIN SELECT o.id FROM deadline_checks c JOIN work_orders o ON o.id = c.work_order_id WHERE c.at <= @now ORDER BY c.at LIMIT 20000 FOR UPDATE OF c SKIP LOCKED", now);
Console.WriteLine("claim plan: " + plan);

var clock = new FixedClock(new DateTimeOffset(now));
var centre = Options.Create(new CentreOptions());
using var calendar = new CentreCalendar(clock, centre);
await using (var warm = new LianxinDbContext(options))
{
    await calendar.GetAsync(warm, CancellationToken.None);
}

Console.WriteLine("| open orders | due now | claimed | changes written | failed | order rows updated (of which heap-only) | seq scans of work_orders | sweep ms | changes/s | run |");
Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
await MeasureAsync(new FixedClock(new DateTimeOffset(now)), "cold: the first sweep of a fresh process");

// A server sweeps every 30 s, so its sweep code has long been compiled by the JIT's optimising tier.
for (var i = 0; i < WarmUpSweeps; i++)
{
    await using var db = new LianxinDbContext(options);
    var at = new FixedClock(new DateTimeOffset(now.AddMinutes(1).AddSeconds(30 * i + 1)));
    await new DeadlineSweep(db, calendar, at, NullLogger<DeadlineSweep>.Instance).RunOnceAsync(CancellationToken.None);
}

await Task.Delay(2000); // lets the JIT's background compilation finish
await MeasureAsync(new FixedClock(new DateTimeOffset(now.AddHours(1))), $"warm: a second cohort, after {WarmUpSweeps} sweeps of ~{total / 100 / WarmUpSweeps:N0} orders");

await using (var db = new LianxinDbContext(options))
{
    var sweep = new DeadlineSweep(db, calendar, new FixedClock(new DateTimeOffset(now.AddHours(1))), NullLogger<DeadlineSweep>.Instance);
    var idle = Stopwatch.StartNew();
    var again = await sweep.RunOnceAsync(CancellationToken.None);
    Console.WriteLine($"an idle sweep (nothing due): claimed {again.Claimed}, {idle.Elapsed.TotalMilliseconds:0} ms");
}

async Task MeasureAsync(TimeProvider at, string label)
{
    var updatesBefore = await Counter(connection, "n_tup_upd");
    var hotBefore = await Counter(connection, "n_tup_hot_upd");
    var seqBefore = await Counter(connection, "seq_scan");
    var sw = Stopwatch.StartNew();
    SweepResult result;
    await using (var db = new LianxinDbContext(options))
    {
        result = await new DeadlineSweep(db, calendar, at, NullLogger<DeadlineSweep>.Instance).RunOnceAsync(CancellationToken.None);
    }

    sw.Stop();
    var updated = await Counter(connection, "n_tup_upd") - updatesBefore;
    var hot = await Counter(connection, "n_tup_hot_upd") - hotBefore;
    var seqScans = await Counter(connection, "seq_scan") - seqBefore;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {total:N0} | {changing:N0} | {result.Claimed:N0} | {result.Changed:N0} | {result.Failed} | {updated:N0} ({hot:N0}) | {seqScans} | {sw.Elapsed.TotalMilliseconds:0} | {result.Changed / sw.Elapsed.TotalSeconds:N0} | {label} |"));
}

static async Task<string> Scalar(string connection, string sql, DateTime now)
{
    await using var c = new NpgsqlConnection(connection);
    await c.OpenAsync();
    await using var command = new NpgsqlCommand(sql, c);
    command.Parameters.AddWithValue("now", now);
    await using var reader = await command.ExecuteReaderAsync();
    var lines = new List<string>();
    while (await reader.ReadAsync())
    {
        lines.Add(reader.GetString(0).Trim());
    }

    return string.Join(" / ", lines);
}

static async Task<long> Counter(string connection, string column, string table = "work_orders")
{
    await using var c = new NpgsqlConnection(connection);
    await c.OpenAsync();

    // Statistics reach the view after the backend reports them; ask for a fresh snapshot.
    await using (var clear = new NpgsqlCommand("SELECT pg_stat_clear_snapshot()", c))
    {
        await clear.ExecuteNonQueryAsync();
    }

    await Task.Delay(700);
    await using var command = new NpgsqlCommand($"SELECT COALESCE({column}, 0) FROM pg_stat_user_tables WHERE relname = '{table}'", c);
    return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
}
