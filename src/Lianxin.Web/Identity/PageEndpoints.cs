using Lianxin.Web.Components;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Lianxin.Web.Identity;

/// <summary>Form posts of the staff pages that are not pages themselves: sign out, switch language.</summary>
public static class PageEndpoints
{
    public static IEndpointRouteBuilder MapPageEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/logout", async (HttpContext http) =>
        {
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.Redirect("/login");
        }).ExcludeFromDescription();

        app.MapPost("/language", (HttpContext http, [Microsoft.AspNetCore.Mvc.FromForm] string? lang, [Microsoft.AspNetCore.Mvc.FromForm] string? returnUrl) =>
        {
            http.Response.Cookies.Append(Ui.LanguageCookie, lang == "en" ? "en" : "zh",
                new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, MaxAge = TimeSpan.FromDays(365) });
            var target = returnUrl is { Length: > 0 } r && r.StartsWith('/') && !r.StartsWith("//", StringComparison.Ordinal) ? r : "/";
            return Results.Redirect(target);
        }).ExcludeFromDescription();
        return app;
    }
}
