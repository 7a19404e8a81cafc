using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

// The CTI ingest at full speed (docs/benchmarks.md, bench/cti.sh): N concurrent "PBX connections" each play
// calls back to back — newCall, answer by one of the agents' extensions, hangup — as fast as the app answers,
// re-posting a share of the events as a phone system's retries would. Prints key=value lines for the script:
// events acknowledged (new and repeated), seconds, latency percentiles per post, the app's CPU seconds.
//   setup   --url U --admin-password P --agents 50            → token=… (a phone system and 50 agents with extensions)
//   run     --url U --token T --connections 64 --seconds 30 --duplicates 0.05 --app-pid PID
var command = args.Length > 0 ? args[0] : "";
string Arg(string name, string fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}

var url = Arg("--url", "http://127.0.0.1:5080");
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 4096, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
{
    BaseAddress = new Uri(url),
    Timeout = TimeSpan.FromSeconds(60),
};

switch (command)
{
    case "setup":
        Console.WriteLine("token=" + await Setup.RunAsync(http, Arg("--admin-password", "bench-admin-1"), int.Parse(Arg("--agents", "50"), CultureInfo.InvariantCulture)));
        return 0;
    case "run":
        await Load.RunAsync(
            http, Arg("--token", ""), int.Parse(Arg("--connections", "64"), CultureInfo.InvariantCulture), int.Parse(Arg("--seconds", "30"), CultureInfo.InvariantCulture),
            double.Parse(Arg("--duplicates", "0.05"), CultureInfo.InvariantCulture), int.Parse(Arg("--agents", "50"), CultureInfo.InvariantCulture),
            int.Parse(Arg("--app-pid", "0"), CultureInfo.InvariantCulture), Arg("--label", "run"));
        return 0;
    default:
        Console.Error.WriteLine("usage: setup|run (see bench/cti.sh)");
        return 2;
}

internal static class Setup
{
    private static readonly string[] AgentRoles = ["agent"];

    public static async Task<string> RunAsync(HttpClient http, string adminPassword, int agents)
    {
        using var signIn = await http.PostAsJsonAsync("/api/v1/auth/token", new { username = "admin", password = adminPassword });
        signIn.EnsureSuccessStatusCode();
        var admin = (await signIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
        for (var i = 0; i < agents; i++)
        {
            var extension = (7001 + i).ToString(CultureInfo.InvariantCulture);
            await PostAsync(http, admin, "/api/v1/users", new { username = "cti-agent-" + extension, password = "bench-password-1", displayName = "压测坐席" + extension, roles = AgentRoles, extension });
        }

        return (await PostAsync(http, admin, "/api/v1/cti/tokens", new { name = "压测话务平台" })).GetProperty("token").GetString()!;
    }

    private static async Task<JsonElement> PostAsync(HttpClient http, string token, string path, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body, body.GetType()) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{path}: {(int)response.StatusCode} {text}");
        }

        return JsonDocument.Parse(text).RootElement.Clone();
    }
}

internal static class Load
{
    public static async Task RunAsync(HttpClient http, string token, int connections, int seconds, double duplicates, int agents, int appPid, string label)
    {
        var path = "/api/v1/cti/" + token;
        var run = Guid.NewGuid().ToString("N")[..8];
        long posts = 0, repeats = 0, errors = 0, calls = 0;
        var latencies = new List<double>[connections];
        var cpuBefore = AppCpu(appPid);
        var selfBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var until = TimeSpan.FromSeconds(seconds);

        async Task Worker(int w)
        {
            var random = new Random(w);
            var mine = latencies[w] = new List<double>(100_000);
            async Task Post(string body)
            {
                var started = Stopwatch.GetTimestamp();
                using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded");
                using var response = await http.PostAsync(path, content);
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref posts);
                }
                else
                {
                    Interlocked.Increment(ref errors);
                }
            }

            for (var n = 0; watch.Elapsed < until; n++)
            {
                var id = $"bench-{run}-{w}-{n}";
                var from = "13" + random.Next(0, 1_000_000_000).ToString("000000000", CultureInfo.InvariantCulture);
                var agent = (7001 + random.Next(agents)).ToString(CultureInfo.InvariantCulture);
                string[] events =
                [
                    $"event=newCall&direction=in&from={from}&to=12345&callId={id}&queue=%E7%83%AD%E7%BA%BF",
                    $"event=answer&direction=in&callId={id}&answeringNumber={agent}",
                    $"event=hangup&direction=in&callId={id}&cause=normalClearing",
                ];
                foreach (var body in events)
                {
                    await Post(body);
                    if (random.NextDouble() < duplicates)
                    {
                        Interlocked.Increment(ref repeats);
                        await Post(body); // the phone system did not see our answer and sends it again
                    }
                }

                Interlocked.Increment(ref calls);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, connections).Select(w => Task.Run(() => Worker(w))));
        var elapsed = watch.Elapsed.TotalSeconds;
        var cpu = AppCpu(appPid) - cpuBefore;
        var self = (Process.GetCurrentProcess().TotalProcessorTime - selfBefore).TotalSeconds;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        double P(double q) => all.Length == 0 ? 0 : all[Math.Min(all.Length - 1, (int)(q * all.Length))];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"label={label} connections={connections} seconds={elapsed:0.00} calls={calls} posts={posts} repeats={repeats} errors={errors} postsPerSecond={posts / elapsed:0} p50={P(0.50):0.0} p95={P(0.95):0.0} p99={P(0.99):0.0} appCpuSeconds={cpu:0.00} loadCpuSeconds={self:0.00}"));
    }

    /// <summary>The app's user + system CPU seconds (/proc/PID/stat, fields 14 and 15, in 100 Hz ticks).</summary>
    private static double AppCpu(int pid)
    {
        if (pid <= 0 || !File.Exists($"/proc/{pid}/stat"))
        {
            return 0;
        }

        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }
}
