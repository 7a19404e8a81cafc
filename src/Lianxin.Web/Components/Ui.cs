using Lianxin.Core.Common;

namespace Lianxin.Web.Components;

/// <summary>Chinese first; English when the user switched (cookie) or the browser prefers it.</summary>
public static class Ui
{
    public const string LanguageCookie = "lianxin.lang";

    public static bool English(HttpContext context) =>
        context.Request.Cookies.TryGetValue(LanguageCookie, out var lang) ? lang == "en" : Api.Lang.PrefersEnglish(context);

    public static string T(HttpContext context, string zh, string en) => English(context) ? en : zh;

    public static string T(HttpContext context, Text text) => text.In(English(context));
}
