using Lianxin.Web.Demo;
using Lianxin.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Lianxin.Browser.Tests;

/// <summary>
/// The app on real Kestrel with the demo centre loaded (SQLite), and Debian's Chromium driven by
/// Playwright. Screenshots go to tests/Lianxin.Browser.Tests/screenshots/ for people to look at.
/// </summary>
public sealed class BrowserApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string ChromiumVariable = "LIANXIN_TEST_CHROMIUM";

    private TestDatabase? _database;
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl { get; private set; } = "";

    public static string ScreenshotDirectory { get; } = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../screenshots"));

    /// <summary>
    /// The demo centre as the first app of the run loaded it, copied for every other test class: each class still
    /// starts on a fresh demo of its own, without walking nine weeks of history through the use cases again.
    /// </summary>
    private static readonly SemaphoreSlim DemoLock = new(1, 1);
    private static string? _demoTemplate;

    public async ValueTask InitializeAsync()
    {
        _database = TestDatabase.Sqlite();
        await DemoLock.WaitAsync();
        try
        {
            var file = new SqliteConnectionStringBuilder(_database.ConnectionString).DataSource;
            if (_demoTemplate is not null)
            {
                File.Copy(_demoTemplate, file);
            }

            UseKestrel(0);
            StartServer();
            if (_demoTemplate is null)
            {
                // A consistent copy while the app runs (its background work may write meanwhile).
                var template = Path.Combine(Path.GetTempPath(), "lianxin-tests", $"demo-{Guid.NewGuid():N}.db");
                await using var connection = new SqliteConnection(_database.ConnectionString);
                await connection.OpenAsync();
                await using var vacuum = connection.CreateCommand();
                vacuum.CommandText = "VACUUM INTO $path";
                vacuum.Parameters.AddWithValue("$path", template);
                await vacuum.ExecuteNonQueryAsync();
                _demoTemplate = template;
                AppDomain.CurrentDomain.ProcessExit += (_, _) => File.Delete(template);
            }
        }
        finally
        {
            DemoLock.Release();
        }

        BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        _playwright = await Playwright.CreateAsync();
        Browser = await LaunchChromiumAsync(_playwright);
    }

    /// <summary>The system browser, never a downloaded one: in CI a missing Chromium fails the run.</summary>
    public static async Task<IBrowser> LaunchChromiumAsync(IPlaywright playwright)
    {
        var chromium = Environment.GetEnvironmentVariable(ChromiumVariable) ?? "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            throw new InvalidOperationException($"Chromium not found at {chromium}: run ./test.sh (it installs Debian's chromium) or set {ChromiumVariable}.");
        }

        Directory.CreateDirectory(ScreenshotDirectory);
        return await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Lianxin:Database:Provider", "sqlite");
        builder.UseSetting("ConnectionStrings:Lianxin", _database!.ConnectionString);
        builder.UseSetting("Lianxin:Demo:Seed", "true");
        builder.UseSetting("Lianxin:Auth:LoginAttemptsPerMinute", "10000");
    }

    public async Task<IPage> NewPageAsync(string? locale = "zh-CN")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { Locale = locale, ViewportSize = new ViewportSize { Width = 1440, Height = 900 } });
        return await context.NewPageAsync();
    }

    /// <summary>
    /// A new page at the seat PC's 1366×768, signed in as <paramref name="user"/> of the demo centre (every
    /// demo login shares its password), then on <paramref name="path"/> when given; else it waits on the
    /// home page for <paramref name="waitFor"/> (e.g. <c>#orders</c>, rendered once the circuit runs).
    /// </summary>
    public async Task<IPage> SignedInAsync(string user, string? path = null, string? waitFor = null, string? locale = "zh-CN")
    {
        var page = await NewPageAsync(locale);
        await page.SetViewportSizeAsync(1366, 768);
        await SignInAsync(page, BaseUrl, user);
        if (waitFor is not null)
        {
            await page.WaitForSelectorAsync(waitFor);
        }

        if (path is not null)
        {
            await page.GotoAsync(BaseUrl + path);
        }

        return page;
    }

    /// <summary>The sign-in form's steps, shared by every browser test; returns once the redirect away from /login arrived.</summary>
    public static async Task SignInAsync(IPage page, string baseUrl, string user, string password = DemoCentre.Password)
    {
        // Once more if the form comes back: on a saturated machine a sign-in was seen to stay on /login once in a
        // full run (never alone); the second failure says what the page said, to find out why.
        for (var attempt = 1; ; attempt++)
        {
            await page.GotoAsync(baseUrl + "/login");
            await page.FillAsync("#username", user);
            await page.FillAsync("#password", password);
            await page.ClickAsync("#sign-in");
            try
            {
                await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal), new PageWaitForURLOptions { Timeout = 20_000 });
                return;
            }
            catch (TimeoutException) when (attempt == 1)
            {
                Console.Error.WriteLine($"Sign-in of {user} stayed on {page.Url}: {await page.Locator("main, body").First.InnerTextAsync()}");
            }
            catch (TimeoutException ex)
            {
                throw new TimeoutException($"Sign-in of {user} stayed on {page.Url}; the page said: {await page.Locator("main, body").First.InnerTextAsync()}", ex);
            }
        }
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = false });

    public override async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await base.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}
