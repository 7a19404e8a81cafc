namespace Lianxin.Web.Reports;

/// <summary>The quick periods of the report page (今日 … 本年), as local days, both inclusive.</summary>
public static class ReportPeriod
{
    public static IReadOnlyList<(string Id, string Zh, string En, DateOnly From, DateOnly To)> QuickPicks(DateOnly today)
    {
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var month = new DateOnly(today.Year, today.Month, 1);
        return
        [
            ("today", "今日", "Today", today, today),
            ("yesterday", "昨日", "Yesterday", today.AddDays(-1), today.AddDays(-1)),
            ("week", "本周", "This week", monday, today),
            ("month", "本月", "This month", month, today),
            ("last-month", "上月", "Last month", month.AddMonths(-1), month.AddDays(-1)),
            ("year", "本年", "This year", new DateOnly(today.Year, 1, 1), today),
        ];
    }

    public static DateOnly? Parse(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d) ? d : null;
}
