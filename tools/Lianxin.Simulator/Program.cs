using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Lianxin.Core.Calls;
using Lianxin.Core.Staffing;
using Lianxin.Simulator;

// 话务模拟器 / traffic simulator (issue 10, docs/cti.md): plays a span of calls from TrafficSimulator into a
// running Lianxin's CTI endpoint as a phone system would, or (--check) compares the simulated queue with
// Erlang A without a server.
Options options;
try
{
    options = Options.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine("用法见 --help / see --help");
    return 2;
}

if (options.Help)
{
    Console.WriteLine(Options.HelpText);
    return 0;
}

return options.Check ? Check.Run(options) : await Live.RunAsync(options);

namespace Lianxin.Simulator
{
    internal sealed record Options
    {
        public string Url { get; init; } = "http://127.0.0.1:5000";

        public string Token { get; init; } = "demo-cti-token";

        public double CallsPerHour { get; init; } = 400;

        public double AhtSeconds { get; init; } = 180;

        public double PatienceSeconds { get; init; } = 120;

        public double WrapUpSeconds { get; init; }

        public int? Agents { get; init; }

        public IReadOnlyList<string>? Extensions { get; init; }

        public string? User { get; init; }

        public string Password { get; init; } = "lianxin-demo";

        public double Hours { get; init; } = 2;

        public double Speed { get; init; } = 1;

        public int Seed { get; init; } = 1;

        public double TargetSeconds { get; init; } = 15;

        public string Hotline { get; init; } = "12345";

        public bool Check { get; init; }

        public int Days { get; init; } = 100;

        public bool Help { get; init; }

        public const string HelpText = """
            连心话务模拟器 — 按到达率、处理时长、来电人耐心和坐席数模拟一段来电，像话务系统一样把
            newCall / answer / hangup 事件发到 POST /api/v1/cti/{令牌}；结束时把模拟结果与 Erlang A 对照。
            Lianxin traffic simulator — plays calls (arrival rate, handle time, caller patience, agents) into
            POST /api/v1/cti/{token} as a phone system would, and compares the outcome with Erlang A.

            用法 / usage:
              dotnet run --project tools/Lianxin.Simulator -- [选项 / options]

            选项 / options:
              --url URL               连心地址 / Lianxin's address                 (默认 http://127.0.0.1:5000)
              --token T               CTI 令牌 / the phone system's token          (默认 demo-cti-token，演示中心的令牌)
              --calls-per-hour N      每小时来电 / calls per hour                  (默认 400)
              --aht S                 平均通话秒数 / mean talk time, seconds       (默认 180)
              --patience S            平均耐心秒数 / mean caller patience, seconds (默认 120)
              --wrap-up S             话后整理秒数（固定）/ wrap-up, seconds       (默认 0)
              --agents N              坐席数 / agents on the phones                (默认：分机数 / the extensions found)
              --extensions 8001,8002  坐席分机 / the agents' extensions; 不足 N 个时以 9001… 补齐 / padded with 9001…
              --user U --password P   登录后从 GET /api/v1/agents 读取坐席分机 / read the extensions from the agents list
                                      (默认密码 lianxin-demo；演示中心用 --user supervisor)
              --hours H               模拟时长（小时）/ hours to play              (默认 2)
              --speed X               加速倍数 / time runs X times faster          (默认 1 = 实时 / real time)
                                      注意：服务端以到达时刻计时，加速后通话时长也按 X 缩短。
                                      The server times events on arrival: at X > 1 its durations shrink X times.
              --target S              服务水平目标秒数 / service-level target      (默认 15)
              --seed N                随机种子 / random seed                       (默认 1)
              --check                 不连服务器：模拟多天并与 Erlang A 比较 / no server: simulate many days, compare with Erlang A
              --days N                --check 模拟天数 / days for --check          (默认 100)
              --help                  显示本帮助 / this help

            例 / examples:
              dotnet run --project tools/Lianxin.Simulator -- --user supervisor --calls-per-hour 60 --aht 150 --hours 1 --speed 10
              dotnet run --project tools/Lianxin.Simulator -- --check --calls-per-hour 200 --aht 180 --patience 300 --agents 13
            """;

        public static Options Parse(string[] args)
        {
            var o = new Options();
            for (var i = 0; i < args.Length; i++)
            {
                var name = args[i];
                string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{name} 缺少取值 / needs a value");
                double Number(double min, double max)
                {
                    var text = Value();
                    return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max
                        ? v
                        : throw new ArgumentException($"{name} {text}: 应为 {min}–{max} 之间的数 / must be a number from {min} to {max}");
                }

                o = name switch
                {
                    "--url" => o with { Url = Value().TrimEnd('/') },
                    "--token" => o with { Token = Value() },
                    "--calls-per-hour" => o with { CallsPerHour = Number(0.1, 1_000_000) },
                    "--aht" => o with { AhtSeconds = Number(1, 36_000) },
                    "--patience" => o with { PatienceSeconds = Number(1, 36_000) },
                    "--wrap-up" => o with { WrapUpSeconds = Number(0, 3_600) },
                    "--agents" => o with { Agents = (int)Number(1, 100_000) },
                    "--extensions" => o with { Extensions = [.. Value().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)] },
                    "--user" => o with { User = Value() },
                    "--password" => o with { Password = Value() },
                    "--hours" => o with { Hours = Number(0.01, 24 * 31) },
                    "--speed" => o with { Speed = Number(0.01, 100_000) },
                    "--target" => o with { TargetSeconds = Number(1, 3_600) },
                    "--seed" => o with { Seed = (int)Number(0, int.MaxValue) },
                    "--hotline" => o with { Hotline = Value() },
                    "--check" => o with { Check = true },
                    "--days" => o with { Days = (int)Number(1, 100_000) },
                    "--help" or "-h" or "/?" => o with { Help = true },
                    _ => throw new ArgumentException($"未知选项 / unknown option: {name}"),
                };
            }

            return o;
        }

        /// <summary>The plan for <paramref name="extensions"/> from <paramref name="start"/>: a steady rate, in half hours (or equal parts of the span).</summary>
        public TrafficPlan Plan(DateTime start, IReadOnlyList<string> extensions, int seed, double hours)
        {
            var count = Math.Max(1, (int)Math.Ceiling((hours * 2) - 1e-9));
            var minutes = hours * 60 / count;
            var intervals = Enumerable.Repeat(CallsPerHour * minutes / 60, count).ToList();
            return new TrafficPlan(start, intervals, minutes, AhtSeconds, PatienceSeconds, extensions, WrapUpSeconds, Hotline, Seed: seed);
        }

        /// <summary>Erlang A for the same inputs; the handle time counts the wrap-up (exact only without one, as the model's times are exponential).</summary>
        public QueuePerformance ErlangAFor(int agents) =>
            ErlangA.Evaluate(new StaffingRequest(CallsPerHour / 2, 30, AhtSeconds + WrapUpSeconds, TargetSeconds, 0.8, PatienceSeconds: PatienceSeconds), agents);
    }

    /// <summary>What a set of simulated calls came to, as the wallboard counts (abandons after the short-abandon limit included).</summary>
    internal sealed record Figures(int Offered, int Answered, int Abandoned, int WithinTarget, double WaitSum)
    {
        public static Figures Of(IEnumerable<SimulatedCall> calls, double target)
        {
            int offered = 0, answered = 0, abandoned = 0, within = 0;
            double waits = 0;
            foreach (var c in calls)
            {
                offered++;
                if (c.Abandoned)
                {
                    abandoned++;
                    continue;
                }

                answered++;
                waits += c.WaitSeconds;
                if (c.WaitSeconds <= target)
                {
                    within++;
                }
            }

            return new Figures(offered, answered, abandoned, within, waits);
        }

        public static Figures operator +(Figures a, Figures b) =>
            new(a.Offered + b.Offered, a.Answered + b.Answered, a.Abandoned + b.Abandoned, a.WithinTarget + b.WithinTarget, a.WaitSum + b.WaitSum);

        /// <summary>Answered within the target, of all offered (the abandoned count against it, as in Erlang A).</summary>
        public double ServiceLevel => Offered == 0 ? 0 : WithinTarget / (double)Offered;

        public double Abandonment => Offered == 0 ? 0 : Abandoned / (double)Offered;

        public double AverageSpeedOfAnswer => Answered == 0 ? 0 : WaitSum / Answered;

        public static void Print(Figures sim, QueuePerformance model, double target)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
                                                        模拟 simulated   Erlang A      差 difference
                  服务水平 service level ({target:0} s)   {sim.ServiceLevel,10:P1}   {model.ServiceLevel,10:P1}   {(sim.ServiceLevel - model.ServiceLevel) * 100,+8:+0.0;-0.0} 点 points
                  放弃率 abandonment                {sim.Abandonment,10:P1}   {model.AbandonmentRate,10:P1}   {(sim.Abandonment - model.AbandonmentRate) * 100,+8:+0.0;-0.0} 点 points
                  平均应答 ASA (s)                  {sim.AverageSpeedOfAnswer,10:0.0}   {model.AverageSpeedOfAnswerSeconds,10:0.0}
                  来电 offered {sim.Offered}, 接通 answered {sim.Answered}, 放弃 abandoned {sim.Abandoned}
                """));
        }
    }

    /// <summary>--check: many simulated days against Erlang A, no server.</summary>
    internal static class Check
    {
        /// <summary>The first half hour of each day starts from an empty queue and idle agents: left out, as Erlang A describes a steady state.</summary>
        private static readonly TimeSpan WarmUp = TimeSpan.FromMinutes(30);

        public static int Run(Options o)
        {
            var agents = o.Agents ?? o.Extensions?.Count ?? throw new ArgumentException("--check 需要 --agents / --check needs --agents");
            var extensions = Live.Pad([], agents);
            var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            var hours = o.Hours + WarmUp.TotalHours;
            var total = new Figures(0, 0, 0, 0, 0);
            var watch = Stopwatch.StartNew();
            for (var day = 0; day < o.Days; day++)
            {
                var calls = TrafficSimulator.Play(o.Plan(start, extensions, o.Seed + day, hours));
                total += Figures.Of(calls.Where(c => c.OfferedAt >= start + WarmUp), o.TargetSeconds);
            }

            var model = o.ErlangAFor(agents);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{o.Days} 天 days × {o.Hours:0.##} h, {o.CallsPerHour:0.#} 通/小时 calls/h, AHT {o.AhtSeconds:0} s, 耐心 patience {o.PatienceSeconds:0} s, 话后 wrap-up {o.WrapUpSeconds:0} s, {agents} 坐席 agents ({watch.Elapsed.TotalSeconds:0.0} s)"));
            if (o.WrapUpSeconds > 0)
            {
                Console.WriteLine("注意：Erlang A 把话后整理计入处理时长且按指数分布，固定的整理时间只能近似比较。/ Note: Erlang A takes the wrap-up into an exponential handle time; a fixed wrap-up compares only roughly.");
            }

            Figures.Print(total, model, o.TargetSeconds);
            var levelOk = Math.Abs(total.ServiceLevel - model.ServiceLevel) <= 0.03;
            var abandonOk = Math.Abs(total.Abandonment - model.AbandonmentRate) <= 0.01;
            Console.WriteLine(levelOk && abandonOk
                ? "一致：服务水平差 ≤ 3 点，放弃率差 ≤ 1 点。/ Agrees: service level within 3 points, abandonment within 1."
                : "不一致 / DISAGREES: " + (levelOk ? "" : "服务水平差 > 3 点 / service level off by more than 3 points; ") + (abandonOk ? "" : "放弃率差 > 1 点 / abandonment off by more than 1 point"));
            return levelOk && abandonOk ? 0 : 1;
        }
    }

    /// <summary>Plays the calls into a running Lianxin, in real time × speed.</summary>
    internal static class Live
    {
        private const int MaxAttempts = 6;

        public static async Task<int> RunAsync(Options o)
        {
            using var http = new HttpClient { BaseAddress = new Uri(o.Url + "/"), Timeout = TimeSpan.FromSeconds(15) };
            IReadOnlyList<string> extensions;
            try
            {
                extensions = await ExtensionsAsync(http, o);
            }
            catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or TaskCanceledException)
            {
                Console.Error.WriteLine($"读取坐席失败 / could not read the agents: {ex.Message}");
                return 1;
            }

            var start = DateTime.SpecifyKind(TimeProvider.System.GetUtcNow().UtcDateTime, DateTimeKind.Utc);
            var plan = o.Plan(start, extensions, o.Seed, o.Hours);
            var calls = TrafficSimulator.Play(plan);
            var events = TrafficSimulator.Events(calls, plan);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{calls.Count} 通来电 calls, {events.Count} 个事件 events over {o.Hours:0.##} h at ×{o.Speed:0.##} ({TimeSpan.FromHours(o.Hours / o.Speed):hh\\:mm\\:ss} wall); 分机 extensions {string.Join(",", extensions.Take(12))}{(extensions.Count > 12 ? "…" : "")}"));
            Console.WriteLine($"→ {o.Url}/api/v1/cti/{Mask(o.Token)}   (Ctrl+C 停止 / stops)");

            using var stop = new CancellationTokenSource();
            Console.CancelKeyPress += (_, e) =>
            {
                e.Cancel = true;
                stop.Cancel();
            };

            var played = new HashSet<string>(StringComparer.Ordinal);
            int sent = 0, retried = 0, refused = 0, rejected = 0;
            var clock = Stopwatch.StartNew();
            var lastReport = TimeSpan.Zero;
            foreach (var e in events)
            {
                var due = TimeSpan.FromTicks((long)((e.At - start).Ticks / o.Speed));
                var wait = due - clock.Elapsed;
                try
                {
                    if (wait > TimeSpan.Zero)
                    {
                        await Task.Delay(wait, stop.Token);
                    }

                    var (ok, attempts, problem) = await PostAsync(http, o.Token, e, stop.Token);
                    retried += attempts - 1;
                    if (ok is null)
                    {
                        refused++;
                        Console.Error.WriteLine($"拒收 / refused {e.Event} {e.CallId}: {problem}");
                        if (problem?.Contains("unknown-token", StringComparison.Ordinal) == true)
                        {
                            Console.Error.WriteLine("令牌无效：用管理页或 POST /api/v1/cti/tokens 新建话务系统 / unknown token: create a phone system first (docs/cti.md)");
                            return 1;
                        }
                    }
                    else
                    {
                        sent++;
                        rejected += ok.Value ? 1 : 0;
                        if (e.Event == "newCall")
                        {
                            played.Add(e.CallId);
                        }
                    }
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    Console.WriteLine("已停止 / stopped");
                    break;
                }
                catch (HttpRequestException ex)
                {
                    Console.Error.WriteLine($"服务器不可达，放弃 / the server cannot be reached, giving up: {ex.Message}");
                    return 1;
                }

                if (clock.Elapsed - lastReport >= TimeSpan.FromSeconds(5))
                {
                    lastReport = clock.Elapsed;
                    var soFar = calls.Where(c => played.Contains(c.CallId) && c.EndedAt <= e.At).ToList();
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"[{e.At.ToLocalTime():HH:mm:ss} 模拟 sim] 事件 events {sent}/{events.Count}, 来电 calls {played.Count}, 已结束 ended {soFar.Count} (放弃 abandoned {soFar.Count(c => c.Abandoned)}), 重试 retries {retried}, 拒收 refused {refused}"));
                }
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"完成 / done: 事件 events {sent}, 重试 retries {retried}, 拒收 refused {refused}, 黑名单拒接 rejected as blocked {rejected}, {clock.Elapsed.TotalSeconds:0.0} s"));
            var counted = calls.Where(c => played.Contains(c.CallId)).ToList();
            Figures.Print(Figures.Of(counted, o.TargetSeconds), o.ErlangAFor(extensions.Count), o.TargetSeconds);
            if (o.Hours < 2)
            {
                Console.WriteLine("（从空队列开始的短时模拟好于稳态，Erlang A 描述的是稳态；用 --check 对照模型。/ A short run from an empty queue does better than the steady state Erlang A describes; --check compares with the model.）");
            }

            if (o.Speed > 1)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"（服务端的时长是模拟的 1/{o.Speed:0.##}：看板上的等待与通话按到达时刻计。/ The server's durations are 1/{o.Speed:0.##} of these: it times events as they arrive.）"));
            }

            return refused == 0 ? 0 : 1;
        }

        /// <summary>The extensions to play: given, or the agents' from the server, padded to --agents with 9001, 9002 …</summary>
        private static async Task<IReadOnlyList<string>> ExtensionsAsync(HttpClient http, Options o)
        {
            var found = new List<string>(o.Extensions ?? []);
            if (o.User is { } user)
            {
                using var signIn = await http.PostAsJsonAsync("api/v1/auth/token", new { username = user, password = o.Password });
                if (!signIn.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"登录失败 / sign-in failed ({(int)signIn.StatusCode})");
                }

                var token = (await signIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
                using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/agents");
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                using var response = await http.SendAsync(request);
                if (!response.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"GET /api/v1/agents: {(int)response.StatusCode}");
                }

                foreach (var agent in (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray())
                {
                    if (agent.TryGetProperty("extension", out var ext) && ext.GetString() is { Length: > 0 } extension && !found.Contains(extension))
                    {
                        found.Add(extension);
                    }
                }
            }

            var wanted = o.Agents ?? (found.Count > 0 ? found.Count : 10);
            return Pad(found.Take(wanted).ToList(), wanted);
        }

        public static IReadOnlyList<string> Pad(List<string> extensions, int count)
        {
            for (var n = 9001; extensions.Count < count; n++)
            {
                var candidate = n.ToString(CultureInfo.InvariantCulture);
                if (!extensions.Contains(candidate))
                {
                    extensions.Add(candidate);
                }
            }

            return extensions;
        }

        /// <summary>
        /// Posts one event form-encoded, as a PBX does. Retries a failure (no answer, 5xx, 408, 429) with a growing
        /// pause: the endpoint is exactly-once per call and event kind, so a retry that was stored already is harmless.
        /// Answers whether the call was turned away (null: refused for good, with the problem).
        /// </summary>
        private static async Task<(bool? Rejected, int Attempts, string? Problem)> PostAsync(HttpClient http, string token, SimulatedEvent e, CancellationToken ct)
        {
            var fields = e.Fields().Where(f => f.Value is not null).Select(f => new KeyValuePair<string, string>(f.Key, f.Value!)).ToList();
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    using var content = new FormUrlEncodedContent(fields);
                    using var response = await http.PostAsync("api/v1/cti/" + Uri.EscapeDataString(token), content, ct);
                    var body = await response.Content.ReadAsStringAsync(ct);
                    if (response.IsSuccessStatusCode)
                    {
                        return (body.Contains("\"reject\"", StringComparison.Ordinal), attempt, null);
                    }

                    if (attempt >= MaxAttempts || !(response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500))
                    {
                        return (null, attempt, $"{(int)response.StatusCode} {body}");
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested && attempt < MaxAttempts)
                {
                    // No answer: try again.
                }

                await Task.Delay(TimeSpan.FromMilliseconds(200 * Math.Pow(2, attempt - 1)), ct);
            }
        }

        private static string Mask(string token) => token.Length <= 8 ? token : token[..4] + "…";
    }
}
