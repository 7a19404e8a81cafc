using System.Globalization;

namespace Lianxin.Core.Common;

/// <summary>
/// Instants as staff read them: in the centre's time zone, to the minute. Pages, exports and
/// messages all write times this way, so a due time reads the same on a page, in a spreadsheet
/// and in a notification.
/// </summary>
public static class LocalTime
{
    /// <summary><c>2026-11-23 18:00</c>: in lists of facts, exports and messages.</summary>
    public const string Full = "yyyy-MM-dd HH:mm";

    /// <summary><c>11-23 18:00</c>: in dense lists, where the year goes without saying.</summary>
    public const string Brief = "MM-dd HH:mm";

    public static DateTime ToLocal(DateTime utc, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);

    /// <summary>The instant in the zone, in <paramref name="format"/>; empty for no instant.</summary>
    public static string Format(DateTime? utc, TimeZoneInfo zone, string format = Full) =>
        utc is { } t ? ToLocal(t, zone).ToString(format, CultureInfo.InvariantCulture) : "";
}
