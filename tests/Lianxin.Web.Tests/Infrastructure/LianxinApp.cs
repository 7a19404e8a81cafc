using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Lianxin.Core.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Lianxin.Web.Tests.Infrastructure;

/// <summary>
/// The real app on real Kestrel (a random port) over a fresh database of one provider, with a fake
/// clock and a small baseline centre. Tests talk to it over HTTP only; <see cref="Db"/> is for
/// asserting what was (not) written.
/// </summary>
public abstract class LianxinApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminPassword = "admin-password-1";
    public const string StaffPassword = "staff-password-1";

    /// <summary>Monday 2026-11-23 10:00 in Shanghai.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);

    private readonly Dictionary<string, (string Token, DateTimeOffset ExpiresAt)> _tokens = new(StringComparer.Ordinal);
    private TestDatabase? _database;

    public FakeTimeProvider Clock { get; } = new(Start);

    public Baseline Data { get; private set; } = null!;

    public abstract string ProviderName { get; }

    protected virtual IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>();

    /// <summary>False for apps that load their own data (the demo centre).</summary>
    protected virtual bool WithBaseline => true;

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    public async ValueTask InitializeAsync()
    {
        _database = await CreateDatabaseAsync();
        UseKestrel(0);
        StartServer();
        if (WithBaseline)
        {
            Data = await Baseline.CreateAsync(this);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Lianxin:Database:Provider"] = _database!.Provider,
            ["ConnectionStrings:Lianxin"] = _database.ConnectionString,
            ["Lianxin:Admin:Password"] = AdminPassword,
            ["Lianxin:Demo:Seed"] = "false",
            ["Lianxin:Auth:LoginAttemptsPerMinute"] = "100000",

            // Tests run the deadline sweep themselves, at the fake clock's instants.
            ["Lianxin:Deadlines:SweepIntervalSeconds"] = "0",
            ["Lianxin:CallCentre:SweepIntervalSeconds"] = "0",
            ["Lianxin:Reports:RefreshSeconds"] = "0",

            // Tests read briefings on demand; the morning job would write them at the fake clock's mornings.
            ["Lianxin:Reports:BriefingAt"] = "",
        };
        foreach (var (k, v) in ExtraSettings)
        {
            settings[k] = v;
        }

        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    /// <summary>A client signed in as <paramref name="username"/> (token cached per user).</summary>
    public async Task<HttpClient> AsAsync(string username, string? password = null)
    {
        string token;
        if (_tokens.TryGetValue(username, out var cached) && cached.ExpiresAt > Clock.GetUtcNow().AddMinutes(1))
        {
            token = cached.Token;
        }
        else
        {
            using var anonymous = Anonymous();
            var response = await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { username, password = password ?? (username == "admin" ? AdminPassword : StaffPassword) });
            response.EnsureSuccessStatusCode();
            var json = await response.Content.ReadFromJsonAsync<JsonElement>();
            token = json.GetProperty("accessToken").GetString()!;
            lock (_tokens)
            {
                // Tests move the fake clock forward; a token past its expiry is fetched again.
                _tokens[username] = (token, json.GetProperty("expiresAt").GetDateTimeOffset());
            }
        }

        var client = CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = BaseAddress, AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Where Kestrel listens (a random loopback port).</summary>
    public Uri BaseAddress => new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    public HttpClient Anonymous() => CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = BaseAddress, AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Runs <paramref name="read"/> on a fresh DbContext, to check what the database holds.</summary>
    public async Task<T> Db<T>(Func<LianxinDbContext, Task<T>> read)
    {
        await using var scope = Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<LianxinDbContext>());
    }

    /// <summary>One run of the deadline sweep, as the timer would do it.</summary>
    public async Task<Lianxin.Core.Deadlines.SweepResult> SweepAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<Lianxin.Core.Deadlines.DeadlineSweep>().RunOnceAsync(CancellationToken.None);
    }

    /// <summary>One run of the help-request expiry, as the sweeper's timer would do it.</summary>
    /// <summary>Runs the call centre's sweep (stuck calls, wrap-ups run out) at the fake clock's instant.</summary>
    public Task SweepCallsAsync() => Services.GetRequiredService<Lianxin.Core.Calls.CtiIngest>().SweepAsync(CancellationToken.None);

    /// <summary>One refresh of the daily figures (today if changed, dirty days, the day closing), as the refresher's timer would do it.</summary>
    public async Task<Lianxin.Core.Reports.RefreshResult> RefreshKpisAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<Lianxin.Core.Reports.RefreshDailyFigures>().RunOnceAsync(CancellationToken.None);
    }

    public async Task<int> ExpireHelpRequestsAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<Lianxin.Core.Dispatch.ExpireHelpRequests>().RunOnceAsync(CancellationToken.None);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteApp : LianxinApp
{
    public override string ProviderName => "sqlite";

    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult(TestDatabase.Sqlite());
}

public sealed class PostgresApp : LianxinApp
{
    public override string ProviderName => "postgres";

    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.PostgresAsync();
}

/// <summary>An app that loads the demo centre on start, as a fresh `dotnet run` does.</summary>
public abstract class DemoApp : LianxinApp
{
    protected override bool WithBaseline => false;

    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Lianxin:Demo:Seed"] = "true",
        ["Lianxin:Admin:Password"] = null,
    };
}

public sealed class SqliteDemoApp : DemoApp
{
    public override string ProviderName => "sqlite";

    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult(TestDatabase.Sqlite());
}

public sealed class PostgresDemoApp : DemoApp
{
    public override string ProviderName => "postgres";

    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.PostgresAsync();
}
