using System.Security.Claims;
using Lianxin.Core.Common;
using Lianxin.Core.Reports;
using Lianxin.Web.Identity;

namespace Lianxin.Web.Reports;

/// <summary>The KPI report as an Excel workbook (GET /api/v1/reports/kpis.xlsx).</summary>
public static class ReportExportEndpoints
{
    private static readonly KpiDimension[] Breakdowns = [KpiDimension.Unit, KpiDimension.Category, KpiDimension.Region, KpiDimension.Channel, KpiDimension.DemandType];

    public static IEndpointRouteBuilder MapReportExportEndpoints(this IEndpointRouteBuilder app)
    {
        var reports = app.MapGroup("/api/v1/reports").WithTags("Reports").RequireAuthorization();
        reports.MapGet("/kpis.xlsx", KpisXlsx).Produces(200, contentType: Xlsx.ContentType)
            .WithSummary("The KPIs of a period as an Excel workbook: the same figures as GET /api/v1/reports/kpis")
            .WithDescription("?from=&to= (yyyy-MM-dd, inclusive; default today), unitId, by=unit|category|region|channel|demandType. Sheet 合计 "
                + "(the total) and one sheet per breakdown: the one asked for, or all five without `by` (a unit's figures: by unit only). "
                + "Counters as numbers, rates as percentages (an empty cell: no denominator). Headers in Chinese (English with Accept-Language: en).");
        return app;
    }

    private static async Task<IResult> KpisXlsx(HttpContext http, ClaimsPrincipal principal, GetKpis kpis, DailyFigureStore store, TimeProvider clock, CancellationToken ct)
    {
        var v = new Validator();
        var today = await BriefingEndpoints.TodayAsync(store, clock, ct);
        var from = BriefingEndpoints.Day(v, http.Request.Query["from"], "from") ?? today;
        var to = BriefingEndpoints.Day(v, http.Request.Query["to"], "to") ?? (string.IsNullOrEmpty(http.Request.Query["from"]) ? today : from);
        var by = v.Enum<KpiDimension>("by", http.Request.Query["by"]);
        Guid? unitId = null;
        if (!string.IsNullOrWhiteSpace(http.Request.Query["unitId"]))
        {
            unitId = Guid.TryParse(http.Request.Query["unitId"], out var u) ? u : null;
            v.When(unitId is null, "unitId", new Text("应为编号（GUID）。", "Must be an id (GUID)."));
        }

        v.ThrowIfInvalid();
        var actor = principal.ToActor();
        var english = Components.Ui.EnglishForApi(http);
        var total = await kpis.ExecuteAsync(actor, new KpiRequest(from, to, unitId), ct);
        var sheets = new List<XlsxSheet> { KpiSheet(english ? "Total" : "合计", english ? "Centre" : "中心", KpiDimension.Centre, [new KpiRow("", total.UnitId is null ? (english ? "Centre" : "中心") : "", total.Total)], english) };
        var dimensions = by is { } one && one != KpiDimension.Centre ? [one] : by is null ? (unitId is null && actor.IsCentreStaff ? Breakdowns : [KpiDimension.Unit]) : [];
        foreach (var d in dimensions)
        {
            var report = await kpis.ExecuteAsync(actor, new KpiRequest(from, to, unitId, d), ct);
            var name = ReportWords.Dimension(d, english);
            sheets.Add(KpiSheet(english ? $"By {name.ToLowerInvariant()}" : $"按{name}", name, d, report.Rows, english));
        }

        var suffix = by is { } b ? "-" + System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(b.ToString()) : "";
        return Xlsx.File(Xlsx.Write(sheets), $"kpis-{from:yyyyMMdd}-{to:yyyyMMdd}{suffix}.xlsx");
    }

    /// <summary>One row per key: its name, every counter, every rate (as the JSON gives them).</summary>
    public static XlsxSheet KpiSheet(string sheet, string keyHeader, KpiDimension by, IReadOnlyList<KpiRow> rows, bool english)
    {
        List<XlsxColumn> columns = [new(keyHeader, XlsxKind.Text, 24)];
        columns.AddRange(ReportWords.Counts.Select(c => new XlsxColumn(english ? c.En : c.Zh)));
        columns.AddRange(ReportWords.Rates.Select(c => new XlsxColumn(english ? c.En : c.Zh, XlsxKind.Percent, 12)));
        return new XlsxSheet(sheet, columns, rows.Select(r =>
        {
            var f = ReportFigures.From(r.Figures);
            List<object?> cells = [ReportWords.RowName(by, r.Key, r.Name, english)];
            cells.AddRange(ReportWords.Counts.Select(c => (object?)c.Value(f)));
            cells.AddRange(ReportWords.Rates.Select(c => (object?)c.Value(f)));
            return (IReadOnlyList<object?>)cells;
        }));
    }
}
