using System.Globalization;
using System.Security.Claims;
using Lianxin.Core.Common;
using Lianxin.Core.Data;
using Lianxin.Core.Identity;
using Lianxin.Core.Reports;
using Lianxin.Web.Identity;
using Lianxin.Web.WorkOrders;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lianxin.Web.Reports;

/// <summary>The figures as API.md lists them (a rate with no denominator is null), with the counters they come from.</summary>
public sealed record KpiFiguresResponse(
    int Received, int Closed, double? ClosureRate, double? OnTimeSignRate, double? OnTimeCompletionRate, double? ResolutionRate,
    double? SatisfactionRate, double? VisitRate, double? RepeatRate, double? FirstContactResolutionRate, double? AnswerRate,
    double? ServiceLevel15s, KpiCounts Counts)
{
    public static KpiFiguresResponse From(KpiFigures f) => new(
        f.Counts.Received, f.Counts.Closed, f.ClosureRate, f.OnTimeSignRate, f.OnTimeCompletionRate, f.ResolutionRate, f.SatisfactionRate,
        f.VisitRate, f.RepeatRate, f.FirstContactResolutionRate, f.AnswerRate, f.ServiceLevel15s, f.Counts);
}

public sealed record KpiRowResponse(string Key, string Name, KpiFiguresResponse Figures);

/// <summary>GET /reports/kpis: the period's figures flat (as API.md), the counters, the breakdown rows and when they were built.</summary>
public sealed record KpiResponse(
    DateOnly From, DateOnly To, KpiDimension By, Guid? UnitId, DateTimeOffset? AsOf,
    int Received, int Closed, double? ClosureRate, double? OnTimeSignRate, double? OnTimeCompletionRate, double? ResolutionRate,
    double? SatisfactionRate, double? VisitRate, double? RepeatRate, double? FirstContactResolutionRate, double? AnswerRate,
    double? ServiceLevel15s, KpiCounts Counts, IReadOnlyList<KpiRowResponse>? Rows, KpiSettings Settings)
{
    public static KpiResponse Of(KpiReport r)
    {
        var f = r.Total;
        return new KpiResponse(
            r.From, r.To, r.By, r.UnitId, WorkOrderResponse.Utc(r.AsOf),
            f.Counts.Received, f.Counts.Closed, f.ClosureRate, f.OnTimeSignRate, f.OnTimeCompletionRate, f.ResolutionRate, f.SatisfactionRate,
            f.VisitRate, f.RepeatRate, f.FirstContactResolutionRate, f.AnswerRate, f.ServiceLevel15s, f.Counts,
            r.By == KpiDimension.Centre ? null : [.. r.Rows.Select(x => new KpiRowResponse(x.Key, x.Name, KpiFiguresResponse.From(x.Figures)))],
            r.Settings);
    }
}

public sealed record TrendPointResponse(DateOnly Day, KpiFiguresResponse Figures);

public sealed record RankResponse(UnitRef Unit, int Rank, double Score, double WeightedScore, double Penalty, KpiFiguresResponse Figures);

public sealed record KpiOrderItemResponse(Guid Id, string Number, string Title, string Status, DateTimeOffset At, UnitRef? Unit);

public sealed record KpiOrdersResponse(int Total, int Page, int PageSize, IReadOnlyList<KpiOrderItemResponse> Items, KpiCallsLink? Calls);

/// <summary>Call figures list calls, not orders: the call log's filter (GET /api/v1/calls with these).</summary>
public sealed record KpiCallsLink(DateTimeOffset From, DateTimeOffset To, string? Outcome, string Direction);

/// <summary>The settings as the API reads and writes them; a field left out keeps its value.</summary>
public sealed record KpiSettingsDto(
    bool? BasicallySatisfiedCounts, bool? CountShortAbandons, VisitsCounted? VisitsCounted, double? SignWeight, double? CompletionWeight,
    double? ResolutionWeight, double? SatisfactionWeight, double? ReturnPenalty, double? RepeatPenalty)
{
    public KpiSettings Over(KpiSettings s) => new(
        BasicallySatisfiedCounts ?? s.BasicallySatisfiedCounts, CountShortAbandons ?? s.CountShortAbandons, VisitsCounted ?? s.VisitsCounted,
        SignWeight ?? s.SignWeight, CompletionWeight ?? s.CompletionWeight, ResolutionWeight ?? s.ResolutionWeight,
        SatisfactionWeight ?? s.SatisfactionWeight, ReturnPenalty ?? s.ReturnPenalty, RepeatPenalty ?? s.RepeatPenalty);
}

public sealed record RebuildResponse(DateOnly Day, int Rows);

/// <summary>KPIs, trend, ranking, drill-down, settings and rebuilds over HTTP (ADR 0016).</summary>
public static class ReportEndpoints
{
    public static IEndpointRouteBuilder MapReportEndpoints(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/reports").WithTags("Reports").RequireAuthorization();
        g.MapGet("/kpis", Kpis).WithSummary("KPIs of a period of local days (centre, or one unit), optionally broken down")
            .WithDescription("?from=&to= (yyyy-MM-dd, inclusive; default today), unitId=, by=centre|unit|category|region|channel|demandType. "
                + "Figures as DOMAIN.md defines them, summed from the daily aggregate; a rate with no denominator is null; asOf says when the "
                + "youngest day was built (today's refresh every minute). A unit's staff read their own unit only.");
        g.MapGet("/kpis/orders", Orders).WithSummary("The orders behind one figure (50 a page); total equals the figure")
            .WithDescription("?from=&to=&figure=received|closed|signDue|signLate|completionDue|completionLate|visitDue|notVisited|reached|unsolved|"
                + "unsatisfied|unreachable|repeats|ended|notFirstTime|redos|returns|notAccepted|answeredDirectly|merged|offered|answered|abandoned|shortAbandons"
                + "&by=&key=&categoryId=&page=; categoryId keeps the orders within one category's subtree (a hot spot's street and matter). "
                + "Call figures answer with the call log's filter instead of orders.");
        g.MapGet("/trend", Trend).WithSummary("The figures of each day of a period (centre or one unit)");
        g.MapGet("/ranking", Ranking).WithSummary("考核: units ranked by the weighted score, with the raw figures; a unit sees its own line");
        g.MapGet("/settings", Settings).WithSummary("KPI variants and ranking weights (centre staff)");
        g.MapPut("/settings", SetSettings).WithSummary("Change the KPI variants and ranking weights (admin); fields left out keep their value");
        g.MapPost("/days/{date}/rebuild", Rebuild).WithSummary("Recompute a day's figures from the orders, visits and calls (admin)");
        return app;
    }

    private static DateOnly? Day(Validator v, string? text, string field)
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

    private static Guid? Id(Validator v, string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (Guid.TryParse(text, out var id))
        {
            return id;
        }

        v.Add(field, new Text("应为编号（GUID）。", "Must be an id (GUID)."));
        return null;
    }

    private static async Task<(DateOnly From, DateOnly To, Guid? UnitId, KpiDimension By, Validator V)> PeriodAsync(HttpRequest http, DailyFigureStore store, CancellationToken ct)
    {
        var today = await store.TodayAsync(ct);
        var v = new Validator();
        var from = Day(v, http.Query["from"], "from");
        var to = Day(v, http.Query["to"], "to");
        var unitId = Id(v, http.Query["unitId"], "unitId");
        var by = v.Enum<KpiDimension>("by", http.Query["by"]) ?? KpiDimension.Centre;
        return (from ?? to ?? today, to ?? (from is null ? today : from.Value), unitId, by, v);
    }

    private static async Task<Ok<KpiResponse>> Kpis(HttpContext http, ClaimsPrincipal principal, GetKpis kpis, DailyFigureStore store, CancellationToken ct)
    {
        var (from, to, unitId, by, v) = await PeriodAsync(http.Request, store, ct);
        v.ThrowIfInvalid();
        return TypedResults.Ok(KpiResponse.Of(await kpis.ExecuteAsync(principal.ToActor(), new KpiRequest(from, to, unitId, by), ct)));
    }

    private static async Task<Ok<List<TrendPointResponse>>> Trend(HttpContext http, ClaimsPrincipal principal, GetKpiTrend trend, DailyFigureStore store, CancellationToken ct)
    {
        var (from, to, unitId, _, v) = await PeriodAsync(http.Request, store, ct);
        v.ThrowIfInvalid();
        var series = await trend.ExecuteAsync(principal.ToActor(), new KpiRequest(from, to, unitId), ct);
        return TypedResults.Ok(series.Select(p => new TrendPointResponse(p.Day, KpiFiguresResponse.From(p.Figures))).ToList());
    }

    private static async Task<Ok<List<RankResponse>>> Ranking(HttpContext http, ClaimsPrincipal principal, GetRanking ranking, DailyFigureStore store, CancellationToken ct)
    {
        var (from, to, _, _, v) = await PeriodAsync(http.Request, store, ct);
        v.ThrowIfInvalid();
        var ranks = await ranking.ExecuteAsync(principal.ToActor(), from, to, ct);
        return TypedResults.Ok(ranks.Select(r => new RankResponse(new UnitRef(r.UnitId, r.UnitName), r.Rank, r.Score, r.WeightedScore, r.Penalty, KpiFiguresResponse.From(r.Figures))).ToList());
    }

    private static async Task<Ok<KpiOrdersResponse>> Orders(HttpContext http, ClaimsPrincipal principal, ListKpiOrders list, DailyFigureStore store, CancellationToken ct)
    {
        var (from, to, _, by, v) = await PeriodAsync(http.Request, store, ct);
        var figure = v.Enum<KpiFigure>("figure", http.Request.Query["figure"]);
        v.Required("figure", figure);
        var pageText = http.Request.Query["page"].ToString();
        var page = 1;
        v.When(pageText.Length > 0 && (!int.TryParse(pageText, NumberStyles.None, CultureInfo.InvariantCulture, out page) || page < 1), "page",
            new Text("页码应为正整数。", "The page is a positive whole number."));
        var within = Id(v, http.Request.Query["categoryId"], "categoryId");
        v.ThrowIfInvalid();
        var key = http.Request.Query["key"].ToString();
        var result = await list.ExecuteAsync(principal.ToActor(), new KpiDrill(from, to, figure!.Value, by, key.Length == 0 ? null : key, page, within), ct);
        return TypedResults.Ok(new KpiOrdersResponse(
            result.Total, result.Page, result.PageSize,
            [.. result.Items.Select(i => new KpiOrderItemResponse(i.OrderId, i.Number, i.Title, System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(i.Status.ToString()),
                WorkOrderResponse.Utc(i.At), i.UnitId is { } u ? new UnitRef(u, i.UnitName ?? "") : null))],
            result.Calls is { } c
                ? new KpiCallsLink(WorkOrderResponse.Utc(c.From!.Value), WorkOrderResponse.Utc(c.To!.Value),
                    c.Outcome is { } o ? System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(o.ToString()) : null, "in")
                : null));
    }

    private static async Task<Ok<KpiSettings>> Settings(ClaimsPrincipal principal, LianxinDbContext db, CancellationToken ct)
    {
        var actor = principal.ToActor();
        if (!actor.IsCentreStaff)
        {
            throw new ForbiddenActionException(new Text("您不能查看统计设置。", "You cannot read the KPI settings."));
        }

        return TypedResults.Ok(await KpiSettings.ReadAsync(db, ct));
    }

    private static async Task<Ok<KpiSettings>> SetSettings(KpiSettingsDto? request, ClaimsPrincipal principal, LianxinDbContext db, CancellationToken ct)
    {
        var actor = principal.ToActor();
        actor.Require(Role.Admin, new Text("修改考核与统计设置", "change the KPI settings"));
        new Validator().Required("body", request).ThrowIfInvalid();
        await KpiSettings.SaveAsync(db, actor, request!.Over(await KpiSettings.ReadAsync(db, ct)), ct);
        return TypedResults.Ok(await KpiSettings.ReadAsync(db, ct));
    }

    private static async Task<Ok<RebuildResponse>> Rebuild(string date, ClaimsPrincipal principal, DailyFigureStore store, CancellationToken ct)
    {
        principal.ToActor().Require(Role.Admin, new Text("重算日统计", "rebuild a day's figures"));
        var v = new Validator();
        var day = Day(v, date, "date");
        v.ThrowIfInvalid();
        v.When(day!.Value > await store.TodayAsync(ct), "date", new Text("不能重算未来的日期。", "A day in the future has no figures yet."));
        v.ThrowIfInvalid();
        return TypedResults.Ok(new RebuildResponse(day.Value, await store.RebuildAsync(day.Value, ct)));
    }
}
