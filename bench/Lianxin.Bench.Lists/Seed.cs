using System.Diagnostics;
using System.Globalization;
using Lianxin.Bench.Seeding;
using Npgsql;

namespace Lianxin.Bench.Lists;

/// <summary>
/// A centre a few years in (docs/benchmarks.md, issue 9): N orders over two years (1,370 a day at 1,000,000), most
/// archived; the last ~15 days' orders open across the statuses and one in ten of the 40 days before them still
/// open (late), 3.6 % closed and waiting for their return visit. Completion is due 14 days after registration, so
/// thousands are 超期 and 临期, and due times follow registration as they do in a centre; 200 units, ten
/// of them large with five sub-units each; repeats, pending return and extension requests, open 督办 and
/// 会诊 offers; a registration event by one of 60 call-takers and a dispatch event by one of 5 dispatchers.
/// </summary>
internal static class Seed
{
    public const int Units = 200;
    public const int BigUnits = 10;
    public const int Agents = 60;
    public const int Dispatchers = 5;
    public const int Groups = 5;

    public static Guid Unit(int i) => Pg.Id(i + 1, 'b');

    public static Guid Category(int i) => Pg.Id(i + 1, 'c');

    public static Guid Group(int i) => Pg.Id(i + 1, 'd');

    public static Guid Agent(int i) => Pg.Id(i + 1, 'e');

    public static Guid Dispatcher(int i) => Pg.Id(Agents + i + 1, 'e');

    public static readonly Guid Supervisor = Pg.Id(Agents + Dispatchers + 1, 'e');

    /// <summary>The lead unit of order g: one in five orders goes to the ten large units, the rest spread over the others.</summary>
    private static string LeadUnitSql(string g) => $"(@units)[1 + CASE WHEN {g} % 5 = 0 THEN ({g} / 5) % {BigUnits} ELSE {BigUnits} + {g} % {Units - BigUnits} END]";

    private static readonly string[] CategoryNames = ["供水", "供暖", "燃气", "道路", "公交", "环境卫生", "噪声", "物业", "市场监管", "社会保障"];

    private static readonly string[] Titles =
    [
        "小区连续两天没有热水", "路灯不亮已有一周", "楼道垃圾无人清运", "公交站台顶棚破损",
        "夜间施工噪声扰民", "物业擅自提高停车费", "暖气温度不达标", "窨井盖缺失存在隐患",
    ];

    public static async Task RunAsync(string connection, int total, DateTime now)
    {
        await Pg.MigrateAsync(connection);
        await using var c = new NpgsqlConnection(connection);
        await c.OpenAsync();
        var watch = Stopwatch.StartNew();
        // Open: the last ~15 days' orders, and one in ten of the 40 days before them (late ones); the rest of those are closed.
        var recent = total / 50;
        var older = total * 4 / 100;
        var units = Enumerable.Range(0, Units).Select(Unit).ToArray();
        var parameters = new (string, object)[]
        {
            ("units", units),
            ("categories", Enumerable.Range(0, CategoryNames.Length).Select(Category).ToArray()),
            ("groups", Enumerable.Range(0, Groups).Select(Group).ToArray()),
            ("agents", Enumerable.Range(0, Agents).Select(Agent).ToArray()),
            ("dispatchers", Enumerable.Range(0, Dispatchers).Select(Dispatcher).ToArray()),
            ("titles", Titles),
            ("supervisor", Supervisor),
        };

        await Pg.BulkLoadAsync(c, ["work_orders", "assignments", "work_order_events", "supervision_records", "extension_requests", "return_requests", "help_requests"], async () =>
        {
            await Pg.ExecAsync(c, string.Join("\n", Enumerable.Range(0, Units).Select(i =>
            {
                // Units 10..59 are the sub-units of the ten large ones (five each).
                var parent = i >= BigUnits && i < BigUnits * 6 ? Unit((i - BigUnits) / 5) : (Guid?)null;
                var kind = i < BigUnits ? "Department" : parent is null ? "StreetOffice" : "RepairCrew";
                var path = parent is { } p ? $"/{p:N}/{Unit(i):N}/" : $"/{Unit(i):N}/";
                return string.Create(CultureInfo.InvariantCulture,
                    $"INSERT INTO units (id, kind, name, code, parent_id, path, depth, is_active, created_at) VALUES ('{Unit(i)}', '{kind}', '压测单位{i + 1:000}', 'U{i + 1:000}', {(parent is { } q ? $"'{q}'" : "NULL")}, '{path}', {(parent is null ? 0 : 1)}, TRUE, @now);");
            })) + "\n" + string.Join("\n", CategoryNames.Select((name, i) =>
                $"INSERT INTO categories (id, name, code, parent_id, path, depth, is_active, created_at) VALUES ('{Category(i)}', '{name}', NULL, NULL, '/{Category(i):N}/', 0, TRUE, @now);"))
                + "\n" + string.Join("\n", Enumerable.Range(0, Groups).Select(i =>
                    $"INSERT INTO unit_groups (id, name, description, is_active, created_at) VALUES ('{Group(i)}', '压测会诊组{i + 1}', NULL, TRUE, @now);"
                    + $"INSERT INTO unit_group_member (group_id, unit_id) VALUES ('{Group(i)}', '{Unit(i)}');"
                    + string.Join("", Enumerable.Range(0, 10).Select(j => $"INSERT INTO unit_group_member (group_id, unit_id) VALUES ('{Group(i)}', '{Unit(60 + (i * 10) + j)}');")))),
                now);

            // The orders: r is the age rank (0 the newest), one order every ~63 s over two years at 1,000,000.
            await Pg.ExecAsync(c, $"""
                INSERT INTO work_orders (id, number, version, status, channel, demand_type, urgency, requester_name, requester_phone, requester_confidential,
                    requester_wants_reply, category_id, address, title, description, created_at, created_by_id, created_by_name, updated_at, closed_at, archived_at,
                    redo_count, visit_attempts, urge_count, supervise_count, extension_days, repeat_of_id, merged_into_id, suspended_since, signed_for_at, contacted_at,
                    sign_for_limit_quantity, sign_for_limit_unit, sign_for_start_at, sign_for_due_at, sign_for_approaching_at, sign_for_state, sign_for_met_at,
                    contact_limit_quantity, contact_limit_unit, contact_start_at, contact_due_at, contact_approaching_at, contact_state, contact_met_at,
                    completion_limit_quantity, completion_limit_unit, completion_start_at, completion_due_at, completion_approaching_at, completion_state, completion_met_at)
                SELECT {Pg.IdSql("g")}, 'LX' || lpad(g::text, 10, '0'), 3, s.status, 'Phone', 'Help', CASE WHEN k.h % 20 = 0 THEN 'Urgent' ELSE 'Normal' END,
                    '压测', '13' || lpad(g::text, 9, '0'), k.h % 50 = 7, TRUE, (@categories)[1 + g % 10], '压测小区' || (g % 500) || '号楼',
                    (@titles)[1 + g % 8], (@titles)[1 + g % 8] || '，来电人请求尽快处理并回复。', s.at, (@agents)[1 + g % {Agents}], '话务员', s.at,
                    CASE WHEN NOT s.open AND s.dispatched THEN s.at + interval '3 days' END,
                    CASE WHEN s.status = 'Archived' THEN s.at + interval '33 days' END,
                    0, CASE WHEN s.status = 'Closed' AND g % 5 = 0 THEN 1 ELSE 0 END, 0, 0, 0,
                    CASE WHEN (s.open AND g % 37 = 0) OR s.status = 'Merged' THEN {Pg.IdSql($"g - {total / 2}")} END,
                    CASE WHEN s.status = 'Merged' THEN {Pg.IdSql("g - 1")} END,
                    CASE WHEN s.status = 'InProgress' AND k.h BETWEEN 500 AND 504 THEN @now - interval '1 day' END,
                    d.sign_met, d.contact_met,
                    CASE WHEN s.dispatched THEN 2 END, CASE WHEN s.dispatched THEN 'Hours' END, CASE WHEN s.dispatched THEN s.at + interval '10 minutes' END,
                    d.sign_due, d.sign_due - interval '30 minutes', CASE WHEN d.sign_met IS NULL THEN 'OnTime' ELSE 'Met' END, d.sign_met,
                    CASE WHEN s.dispatched THEN 1 END, CASE WHEN s.dispatched THEN 'WorkingDays' END, CASE WHEN s.dispatched THEN s.at + interval '10 minutes' END,
                    d.contact_due, d.contact_due - interval '4 hours', CASE WHEN d.contact_met IS NULL THEN 'OnTime' ELSE 'Met' END, d.contact_met,
                    10, 'WorkingDays', s.at, d.due, d.due - interval '1 day', CASE WHEN d.due_met IS NULL THEN 'OnTime' ELSE 'Met' END, d.due_met
                FROM generate_series(1, {total}) AS g
                CROSS JOIN LATERAL (SELECT {total} - g AS r, (g::bigint * 2654435761) % 1000 AS h) AS k
                CROSS JOIN LATERAL (SELECT
                    CASE WHEN k.r < {recent} THEN
                            CASE WHEN k.h < 40 THEN 'Registered' WHEN k.h < 200 THEN 'Dispatched' WHEN k.h < 820 THEN 'InProgress'
                                 WHEN k.h < 840 THEN 'ReturnRequested' ELSE 'Replied' END
                         WHEN k.r < {recent + older} AND k.h % 10 = 0 THEN CASE WHEN k.h < 700 THEN 'InProgress' ELSE 'Replied' END
                         WHEN k.r < {recent + older} THEN 'Closed'
                         WHEN k.h < 10 THEN 'NotAccepted' WHEN k.h < 20 THEN 'Merged' ELSE 'Archived' END AS status,
                    @now - interval '1 minute' - k.r * interval '{730.0 * 86400 / total:0.###} seconds' AS at) AS s0
                CROSS JOIN LATERAL (SELECT s0.status, s0.at, s0.status IN ('Registered', 'Dispatched', 'InProgress', 'ReturnRequested', 'Replied') AS open,
                    s0.status NOT IN ('Registered', 'NotAccepted') AS dispatched) AS s
                CROSS JOIN LATERAL (SELECT
                    s.at + interval '14 days' - ((g::bigint * 40503) % 7200) * interval '1 second' AS due,
                    CASE WHEN s.open THEN NULL ELSE s.at + interval '3 days' END AS due_met,
                    CASE WHEN s.status = 'Dispatched' THEN @now - interval '4 hours' + ((g::bigint * 7919) % 86400) * interval '1 second'
                         WHEN s.dispatched THEN s.at + interval '2 hours 10 minutes' END AS sign_due,
                    CASE WHEN s.dispatched AND s.status <> 'Dispatched' THEN s.at + interval '1 hour' END AS sign_met,
                    CASE WHEN s.status = 'Dispatched' THEN @now + interval '20 hours' + ((g::bigint * 7919) % 86400) * interval '1 second'
                         WHEN s.status = 'InProgress' AND g % 10 = 3 THEN @now - interval '1 day' + ((g::bigint * 104729) % 259200) * interval '1 second'
                         WHEN s.dispatched THEN s.at + interval '1 day' END AS contact_due,
                    CASE WHEN s.dispatched AND s.status <> 'Dispatched' AND NOT (s.status = 'InProgress' AND g % 10 = 3) THEN s.at + interval '3 hours' END AS contact_met) AS d;
                """, now, parameters);
            Console.Error.WriteLine($"  {total:N0} orders at {watch.Elapsed.TotalSeconds:0} s");

            // Each dispatched order's first-level lead hop, its clocks the order's; one in a hundred of the large
            // units' orders in progress is passed down to a sub-unit, one in a hundred has a sub-unit's reply waiting.
            const string Orders = "(SELECT o.*, substr(o.number, 3)::bigint AS g FROM work_orders o) AS o";
            await Pg.ExecAsync(c, $"""
                INSERT INTO assignments (id, work_order_id, unit_id, role, parent_id, status, dispatched_at, dispatched_by, accepted_at, replied_at, reply_result, closed_at,
                    sign_for_limit_quantity, sign_for_limit_unit, sign_for_start_at, sign_for_due_at, sign_for_approaching_at, sign_for_state, sign_for_met_at,
                    completion_limit_quantity, completion_limit_unit, completion_start_at, completion_due_at, completion_approaching_at, completion_state, completion_met_at)
                SELECT {Pg.IdSql("o.g", 'a')}, o.id, {LeadUnitSql("o.g")}, 'Lead', NULL,
                    CASE o.status WHEN 'Dispatched' THEN 'Pending' WHEN 'InProgress' THEN CASE WHEN o.g % 100 = 0 THEN 'Redispatched' ELSE 'Accepted' END
                        WHEN 'ReturnRequested' THEN 'ReturnRequested' WHEN 'Merged' THEN 'Cancelled' ELSE 'Replied' END,
                    o.created_at + interval '10 minutes', (@dispatchers)[1 + o.g % {Dispatchers}], o.signed_for_at,
                    CASE WHEN o.status IN ('Replied', 'Closed', 'Archived') THEN o.created_at + interval '2 days' END,
                    CASE WHEN o.status IN ('Replied', 'Closed', 'Archived') THEN '已到现场处理完毕，已电话告知来电人。' END,
                    o.closed_at,
                    o.sign_for_limit_quantity, o.sign_for_limit_unit, o.sign_for_start_at, o.sign_for_due_at, o.sign_for_approaching_at, o.sign_for_state, o.sign_for_met_at,
                    o.completion_limit_quantity, o.completion_limit_unit, o.completion_start_at, o.completion_due_at, o.completion_approaching_at, o.completion_state, o.completion_met_at
                FROM {Orders} WHERE o.status NOT IN ('Registered', 'NotAccepted');
                INSERT INTO assignments (id, work_order_id, unit_id, role, parent_id, status, dispatched_at, dispatched_by, accepted_at, replied_at, reply_result,
                    sign_for_limit_quantity, sign_for_limit_unit, sign_for_start_at, sign_for_due_at, sign_for_approaching_at, sign_for_state, sign_for_met_at,
                    completion_limit_quantity, completion_limit_unit, completion_start_at, completion_due_at, completion_approaching_at, completion_state, completion_met_at)
                SELECT {Pg.IdSql("o.g", '1')}, o.id, (@units)[1 + {BigUnits} + ((o.g / 5) % {BigUnits}) * 5 + (o.g / 100) % 5], 'Lead', {Pg.IdSql("o.g", 'a')},
                    CASE WHEN o.g % 100 = 0 THEN 'Accepted' ELSE 'Replied' END, o.created_at + interval '1 hour', NULL, o.created_at + interval '2 hours',
                    CASE WHEN o.g % 100 = 50 THEN @now - interval '2 hours' END, CASE WHEN o.g % 100 = 50 THEN '已处理，请上级单位审核后答复。' END,
                    2, 'Hours', o.created_at + interval '1 hour', o.created_at + interval '3 hours', o.created_at + interval '150 minutes', 'Met', o.created_at + interval '2 hours',
                    o.completion_limit_quantity, o.completion_limit_unit, o.created_at + interval '1 hour', o.completion_due_at - interval '1 day',
                    o.completion_approaching_at - interval '1 day', 'OnTime', NULL
                FROM {Orders} WHERE o.status = 'InProgress' AND o.g % 50 = 0;
                """, now, parameters);
            Console.Error.WriteLine($"  assignments at {watch.Elapsed.TotalSeconds:0} s");

            await Pg.ExecAsync(c, $"""
                INSERT INTO work_order_events (id, work_order_id, version, at, type, actor_id, actor_name, actor_unit_id, from_status, to_status)
                SELECT {Pg.IdSql("o.g", '2')}, o.id, 1, o.created_at, 'registered', o.created_by_id, '话务员', NULL, 'Registered', 'Registered' FROM {Orders};
                INSERT INTO work_order_events (id, work_order_id, version, at, type, actor_id, actor_name, actor_unit_id, from_status, to_status, unit_id)
                SELECT {Pg.IdSql("o.g", '3')}, o.id, 2, o.created_at + interval '10 minutes', 'dispatched', (@dispatchers)[1 + o.g % {Dispatchers}], '派单员', NULL,
                    'Registered', 'Dispatched', {LeadUnitSql("o.g")}
                FROM {Orders} WHERE o.status NOT IN ('Registered', 'NotAccepted');
                """, now, parameters);
            Console.Error.WriteLine($"  events at {watch.Elapsed.TotalSeconds:0} s");

            // Pending requests, open offers, 督办 (open and answered) and the automatic 催办 the sweep leaves behind.
            await Pg.ExecAsync(c, $"""
                INSERT INTO extension_requests (id, work_order_id, assignment_id, unit_id, working_days, reason, requested_at, requested_by, decision)
                SELECT {Pg.IdSql("o.g", '6')}, o.id, {Pg.IdSql("o.g", 'a')}, {LeadUnitSql("o.g")}, 3, '需协调多个部门现场处置，申请延期三个工作日。',
                    @now - interval '2 hours', @supervisor, 'Pending'
                FROM {Orders} WHERE o.status = 'InProgress' AND o.g % 97 = 0;
                INSERT INTO return_requests (id, work_order_id, assignment_id, unit_id, reason, basis, requested_at, requested_by, decision)
                SELECT {Pg.IdSql("o.g", '7')}, o.id, {Pg.IdSql("o.g", 'a')}, {LeadUnitSql("o.g")}, '该事项不属于本单位职责范围。', '依据三定方案职责分工。',
                    @now - interval '3 hours', @supervisor, 'Pending'
                FROM {Orders} WHERE o.status = 'ReturnRequested';
                INSERT INTO help_requests (id, work_order_id, group_id, role, note, offered_at, offered_by, expires_at, status)
                SELECT {Pg.IdSql("o.g", '8')}, o.id, (@groups)[1 + o.g % {Groups}], 'Assist', '涉及多个单位，请组内单位认领协办。',
                    @now - interval '1 hour', (@dispatchers)[1], @now + interval '1 day', 'Open'
                FROM {Orders} WHERE o.status = 'InProgress' AND o.g % 97 = 11;
                INSERT INTO supervision_records (id, work_order_id, kind, unit_id, note, automatic, created_at, created_by, reply_text, replied_at, replied_by, reply_due_at)
                SELECT {Pg.IdSql("o.g", '4')}, o.id, 'Supervise', {LeadUnitSql("o.g")}, '该工单已超期，请于期限内办结并书面回复。', FALSE, @now - interval '1 day', @supervisor,
                    CASE WHEN o.status = 'Archived' THEN '已办结，已回复来电人。' END, CASE WHEN o.status = 'Archived' THEN o.created_at + interval '5 days' END,
                    NULL, CASE WHEN o.status = 'Archived' THEN o.created_at + interval '6 days' ELSE @now - interval '1 day' + ((o.g * 31) % 259200) * interval '1 second' END
                FROM {Orders} WHERE (o.status IN ('Dispatched', 'InProgress', 'ReturnRequested') AND o.completion_due_at < @now AND o.g % 7 = 1)
                    OR (o.status = 'Archived' AND o.g % 50 = 0);
                INSERT INTO supervision_records (id, work_order_id, kind, unit_id, note, automatic, created_at)
                SELECT {Pg.IdSql("o.g", '5')}, o.id, 'Urge', {LeadUnitSql("o.g")}, '办结时限临期，请抓紧办理。', TRUE, o.completion_approaching_at
                FROM {Orders} WHERE (o.status IN ('Dispatched', 'InProgress', 'ReturnRequested', 'Replied') AND o.completion_approaching_at < @now)
                    OR (o.status = 'Archived' AND o.g % 10 = 0);
                """, now, parameters);
        });
        Console.Error.WriteLine($"  indexes rebuilt at {watch.Elapsed.TotalSeconds:0} s");
        await Pg.VacuumAnalyzeAsync(c, "work_orders", "assignments", "work_order_events", "supervision_records", "extension_requests", "return_requests",
            "help_requests", "units", "categories", "unit_groups", "unit_group_member");

        await using var size = new NpgsqlCommand("""
            SELECT pg_size_pretty(pg_total_relation_size('work_orders')), (SELECT count(*) FROM work_orders),
                (SELECT string_agg(status || ' ' || n, ', ' ORDER BY status) FROM (SELECT status, count(*) AS n FROM work_orders GROUP BY status) s),
                (SELECT count(*) FROM assignments), (SELECT count(*) FROM work_order_events), (SELECT count(*) FROM supervision_records)
            """, c);
        await using var r = await size.ExecuteReaderAsync();
        await r.ReadAsync();
        Console.WriteLine($"seeded {r.GetInt64(1):N0} orders ({r.GetString(0)} with indexes; {r.GetString(2)}), {r.GetInt64(3):N0} assignments, "
            + $"{r.GetInt64(4):N0} events, {r.GetInt64(5):N0} supervision records in {watch.Elapsed.TotalSeconds:0} s");
    }
}
