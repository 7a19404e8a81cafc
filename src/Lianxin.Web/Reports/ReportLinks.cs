using System.Text.Json;
using Lianxin.Core.Reports;

namespace Lianxin.Web.Reports;

/// <summary>The console addresses of the reports: every figure opens the list of orders (or calls) behind it.</summary>
public static class ReportLinks
{
    public static string Name<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    public static string Drill(KpiFigure figure, DateOnly from, DateOnly to, KpiDimension by = KpiDimension.Centre, string? key = null, Guid? categoryId = null)
    {
        var href = $"/reports/orders?figure={Name(figure)}&from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}";
        href = by == KpiDimension.Centre || key is null ? href : $"{href}&by={Name(by)}&key={Uri.EscapeDataString(key)}";
        return categoryId is { } c ? $"{href}&categoryId={c}" : href;
    }

    public static string Briefing(DateOnly day) => $"/reports/briefing?date={day:yyyy-MM-dd}";

    public static string Monthly(DateOnly month) => $"/reports/monthly?month={month:yyyy-MM}";
}
