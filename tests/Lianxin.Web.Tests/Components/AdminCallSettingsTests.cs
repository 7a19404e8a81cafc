using System.Security.Claims;
using Bunit;
using Lianxin.Core.Calls;
using Lianxin.Core.Common;
using Lianxin.Web.Calls;
using Lianxin.Web.Components;
using Lianxin.Web.Identity;
using Lianxin.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Lianxin.Web.Tests.Components;

/// <summary>
/// 话务设置 rendered with bUnit over the real settings row (SQLite): an empty number, an out-of-range value and a
/// malformed time each say so beside their field and save nothing; good values are saved whole.
/// </summary>
public sealed class AdminCallSettingsTests : BunitContext, IClassFixture<SqliteApp>
{
    private readonly SqliteApp _app;
    private readonly ConsoleSession _session = new(Options.Create(new CentreOptions()));

    public AdminCallSettingsTests(SqliteApp app)
    {
        _app = app;
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddSingleton(_session);
        Services.AddSingleton(new ConsoleRunner(app.Services.GetRequiredService<IServiceScopeFactory>(), NullLogger<ConsoleRunner>.Instance));
    }

    private async Task<IRenderedComponent<AdminCallSettings>> AsAsync(string user)
    {
        var account = await _app.Db(db => db.Users.AsNoTracking().SingleAsync(u => u.UserName == user));
        _session.Start(new ClaimsPrincipal(new ClaimsIdentity(ClaimsActor.ClaimsFor(account), "test")), english: false);
        return Render<AdminCallSettings>();
    }

    private Task<CallCentreSettings> SavedAsync() => _app.Db(db => CallCentreSettings.ReadAsync(db, CancellationToken.None));

    [Fact]
    public async Task BadFields_SayWhyBesideEach_AndNothingIsSaved_ThenGoodOnesAre()
    {
        var page = await AsAsync("admin");
        page.WaitForElement("#call-settings");
        var before = await SavedAsync();
        Assert.Equal(before.ServiceTargetSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), page.Find("#serviceTargetSeconds").GetAttribute("value"));

        // An emptied number is caught by the form itself.
        page.Find("#callbackAttempts").Change("");
        page.Find("#cs-save").Click();
        page.WaitForAssertion(() => Assert.Contains("请填写数字", page.Find("#callbackAttempts-error").TextContent, StringComparison.Ordinal));
        Assert.Equal("true", page.Find("#callbackAttempts").GetAttribute("aria-invalid"));

        // The rules' own checks come back by field.
        page.Find("#callbackAttempts").Change("3");
        page.Find("#serviceTargetSeconds").Change("0");
        page.Find("#serviceHoursEnd").Change("25:00");
        page.Find("#localAreaCode").Change("571");
        page.Find("#cs-save").Click();
        page.WaitForAssertion(() => Assert.Contains("1 到 600", page.Find("#serviceTargetSeconds-error").TextContent, StringComparison.Ordinal));
        Assert.NotNull(page.Find("#serviceHoursEnd-error"));
        Assert.NotNull(page.Find("#localAreaCode-error"));
        Assert.Empty(page.FindAll("#callbackAttempts-error"));
        Assert.Equal(before, await SavedAsync());

        page.Find("#serviceTargetSeconds").Change("20");
        page.Find("#serviceHoursEnd").Change("22:00");
        page.Find("#localAreaCode").Change("0571");
        page.Find("#excludeShortAbandons").Change(false);
        page.Find("#cs-save").Click();
        page.WaitForAssertion(() => Assert.Contains("已保存", page.Find("#cs-message").TextContent, StringComparison.Ordinal));
        Assert.Equal(before with { ServiceTargetSeconds = 20, ServiceHoursEnd = "22:00", LocalAreaCode = "0571", ExcludeShortAbandons = false }, await SavedAsync());

        await _app.Db(async db =>
        {
            await CallCentreSettings.SaveAsync(db, Lianxin.Core.Identity.Actor.System with { Roles = Lianxin.Core.Identity.Role.Admin }, before, CancellationToken.None);
            return true;
        });
    }

    [Fact]
    public async Task Supervisor_IsRefusedThePage()
    {
        var page = await AsAsync("supervisor");
        Assert.Contains("没有此页面的权限", page.Find(".refusal").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("#call-settings"));
    }
}
