using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

// Load generator for docs/benchmarks.md: drives the HTTP API of a running Lianxin with concurrent
// clients and reports throughput and latency percentiles as JSON. See bench/run.sh.
var options = Options.Parse(args);
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1024, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
{
    BaseAddress = new Uri(options.Url),
    Timeout = TimeSpan.FromSeconds(30),
};

var setup = await Setup.PrepareAsync(http, options.AdminPassword);
var results = new JsonObject { ["url"] = options.Url, ["clients"] = options.Clients, ["seconds"] = options.Seconds };

// Warm up JIT, connection pools and caches with the loop itself.
await Phases.RunAsync(http, setup, options.Clients, TimeSpan.FromSeconds(options.WarmupSeconds), Phases.Loop);

var appCpu = new AppCpu(options.AppPid);
var cpuBefore = appCpu.Read();
var create = await Phases.RunAsync(http, setup, options.Clients, TimeSpan.FromSeconds(options.Seconds), Phases.Create);
create.AppCpuSeconds = appCpu.Read() - cpuBefore;
cpuBefore = appCpu.Read();
var loop = await Phases.RunAsync(http, setup, options.Clients, TimeSpan.FromSeconds(options.Seconds), Phases.Loop);
loop.AppCpuSeconds = appCpu.Read() - cpuBefore;
results["create"] = create.ToJson();
results["loop"] = loop.ToJson();
if (options.Json is { } path)
{
    await File.WriteAllTextAsync(path, results.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
}

// One markdown row per phase, for docs/benchmarks.md.
var reference = options.ReferenceTps;
foreach (var (phase, r) in new[] { ("create", create), ("register→dispatch→accept→reply", loop) })
{
    var perSecond = r.Completed / r.Elapsed.TotalSeconds;
    var ratio = reference > 0 ? (perSecond / reference).ToString("0.00", CultureInfo.InvariantCulture) + "×" : "–";
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {options.Label} | {phase} | {options.Clients} | {perSecond:0} | {r.Percentile("register", 0.50):0.0} | {r.Percentile("register", 0.99):0.0} | {r.AllPercentile(0.99):0.0} | {ratio} | {(r.Completed > 0 ? r.AppCpuSeconds * 1000 / r.Completed : 0):0.00} | {r.Errors} |"));
}

internal sealed record Options(string Url, int Clients, int Seconds, int WarmupSeconds, string AdminPassword, string Label, double ReferenceTps, string? Json, int AppPid)
{
    public static Options Parse(string[] args)
    {
        string Arg(string name, string fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }

        return new Options(
            Arg("--url", "http://127.0.0.1:5080"),
            int.Parse(Arg("--clients", "16"), CultureInfo.InvariantCulture),
            int.Parse(Arg("--seconds", "30"), CultureInfo.InvariantCulture),
            int.Parse(Arg("--warmup", "10"), CultureInfo.InvariantCulture),
            Arg("--admin-password", Environment.GetEnvironmentVariable("Lianxin__Admin__Password") ?? "bench-admin-1"),
            Arg("--label", "lianxin"),
            double.Parse(Arg("--reference-tps", "0"), CultureInfo.InvariantCulture),
            args.Contains("--json") ? Arg("--json", "") : null,
            int.Parse(Arg("--app-pid", "0"), CultureInfo.InvariantCulture));
    }
}

internal sealed record Setup(string AgentToken, string HandlerToken, Guid UnitId, Guid CategoryId)
{
    private const string Password = "bench-password-1";
    private static readonly string[] AgentRoles = ["agent", "dispatcher"];
    private static readonly string[] HandlerRoles = ["handler"];

    public static async Task<Setup> PrepareAsync(HttpClient http, string adminPassword)
    {
        var admin = await TokenAsync(http, "admin", adminPassword);
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var unit = await CreateAsync(http, admin, "/api/v1/units", new { name = "压测维修队" + suffix, kind = "repairCrew" });
        var category = await CreateAsync(http, admin, "/api/v1/categories", new { name = "压测分类" + suffix });
        await CreateAsync(http, admin, "/api/v1/users", new { username = "bench-agent-" + suffix, password = Password, displayName = "压测话务员", roles = AgentRoles });
        await CreateAsync(http, admin, "/api/v1/users", new { username = "bench-crew-" + suffix, password = Password, displayName = "压测承办人", roles = HandlerRoles, unitId = unit });
        return new Setup(await TokenAsync(http, "bench-agent-" + suffix, Password), await TokenAsync(http, "bench-crew-" + suffix, Password), unit, category);
    }

    private static async Task<string> TokenAsync(HttpClient http, string username, string password)
    {
        using var response = await http.PostAsJsonAsync("/api/v1/auth/token", new { username, password });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    private static async Task<Guid> CreateAsync(HttpClient http, string token, string url, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body, body.GetType()) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }
}

internal sealed class Recorder
{
    private readonly Dictionary<string, List<double>> _latencies = [];
    private readonly Lock _lock = new();

    public int Completed;
    public int Errors;

    public void Add(string step, double milliseconds)
    {
        lock (_lock)
        {
            if (!_latencies.TryGetValue(step, out var list))
            {
                _latencies[step] = list = [];
            }

            list.Add(milliseconds);
        }
    }

    public TimeSpan Elapsed { get; set; }

    /// <summary>CPU the app process used during the phase: what one order costs, whatever else the machine does.</summary>
    public double AppCpuSeconds { get; set; }

    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["completed"] = Completed,
            ["errors"] = Errors,
            ["seconds"] = Math.Round(Elapsed.TotalSeconds, 2),
            ["perSecond"] = Math.Round(Completed / Elapsed.TotalSeconds, 1),
            ["appCpuMsPerItem"] = Completed > 0 ? Math.Round(AppCpuSeconds * 1000 / Completed, 3) : 0,
        };
        foreach (var (step, values) in _latencies)
        {
            values.Sort();
            json[step] = new JsonObject
            {
                ["count"] = values.Count,
                ["p50Ms"] = Math.Round(Percentile(values, 0.50), 2),
                ["p95Ms"] = Math.Round(Percentile(values, 0.95), 2),
                ["p99Ms"] = Math.Round(Percentile(values, 0.99), 2),
                ["maxMs"] = Math.Round(values[^1], 2),
            };
        }

        return json;
    }

    public double Percentile(string step, double p)
    {
        lock (_lock)
        {
            if (!_latencies.TryGetValue(step, out var values) || values.Count == 0)
            {
                return 0;
            }

            values.Sort();
            return Percentile(values, p);
        }
    }

    /// <summary>Over every request of the phase, whatever its step.</summary>
    public double AllPercentile(double p)
    {
        lock (_lock)
        {
            var all = _latencies.Values.SelectMany(v => v).ToList();
            all.Sort();
            return all.Count == 0 ? 0 : Percentile(all, p);
        }
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}

internal static class Phases
{
    private static int _phone;

    public delegate Task Work(HttpClient http, Setup setup, Recorder recorder);

    public static async Task<Recorder> RunAsync(HttpClient http, Setup setup, int clients, TimeSpan duration, Work work)
    {
        var recorder = new Recorder();
        var watch = Stopwatch.StartNew();
        var tasks = Enumerable.Range(0, clients).Select(async _ =>
        {
            while (watch.Elapsed < duration)
            {
                try
                {
                    await work(http, setup, recorder);
                    Interlocked.Increment(ref recorder.Completed);
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref recorder.Errors);
                }
            }
        });
        await Task.WhenAll(tasks);
        recorder.Elapsed = watch.Elapsed;
        return recorder;
    }

    public static async Task Create(HttpClient http, Setup setup, Recorder recorder) =>
        await RegisterAsync(http, setup, recorder);

    /// <summary>register → dispatch → accept → reply: the unit's side of one order.</summary>
    public static async Task Loop(HttpClient http, Setup setup, Recorder recorder)
    {
        var id = await RegisterAsync(http, setup, recorder);
        await PostAsync(http, setup.AgentToken, $"/api/v1/work-orders/{id}/dispatch", new { assignments = new[] { new { unitId = setup.UnitId, role = "lead" } } }, "dispatch", recorder);
        await PostAsync(http, setup.HandlerToken, $"/api/v1/work-orders/{id}/accept", new { }, "accept", recorder);
        await PostAsync(http, setup.HandlerToken, $"/api/v1/work-orders/{id}/reply", new { result = "已派员到场处置，问题已解决。", solved = "yes" }, "reply", recorder);
    }

    private static async Task<Guid> RegisterAsync(HttpClient http, Setup setup, Recorder recorder)
    {
        var phone = "139" + Interlocked.Increment(ref _phone).ToString("00000000", CultureInfo.InvariantCulture);
        var body = new
        {
            channel = "phone",
            demandType = "help",
            urgency = "urgent",
            requester = new { name = "压测市民", phone },
            categoryId = setup.CategoryId,
            address = "压测路 1 号",
            title = "卫生间地漏泛水",
            description = "来电人反映卫生间地漏往上冒水，已漫到客厅，请求派人疏通。",
        };
        var json = await PostAsync(http, setup.AgentToken, "/api/v1/work-orders", body, "register", recorder);
        return json.GetProperty("id").GetGuid();
    }

    private static async Task<JsonElement> PostAsync(HttpClient http, string token, string url, object body, string step, Recorder recorder)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body, body.GetType()) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var started = Stopwatch.GetTimestamp();
        using var response = await http.SendAsync(request);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        recorder.Add(step, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{step} answered {(int)response.StatusCode}: {json}");
        }

        return json;
    }
}

/// <summary>User + system CPU of the app process from /proc (Linux), in seconds; 0 when no pid is given.</summary>
internal sealed class AppCpu(int pid)
{
    public double Read()
    {
        if (pid <= 0 || !File.Exists($"/proc/{pid}/stat"))
        {
            return 0;
        }

        // Fields after the command name: state is 3rd; utime and stime are the 14th and 15th, in clock ticks (100 Hz).
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }
}
