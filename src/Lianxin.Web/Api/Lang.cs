using Lianxin.Core.Common;

namespace Lianxin.Web.Api;

/// <summary>Chinese first; English when the caller's Accept-Language prefers it.</summary>
public static class Lang
{
    public static bool PrefersEnglish(HttpContext context)
    {
        var header = context.Request.Headers.AcceptLanguage.ToString();
        if (string.IsNullOrWhiteSpace(header))
        {
            return false;
        }

        // The first listed language wins; q-values are rarely used by our clients.
        var first = header.Split(',')[0].Trim();
        return first.StartsWith("en", StringComparison.OrdinalIgnoreCase);
    }

    public static string Pick(this HttpContext context, Text text) => text.In(PrefersEnglish(context));
}
