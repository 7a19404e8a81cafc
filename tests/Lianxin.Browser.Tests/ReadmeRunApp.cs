using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;
using Microsoft.Playwright;

namespace Lianxin.Browser.Tests;

/// <summary>
/// The app started the way README.md tells a new user to start it: <c>dotnet run --project src/Lianxin.Web</c>
/// from the repository root, as a child process with no environment name (so Production). The other
/// browser tests host the app in-process (WebApplicationFactory, Development), which serves static web
/// assets by itself and so never showed that <c>dotnet run</c> did not.
/// </summary>
public sealed class ReadmeRunApp : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);

    private readonly StringBuilder _output = new();
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "lianxin-tests", "readme-run-" + Guid.NewGuid().ToString("N"));
    private Process? _process;
    private IPlaywright? _playwright;

    public string RepositoryRoot { get; } = FindRepositoryRoot();

    public string BaseUrl { get; private set; } = "";

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Everything the child process printed so far (stdout and stderr).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_dataDirectory);
        var port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}";

        // --no-build -c <this test project's configuration>: building this project built Lianxin.Web in the
        // same configuration (./test.sh builds Release once before any test runs). Building again here would
        // cost a minute on a shared machine while other tests run, and would test nothing more.
        var configuration = typeof(ReadmeRunApp).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = RepositoryRoot,
            ArgumentList = { "run", "--project", "src/Lianxin.Web", "--no-build", "-c", configuration },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        // A new user's shell names no environment: the app runs as Production, the case that broke.
        start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        start.Environment.Remove("DOTNET_ENVIRONMENT");
        start.Environment["ASPNETCORE_URLS"] = BaseUrl;
        start.Environment["ConnectionStrings__Lianxin"] = $"Data Source={Path.Combine(_dataDirectory, "lianxin.db")}";

        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        try
        {
            await WaitUntilLiveAsync();
            _playwright = await Playwright.CreateAsync();
            Browser = await BrowserApp.LaunchChromiumAsync(_playwright);
        }
        catch (Exception e)
        {
            // xunit may not dispose a fixture whose start failed: stop the child here.
            await StopAsync();
            throw new InvalidOperationException($"{e.Message}\n--- output of dotnet run ---\n{Output}", e);
        }
    }

    public async Task<IPage> NewPageAsync()
    {
        // 1366×768: the common seat PC of a hotline centre (UI.md).
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "zh-CN", ViewportSize = new ViewportSize { Width = 1366, Height = 768 } });
        return await context.NewPageAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await StopAsync();
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    private async Task WaitUntilLiveAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"dotnet run exited with code {_process.ExitCode} before {BaseUrl} answered.");
            }

            try
            {
                using var response = await http.GetAsync(BaseUrl + "/health/live");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet: migrations and the demo centre load first.
            }
            catch (TaskCanceledException)
            {
                // Listening but slow to answer on a busy machine; try again.
            }

            if (deadline.Elapsed > StartTimeout)
            {
                throw new TimeoutException($"dotnet run did not answer on {BaseUrl}/health/live within {StartTimeout.TotalMinutes} minutes.");
            }

            await Task.Delay(500);
        }
    }

    /// <summary>Kills <c>dotnet run</c> and the app it started (a child process of its own).</summary>
    private async Task StopAsync()
    {
        if (_process is null)
        {
            return;
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(timeout.Token);
        _process.Dispose();
        _process = null;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Lianxin.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Lianxin.slnx above {AppContext.BaseDirectory}.");
    }
}
