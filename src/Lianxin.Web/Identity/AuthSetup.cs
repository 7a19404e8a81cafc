using System.Globalization;
using System.Threading.RateLimiting;
using Lianxin.Core.Common;
using Lianxin.Core.Identity;
using Lianxin.Web.Api;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Identity;
using Microsoft.IdentityModel.Tokens;

namespace Lianxin.Web.Identity;

public sealed class AuthOptions
{
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Login attempts per client address per minute, on top of the per-account lockout.</summary>
    public int LoginAttemptsPerMinute { get; set; } = 20;
}

public static class AuthSetup
{
    public const string Scheme = "Lianxin";
    public const string Issuer = "lianxin";
    public const string LoginRateLimit = "login";

    public static WebApplicationBuilder AddIdentity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<AuthOptions>(builder.Configuration.GetSection("Lianxin:Auth"));
        services.AddSingleton<IPasswordHasher<User>, PasswordHasher<User>>();
        services.AddScoped<ManageUsers>();
        services.AddScoped<SignIn>();
        services.AddSingleton<SigningKeys>();
        services.AddSingleton<TokenIssuer>();
        services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "Bearer token or cookie", o =>
                o.ForwardDefaultSelector = ctx =>
                    ctx.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                        ? JwtBearerDefaults.AuthenticationScheme
                        : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddJwtBearer(o =>
            {
                o.MapInboundClaims = false;
                o.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = Issuer,
                    ValidAudience = Issuer,
                    NameClaimType = ClaimsActor.NameClaim,
                    RoleClaimType = ClaimsActor.RoleClaim,
                    ClockSkew = TimeSpan.FromSeconds(30),
                };
                o.Events = new JwtBearerEvents
                {
                    OnChallenge = async ctx =>
                    {
                        ctx.HandleResponse();
                        await Problems.WriteAsync(ctx.HttpContext, Problems.Create(ctx.HttpContext, 401, Problems.DetailFor(401), "unauthenticated"));
                    },
                    OnForbidden = ctx => Problems.WriteAsync(ctx.HttpContext, Problems.Create(ctx.HttpContext, 403, Problems.DetailFor(403), "forbidden")),
                };
            })
            .AddCookie(o =>
            {
                o.Cookie.Name = "lianxin.auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.SlidingExpiration = true;
                o.ExpireTimeSpan = TimeSpan.FromHours(12);
                o.LoginPath = "/login";
                o.Events.OnRedirectToLogin = ctx => ApiOrRedirect(ctx.HttpContext, ctx.RedirectUri, 401);
                o.Events.OnRedirectToAccessDenied = ctx => ApiOrRedirect(ctx.HttpContext, ctx.RedirectUri, 403);
            });
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<SigningKeys, TimeProvider>((o, keys, clock) =>
            {
                o.TokenValidationParameters.IssuerSigningKeyResolver = (_, _, _, _) => [keys.Key];

                // Lifetimes are checked against the injected clock, like everything else that tells time.
                o.TokenValidationParameters.LifetimeValidator = (notBefore, expires, _, p) =>
                {
                    var now = clock.GetUtcNow().UtcDateTime;
                    return (notBefore is null || notBefore.Value - p.ClockSkew <= now) && expires is not null && now <= expires.Value + p.ClockSkew;
                };
            });
        services.AddAuthorization();
        services.AddRateLimiter(o =>
        {
            o.AddPolicy(LoginRateLimit, ctx =>
            {
                var limit = ctx.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<AuthOptions>>().Value.LoginAttemptsPerMinute;
                return RateLimitPartition.GetFixedWindowLimiter(
                    ctx.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = limit, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
            });
            o.OnRejected = async (ctx, ct) =>
            {
                if (ctx.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry))
                {
                    ctx.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retry.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                }

                await Problems.WriteAsync(ctx.HttpContext, Problems.Create(ctx.HttpContext, 429,
                    new Text("登录尝试过于频繁，请一分钟后再试。", "Too many login attempts; try again in a minute."), "rate-limited"));
            };
        });
        return builder;
    }

    private static Task ApiOrRedirect(HttpContext context, string redirectUri, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            return Problems.WriteAsync(context, Problems.Create(context, status, Problems.DetailFor(status), status == 401 ? "unauthenticated" : "forbidden"));
        }

        context.Response.Redirect(redirectUri);
        return Task.CompletedTask;
    }
}
