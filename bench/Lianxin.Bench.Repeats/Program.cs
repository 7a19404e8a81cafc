using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Lianxin.Bench.Seeding;
using Lianxin.Core.Data;
using Lianxin.Core.Organization;
using Lianxin.Core.Repeats;
using Lianxin.Core.WorkOrders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

// Repeat detection and the caller history at 10,000,000 orders (docs/benchmarks.md; bench/repeats.sh).
//   seed <connection> <orders>                    migrate, then load the orders in SQL
//   direct <connection>                           DetectRepeat and the bare candidate query, called in process
//   http <url> <phase> <admin-password> <orders>  registrations (phase on|off) or caller histories (history, history8) over HTTP
var mode = args.ElementAtOrDefault(0) ?? throw new InvalidOperationException("usage: seed|direct|http ...");
var now = DateTime.SpecifyKind(DateTime.Parse("2026-11-23T02:00:00", CultureInfo.InvariantCulture), DateTimeKind.Utc);
switch (mode)
{
    case "seed":
        await Seed.RunAsync(args[1], int.Parse(args[2], CultureInfo.InvariantCulture), now);
        break;
    case "direct":
        await Direct.RunAsync(args[1], now);
        break;
    case "http":
        await Http.RunAsync(args[1], args[2], args[3], int.Parse(args[4], CultureInfo.InvariantCulture));
        break;
    default:
        throw new InvalidOperationException($"unknown mode {mode}");
}

/// <summary>The phones of the seeded data, in four kinds, and the texts the orders carry.</summary>
internal static class Data
{
    public const int HeavyOrders = 200;      // 0.2 % of the orders: callers with 200 orders in a year
    public const int FrequentOrders = 50;    // 5 %: callers with 50 orders in 180 days
    public const int OccasionalOrders = 3;   // 15 %: callers with 3 orders in two years; the rest call once

    public static int Heavy(int total) => Math.Max(1, total / 500 / HeavyOrders);

    public static int Frequent(int total) => Math.Max(1, total / 20 / FrequentOrders);

    public static int Occasional(int total) => Math.Max(1, total * 3 / 20 / OccasionalOrders);

    /// <summary>The last order number (g) of the heavy, frequent and occasional callers; single callers follow.</summary>
    public static (int Heavy, int Frequent, int Occasional) Ends(int total)
    {
        var heavy = Heavy(total) * HeavyOrders;
        var frequent = heavy + (Frequent(total) * FrequentOrders);
        return (heavy, frequent, frequent + (Occasional(total) * OccasionalOrders));
    }

    public static readonly Guid Unit = Guid.Parse("00000000-0000-0000-0000-0000000000a1");
    public static readonly Guid Root = Guid.Parse("00000000-0000-0000-0000-0000000000c0");
    public static readonly Guid[] Branches = [Guid.Parse("00000000-0000-0000-0000-0000000000b1"), Guid.Parse("00000000-0000-0000-0000-0000000000b2"), Guid.Parse("00000000-0000-0000-0000-0000000000b3")];
    public static readonly Guid[] Leaves = Enumerable.Range(1, 9).Select(i => Guid.Parse($"00000000-0000-0000-0000-0000000000d{i}")).ToArray();

    /// <summary>(title, description): what hotline orders say; each template belongs to one leaf category (index % 9).</summary>
    public static readonly (string Title, string Description)[] Texts =
    [
        ("家中突然停水", "来电人反映家中从早上七点起停水，小区门口没有停水通知，家中老人做饭吃药用水困难，请求尽快恢复供水并告知原因。"),
        ("高层水压太低", "来电人反映所住楼栋十八楼每天早上水压很低，淋浴几乎没水，燃气热水器打不着火，已持续一周，请求核查二次供水设备。"),
        ("水费突然翻倍", "来电人反映家中本月水费比平时高出两倍，家里没有漏水，晚上关掉所有龙头水表仍在转，怀疑水表故障，请求上门检测。"),
        ("楼下下水道堵塞", "来电人反映所住单元一楼下水道堵塞，污水从地漏往上冒，厨房和卫生间都不能用水，物业维修工说今天来不了，请求派人疏通。"),
        ("路边窨井盖丢失", "来电人反映小区北门外人行道上的窨井盖丢失，晚上看不清很危险，已有电动车差点掉进去，请求尽快补上并设置警示。"),
        ("卫生间地漏泛水", "来电人反映卫生间地漏从晚上九点开始往上冒水，污水已经漫到客厅，疑似楼栋排水立管堵塞，请求连夜处置。"),
        ("暖气不热", "来电人反映家中暖气片摸着只有二十度左右，室温不到十五度，家里有婴儿和老人，请求热力公司上门检查。"),
        ("暖气片接口漏水", "来电人反映卧室暖气片接口一直在滴水，地板已经泡了，关了阀门还在漏，请求热力抢修人员尽快上门。"),
        ("咨询采暖费标准", "来电人询问今年采暖费的收费标准、缴费截止时间和线上缴费渠道，家中有困难想了解能否申请减免。"),
        ("小区无故停水", "来电人称所住小区整栋楼没有水，问了邻居也一样，不知道是计划停水还是管道故障，请求核实并告知来水时间。"),
        ("厨房下水不通", "来电人反映厨房水槽下水很慢，用疏通剂也没有用，怀疑楼下主管道堵了，楼上一放水就往上反，请求处理。"),
        ("暖气管爆裂漏热水", "来电人紧急反映楼道里的暖气管爆裂，热水喷出来，楼梯上全是水，担心烫伤老人小孩，请求马上关阀抢修。"),
    ];

    /// <summary>A phone of each kind, from its index, the way <see cref="Seed"/> wrote them.</summary>
    public static string HeavyPhone(int i) => "1391" + i.ToString("0000000", CultureInfo.InvariantCulture);

    public static string FrequentPhone(int i) => "1392" + i.ToString("0000000", CultureInfo.InvariantCulture);

    public static string OccasionalPhone(int i) => "1393" + i.ToString("0000000", CultureInfo.InvariantCulture);

    public static string SinglePhone(long g) => "13" + g.ToString("000000000", CultureInfo.InvariantCulture);

    /// <summary>The mix looked up: half single-order phones (or, for registrations, half of those new), 30 % occasional, 15 % frequent, 5 % heavy.</summary>
    public static (string Phone, string Kind) Pick(Random rng, int total, bool newPhones)
    {
        var roll = rng.NextDouble();
        return roll switch
        {
            < 0.05 => (HeavyPhone(rng.Next(Heavy(total))), "heavy"),
            < 0.20 => (FrequentPhone(rng.Next(Frequent(total))), "frequent"),
            < 0.50 => (OccasionalPhone(rng.Next(Occasional(total))), "occasional"),
            _ => newPhones && roll >= 0.75
                ? ("155" + rng.Next(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture), "new")
                : (SinglePhone(rng.Next(Ends(total).Occasional + 1, total + 1)), "single"),
        };
    }
}

internal static class Seed
{
    public static async Task RunAsync(string connection, int total, DateTime now)
    {
        await Pg.MigrateAsync(connection);

        await using var c = new NpgsqlConnection(connection);
        await c.OpenAsync();
        var watch = Stopwatch.StartNew();

        // Bulk load without per-row index and foreign-key work; the indexes are built once afterwards.
        await Pg.BulkLoadAsync(c, ["work_orders", "assignments"], async () =>
        {
            var leafPaths = Data.Leaves.Select((leaf, i) => (leaf, branch: Data.Branches[i / 3])).ToList();
            await Pg.ExecAsync(c, $"""
                INSERT INTO units (id, name, code, parent_id, path, depth, is_active, created_at, kind)
                    VALUES ('{Data.Unit}', '压测供水抢修中心', NULL, NULL, '/{Data.Unit:N}/', 0, TRUE, @now, 'RepairCrew');
                INSERT INTO categories (id, name, code, parent_id, path, depth, is_active, created_at)
                    VALUES ('{Data.Root}', '压测公用事业', NULL, NULL, '/{Data.Root:N}/', 0, TRUE, @now);
                {string.Join("\n", Data.Branches.Select((b, i) => $"INSERT INTO categories (id, name, code, parent_id, path, depth, is_active, created_at) VALUES ('{b}', '压测分支{i + 1}', NULL, '{Data.Root}', '/{Data.Root:N}/{b:N}/', 1, TRUE, @now);"))}
                {string.Join("\n", leafPaths.Select((l, i) => $"INSERT INTO categories (id, name, code, parent_id, path, depth, is_active, created_at) VALUES ('{l.leaf}', '压测分类{i + 1}', NULL, '{l.branch}', '/{Data.Root:N}/{l.branch:N}/{l.leaf:N}/', 2, TRUE, @now);"))}
                """, now);

            var (heavyEnd, frequentEnd, occasionalEnd) = Data.Ends(total);
            var titles = Data.Texts.Select(t => t.Title).ToArray();
            var descriptions = Data.Texts.Select(t => t.Description).ToArray();
            var leaves = Data.Texts.Select((_, i) => Data.Leaves[i % 9]).ToArray();
            for (var from = 1; from <= total; from += 1_000_000)
            {
                var to = Math.Min(total, from + 999_999);
                await Pg.ExecAsync(c, $"""
                    INSERT INTO work_orders (id, number, version, status, channel, demand_type, urgency, requester_name, requester_phone, requester_confidential,
                        requester_wants_reply, category_id, address, title, description, created_at, created_by_name, updated_at, closed_at,
                        redo_count, visit_attempts, urge_count, supervise_count, extension_days)
                    SELECT lpad(to_hex(g), 32, '0')::uuid, 'BX' || lpad(g::text, 10, '0'), 2,
                        CASE WHEN t.at > @now - interval '10 days' THEN 'InProgress' ELSE 'Archived' END, 'Phone', 'Help', 'Normal', '压测', t.phone, FALSE,
                        TRUE, (@leaves)[1 + g % 12], '压测小区' || (g % 500) || '栋', (@titles)[1 + g % 12], (@descriptions)[1 + g % 12], t.at, '压测', t.at,
                        CASE WHEN t.at > @now - interval '10 days' THEN NULL ELSE t.at + interval '3 days' END,
                        0, 0, 0, 0, 0
                    FROM generate_series({from}, {to}) AS g
                    CROSS JOIN LATERAL (SELECT
                        CASE WHEN g <= {heavyEnd} THEN '1391' || lpad(((g - 1) % {Data.Heavy(total)})::text, 7, '0')
                             WHEN g <= {frequentEnd} THEN '1392' || lpad(((g - {heavyEnd} - 1) % {Data.Frequent(total)})::text, 7, '0')
                             WHEN g <= {occasionalEnd} THEN '1393' || lpad(((g - {frequentEnd} - 1) % {Data.Occasional(total)})::text, 7, '0')
                             ELSE '13' || lpad(g::text, 9, '0') END AS phone,
                        @now - make_interval(secs => ((g::bigint * 2654435761) % (86400 * CASE WHEN g <= {heavyEnd} THEN 365 WHEN g <= {frequentEnd} THEN 180 ELSE 730 END)) + 60) AS at) AS t;
                    INSERT INTO assignments (id, work_order_id, unit_id, role, parent_id, status, dispatched_at, dispatched_by, accepted_at)
                    SELECT ('a' || lpad(to_hex(g), 31, '0'))::uuid, lpad(to_hex(g), 32, '0')::uuid, '{Data.Unit}', 'Lead', NULL,
                        CASE WHEN o.status = 'Archived' THEN 'Replied' ELSE 'Accepted' END, o.created_at + interval '10 minutes', NULL, o.created_at + interval '30 minutes'
                    FROM generate_series({from}, {to}) AS g JOIN work_orders o ON o.id = lpad(to_hex(g), 32, '0')::uuid;
                    """, now, ("titles", titles), ("descriptions", descriptions), ("leaves", leaves));
                Console.Error.WriteLine($"  {to:N0} orders in {watch.Elapsed.TotalSeconds:0} s");
            }
        });

        Console.Error.WriteLine($"  indexes rebuilt at {watch.Elapsed.TotalSeconds:0} s");
        await Pg.VacuumAnalyzeAsync(c, "work_orders", "assignments");

        await using var size = new NpgsqlCommand("SELECT pg_size_pretty(pg_total_relation_size('work_orders')), (SELECT count(*) FROM work_orders)", c);
        await using var r = await size.ExecuteReaderAsync();
        await r.ReadAsync();
        Console.WriteLine($"seeded {r.GetInt64(1):N0} orders ({r.GetString(0)} with indexes) in {watch.Elapsed.TotalSeconds:0} s");
    }
}

internal static class Direct
{
    public static async Task RunAsync(string connection, DateTime now)
    {
        var options = new DbContextOptionsBuilder<LianxinDbContext>().UseNpgsql(connection).Options;
        var clock = new FixedClock(new DateTimeOffset(now));
        using var refs = new ReferenceData(clock);
        var repeatOptions = Options.Create(new RepeatOptions());
        var total = 10_000_000;
        await using (var db = new LianxinDbContext(options))
        {
            total = await db.WorkOrders.CountAsync();
        }

        var rng = new Random(7);
        var detect = new List<(string Kind, double Ms, bool Flagged)>();
        var lookup = new List<(string Kind, double Ms)>();
        for (var i = 0; i < 3500; i++)
        {
            var (phone, kind) = Data.Pick(rng, total, newPhones: true);
            var text = Data.Texts[rng.Next(Data.Texts.Length)];
            var details = new NewWorkOrder(Channel.Phone, DemandType.Help, Urgency.Normal, new Requester("压测", phone, false, true),
                Data.Leaves[Array.IndexOf(Data.Texts, text) % 9], null, "压测小区1栋", text.Title, text.Description);
            await using var db = new LianxinDbContext(options);
            var snapshot = await refs.GetAsync(db, CancellationToken.None);
            var watch = Stopwatch.StartNew();
            var match = await new DetectRepeat(db, repeatOptions).ExecuteAsync(details, snapshot, now, CancellationToken.None);
            var ms = watch.Elapsed.TotalMilliseconds;
            if (i >= 500)
            {
                detect.Add((kind, ms, match is not null));
            }
        }

        // The candidate rows alone: the same SQL shape, prepared, over one connection.
        await using (var c = new NpgsqlConnection(connection))
        {
            await c.OpenAsync();
            await using var command = new NpgsqlCommand("""
                SELECT id, number, status, created_at, closed_at, category_id, title, description, address FROM work_orders
                WHERE requester_phone = @phone AND (status IN ('Registered', 'Dispatched', 'InProgress', 'ReturnRequested', 'Replied') OR COALESCE(closed_at, created_at) >= @since)
                ORDER BY created_at DESC LIMIT 100
                """, c);
            var phoneParameter = command.Parameters.Add("phone", NpgsqlTypes.NpgsqlDbType.Varchar);
            command.Parameters.AddWithValue("since", now.AddDays(-30));
            await command.PrepareAsync();
            for (var i = 0; i < 3500; i++)
            {
                var (phone, kind) = Data.Pick(rng, total, newPhones: true);
                phoneParameter.Value = phone;
                var watch = Stopwatch.StartNew();
                await using (var reader = await command.ExecuteReaderAsync())
                {
                    while (await reader.ReadAsync())
                    {
                    }
                }

                if (i >= 500)
                {
                    lookup.Add((kind, watch.Elapsed.TotalMilliseconds));
                }
            }
        }

        Console.WriteLine("| measured in process | calls | p50 ms | p95 ms | p99 ms | flagged |");
        Console.WriteLine("|---|---|---|---|---|---|");
        Row("DetectRepeat (query + compare), all phones", detect.Select(d => d.Ms).ToList(), $"{detect.Count(d => d.Flagged) * 100.0 / detect.Count:0}%");
        foreach (var kind in new[] { "new", "single", "occasional", "frequent", "heavy" })
        {
            Row($"DetectRepeat, {kind} phones", detect.Where(d => d.Kind == kind).Select(d => d.Ms).ToList(), $"{detect.Count(d => d.Kind == kind && d.Flagged) * 100.0 / Math.Max(1, detect.Count(d => d.Kind == kind)):0}%");
        }

        Row("candidate query alone (prepared Npgsql, reference)", lookup.Select(l => l.Ms).ToList(), "");
        Row("candidate query alone, heavy phones", lookup.Where(l => l.Kind == "heavy").Select(l => l.Ms).ToList(), "");
    }

    private static void Row(string label, List<double> values, string flagged)
    {
        values.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {label} | {values.Count} | {Stats.P(values, 0.50):0.00} | {Stats.P(values, 0.95):0.00} | {Stats.P(values, 0.99):0.00} | {flagged} |"));
    }
}

/// <summary>Over real HTTP against the Release app: registrations (detection on or off) and caller histories.</summary>
internal static class Http
{
    private const string Password = "bench-password-1";
    private static readonly string[] AgentRoles = ["agent"];

    public static async Task RunAsync(string url, string phase, string adminPassword, int total)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(60) };
        var admin = await TokenAsync(http, "admin", adminPassword);
        var user = "bench-agent-" + Guid.NewGuid().ToString("N")[..8];
        using (var create = new HttpRequestMessage(HttpMethod.Post, "/api/v1/users")
        {
            Content = JsonContent.Create(new { username = user, password = Password, displayName = "压测话务员", roles = AgentRoles }),
        })
        {
            create.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin);
            (await http.SendAsync(create)).EnsureSuccessStatusCode();
        }

        var token = await TokenAsync(http, user, Password);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var rng = new Random(phase.GetHashCode(StringComparison.Ordinal) & 0xFFFF);
        var clients = phase == "history8" ? 8 : 1;
        const int Warmup = 500;
        const int Measured = 3000;

        async Task<(string Kind, double Ms, bool Flagged)> OneAsync(Random r)
        {
            if (phase.StartsWith("history", StringComparison.Ordinal))
            {
                var (phone, kind) = Data.Pick(r, total, newPhones: false);
                var watch = Stopwatch.StartNew();
                using var response = await http.GetAsync($"/api/v1/requesters/{phone}/history");
                await response.Content.ReadAsStringAsync();
                var ms = watch.Elapsed.TotalMilliseconds;
                response.EnsureSuccessStatusCode();
                return (kind, ms, false);
            }
            else
            {
                var (phone, kind) = Data.Pick(r, total, newPhones: true);
                var i = r.Next(Data.Texts.Length);
                var body = new
                {
                    channel = "phone", demandType = "help", urgency = "normal",
                    requester = new { name = "压测", phone, confidential = false, wantsReply = true },
                    categoryId = Data.Leaves[i % 9], address = "压测小区1栋", title = Data.Texts[i].Title, description = Data.Texts[i].Description,
                };
                var watch = Stopwatch.StartNew();
                using var response = await http.PostAsJsonAsync("/api/v1/work-orders", body);
                var json = await response.Content.ReadAsStringAsync();
                var ms = watch.Elapsed.TotalMilliseconds;
                response.EnsureSuccessStatusCode();
                var flagged = JsonDocument.Parse(json).RootElement.GetProperty("repeatOf").ValueKind == JsonValueKind.String;
                return (kind, ms, flagged);
            }
        }

        var results = new List<(string Kind, double Ms, bool Flagged)>();
        var gate = new Lock();
        var perClient = (Warmup + Measured) / clients;
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async k =>
        {
            var r = new Random((rng.Next() * 31) + k);
            for (var n = 0; n < perClient; n++)
            {
                var result = await OneAsync(r);
                if (n >= Warmup / clients)
                {
                    lock (gate)
                    {
                        results.Add(result);
                    }
                }
            }
        }));

        var label = phase switch
        {
            "on" => "register, detection on",
            "off" => "register, detection off",
            "history" => "caller history, 1 client",
            _ => $"caller history, {clients} clients",
        };
        var all = results.Select(x => x.Ms).OrderBy(x => x).ToList();
        var flaggedShare = phase is "on" or "off" ? $"{results.Count(x => x.Flagged) * 100.0 / results.Count:0}%" : "";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {label} | {results.Count} | {Stats.P(all, 0.50):0.00} | {Stats.P(all, 0.95):0.00} | {Stats.P(all, 0.99):0.00} | {flaggedShare} | {results.Count / wall.Elapsed.TotalSeconds * (results.Count + Warmup) / results.Count:0} |"));
        foreach (var kind in new[] { "new", "single", "occasional", "frequent", "heavy" })
        {
            var values = results.Where(x => x.Kind == kind).Select(x => x.Ms).OrderBy(x => x).ToList();
            if (values.Count > 0)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| &nbsp;&nbsp;{kind} phones | {values.Count} | {Stats.P(values, 0.50):0.00} | {Stats.P(values, 0.95):0.00} | {Stats.P(values, 0.99):0.00} | | |"));
            }
        }
    }

    private static async Task<string> TokenAsync(HttpClient http, string username, string password)
    {
        using var response = await http.PostAsJsonAsync("/api/v1/auth/token", new { username, password });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }
}

internal static class Stats
{
    public static double P(List<double> sorted, double p) => sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, Math.Max(0, (int)Math.Ceiling(p * sorted.Count) - 1))];
}
