using Lianxin.Core.Calendars;

namespace Lianxin.Core.Staffing;

/// <summary>The kinds of day whose calls look alike (DOMAIN.md "Forecast").</summary>
public enum ForecastDayType
{
    Weekday,
    Weekend,

    /// <summary>法定节假日, or a day off the centre added.</summary>
    Holiday,

    /// <summary>调休上班: a weekend day worked; callers behave as on a working day.</summary>
    MakeUpWorkday,
}

/// <summary>A coming day's expected calls per 30-minute interval (local time, 00:00 first), and what they rest on.</summary>
public sealed record DayForecast(
    DateOnly Date, ForecastDayType DayType, IReadOnlyList<double> Calls, IReadOnlyList<DateOnly> BasedOn, double Trend)
{
    public double Total => Calls.Sum();
}

/// <summary>
/// Forecasts a day's calls per half hour from the call history (DOMAIN.md): the average of the same kind
/// of day over recent weeks — the same weekday when there are enough of them, all days of the kind
/// otherwise; holidays and 调休 days, which are rare, from the last year — scaled by the recent trend: how
/// the last two weeks ran against what the same profiles would have said for them.
/// </summary>
public static class CallForecast
{
    public const int IntervalsPerDay = 48;

    /// <summary>Weeks of history an ordinary day is averaged over.</summary>
    public const int Weeks = 6;

    /// <summary>Days back the trend is measured over.</summary>
    public const int TrendDays = 14;

    public static ForecastDayType TypeOf(CalendarDay day) => day.Kind switch
    {
        CalendarDayKind.Holiday or CalendarDayKind.LocalDayOff => ForecastDayType.Holiday,
        CalendarDayKind.MakeUpWorkday => ForecastDayType.MakeUpWorkday,
        CalendarDayKind.LocalWorkday => day.Date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? ForecastDayType.MakeUpWorkday : ForecastDayType.Weekday,
        CalendarDayKind.Weekend => ForecastDayType.Weekend,
        _ => ForecastDayType.Weekday,
    };

    /// <summary>
    /// The forecast for <paramref name="date"/> from <paramref name="history"/> (offered calls per local day and
    /// half hour; days missing from it had no calls recorded and are not used). Only days before
    /// <paramref name="date"/> count.
    /// </summary>
    public static DayForecast For(DateOnly date, IReadOnlyDictionary<DateOnly, double[]> history, WorkingCalendar calendar)
    {
        var type = TypeOf(calendar.Describe(date));
        var basis = ReferenceDays(date, type, history, calendar);
        var profile = Profile(basis, history);
        var trend = Trend(date, history, calendar);
        return new DayForecast(date, type, [.. profile.Select(c => c * trend)], basis, trend);
    }

    /// <summary>The days a day of this type is averaged over, most recent first.</summary>
    public static IReadOnlyList<DateOnly> ReferenceDays(DateOnly date, ForecastDayType type, IReadOnlyDictionary<DateOnly, double[]> history, WorkingCalendar calendar)
    {
        List<DateOnly> Window(int days, Func<DateOnly, bool> take)
        {
            var found = new List<DateOnly>();
            for (var d = date.AddDays(-1); d >= date.AddDays(-days); d = d.AddDays(-1))
            {
                if (history.ContainsKey(d) && take(d))
                {
                    found.Add(d);
                }
            }

            return found;
        }

        bool Is(DateOnly d, ForecastDayType t) => TypeOf(calendar.Describe(d)) == t;

        switch (type)
        {
            case ForecastDayType.Holiday:
            {
                // A holiday is like other holidays, of which a year has a handful; without any, like a weekend.
                var holidays = Window(365, d => Is(d, ForecastDayType.Holiday));
                return holidays.Count > 0 ? holidays : ReferenceDays(date, ForecastDayType.Weekend, history, calendar);
            }

            case ForecastDayType.MakeUpWorkday:
            {
                // 调休 days are rarer still; a working day's profile is the next best.
                var made = Window(365, d => Is(d, ForecastDayType.MakeUpWorkday));
                return made.Count >= 2 ? made : ReferenceDays(date, ForecastDayType.Weekday, history, calendar);
            }

            default:
            {
                var sameWeekday = Window(Weeks * 7, d => d.DayOfWeek == date.DayOfWeek && Is(d, type));
                return sameWeekday.Count >= 3 ? sameWeekday : Window(Weeks * 7, d => Is(d, type));
            }
        }
    }

    private static double[] Profile(IReadOnlyList<DateOnly> days, IReadOnlyDictionary<DateOnly, double[]> history)
    {
        var profile = new double[IntervalsPerDay];
        foreach (var day in days)
        {
            var counts = history[day];
            for (var i = 0; i < IntervalsPerDay && i < counts.Length; i++)
            {
                profile[i] += counts[i] / days.Count;
            }
        }

        return profile;
    }

    /// <summary>
    /// Actual calls of the last <see cref="TrendDays"/> days ÷ what their own profiles (built as for a forecast
    /// on each of those days) expected; 1 without enough history; held within 0.5–2 so one odd fortnight
    /// cannot run away with the plan.
    /// </summary>
    public static double Trend(DateOnly date, IReadOnlyDictionary<DateOnly, double[]> history, WorkingCalendar calendar)
    {
        double actual = 0, expected = 0;
        for (var d = date.AddDays(-TrendDays); d < date; d = d.AddDays(1))
        {
            if (!history.TryGetValue(d, out var counts))
            {
                continue;
            }

            var basis = ReferenceDays(d, TypeOf(calendar.Describe(d)), history, calendar).Where(b => b < date.AddDays(-TrendDays)).ToList();
            if (basis.Count == 0)
            {
                continue;
            }

            actual += counts.Sum();
            expected += Profile(basis, history).Sum();
        }

        return expected <= 0 ? 1 : Math.Clamp(actual / expected, 0.5, 2);
    }
}
