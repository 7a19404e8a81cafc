using System.Net.Http.Headers;
using Lianxin.Web.Tests.Infrastructure;

namespace Lianxin.Web.Tests.Identity;

/// <summary>Tokens, cookie login, throttling and lockout, users and their roles.</summary>
public abstract class AuthTests(LianxinApp app)
{
    [Fact]
    public async Task Token_WithGoodPassword_WorksAsBearerAndCarriesRoles()
    {
        using var anonymous = app.Anonymous();
        var token = (await anonymous.Post("/api/v1/auth/token", new { username = "DISPATCHER", password = LianxinApp.StaffPassword })).Expect(200);
        Assert.Equal("Bearer", token.Str("tokenType"));
        Assert.Equal(["dispatcher"], token["user"].GetProperty("roles").EnumerateArray().Select(r => r.GetString()));

        anonymous.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Str("accessToken"));
        var me = (await anonymous.Get("/api/v1/auth/me")).Expect(200);
        Assert.Equal("dispatcher", me.Str("username"));
    }

    [Fact]
    public async Task Token_WithWrongPasswordOrUnknownUser_Is401()
    {
        using var anonymous = app.Anonymous();
        (await anonymous.Post("/api/v1/auth/token", new { username = "agent", password = "wrong-password" })).ExpectProblem(401);
        (await anonymous.Post("/api/v1/auth/token", new { username = "nobody", password = "wrong-password" })).ExpectProblem(401);
        (await anonymous.Post("/api/v1/auth/token", new { username = "agent" })).ExpectProblem(400, "password");
    }

    [Fact]
    public async Task FiveWrongPasswords_LockTheAccountEvenForTheRightOne_UntilTheLockoutEnds()
    {
        var admin = await app.AsAsync("admin");
        (await admin.Post("/api/v1/users", new { username = "locktest", password = LianxinApp.StaffPassword, displayName = "锁定测试", roles = new[] { "agent" } })).Expect(201);
        using var anonymous = app.Anonymous();
        for (var i = 0; i < 5; i++)
        {
            (await anonymous.Post("/api/v1/auth/token", new { username = "locktest", password = "wrong-password" })).ExpectProblem(401);
        }

        var locked = (await anonymous.Post("/api/v1/auth/token", new { username = "locktest", password = LianxinApp.StaffPassword })).ExpectProblem(429);
        Assert.NotNull(locked.Headers.RetryAfter);

        app.Clock.Advance(TimeSpan.FromMinutes(16));
        (await anonymous.Post("/api/v1/auth/token", new { username = "locktest", password = LianxinApp.StaffPassword })).Expect(200);
    }

    [Fact]
    public async Task CookieLogin_ThenApiCallsWithoutToken_Work_AndLogoutEndsIt()
    {
        using var browser = app.Anonymous();
        (await browser.Post("/api/v1/auth/login", new { username = "agent", password = LianxinApp.StaffPassword })).Expect(200);
        (await browser.Get("/api/v1/auth/me")).Expect(200);
        (await browser.Post("/api/v1/work-orders", Orders.NewOrder(app.Data.CategoryDrain))).Expect(201);

        (await browser.Post("/api/v1/auth/logout")).Expect(204);
        (await browser.Get("/api/v1/auth/me")).ExpectProblem(401);
    }

    [Fact]
    public async Task CookieLogin_SlidesWhileUsed_AndEndsTwelveHoursAfterTheLastUse()
    {
        // What the console's keep-alive relies on (console.js): a request past half the cookie's 12 hours renews it.
        using var busy = app.Anonymous();
        using var idle = app.Anonymous();
        (await busy.Post("/api/v1/auth/login", new { username = "agent", password = LianxinApp.StaffPassword })).Expect(200);
        (await idle.Post("/api/v1/auth/login", new { username = "agent", password = LianxinApp.StaffPassword })).Expect(200);

        app.Clock.Advance(TimeSpan.FromHours(7));
        var renewed = (await busy.Get("/api/v1/auth/me")).Expect(200);
        Assert.Contains(renewed.Headers.GetValues("Set-Cookie"), c => c.StartsWith("lianxin.auth=", StringComparison.Ordinal));

        // 14 hours after sign-in: the used one holds (7 since its renewal), the idle one has ended.
        app.Clock.Advance(TimeSpan.FromHours(7));
        (await busy.Get("/api/v1/auth/me")).Expect(200);
        (await idle.Get("/api/v1/auth/me")).ExpectProblem(401);
    }

    [Fact]
    public async Task ExpiredToken_IsRejected()
    {
        var admin = await app.AsAsync("admin");
        (await admin.Post("/api/v1/users", new { username = "expiry", password = LianxinApp.StaffPassword, displayName = "过期测试", roles = new[] { "agent" } })).Expect(201);
        using var anonymous = app.Anonymous();
        var token = (await anonymous.Post("/api/v1/auth/token", new { username = "expiry", password = LianxinApp.StaffPassword })).Expect(200).Str("accessToken");
        anonymous.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        (await anonymous.Get("/api/v1/auth/me")).Expect(200);

        app.Clock.Advance(TimeSpan.FromHours(13));
        (await anonymous.Get("/api/v1/auth/me")).ExpectProblem(401);
    }

    [Fact]
    public async Task Users_AdminCreatesUpdatesDeactivates_DeactivatedCannotSignIn()
    {
        var admin = await app.AsAsync("admin");
        var created = (await admin.Post("/api/v1/users", new { username = "newagent", password = LianxinApp.StaffPassword, displayName = "新话务员", roles = new[] { "agent", "visitor" }, unitId = app.Data.Centre, extension = "8101" })).Expect(201);
        Assert.Equal(["agent", "visitor"], created["roles"].EnumerateArray().Select(r => r.GetString()));

        var updated = (await admin.Patch($"/api/v1/users/{created.Id}", new { roles = new[] { "dispatcher" }, extension = "8102" })).Expect(200);
        Assert.Equal("8102", updated.Str("extension"));

        (await admin.Patch($"/api/v1/users/{created.Id}", new { isActive = false })).Expect(200);
        using var anonymous = app.Anonymous();
        (await anonymous.Post("/api/v1/auth/token", new { username = "newagent", password = LianxinApp.StaffPassword })).ExpectProblem(401);
    }

    [Theory]
    [InlineData("{\"username\":\"Bad Name!\",\"password\":\"long-enough-1\",\"displayName\":\"x\",\"roles\":[\"agent\"]}", "username")]
    [InlineData("{\"username\":\"shortpw\",\"password\":\"short\",\"displayName\":\"x\",\"roles\":[\"agent\"]}", "password")]
    [InlineData("{\"username\":\"noroles\",\"password\":\"long-enough-1\",\"displayName\":\"x\",\"roles\":[]}", "roles")]
    [InlineData("{\"username\":\"badrole\",\"password\":\"long-enough-1\",\"displayName\":\"x\",\"roles\":[\"king\"]}", "roles")]
    [InlineData("{\"username\":\"nounit\",\"password\":\"long-enough-1\",\"displayName\":\"x\",\"roles\":[\"handler\"]}", "unitId")]
    [InlineData("{\"username\":\"agent\",\"password\":\"long-enough-1\",\"displayName\":\"x\",\"roles\":[\"agent\"]}", "username")]
    [InlineData("{\"username\":\"dupext\",\"password\":\"long-enough-1\",\"displayName\":\"x\",\"roles\":[\"agent\"],\"extension\":\"8001\"}", "extension")]
    public async Task CreateUser_WithBadInput_Is400(string json, string field)
    {
        var admin = await app.AsAsync("admin");
        (await admin.PostRaw("/api/v1/users", json, "application/json")).ExpectProblem(400, field);
    }

    [Fact]
    public async Task Users_NonAdminCannotCreate()
    {
        (await (await app.AsAsync("supervisor")).Post("/api/v1/users", new { username = "sneaky", password = "long-enough-1", displayName = "x", roles = new[] { "admin" } })).ExpectProblem(403);
        (await (await app.AsAsync("agent")).Get("/api/v1/users")).ExpectProblem(403);
        (await (await app.AsAsync("supervisor")).Get("/api/v1/users")).Expect(200);
    }
}

public sealed class AuthTestsOnSqlite(SqliteApp app) : AuthTests(app), IClassFixture<SqliteApp>;

public sealed class AuthTestsOnPostgres(PostgresApp app) : AuthTests(app), IClassFixture<PostgresApp>;
