using System.Security.Claims;
using Lianxin.Core.Common;
using Lianxin.Core.Identity;
using Lianxin.Web.Api;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lianxin.Web.Identity;

public sealed record TokenRequest(string? Username, string? Password)
{
    public (string UserName, string Password) Validated()
    {
        var v = new Validator();
        v.Required("username", Username, User.MaxUserNameLength);
        v.Required("password", Password, ManageUsers.MaxPasswordLength);
        v.ThrowIfInvalid();
        return (Username!, Password!);
    }
}

public sealed record TokenResponse(string AccessToken, string TokenType, DateTimeOffset ExpiresAt, UserResponse User);

public static class AuthEndpoints
{
    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/v1/auth").WithTags("Auth");
        auth.MapPost("/token", Token).RequireRateLimiting(AuthSetup.LoginRateLimit)
            .WithSummary("Exchange a username and password for a bearer token")
            .WithDescription("Five wrong passwords in a row lock the account for 15 minutes (429); attempts per address are rate-limited too.");
        auth.MapPost("/login", Login).RequireRateLimiting(AuthSetup.LoginRateLimit)
            .WithSummary("Sign in with a cookie (browser pages)");
        auth.MapPost("/logout", Logout).WithSummary("Sign out (clears the cookie)");
        auth.MapGet("/me", Me).RequireAuthorization().WithSummary("The signed-in user");
        return app;
    }

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> Token(
        TokenRequest request, SignIn signIn, TokenIssuer issuer, HttpContext http, CancellationToken ct)
    {
        var (userName, password) = request.Validated();
        var user = await signIn.ExecuteAsync(userName, password, ct);
        if (user is null)
        {
            return BadCredentials(http);
        }

        var (token, expiresAt) = issuer.Issue(user);
        return TypedResults.Ok(new TokenResponse(token, "Bearer", expiresAt, UserResponse.From(user)));
    }

    private static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> Login(
        TokenRequest request, SignIn signIn, HttpContext http, CancellationToken ct)
    {
        var (userName, password) = request.Validated();
        var user = await signIn.ExecuteAsync(userName, password, ct);
        if (user is null)
        {
            return BadCredentials(http);
        }

        var identity = new ClaimsIdentity(ClaimsActor.ClaimsFor(user), CookieAuthenticationDefaults.AuthenticationScheme, ClaimsActor.NameClaim, ClaimsActor.RoleClaim);
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
        return TypedResults.Ok(UserResponse.From(user));
    }

    private static async Task<NoContent> Logout(HttpContext http, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<UserResponse>, NotFound>> Me(ClaimsPrincipal principal, Lianxin.Core.Data.LianxinDbContext db, CancellationToken ct)
    {
        var id = principal.UserId();
        var user = await db.Users.FindAsync([id], ct);
        return user is null ? TypedResults.NotFound() : TypedResults.Ok(UserResponse.From(user));
    }

    private static ProblemHttpResult BadCredentials(HttpContext http) =>
        TypedResults.Problem(Problems.Create(http, 401, new Text("用户名或密码错误。", "Wrong username or password."), "bad-credentials"));
}
