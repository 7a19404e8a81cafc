using System.Globalization;

namespace Lianxin.Core.Common;

/// <summary>
/// from/to of lists and figures: a date is a local day in the centre's time zone (a "to" date includes
/// the whole day); an instant (ISO 8601 with offset) is taken as it is.
/// </summary>
public static class Periods
{
    public static DateTime? ParseInstant(Validator v, string field, string? text, TimeZoneInfo zone, bool endOfDay)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            var local = (endOfDay ? date.AddDays(1) : date).ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
            return TimeZoneInfo.ConvertTimeToUtc(local, zone);
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
        {
            return instant.UtcDateTime;
        }

        v.Add(field, new Text("日期格式应为 yyyy-MM-dd 或 ISO 8601 时间。", "Use yyyy-MM-dd or an ISO 8601 instant."));
        return null;
    }

    /// <summary>
    /// A figure's period, [From, To): by default the <paramref name="defaultDays"/> days up to now;
    /// `to` must come after `from`, and the period may not be longer than a year and a day.
    /// </summary>
    public static (DateTime From, DateTime To) Bounded(Validator v, string? from, string? to, TimeZoneInfo zone, DateTime now, int defaultDays = 30)
    {
        var toUtc = ParseInstant(v, "to", to, zone, endOfDay: true) ?? now;
        var fromUtc = ParseInstant(v, "from", from, zone, endOfDay: false) ?? toUtc.AddDays(-defaultDays);
        v.When(toUtc <= fromUtc, "to", new Text("结束时间应晚于开始时间。", "The end must be after the start."));
        v.When(toUtc - fromUtc > TimeSpan.FromDays(366), "from", new Text("统计区间最长 366 天。", "A period is at most 366 days."));
        return (fromUtc, toUtc);
    }
}
