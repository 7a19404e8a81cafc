using AntDesign;

namespace Lianxin.Web.Components;

/// <summary>How many seats one server carries: the circuit settings a centre of hundreds of seats needs (README, ADR 0008).</summary>
public sealed class ConsoleOptions
{
    /// <summary>Circuits kept after a dropped connection (a seat's network blip, a laptop lid), so the page resumes where it was.</summary>
    public int DisconnectedCircuitMaxRetained { get; set; } = 1000;

    public TimeSpan DisconnectedCircuitRetentionPeriod { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>The staff console: Blazor with interactive server rendering for every signed-in page (UI.md).</summary>
public static class ConsoleSetup
{
    public static WebApplicationBuilder AddConsole(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var options = builder.Configuration.GetSection("Lianxin:Console").Get<ConsoleOptions>() ?? new ConsoleOptions();

        // Ant Design's texts (pagination, pickers, empty lists) in Chinese.
        LocaleProvider.SetLocale("zh-CN");
        services.AddAntDesign();
        services.AddRazorComponents()
            .AddInteractiveServerComponents(o =>
            {
                o.DisconnectedCircuitMaxRetained = options.DisconnectedCircuitMaxRetained;
                o.DisconnectedCircuitRetentionPeriod = options.DisconnectedCircuitRetentionPeriod;
                o.DetailedErrors = builder.Environment.IsDevelopment();
            });
        services.AddCascadingAuthenticationState();
        services.AddScoped<ConsoleSession>();
        services.AddScoped<ConsoleRunner>();
        services.AddScoped<ConsoleToasts>();
        services.AddSingleton<OrderPresence>();
        return builder;
    }

    /// <summary>The console's pages and their static files.</summary>
    public static WebApplication MapConsole(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

        // The language switch of an interactive page: a plain link, so it works without a form post.
        app.MapGet("/language/{lang}", (HttpContext http, string lang, string? returnUrl) =>
        {
            http.Response.Cookies.Append(Ui.LanguageCookie, lang == "en" ? "en" : "zh",
                new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, MaxAge = TimeSpan.FromDays(365) });
            return Results.LocalRedirect(returnUrl is { Length: > 0 } r && r.StartsWith('/') && !r.StartsWith("//", StringComparison.Ordinal) ? r : "/");
        }).ExcludeFromDescription();
        return app;
    }
}
