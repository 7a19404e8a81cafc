using System.Globalization;

namespace Lianxin.Core.Calendars;

public enum CalendarDayKind
{
    /// <summary>Monday–Friday with nothing special.</summary>
    Weekday,

    /// <summary>Saturday or Sunday with nothing special.</summary>
    Weekend,

    /// <summary>法定节假日 from the State Council schedule.</summary>
    Holiday,

    /// <summary>调休上班: a weekend day made a working day by the schedule.</summary>
    MakeUpWorkday,

    /// <summary>A day off the centre added for itself.</summary>
    LocalDayOff,

    /// <summary>A working day the centre added for itself.</summary>
    LocalWorkday,
}

public sealed record CalendarDay(DateOnly Date, bool IsWorkday, string? Name, CalendarDayKind Kind);

/// <summary>A centre's own change to the calendar: a local day off or an extra working day. Beats the schedule.</summary>
public sealed record DayOverride(DateOnly Date, bool IsWorkday, string? Name);

public readonly record struct WorkPeriod(TimeOnly Start, TimeOnly End);

/// <summary>The hours of a working day, in the centre's local time; default 09:00–12:00 and 13:30–17:30.</summary>
public sealed record WorkingHours
{
    public WorkingHours(IReadOnlyList<WorkPeriod> periods)
    {
        if (periods.Count == 0)
        {
            throw new ArgumentException("At least one working period is needed.", nameof(periods));
        }

        for (var i = 0; i < periods.Count; i++)
        {
            if (periods[i].End <= periods[i].Start)
            {
                throw new ArgumentException($"Period {i} ends before it starts.", nameof(periods));
            }

            if (i > 0 && periods[i].Start < periods[i - 1].End)
            {
                throw new ArgumentException($"Period {i} overlaps or precedes period {i - 1}.", nameof(periods));
            }
        }

        Periods = periods;
        PerDay = TimeSpan.FromTicks(periods.Sum(p => (p.End - p.Start).Ticks));
    }

    public static WorkingHours Default { get; } = new([new WorkPeriod(new TimeOnly(9, 0), new TimeOnly(12, 0)), new WorkPeriod(new TimeOnly(13, 30), new TimeOnly(17, 30))]);

    public IReadOnlyList<WorkPeriod> Periods { get; }

    /// <summary>Working time in one working day (7 h by default).</summary>
    public TimeSpan PerDay { get; }

    public bool Equals(WorkingHours? other) => other is not null && Periods.SequenceEqual(other.Periods);

    public override int GetHashCode() => Periods.Aggregate(0, (h, p) => HashCode.Combine(h, p));

    public override string ToString() => string.Join(", ", Periods.Select(p => $"{p.Start:HH\\:mm}–{p.End:HH\\:mm}"));
}

/// <summary>
/// Working days and working hours of one centre: Monday–Friday, minus statutory holidays, plus make-up
/// working days (调休上班), with the centre's own overrides on top; working hours inside each working
/// day, in the centre's time zone. Pure: all instants in and out are UTC.
/// </summary>
public sealed class WorkingCalendar
{
    private readonly Dictionary<DateOnly, HolidayDay> _schedule = [];
    private readonly Dictionary<DateOnly, DayOverride> _overrides = [];

    public WorkingCalendar(IEnumerable<HolidayYear> holidays, IEnumerable<DayOverride> overrides, WorkingHours hours, TimeZoneInfo zone)
    {
        // Later notices win for a date listed twice (a year's file may hold next year's first days).
        foreach (var year in holidays.OrderBy(y => y.Year))
        {
            foreach (var day in year.Days)
            {
                _schedule[day.Date] = day;
            }
        }

        foreach (var o in overrides)
        {
            _overrides[o.Date] = o;
        }

        Hours = hours;
        Zone = zone;
    }

    public static WorkingCalendar Default { get; } =
        new(ShippedHolidays.Load(), [], WorkingHours.Default, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));

    public WorkingHours Hours { get; }

    public TimeZoneInfo Zone { get; }

    public bool IsWorkday(DateOnly date) =>
        _overrides.TryGetValue(date, out var o) ? o.IsWorkday
        : _schedule.TryGetValue(date, out var d) ? !d.IsOffDay
        : date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    public CalendarDay Describe(DateOnly date)
    {
        if (_overrides.TryGetValue(date, out var o))
        {
            return new CalendarDay(date, o.IsWorkday, o.Name, o.IsWorkday ? CalendarDayKind.LocalWorkday : CalendarDayKind.LocalDayOff);
        }

        if (_schedule.TryGetValue(date, out var d))
        {
            return new CalendarDay(date, !d.IsOffDay, d.Name, d.IsOffDay ? CalendarDayKind.Holiday : CalendarDayKind.MakeUpWorkday);
        }

        var weekend = date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
        return new CalendarDay(date, !weekend, null, weekend ? CalendarDayKind.Weekend : CalendarDayKind.Weekday);
    }

    /// <summary>The <paramref name="n"/>-th working day after <paramref name="from"/> (which never counts itself).</summary>
    public DateOnly AddWorkingDays(DateOnly from, int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        var date = from;
        for (var found = 0; found < n;)
        {
            date = date.AddDays(1);
            if (IsWorkday(date))
            {
                found++;
            }
        }

        return date;
    }

    public DateOnly LocalDate(DateTime utc) => DateOnly.FromDateTime(ToLocal(utc));

    public DateTime ToLocal(DateTime utc)
    {
        if (utc.Kind != DateTimeKind.Utc)
        {
            throw new ArgumentException("Instants are UTC.", nameof(utc));
        }

        return TimeZoneInfo.ConvertTimeFromUtc(utc, Zone);
    }

    public DateTime ToUtc(DateOnly date, TimeOnly time) =>
        TimeZoneInfo.ConvertTimeToUtc(date.ToDateTime(time, DateTimeKind.Unspecified), Zone);

    /// <summary>The end of the last working period on <paramref name="date"/>, as a UTC instant.</summary>
    public DateTime EndOfWorkingDayUtc(DateOnly date) => ToUtc(date, Hours.Periods[^1].End);

    /// <summary>
    /// <paramref name="startUtc"/> plus <paramref name="duration"/> of working time: the clock runs only inside
    /// working periods of working days. A start outside working time begins at the next period's start.
    /// A zero duration returns the start unchanged.
    /// </summary>
    public DateTime AddWorkingTime(DateTime startUtc, TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        if (duration == TimeSpan.Zero)
        {
            return startUtc;
        }

        var local = ToLocal(startUtc);
        var date = DateOnly.FromDateTime(local);
        var time = TimeOnly.FromDateTime(local);
        var left = duration;
        for (var guard = 0; guard < 366 * 50; guard++)
        {
            if (IsWorkday(date))
            {
                foreach (var p in Hours.Periods)
                {
                    if (time >= p.End)
                    {
                        continue;
                    }

                    var from = time > p.Start ? time : p.Start;
                    var available = p.End - from;
                    if (available >= left)
                    {
                        return ToUtc(date, from.Add(left));
                    }

                    left -= available;
                    time = p.End;
                }
            }

            date = date.AddDays(1);
            time = TimeOnly.MinValue;
        }

        throw new InvalidOperationException("No working time found within fifty years; is every day a day off?");
    }

    /// <summary>
    /// The instant <paramref name="duration"/> of working time before <paramref name="endUtc"/>: the mirror of
    /// <see cref="AddWorkingTime"/>. An end outside working time counts back from the previous period's end.
    /// Landing exactly on a period boundary, the start of the later period is returned, or with
    /// <paramref name="atPeriodEnd"/> the end of the earlier one (the same working time; a deadline reads
    /// better as "Friday 17:30" than as "Monday 09:00").
    /// </summary>
    public DateTime SubtractWorkingTime(DateTime endUtc, TimeSpan duration, bool atPeriodEnd = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        if (duration == TimeSpan.Zero)
        {
            return endUtc;
        }

        var local = ToLocal(endUtc);
        var date = DateOnly.FromDateTime(local);
        var time = TimeOnly.FromDateTime(local);
        var endOfDay = local.TimeOfDay == TimeSpan.Zero;
        var left = duration;
        for (var guard = 0; guard < 366 * 50; guard++)
        {
            if (IsWorkday(date))
            {
                for (var i = Hours.Periods.Count - 1; i >= 0; i--)
                {
                    var p = Hours.Periods[i];
                    if (!endOfDay && time <= p.Start)
                    {
                        continue;
                    }

                    var to = endOfDay || time > p.End ? p.End : time;
                    var available = to - p.Start;
                    if (available > left || (available == left && !atPeriodEnd))
                    {
                        return ToUtc(date, to.Add(-left));
                    }

                    left -= available;
                    time = p.Start;
                    endOfDay = false;
                }
            }

            date = date.AddDays(-1);
            endOfDay = true;
        }

        throw new InvalidOperationException("No working time found within fifty years; is every day a day off?");
    }

    /// <summary>Working time inside [<paramref name="fromUtc"/>, <paramref name="toUtc"/>); zero when to ≤ from.</summary>
    public TimeSpan WorkingTimeBetween(DateTime fromUtc, DateTime toUtc)
    {
        if (toUtc <= fromUtc)
        {
            return TimeSpan.Zero;
        }

        var start = ToLocal(fromUtc);
        var end = ToLocal(toUtc);
        var total = TimeSpan.Zero;
        for (var date = DateOnly.FromDateTime(start); date <= DateOnly.FromDateTime(end); date = date.AddDays(1))
        {
            if (!IsWorkday(date))
            {
                continue;
            }

            foreach (var p in Hours.Periods)
            {
                var pStart = date.ToDateTime(p.Start);
                var pEnd = date.ToDateTime(p.End);
                var a = pStart > start ? pStart : start;
                var b = pEnd < end ? pEnd : end;
                if (b > a)
                {
                    total += b - a;
                }
            }
        }

        return total;
    }

    public static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
