using System.Diagnostics;
using System.Globalization;
using Lianxin.Bench.Seeding;
using Npgsql;

namespace Lianxin.Bench.Reports;

/// <summary>
/// A year of a big city's hotline (docs/benchmarks.md, issue 11): N orders over 365 days (13,700 a day at 5,000,000),
/// spread evenly in time, in SQL with the indexes built afterwards. The mix: 30 % consultations (seven in ten of them
/// answered on the call), 35 % help requests, 20 % complaints, the rest suggestions, reports, praise; 78 % by phone,
/// then WeChat, web, app, SMS; 1 % not accepted, 2 % merged; 200 units (ten large ones with five sub-units, one in
/// five of a large unit's orders passed down to one), 110 categories (a few take most orders), 200 communities in ten
/// districts. Each dispatched order has its lead hop with a sign-for deadline (5 % signed late) and a completion
/// deadline 14 days out (8 % replied late); 3 % returned once; 4 % repeats; the last 14 days' orders open across the
/// statuses and one in ten of the month before them still open (late). Every complaint and help request is visited
/// and three in ten of the rest (the sample), 2 % of requesters want no call-back; 3 % of the visited are unreachable
/// after three attempts; 4 % are redone after an unsatisfied first visit and visited again. Only the events the KPIs
/// read are seeded (closures, answers on the call, not accepted, merged, visits and archiving, redos, returns), not
/// registration/dispatch/sign-for events. Calls: C a day through the year (offered, answered, abandoned, short
/// abandons, with waits).
/// </summary>
internal static class Seed
{
    public const int Units = 200;
    public const int BigUnits = 10;
    public const int Districts = 10;
    public const int CommunitiesPerDistrict = 20;
    public const int TopCategories = 10;
    public const int Days = 365;

    public static Guid Unit(int i) => Pg.Id(i + 1, 'b');

    public static Guid Category(int i) => Pg.Id(i + 1, 'c');

    public static Guid Region(int i) => Pg.Id(i + 1, 'd');

    public static Guid Agent(int i) => Pg.Id(i + 1, 'e');

    public static readonly Guid Dispatcher = Pg.Id(900, 'e');
    public static readonly Guid Visitor = Pg.Id(901, 'e');
    public static readonly Guid PhoneSystem = Pg.Id(1, 'f');

    public static string DistrictCode(int d) => string.Create(CultureInfo.InvariantCulture, $"3302{d + 1:00}");

    public static string CommunityCode(int d, int c) => string.Create(CultureInfo.InvariantCulture, $"3302{d + 1:00}{c + 1:000}");

    /// <summary>The lead unit of order g: one in five orders goes to the ten large units, the rest spread over the others.</summary>
    public static string LeadUnitSql(string g) => $"(@units)[1 + CASE WHEN {g} % 5 = 0 THEN ({g} / 5) % {BigUnits} ELSE {BigUnits} + {g} % {Units - BigUnits} END]";

    // Three independent-looking hashes of the order number, 0–999.
    private const string H = "((g::bigint * 2654435761) % 1000)";
    private const string H2 = "((g::bigint * 40503) % 1000)";
    private const string H3 = "((g::bigint * 7919) % 1000)";

    private static readonly string[] TopNames = ["供水", "供暖", "燃气", "道路交通", "公共交通", "环境卫生", "噪声污染", "物业管理", "市场监管", "社会保障"];
    private static readonly string[] SubNames = ["停供", "质量", "收费", "维修", "设施损坏", "服务态度", "施工", "安全隐患", "政策咨询", "其他"];

    private static readonly string[] Titles =
    [
        "小区连续两天没有热水", "路灯不亮已有一周", "楼道垃圾无人清运", "公交站台顶棚破损",
        "夜间施工噪声扰民", "物业擅自提高停车费", "暖气温度不达标", "窨井盖缺失存在隐患",
    ];

    public static async Task RunAsync(string connection, int total, int callsPerDay, DateTime now)
    {
        await Pg.MigrateAsync(connection);
        await using var c = new NpgsqlConnection(connection);
        await c.OpenAsync();
        var watch = Stopwatch.StartNew();
        void Step(string what) => Console.Error.WriteLine($"  {what} at {watch.Elapsed.TotalSeconds:0} s");

        var recent = total * 14 / Days;
        var late = total * 31 / Days;
        var leaves = TopCategories * SubNames.Length;
        var parameters = new (string, object)[]
        {
            ("units", Enumerable.Range(0, Units).Select(Unit).ToArray()),
            ("categories", Enumerable.Range(0, leaves).Select(i => Category(TopCategories + i)).ToArray()),
            ("regions", Enumerable.Range(0, Districts).SelectMany(d => Enumerable.Range(0, CommunitiesPerDistrict).Select(k => CommunityCode(d, k))).ToArray()),
            ("agents", Enumerable.Range(0, 60).Select(Agent).ToArray()),
            ("titles", Titles),
            ("dispatcher", Dispatcher),
            ("visitor", Visitor),
            ("system", PhoneSystem),
        };

        await Reference(c, now);
        Step("units, categories, regions");

        await Pg.BulkLoadAsync(c, ["work_orders", "assignments", "work_order_events", "return_visits", "phone_calls"], async () =>
        {
            // r is the age rank (0 the newest); the kinds: notacc 1 %, merged 2 %, direct (a consultation answered on the call), dispatch.
            var ordersSql = $"""
                INSERT INTO work_orders (id, number, version, status, channel, demand_type, urgency, requester_name, requester_phone, requester_confidential,
                    requester_wants_reply, category_id, region_code, address, title, description, created_at, created_by_id, created_by_name, updated_at,
                    replied_at, reply_result, reply_solved, closed_at, archived_at,
                    redo_count, visit_attempts, urge_count, supervise_count, extension_days, repeat_of_id, merged_into_id, signed_for_at, contacted_at,
                    visit_required, visit_sampled, visit_due_at, visit_deadline, visited_at, final_satisfaction, final_solved,
                    sign_for_limit_quantity, sign_for_limit_unit, sign_for_start_at, sign_for_due_at, sign_for_approaching_at, sign_for_state, sign_for_met_at,
                    completion_limit_quantity, completion_limit_unit, completion_start_at, completion_due_at, completion_approaching_at, completion_state, completion_met_at)
                SELECT {Pg.IdSql("g")}, 'LX' || lpad(g::text, 10, '0'), 6, s.status, k.channel, k.demand, CASE WHEN k.h % 20 = 0 THEN 'Urgent' ELSE 'Normal' END,
                    '压测', '13' || lpad(g::text, 9, '0'), k.h % 50 = 7, k.wants,
                    (@categories)[1 + floor({leaves} * power(k.h3 / 1000.0, 2))::int], (@regions)[1 + (g * 31) % {Districts * CommunitiesPerDistrict}],
                    '压测小区' || (g % 500) || '号楼', (@titles)[1 + g % 8], (@titles)[1 + g % 8] || '，来电人请求尽快处理并回复。',
                    s.at, (@agents)[1 + g % 60], '话务员', coalesce(t.archived, t.closed, t.replied, s.at),
                    t.replied, CASE WHEN t.replied IS NOT NULL THEN '已到现场处理完毕，已电话告知来电人。' END, CASE WHEN t.replied IS NOT NULL THEN 'Yes' END,
                    t.closed, t.archived,
                    CASE WHEN t.redo THEN 1 ELSE 0 END, CASE WHEN t.visited IS NOT NULL THEN CASE WHEN t.unreachable THEN 3 ELSE 1 END ELSE 0 END, 0, 0, 0,
                    CASE WHEN k.h3 % 25 = 0 AND g > 1000 THEN {Pg.IdSql("g - 1000")} END,
                    CASE WHEN s.kind = 'merged' AND g > 1 THEN {Pg.IdSql("g - 1")} END,
                    t.signed, CASE WHEN t.signed IS NOT NULL THEN t.signed + interval '2 hours' END,
                    t.visit_required, t.visit_required AND NOT t.by_rule, t.visit_due, t.visit_due + interval '3 days', t.visited,
                    CASE WHEN t.visited IS NOT NULL AND NOT t.unreachable THEN
                        CASE WHEN t.redo THEN CASE WHEN k.h % 10 < 3 THEN 'Unsatisfied' ELSE 'BasicallySatisfied' END
                             WHEN (k.h * 7) % 100 < 80 THEN 'Satisfied' ELSE 'BasicallySatisfied' END END,
                    CASE WHEN t.visited IS NOT NULL AND NOT t.unreachable THEN CASE WHEN (k.h * 11) % 100 < 88 THEN 'Yes' ELSE 'Partly' END END,
                    CASE WHEN s.dispatched THEN 2 END, CASE WHEN s.dispatched THEN 'Hours' END, CASE WHEN s.dispatched THEN s.at + interval '10 minutes' END,
                    CASE WHEN s.dispatched THEN s.at + interval '130 minutes' END, CASE WHEN s.dispatched THEN s.at + interval '100 minutes' END,
                    CASE WHEN NOT s.dispatched THEN NULL WHEN t.signed IS NULL THEN 'OnTime' ELSE 'Met' END, t.signed,
                    CASE WHEN s.due THEN 10 END, CASE WHEN s.due THEN 'WorkingDays' END, CASE WHEN s.due THEN t.restart END,
                    CASE WHEN s.due THEN t.restart + interval '14 days' END, CASE WHEN s.due THEN t.restart + interval '13 days' END,
                    CASE WHEN NOT s.due THEN NULL WHEN t.met IS NULL THEN 'OnTime' ELSE 'Met' END, t.met
                FROM generate_series(1, {total}) AS g
                CROSS JOIN LATERAL (SELECT {total} - g AS r, {H} AS h, {H2} AS h2, {H3} AS h3 OFFSET 0) AS k0
                CROSS JOIN LATERAL (SELECT k0.*,
                    CASE WHEN k0.h2 < 300 THEN 'Consultation' WHEN k0.h2 < 650 THEN 'Help' WHEN k0.h2 < 850 THEN 'Complaint' WHEN k0.h2 < 920 THEN 'Suggestion'
                         WHEN k0.h2 < 970 THEN 'Report' WHEN k0.h2 < 985 THEN 'Praise' ELSE 'Other' END AS demand,
                    CASE WHEN k0.h3 < 780 THEN 'Phone' WHEN k0.h3 < 880 THEN 'Wechat' WHEN k0.h3 < 950 THEN 'Web' WHEN k0.h3 < 990 THEN 'App' ELSE 'Sms' END AS channel,
                    k0.h % 50 <> 9 AS wants OFFSET 0) AS k
                CROSS JOIN LATERAL (SELECT
                    CASE WHEN k.h < 10 THEN 'notacc' WHEN k.h < 30 THEN 'merged' WHEN k.demand = 'Consultation' AND k.h % 10 < 7 THEN 'direct' ELSE 'dispatch' END AS kind,
                    @now - interval '1 minute' - k.r * interval '{(double)Days * 86400 / total:0.###} seconds' AS at OFFSET 0) AS s0
                CROSS JOIN LATERAL (SELECT s0.kind, s0.at,
                    CASE s0.kind WHEN 'notacc' THEN CASE WHEN k.r < {total / Days} THEN 'NotAccepted' ELSE 'Archived' END
                        WHEN 'merged' THEN 'Merged' WHEN 'direct' THEN 'Archived'
                        ELSE CASE WHEN k.r < {recent} THEN
                                CASE WHEN k.h3 < 40 THEN 'Registered' WHEN k.h3 < 150 THEN 'Dispatched' WHEN k.h3 < 650 THEN 'InProgress'
                                     WHEN k.h3 < 670 THEN 'ReturnRequested' WHEN k.h3 < 760 THEN 'Replied' WHEN k.h3 < 880 THEN 'Closed' ELSE 'Archived' END
                             WHEN k.r < {recent + late} AND k.h3 % 10 = 0 THEN 'InProgress'
                             ELSE 'Archived' END END AS status OFFSET 0) AS s1
                CROSS JOIN LATERAL (SELECT s1.*, s1.kind = 'dispatch' AND s1.status <> 'Registered' AS dispatched,
                    s1.kind IN ('dispatch', 'direct') AS due OFFSET 0) AS s
                CROSS JOIN LATERAL (SELECT
                    CASE WHEN s.dispatched AND s.status <> 'Dispatched' THEN s.at + CASE WHEN k.h2 % 20 = 7 THEN interval '3 hours' ELSE interval '1 hour' END END AS signed,
                    CASE WHEN s.kind = 'direct' THEN s.at + interval '5 minutes'
                         WHEN s.status IN ('Replied', 'Closed', 'Archived') AND s.kind = 'dispatch' THEN
                            s.at + CASE WHEN k.h3 % 12 = 0 THEN interval '15 days' ELSE (1 + k.h3 % 5) * interval '1 day' END + (k.h2 % 24) * interval '1 hour' END AS replied,
                    s.kind = 'dispatch' AND s.status = 'Archived' AND k.h2 % 25 = 3 AS redo,
                    k.demand IN ('Help', 'Complaint') AS by_rule OFFSET 0) AS t0
                CROSS JOIN LATERAL (SELECT t0.*,
                    CASE WHEN s.kind = 'direct' THEN t0.replied WHEN s.status IN ('Closed', 'Archived') THEN t0.replied + interval '4 hours' END AS closed1,
                    s.kind IN ('dispatch', 'direct') AND s.status IN ('Closed', 'Archived') AND k.wants AND (t0.by_rule OR k.h2 % 10 < 3) AND s.kind = 'dispatch' AS visit_required,
                    t0.redo AND FALSE AS unused OFFSET 0) AS t1
                CROSS JOIN LATERAL (SELECT t1.*,
                    -- a redo: visited unsatisfied a day after the first closure, replied again two days later, closed 4 hours after that
                    CASE WHEN t1.redo THEN t1.closed1 + interval '3 days 4 hours' ELSE t1.closed1 END AS closed,
                    CASE WHEN t1.redo THEN t1.closed1 + interval '1 day' ELSE s.at END AS restart,
                    CASE WHEN t1.redo THEN t1.closed1 + interval '3 days' ELSE t1.replied END AS met,
                    t1.visit_required AND NOT t1.redo AND k.h3 % 33 = 1 AS unreachable OFFSET 0) AS t2
                CROSS JOIN LATERAL (SELECT t2.signed, t2.replied, t2.redo, t2.by_rule, t2.closed, t2.restart, t2.met, t2.unreachable,
                    t2.visit_required AND t2.closed IS NOT NULL AS visit_required,
                    CASE WHEN t2.visit_required THEN t2.closed + interval '1 day' END AS visit_due,
                    CASE WHEN t2.visit_required AND s.status = 'Archived' THEN t2.closed + interval '1 day' + (k.h % 8) * interval '1 hour'
                        + CASE WHEN t2.unreachable THEN interval '6 hours' ELSE interval '0' END END AS visited,
                    CASE WHEN s.status <> 'Archived' THEN NULL
                         WHEN s.kind = 'direct' THEN t2.closed + interval '1 hour'
                         WHEN s.kind = 'notacc' THEN s.at + interval '1 day'
                         WHEN t2.visit_required THEN t2.closed + interval '1 day' + (k.h % 8) * interval '1 hour' + CASE WHEN t2.unreachable THEN interval '6 hours' ELSE interval '0' END
                         ELSE t2.closed + interval '1 day' END AS archived OFFSET 0) AS t;
                """;
            await Pg.ExecAsync(c, ordersSql, now, parameters);
            Step($"{total:N0} orders");

            const string Orders = "(SELECT o.*, substr(o.number, 3)::bigint AS g FROM work_orders o) AS o";
            // The first-level lead hop of every dispatched order (its clocks the order's); one in five of a large unit's orders passed down to a sub-unit.
            await Pg.ExecAsync(c, $"""
                INSERT INTO assignments (id, work_order_id, unit_id, role, parent_id, status, dispatched_at, dispatched_by, accepted_at, replied_at, reply_result, closed_at,
                    sign_for_limit_quantity, sign_for_limit_unit, sign_for_start_at, sign_for_due_at, sign_for_approaching_at, sign_for_state, sign_for_met_at,
                    completion_limit_quantity, completion_limit_unit, completion_start_at, completion_due_at, completion_approaching_at, completion_state, completion_met_at)
                SELECT {Pg.IdSql("o.g", 'a')}, o.id, {LeadUnitSql("o.g")}, 'Lead', NULL,
                    CASE o.status WHEN 'Dispatched' THEN 'Pending' WHEN 'InProgress' THEN 'Accepted' WHEN 'ReturnRequested' THEN 'ReturnRequested' ELSE 'Replied' END,
                    o.created_at + interval '10 minutes', @dispatcher, o.signed_for_at, o.replied_at, o.reply_result, o.closed_at,
                    o.sign_for_limit_quantity, o.sign_for_limit_unit, o.sign_for_start_at, o.sign_for_due_at, o.sign_for_approaching_at, o.sign_for_state, o.sign_for_met_at,
                    o.completion_limit_quantity, o.completion_limit_unit, o.completion_start_at, o.completion_due_at, o.completion_approaching_at, o.completion_state, o.completion_met_at
                FROM {Orders} WHERE o.sign_for_due_at IS NOT NULL;
                INSERT INTO assignments (id, work_order_id, unit_id, role, parent_id, status, dispatched_at, dispatched_by, accepted_at, replied_at, reply_result, closed_at,
                    sign_for_limit_quantity, sign_for_limit_unit, sign_for_start_at, sign_for_due_at, sign_for_approaching_at, sign_for_state, sign_for_met_at,
                    completion_limit_quantity, completion_limit_unit, completion_start_at, completion_due_at, completion_approaching_at, completion_state, completion_met_at)
                SELECT {Pg.IdSql("o.g", '1')}, o.id, (@units)[1 + {BigUnits} + ((o.g / 5) % {BigUnits}) * 5 + (o.g / 25) % 5], 'Lead', {Pg.IdSql("o.g", 'a')},
                    CASE WHEN o.replied_at IS NULL THEN 'Accepted' ELSE 'Replied' END, o.signed_for_at + interval '10 minutes', NULL, o.signed_for_at + interval '40 minutes',
                    o.replied_at - interval '4 hours', CASE WHEN o.replied_at IS NOT NULL THEN '已处理，请上级单位审核后答复。' END, o.closed_at,
                    2, 'Hours', o.signed_for_at + interval '10 minutes', o.signed_for_at + interval '130 minutes', o.signed_for_at + interval '100 minutes', 'Met', o.signed_for_at + interval '40 minutes',
                    o.completion_limit_quantity, o.completion_limit_unit, o.signed_for_at, o.completion_due_at - interval '1 day', o.completion_approaching_at - interval '1 day',
                    CASE WHEN o.replied_at IS NULL THEN 'OnTime' ELSE 'Met' END, o.replied_at - interval '4 hours'
                FROM {Orders} WHERE o.signed_for_at IS NOT NULL AND o.g % 25 = 0;
                """, now, parameters);
            Step("assignments");

            // The events the KPIs read: closures (and the second after a redo), answers on the call, not accepted, merged, returns, redos, ends.
            await Pg.ExecAsync(c, $"""
                INSERT INTO work_order_events (id, work_order_id, version, at, type, actor_id, actor_name, actor_unit_id, from_status, to_status, unit_id)
                SELECT {Pg.IdSql("o.g", '2')}, o.id, 2, o.created_at + interval '5 minutes',
                    CASE WHEN o.demand_type = 'Consultation' AND o.sign_for_due_at IS NULL AND o.completion_due_at IS NOT NULL THEN 'answeredDirectly'
                         WHEN o.status = 'Merged' THEN 'merged' ELSE 'notAccepted' END,
                    (@agents)[1 + o.g % 60], '话务员', NULL, 'Registered',
                    CASE WHEN o.completion_due_at IS NOT NULL THEN 'Closed' WHEN o.status = 'Merged' THEN 'Merged' ELSE 'NotAccepted' END, NULL
                FROM {Orders} WHERE o.sign_for_due_at IS NULL AND o.status <> 'Registered';
                INSERT INTO work_order_events (id, work_order_id, version, at, type, actor_id, actor_name, actor_unit_id, from_status, to_status, unit_id)
                SELECT {Pg.IdSql("o.g", '3')}, o.id, 5, CASE WHEN o.redo_count > 0 THEN o.closed_at - interval '3 days 4 hours' ELSE o.closed_at END, 'reviewApproved',
                    @dispatcher, '派单员', NULL, 'Replied', 'Closed', {LeadUnitSql("o.g")}
                FROM {Orders} WHERE o.sign_for_due_at IS NOT NULL AND o.closed_at IS NOT NULL;
                INSERT INTO work_order_events (id, work_order_id, version, at, type, actor_id, actor_name, actor_unit_id, from_status, to_status, unit_id)
                SELECT {Pg.IdSql("o.g", '4')}, o.id, 7, o.closed_at - interval '2 days 4 hours', 'redo', @visitor, '回访员', NULL, 'Closed', 'InProgress', {LeadUnitSql("o.g")}
                FROM {Orders} WHERE o.redo_count > 0;
                INSERT INTO work_order_events (id, work_order_id, version, at, type, actor_id, actor_name, actor_unit_id, from_status, to_status, unit_id)
                SELECT {Pg.IdSql("o.g", '5')}, o.id, 9, o.closed_at, 'reviewApproved', @dispatcher, '派单员', NULL, 'Replied', 'Closed', {LeadUnitSql("o.g")}
                FROM {Orders} WHERE o.redo_count > 0;
                INSERT INTO work_order_events (id, work_order_id, version, at, type, actor_id, actor_name, actor_unit_id, from_status, to_status, unit_id)
                SELECT {Pg.IdSql("o.g", '6')}, o.id, 3, o.created_at + interval '40 minutes', 'returnRequested', @dispatcher, '承办人', NULL, 'InProgress', 'ReturnRequested', {LeadUnitSql("o.g")}
                FROM {Orders} WHERE o.sign_for_due_at IS NOT NULL AND (o.g * 2654435761) % 33 = 5;
                INSERT INTO work_order_events (id, work_order_id, version, at, type, actor_id, actor_name, actor_unit_id, from_status, to_status, unit_id)
                SELECT {Pg.IdSql("o.g", '7')}, o.id, 10, o.archived_at, CASE WHEN o.visited_at IS NOT NULL THEN 'visited' ELSE 'archived' END, @visitor, '回访员', NULL,
                    CASE WHEN o.closed_at IS NULL THEN 'NotAccepted' ELSE 'Closed' END, 'Archived', NULL
                FROM {Orders} WHERE o.archived_at IS NOT NULL;
                """, now, parameters);
            Step("events");

            // The visits: the final one of each visited order; the two unreached attempts before an unreachable one's third; the unsatisfied first round of a redo.
            await Pg.ExecAsync(c, $"""
                INSERT INTO return_visits (id, work_order_id, round, attempt, reached, solved, satisfaction, comment, at, by)
                SELECT {Pg.IdSql("o.g", '8')}, o.id, 1 + o.redo_count, o.visit_attempts, o.final_satisfaction IS NOT NULL, o.final_solved, o.final_satisfaction, NULL, o.visited_at, @visitor
                FROM {Orders} WHERE o.visited_at IS NOT NULL;
                INSERT INTO return_visits (id, work_order_id, round, attempt, reached, solved, satisfaction, comment, at, by)
                SELECT ('9' || lpad(to_hex(o.g * 4 + a), 31, '0'))::uuid, o.id, 1, a, FALSE, NULL, NULL, '无人接听', o.visited_at - (3 - a) * interval '3 hours', @visitor
                FROM {Orders} CROSS JOIN generate_series(1, 2) AS a WHERE o.visited_at IS NOT NULL AND o.final_satisfaction IS NULL;
                INSERT INTO return_visits (id, work_order_id, round, attempt, reached, solved, satisfaction, comment, at, by)
                SELECT {Pg.IdSql("o.g", 'f')}, o.id, 1, 1, TRUE, CASE WHEN o.g % 2 = 0 THEN 'No' ELSE 'Partly' END, 'Unsatisfied', '问题没有解决', o.closed_at - interval '2 days 4 hours', @visitor
                FROM {Orders} WHERE o.redo_count > 0;
                """, now, parameters);
            Step("visits");

            if (callsPerDay > 0)
            {
                var calls = (long)callsPerDay * Days;
                await Pg.ExecAsync(c, $"""
                    INSERT INTO phone_calls (id, phone_system_id, external_id, direction, "from", "to", queue, offered_at, answered_at, ended_at, cause, extension, agent_id,
                        outcome, loss, wait_seconds, talk_seconds, agents_signed_in_at_offer, within_service_hours, version)
                    SELECT {Pg.IdSql("g", '7')}, @system, 'call-' || g, 'In', '13' || lpad(((g * 7919) % 1000000000)::text, 9, '0'), '12345', '热线',
                        x.offered, CASE WHEN x.outcome = 'Answered' THEN x.offered + x.wait * interval '1 second' END,
                        x.offered + x.wait * interval '1 second' + CASE WHEN x.outcome = 'Answered' THEN x.talk * interval '1 second' ELSE interval '0' END,
                        CASE WHEN x.outcome = 'Answered' THEN 'normalClearing' ELSE 'cancel' END,
                        CASE WHEN x.outcome = 'Answered' THEN (8000 + g % 200)::text END, CASE WHEN x.outcome = 'Answered' THEN (@agents)[1 + g % 60] END,
                        x.outcome, NULL, x.wait, CASE WHEN x.outcome = 'Answered' THEN x.talk END, TRUE, TRUE, 3
                    FROM generate_series(1::bigint, {calls}) AS g
                    CROSS JOIN LATERAL (SELECT ((g * 2654435761) % 1000) AS h, ((g * 40503) % 1000) AS h2 OFFSET 0) AS k
                    CROSS JOIN LATERAL (SELECT
                        @now - interval '1 minute' - ({calls} - g) * interval '{(double)Days * 86400 / calls:0.####} seconds' AS offered,
                        CASE WHEN k.h < 920 THEN 'Answered' WHEN k.h < 970 THEN 'Abandoned' ELSE 'ShortAbandon' END AS outcome,
                        CASE WHEN k.h < 920 THEN CASE WHEN k.h2 < 850 THEN k.h2 % 15 ELSE 15 + k.h2 % 120 END
                             WHEN k.h < 970 THEN 10 + k.h2 % 180 ELSE 1 + k.h2 % 9 END::double precision AS wait,
                        (40 + (k.h2 * 7) % 400)::double precision AS talk OFFSET 0) AS x;
                    """, now, parameters);
                Step($"{calls:N0} calls");
            }
        });
        Step("indexes rebuilt");
        await Pg.VacuumAnalyzeAsync(c, "work_orders", "assignments", "work_order_events", "return_visits", "phone_calls", "units", "categories", "regions");
        Step("vacuum analyze");

        await using var size = new NpgsqlCommand("""
            SELECT pg_size_pretty(pg_database_size(current_database())), (SELECT count(*) FROM work_orders),
                (SELECT string_agg(status || ' ' || n, ', ' ORDER BY status) FROM (SELECT status, count(*) AS n FROM work_orders GROUP BY status) s),
                (SELECT count(*) FROM assignments), (SELECT count(*) FROM work_order_events), (SELECT count(*) FROM return_visits), (SELECT count(*) FROM phone_calls)
            """, c);
        await using var r = await size.ExecuteReaderAsync();
        await r.ReadAsync();
        Console.WriteLine($"seeded {r.GetInt64(1):N0} orders ({r.GetString(2)}), {r.GetInt64(3):N0} hops, {r.GetInt64(4):N0} events, {r.GetInt64(5):N0} visit records, "
            + $"{r.GetInt64(6):N0} calls; database {r.GetString(0)}; in {watch.Elapsed.TotalSeconds:0} s");
    }

    /// <summary>Units (as the lists benchmark), two-level categories, ten districts of twenty communities, one phone system.</summary>
    private static async Task Reference(NpgsqlConnection c, DateTime now)
    {
        var sql = new System.Text.StringBuilder();
        for (var i = 0; i < Units; i++)
        {
            var parent = i >= BigUnits && i < BigUnits * 6 ? Unit((i - BigUnits) / 5) : (Guid?)null;
            var kind = i < BigUnits ? "Department" : parent is null ? "StreetOffice" : "RepairCrew";
            var path = parent is { } p ? $"/{p:N}/{Unit(i):N}/" : $"/{Unit(i):N}/";
            sql.Append(CultureInfo.InvariantCulture,
                $"INSERT INTO units (id, kind, name, code, parent_id, path, depth, is_active, created_at) VALUES ('{Unit(i)}', '{kind}', '压测单位{i + 1:000}', 'U{i + 1:000}', {(parent is { } q ? $"'{q}'" : "NULL")}, '{path}', {(parent is null ? 0 : 1)}, TRUE, @now);\n");
        }

        for (var t = 0; t < TopCategories; t++)
        {
            sql.Append(CultureInfo.InvariantCulture,
                $"INSERT INTO categories (id, name, code, parent_id, path, depth, is_active, created_at) VALUES ('{Category(t)}', '{TopNames[t]}', '{t + 1:00}', NULL, '/{Category(t):N}/', 0, TRUE, @now);\n");
            for (var s = 0; s < SubNames.Length; s++)
            {
                var id = Category(TopCategories + (t * SubNames.Length) + s);
                sql.Append(CultureInfo.InvariantCulture,
                    $"INSERT INTO categories (id, name, code, parent_id, path, depth, is_active, created_at) VALUES ('{id}', '{SubNames[s]}', '{t + 1:00}{s + 1:00}', '{Category(t)}', '/{Category(t):N}/{id:N}/', 1, TRUE, @now);\n");
            }
        }

        for (var d = 0; d < Districts; d++)
        {
            var district = Region(d);
            sql.Append(CultureInfo.InvariantCulture,
                $"INSERT INTO regions (id, name, code, parent_id, path, depth, is_active, created_at) VALUES ('{district}', '压测区{d + 1}', '{DistrictCode(d)}', NULL, '/{district:N}/', 0, TRUE, @now);\n");
            for (var k = 0; k < CommunitiesPerDistrict; k++)
            {
                var id = Region(Districts + (d * CommunitiesPerDistrict) + k);
                sql.Append(CultureInfo.InvariantCulture,
                    $"INSERT INTO regions (id, name, code, parent_id, path, depth, is_active, created_at) VALUES ('{id}', '压测区{d + 1}社区{k + 1}', '{CommunityCode(d, k)}', '{district}', '/{district:N}/{id:N}/', 1, TRUE, @now);\n");
            }
        }

        sql.Append(CultureInfo.InvariantCulture, $"INSERT INTO phone_systems (id, name, token_hash, created_at, is_active) VALUES ('{PhoneSystem}', '压测话务平台', 'bench', @now - interval '400 days', TRUE);\n");
        await Pg.ExecAsync(c, sql.ToString(), now);
    }
}
