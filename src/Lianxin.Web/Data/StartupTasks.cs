using System.Security.Cryptography;
using Lianxin.Core.Data;
using Lianxin.Web.Demo;
using Lianxin.Core.Identity;
using Lianxin.Web.Identity;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Lianxin.Web.Data;

/// <summary>
/// Before serving: apply migrations, load the token signing key, make sure the built-in admin exists,
/// and load the demo centre when asked to (API.md, configuration).
/// </summary>
public static partial class StartupTasks
{
    public const string AdminUserName = "admin";

    public static async Task PrepareAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<LianxinDbContext>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Lianxin.Startup");
        var configuration = services.GetRequiredService<IConfiguration>();
        var provider = DatabaseSetup.Provider(configuration);
        var ct = app.Lifetime.ApplicationStopping;

        if (provider == DatabaseProvider.Sqlite)
        {
            // WAL is a property of the database file: set once, it sticks.
            await db.Database.OpenConnectionAsync(ct);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", ct);
            await db.Database.CloseConnectionAsync();
        }

        var isNew = !(await db.Database.GetAppliedMigrationsAsync(ct)).Any();
        await db.Database.MigrateAsync(ct);
        await services.GetRequiredService<SigningKeys>().LoadAsync(db, ct);
        await services.GetRequiredService<Lianxin.Core.Deadlines.DeadlinePolicies>().SeedPresetsAsync(ct);
        await services.GetRequiredService<Lianxin.Core.Dispatch.ManageReturnReasons>().SeedDefaultsAsync(ct);

        var seedSetting = configuration["Lianxin:Demo:Seed"];
        var seed = (seedSetting is null ? provider == DatabaseProvider.Sqlite && isNew : bool.Parse(seedSetting)) && !await db.WorkOrders.AnyAsync(ct);

        // The demo is for trying things out: its admin shares the demo password unless one is configured.
        var adminPassword = await EnsureAdminAsync(services, db, configuration, seed ? DemoCentre.Password : null, ct);
        if (adminPassword is not null && !seed)
        {
            LogAdminPassword(logger, AdminUserName, adminPassword);
        }

        if (seed)
        {
            var summary = await services.GetRequiredService<DemoCentre>().LoadAsync(ct);
            LogDemo(logger, summary);
        }

        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            foreach (var address in addresses)
            {
                LogReady(logger, address, address, address);
            }
        });
    }

    /// <returns>The generated password when the admin was created without a configured one.</returns>
    private static async Task<string?> EnsureAdminAsync(IServiceProvider services, LianxinDbContext db, IConfiguration configuration, string? demoPassword, CancellationToken ct)
    {
        if (await db.Users.AnyAsync(u => u.UserName == AdminUserName, ct))
        {
            return null;
        }

        var configured = configuration["Lianxin:Admin:Password"];
        var password = !string.IsNullOrEmpty(configured) ? configured : demoPassword ?? GeneratePassword();
        var clock = services.GetRequiredService<TimeProvider>();
        var admin = new User(Core.Common.Ids.New(clock), AdminUserName, "系统管理员", Role.Admin, null, null, clock.GetUtcNow().UtcDateTime);
        admin.SetPasswordHash(services.GetRequiredService<IPasswordHasher<User>>().HashPassword(admin, password));
        db.Users.Add(admin);
        await db.SaveChangesAsync(ct);
        return string.IsNullOrEmpty(configured) ? password : null;
    }

    private static string GeneratePassword()
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        return string.Create(16, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
            }
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The built-in '{User}' account was created with the password {Password} — it is shown only this once; change it or set Lianxin__Admin__Password.")]
    private static partial void LogAdminPassword(ILogger logger, string user, string password);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo centre loaded: {Summary}")]
    private static partial void LogDemo(ILogger logger, string summary);

    [LoggerMessage(Level = LogLevel.Information, Message = "连心 Lianxin is ready. Sign in at {Address}/login (demo logins in README.md); API reference at {Docs}/api/docs; health at {Health}/health/ready")]
    private static partial void LogReady(ILogger logger, string address, string docs, string health);
}
