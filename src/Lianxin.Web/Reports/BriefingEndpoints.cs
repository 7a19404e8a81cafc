using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Lianxin.Core.Common;
using Lianxin.Core.Reports;
using Lianxin.Web.Identity;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Lianxin.Web.Reports;

/// <summary>日报 and 月报 over HTTP: JSON and Excel.</summary>
public static class BriefingEndpoints
{
    public static IEndpointRouteBuilder MapBriefingEndpoints(this IEndpointRouteBuilder app)
    {
        var reports = app.MapGroup("/api/v1/reports").WithTags("Reports").RequireAuthorization();
        reports.MapGet("/briefing", Briefing)
            .WithSummary("The daily briefing (日报) of a local day (supervisor, dispatcher, admin)")
            .WithDescription("?date=yyyy-MM-dd (default yesterday). Volumes by channel, demand type, top-level category and district (keys are "
                + "the KPI breakdown keys, for GET /api/v1/reports/kpis/orders), the top categories with the change against the previous 7-day "
                + "average, hot spots (clusters of the day), overdue orders by lead unit, the most repeated and most urgent orders, the day's KPIs "
                + "and call figures (`figures`; a rate with no denominator is null), the last 8 days, and `summary` (one line). A closed day's "
                + "briefing is the one generated in the morning (Lianxin:Reports:BriefingAt, default 07:00); refresh=true rebuilds it.");
        reports.MapGet("/briefing.xlsx", BriefingXlsx).Produces(200, contentType: Xlsx.ContentType)
            .WithSummary("The daily briefing as an Excel workbook (one sheet per part; headers in Chinese, English with Accept-Language: en)");
        reports.MapGet("/monthly", Monthly)
            .WithSummary("The monthly report (月报) of a calendar month, in the briefing's form (supervisor, dispatcher, admin)")
            .WithDescription("?month=yyyy-MM (default the current month). The month's figures, volumes, top categories against the month before, "
                + "overdue by unit, most repeated and urgent orders, each day's received/closed/satisfaction, and `summary`.");
        reports.MapGet("/monthly.xlsx", MonthlyXlsx).Produces(200, contentType: Xlsx.ContentType)
            .WithSummary("The monthly report as an Excel workbook");
        return app;
    }

    private static async Task<BriefingReport> BriefingAsync(HttpRequest http, ClaimsPrincipal principal, GetBriefing get, DailyFigureStore store, TimeProvider clock, CancellationToken ct)
    {
        var v = new Validator();
        var day = Day(v, http.Query["date"], "date");
        var refresh = string.Equals(http.Query["refresh"], "true", StringComparison.OrdinalIgnoreCase);
        v.ThrowIfInvalid();
        day ??= (await TodayAsync(store, clock, ct)).AddDays(-1);
        return await get.ExecuteAsync(principal.ToActor(), day.Value, refresh, ct);
    }

    private static async Task<BriefingReport> MonthlyAsync(HttpRequest http, ClaimsPrincipal principal, GetMonthlyReport get, DailyFigureStore store, TimeProvider clock, CancellationToken ct)
    {
        var v = new Validator();
        var text = http.Query["month"].ToString();
        DateOnly month = default;
        var given = !string.IsNullOrWhiteSpace(text);
        v.When(given && !DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out month),
            "month", new Text("应为 yyyy-MM 月份。", "Must be a yyyy-MM month."));
        v.ThrowIfInvalid();
        if (!given)
        {
            month = await TodayAsync(store, clock, ct);
        }

        return await get.ExecuteAsync(principal.ToActor(), month.Year, month.Month, ct);
    }

    private static async Task<IResult> Briefing(
        HttpContext http, ClaimsPrincipal principal, GetBriefing get, DailyFigureStore store, TimeProvider clock, IOptions<JsonOptions> json, CancellationToken ct) =>
        Json(await BriefingAsync(http.Request, principal, get, store, clock, ct), http, json.Value.SerializerOptions);

    private static async Task<IResult> Monthly(
        HttpContext http, ClaimsPrincipal principal, GetMonthlyReport get, DailyFigureStore store, TimeProvider clock, IOptions<JsonOptions> json, CancellationToken ct) =>
        Json(await MonthlyAsync(http.Request, principal, get, store, clock, ct), http, json.Value.SerializerOptions);

    private static async Task<IResult> BriefingXlsx(
        HttpContext http, ClaimsPrincipal principal, GetBriefing get, DailyFigureStore store, TimeProvider clock, CancellationToken ct)
    {
        var r = await BriefingAsync(http.Request, principal, get, store, clock, ct);
        return Xlsx.File(Xlsx.Write(BriefingSheets.For(r, await store.ZoneAsync(ct), Components.Ui.EnglishForApi(http))), $"briefing-{r.From:yyyyMMdd}.xlsx");
    }

    private static async Task<IResult> MonthlyXlsx(
        HttpContext http, ClaimsPrincipal principal, GetMonthlyReport get, DailyFigureStore store, TimeProvider clock, CancellationToken ct)
    {
        var r = await MonthlyAsync(http.Request, principal, get, store, clock, ct);
        return Xlsx.File(Xlsx.Write(BriefingSheets.For(r, await store.ZoneAsync(ct), Components.Ui.EnglishForApi(http))), $"monthly-{r.From:yyyyMM}.xlsx");
    }

    private static Microsoft.AspNetCore.Http.HttpResults.JsonHttpResult<System.Text.Json.Nodes.JsonObject> Json(BriefingReport report, HttpContext http, JsonSerializerOptions options)
    {
        var node = JsonSerializer.SerializeToNode(report, options)!.AsObject();
        node["summary"] = ReportWords.Summary(report, Components.Ui.EnglishForApi(http));
        return TypedResults.Json(node, options);
    }

    internal static async Task<DateOnly> TodayAsync(DailyFigureStore store, TimeProvider clock, CancellationToken ct) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(clock.GetUtcNow().UtcDateTime, await store.ZoneAsync(ct)));

    internal static DateOnly? Day(Validator v, string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        v.Add(field, new Text("应为 yyyy-MM-dd 日期。", "Must be a yyyy-MM-dd date."));
        return null;
    }
}
