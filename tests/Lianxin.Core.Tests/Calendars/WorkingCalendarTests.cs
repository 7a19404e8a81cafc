using System.Text.Json;
using Lianxin.Core.Calendars;

namespace Lianxin.Core.Tests.Calendars;

public class WorkingCalendarTests
{
    private static readonly WorkingCalendar Calendar = WorkingCalendar.Default;

    private static DateOnly D(string s) => DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Local Shanghai time → UTC.</summary>
    private static DateTime L(string s) => DateTime.SpecifyKind(DateTime.Parse(s, System.Globalization.CultureInfo.InvariantCulture).AddHours(-8), DateTimeKind.Utc);

    private static string DataDirectory
    {
        get
        {
            var dir = AppContext.BaseDirectory;
            while (!Directory.Exists(Path.Combine(dir, "src", "Lianxin.Core", "Calendars", "HolidayData")))
            {
                dir = Path.GetDirectoryName(dir) ?? throw new DirectoryNotFoundException("repository root");
            }

            return Path.Combine(dir, "src", "Lianxin.Core", "Calendars", "HolidayData");
        }
    }

    public static TheoryData<string, bool, string> EveryListedDay()
    {
        // Read straight from the shipped files, independently of the parser under test.
        var data = new TheoryData<string, bool, string>();
        foreach (var file in Directory.GetFiles(DataDirectory, "20*.json").Order())
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(file));
            foreach (var day in doc.RootElement.GetProperty("days").EnumerateArray())
            {
                data.Add(day.GetProperty("date").GetString()!, day.GetProperty("isOffDay").GetBoolean(), Path.GetFileName(file));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryListedDay))]
    public void IsWorkday_EveryDayOfTheStateCouncilSchedule_FollowsTheData(string date, bool isOffDay, string file)
    {
        Assert.True(Calendar.IsWorkday(D(date)) == !isOffDay, $"{date} from {file}");
        Assert.Equal(isOffDay ? CalendarDayKind.Holiday : CalendarDayKind.MakeUpWorkday, Calendar.Describe(D(date)).Kind);
    }

    [Fact]
    public void ShippedData_CoversEverySeventhYear2020To2026()
    {
        var years = ShippedHolidays.Load().Select(y => y.Year).ToList();
        Assert.Equal([2020, 2021, 2022, 2023, 2024, 2025, 2026], years);
        Assert.True(EveryListedDay().Count > 250);
    }

    [Theory]
    [InlineData("2024-10-12", true)]  // Saturday, 调休上班 after National Day
    [InlineData("2026-02-14", true)]  // Saturday, 调休上班 before Spring Festival
    [InlineData("2022-12-31", false)] // Saturday, off — listed in 2023.json only
    [InlineData("2023-01-02", false)] // Monday, New Year holiday
    [InlineData("2020-02-03", true)]  // Monday, listed as a working day in the COVID extension
    [InlineData("2026-02-15", false)]
    [InlineData("2026-02-23", false)] // last day of the 2026 Spring Festival break (a Monday)
    [InlineData("2026-02-24", true)]
    [InlineData("2025-09-28", true)]  // Sunday, 调休上班
    [InlineData("2025-10-08", false)] // National Day + Mid-Autumn, Wednesday
    [InlineData("2025-10-11", true)]  // Saturday, 调休上班
    [InlineData("2026-11-23", true)]  // an ordinary Monday
    [InlineData("2026-11-22", false)] // an ordinary Sunday
    public void IsWorkday_KnownDays(string date, bool expected) => Assert.Equal(expected, Calendar.IsWorkday(D(date)));

    [Theory]
    [InlineData("2026-02-13", 5, "2026-02-27")] // Sat 02-14 works; 02-15..02-23 off
    [InlineData("2025-09-26", 2, "2025-09-29")] // Sun 09-28 works
    [InlineData("2024-09-30", 1, "2024-10-08")] // National Day 10-01..10-07
    [InlineData("2022-12-30", 1, "2023-01-03")] // 12-31 off (in 2023.json), 01-02 off
    [InlineData("2024-02-09", 1, "2024-02-18")] // Spring Festival 2024: 02-10..02-17 off, Sun 02-18 works
    [InlineData("2023-01-20", 1, "2023-01-28")] // Spring Festival 2023: 01-21..01-27 off, Sat 01-28 works
    [InlineData("2023-09-28", 1, "2023-10-07")] // Mid-Autumn + National Day 2023: 09-29..10-06 off, Sat 10-07 works
    [InlineData("2021-09-30", 3, "2021-10-11")] // 2021: 10-01..10-07 off, Sat 10-09 works, Mon 10-11
    [InlineData("2026-09-30", 1, "2026-10-08")] // 2026 National Day 10-01..10-07
    [InlineData("2026-11-20", 0, "2026-11-20")]
    [InlineData("2026-11-20", 1, "2026-11-23")] // Friday + 1 = Monday
    public void AddWorkingDays_AcrossHolidaysAndMakeUpDays(string from, int n, string expected) =>
        Assert.Equal(D(expected), Calendar.AddWorkingDays(D(from), n));

    [Fact]
    public void AddWorkingDays_Negative_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Calendar.AddWorkingDays(D("2026-01-05"), -1));

    [Theory]
    [InlineData("2027-03-01", true)]  // Monday, beyond the data
    [InlineData("2027-03-06", false)] // Saturday, beyond the data
    [InlineData("2019-06-01", false)] // Saturday, before the data
    [InlineData("2019-06-03", true)]
    public void DateOutsideTheData_FollowsTheWeekdayRule(string date, bool expected)
    {
        Assert.Equal(expected, Calendar.IsWorkday(D(date)));
        Assert.Equal(expected ? CalendarDayKind.Weekday : CalendarDayKind.Weekend, Calendar.Describe(D(date)).Kind);
    }

    [Fact]
    public void Overrides_BeatTheScheduleAndTheWeekdayRule()
    {
        var calendar = new WorkingCalendar(ShippedHolidays.Load(),
            [new DayOverride(D("2026-11-25"), false, "台风停工"), new DayOverride(D("2026-11-28"), true, "集中办公日"), new DayOverride(D("2026-10-01"), true, "值班")],
            WorkingHours.Default, Calendar.Zone);

        Assert.False(calendar.IsWorkday(D("2026-11-25")));
        Assert.Equal(new CalendarDay(D("2026-11-25"), false, "台风停工", CalendarDayKind.LocalDayOff), calendar.Describe(D("2026-11-25")));
        Assert.True(calendar.IsWorkday(D("2026-11-28")));
        Assert.Equal(CalendarDayKind.LocalWorkday, calendar.Describe(D("2026-11-28")).Kind);
        Assert.True(calendar.IsWorkday(D("2026-10-01")));
        Assert.Equal(D("2026-11-26"), calendar.AddWorkingDays(D("2026-11-24"), 1));
    }

    [Theory]
    [InlineData("2026-11-23 11:30", 60, "2026-11-23 14:00")]   // across the lunch break
    [InlineData("2026-11-23 17:00", 60, "2026-11-24 09:30")]   // across the night
    [InlineData("2026-11-20 17:00", 60, "2026-11-23 09:30")]   // Friday → Monday
    [InlineData("2026-11-23 07:00", 30, "2026-11-23 09:30")]   // before opening
    [InlineData("2026-11-23 20:00", 30, "2026-11-24 09:30")]   // after closing
    [InlineData("2026-11-23 12:45", 30, "2026-11-23 14:00")]   // during lunch
    [InlineData("2026-02-13 16:30", 120, "2026-02-14 10:00")]  // Friday → make-up Saturday
    [InlineData("2026-02-14 17:00", 60, "2026-02-24 09:30")]   // make-up Saturday → after Spring Festival
    [InlineData("2026-10-01 10:00", 60, "2026-10-08 10:00")]   // starting on a holiday
    [InlineData("2026-11-23 09:00", 420, "2026-11-23 17:30")]  // one full working day
    [InlineData("2026-11-23 09:00", 421, "2026-11-24 09:01")]
    public void AddWorkingTime_OnlyCountsWorkingHours(string startLocal, int minutes, string expectedLocal)
    {
        var due = Calendar.AddWorkingTime(L(startLocal), TimeSpan.FromMinutes(minutes));
        Assert.Equal(L(expectedLocal), due);
        Assert.Equal(DateTimeKind.Utc, due.Kind);
    }

    [Theory]
    [InlineData("2026-11-23 14:00", 60, "2026-11-23 11:30")]
    [InlineData("2026-11-24 09:30", 60, "2026-11-23 17:00")]
    [InlineData("2026-11-23 09:30", 60, "2026-11-20 17:00")]
    [InlineData("2026-02-24 09:30", 60, "2026-02-14 17:00")]
    [InlineData("2026-11-23 17:30", 420, "2026-11-23 09:00")]
    public void SubtractWorkingTime_MirrorsAdd(string endLocal, int minutes, string expectedLocal) =>
        Assert.Equal(L(expectedLocal), Calendar.SubtractWorkingTime(L(endLocal), TimeSpan.FromMinutes(minutes)));

    [Theory]
    [InlineData("2026-11-23 17:30", 420, "2026-11-20 17:30")] // a whole working day back from Monday's end: Friday's end
    [InlineData("2026-11-23 14:30", 60, "2026-11-23 12:00")]  // an hour back from 14:30 crosses lunch: the morning's end
    [InlineData("2026-02-24 10:00", 60, "2026-02-14 17:30")]  // Tuesday after Spring Festival: the make-up Saturday's end
    [InlineData("2026-11-23 14:00", 60, "2026-11-23 11:30")]  // not on a boundary: the same as without the option
    public void SubtractWorkingTime_AtPeriodEnd_OnABoundaryGivesTheEarlierPeriodsEnd(string endLocal, int minutes, string expectedLocal) =>
        Assert.Equal(L(expectedLocal), Calendar.SubtractWorkingTime(L(endLocal), TimeSpan.FromMinutes(minutes), atPeriodEnd: true));

    [Theory]
    [InlineData("2026-11-23 11:30", "2026-11-23 14:00", 60)]
    [InlineData("2026-11-20 17:00", "2026-11-23 09:30", 60)]
    [InlineData("2026-11-23 00:00", "2026-11-24 00:00", 420)]
    [InlineData("2026-02-13 00:00", "2026-02-25 00:00", 420 * 3)] // Fri 13, make-up Sat 14, Tue 24
    [InlineData("2026-11-23 14:00", "2026-11-23 11:30", 0)]
    public void WorkingTimeBetween_CountsOnlyWorkingPeriods(string fromLocal, string toLocal, int minutes) =>
        Assert.Equal(TimeSpan.FromMinutes(minutes), Calendar.WorkingTimeBetween(L(fromLocal), L(toLocal)));

    [Theory]
    [InlineData("2026-11-23 10:17", 95)]
    [InlineData("2026-11-20 16:59", 600)]
    [InlineData("2026-02-13 09:00", 2000)]
    [InlineData("2026-09-30 15:00", 777)]
    public void AddWorkingTime_ThenWorkingTimeBetween_RoundTrips(string startLocal, int minutes)
    {
        var start = L(startLocal);
        var end = Calendar.AddWorkingTime(start, TimeSpan.FromMinutes(minutes));
        Assert.Equal(TimeSpan.FromMinutes(minutes), Calendar.WorkingTimeBetween(start, end));
        Assert.Equal(start, Calendar.SubtractWorkingTime(end, TimeSpan.FromMinutes(minutes)));
    }

    [Fact]
    public void EndOfWorkingDay_Is1730LocalInUtc() =>
        Assert.Equal(new DateTime(2026, 11, 23, 9, 30, 0, DateTimeKind.Utc), Calendar.EndOfWorkingDayUtc(D("2026-11-23")));

    [Fact]
    public void OtherTimeZone_ShiftsTheInstants()
    {
        var utcCalendar = new WorkingCalendar(ShippedHolidays.Load(), [], WorkingHours.Default, TimeZoneInfo.Utc);
        Assert.Equal(new DateTime(2026, 11, 23, 17, 30, 0, DateTimeKind.Utc), utcCalendar.EndOfWorkingDayUtc(D("2026-11-23")));
        Assert.Equal(D("2026-11-23"), utcCalendar.LocalDate(new DateTime(2026, 11, 23, 20, 0, 0, DateTimeKind.Utc)));
        Assert.Equal(D("2026-11-24"), Calendar.LocalDate(new DateTime(2026, 11, 23, 20, 0, 0, DateTimeKind.Utc)));
    }

    [Fact]
    public void LocalTimes_MustBeUtc() =>
        Assert.Throws<ArgumentException>(() => Calendar.LocalDate(new DateTime(2026, 11, 23, 8, 0, 0, DateTimeKind.Local)));

    [Fact]
    public void WorkingHours_RejectOverlapsAndEmpty()
    {
        Assert.Throws<ArgumentException>(() => new WorkingHours([]));
        Assert.Throws<ArgumentException>(() => new WorkingHours([new WorkPeriod(new TimeOnly(9, 0), new TimeOnly(12, 0)), new WorkPeriod(new TimeOnly(11, 0), new TimeOnly(13, 0))]));
        Assert.Throws<ArgumentException>(() => new WorkingHours([new WorkPeriod(new TimeOnly(12, 0), new TimeOnly(9, 0))]));
        Assert.Equal(TimeSpan.FromHours(7), WorkingHours.Default.PerDay);
    }
}
