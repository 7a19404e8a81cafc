using Lianxin.Core.Common;

namespace Lianxin.Web.Components;

/// <summary>
/// The console is Chinese first: English only when the user switched (the cookie), whatever the seat PC's
/// browser language. API answers also follow Accept-Language when there is no cookie (<see cref="EnglishForApi"/>).
/// </summary>
public static class Ui
{
    public const string LanguageCookie = "lianxin.lang";

    public static bool English(HttpContext context) =>
        context.Request.Cookies.TryGetValue(LanguageCookie, out var lang) && lang == "en";

    public static bool EnglishForApi(HttpContext context) =>
        context.Request.Cookies.TryGetValue(LanguageCookie, out var lang) ? lang == "en" : Api.Lang.PrefersEnglish(context);

    public static string T(HttpContext context, string zh, string en) => English(context) ? en : zh;

    public static string T(HttpContext context, Text text) => text.In(English(context));
}
