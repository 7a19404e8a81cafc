using Lianxin.Core.Calendars;
using Lianxin.Core.Staffing;

namespace Lianxin.Core.Tests.Staffing;

public class ForecastTests
{
    private static readonly WorkingCalendar Calendar = WorkingCalendar.Default;

    // Three shapes a centre sees: working days peak mid-morning, weekends are flat and low, holidays lower still.
    private static double WorkingShape(int i) => i is >= 16 and < 36 ? 40 + (i is >= 18 and < 22 ? 30 : 0) : 5;

    private static double WeekendShape(int i) => i is >= 16 and < 40 ? 15 : 3;

    private static double HolidayShape(int i) => i is >= 18 and < 38 ? 8 : 2;

    /// <summary>History from <paramref name="from"/> up to (not including) <paramref name="until"/>; the shape by the calendar's day type, Mondays 20 % busier.</summary>
    private static Dictionary<DateOnly, double[]> History(DateOnly from, DateOnly until, Func<DateOnly, double>? level = null)
    {
        var history = new Dictionary<DateOnly, double[]>();
        for (var d = from; d < until; d = d.AddDays(1))
        {
            var type = CallForecast.TypeOf(Calendar.Describe(d));
            Func<int, double> shape = type switch
            {
                ForecastDayType.Holiday => HolidayShape,
                ForecastDayType.Weekend => WeekendShape,
                _ => WorkingShape,
            };
            var scale = (d.DayOfWeek == DayOfWeek.Monday && type == ForecastDayType.Weekday ? 1.2 : 1) * (level?.Invoke(d) ?? 1);
            history[d] = [.. Enumerable.Range(0, CallForecast.IntervalsPerDay).Select(i => shape(i) * scale)];
        }

        return history;
    }

    private static void AssertShape(Func<int, double> expected, DayForecast forecast, double scale = 1, double tolerance = 1e-9)
    {
        for (var i = 0; i < CallForecast.IntervalsPerDay; i++)
        {
            Assert.Equal(expected(i) * scale, forecast.Calls[i], tolerance);
        }
    }

    [Fact]
    public void TheCalendarKnowsTheDaysTheTestsUse()
    {
        Assert.Equal(ForecastDayType.Holiday, CallForecast.TypeOf(Calendar.Describe(new DateOnly(2026, 2, 16))));
        Assert.Equal(ForecastDayType.MakeUpWorkday, CallForecast.TypeOf(Calendar.Describe(new DateOnly(2026, 2, 14))));
        Assert.Equal(DayOfWeek.Saturday, new DateOnly(2026, 2, 14).DayOfWeek);
    }

    [Fact]
    public void AHoliday_IsForecastFromHolidays_NotFromItsWeekday()
    {
        // 2026-02-16 (Monday, Spring Festival): the year before holds New Year's Day, National Day and others.
        var date = new DateOnly(2026, 2, 16);
        var forecast = CallForecast.For(date, History(date.AddDays(-400), date), Calendar);
        Assert.Equal(ForecastDayType.Holiday, forecast.DayType);
        Assert.All(forecast.BasedOn, d => Assert.Equal(CalendarDayKind.Holiday, Calendar.Describe(d).Kind));
        Assert.Contains(new DateOnly(2026, 1, 1), forecast.BasedOn);
        Assert.Equal(1, forecast.Trend, 9);
        AssertShape(HolidayShape, forecast);
    }

    [Fact]
    public void AMakeUpSaturday_IsForecastAsAWorkingDay_NotAWeekend()
    {
        // 2026-02-14: a Saturday worked (调休) before Spring Festival.
        var date = new DateOnly(2026, 2, 14);
        var forecast = CallForecast.For(date, History(date.AddDays(-400), date), Calendar);
        Assert.Equal(ForecastDayType.MakeUpWorkday, forecast.DayType);
        Assert.All(forecast.BasedOn, d => Assert.Equal(CalendarDayKind.MakeUpWorkday, Calendar.Describe(d).Kind));
        AssertShape(WorkingShape, forecast);
        Assert.True(forecast.Calls[19] > 3 * WeekendShape(19));
    }

    [Fact]
    public void AMonday_IsForecastFromMondays()
    {
        var date = new DateOnly(2026, 11, 30);
        var forecast = CallForecast.For(date, History(date.AddDays(-70), date), Calendar);
        Assert.Equal(ForecastDayType.Weekday, forecast.DayType);
        Assert.All(forecast.BasedOn, d => Assert.Equal(DayOfWeek.Monday, d.DayOfWeek));
        Assert.True(forecast.BasedOn.Count >= 3);
        AssertShape(WorkingShape, forecast, 1.2);
    }

    [Fact]
    public void ASunday_IsForecastFromWeekends()
    {
        var date = new DateOnly(2026, 11, 29);
        var forecast = CallForecast.For(date, History(date.AddDays(-70), date), Calendar);
        Assert.Equal(ForecastDayType.Weekend, forecast.DayType);
        AssertShape(WeekendShape, forecast);
    }

    [Fact]
    public void ARisingFortnight_ScalesTheForecast()
    {
        // The last two weeks ran 10 % above the weeks before: the forecast follows, on the recent-weighted profile.
        var date = new DateOnly(2026, 11, 30);
        var history = History(date.AddDays(-70), date, d => d >= date.AddDays(-CallForecast.TrendDays) ? 1.1 : 1);
        var forecast = CallForecast.For(date, history, Calendar);
        Assert.Equal(1.1, forecast.Trend, 9);

        // Mondays in the last six weeks: two at 1.1, four at 1.0 → the profile is 1.0333 × the shape; × 1.1 trend.
        AssertShape(WorkingShape, forecast, 1.2 * ((2 * 1.1) + 4) / 6 * 1.1, 1e-6);
    }

    [Fact]
    public void AStrangeFortnight_CannotRunAwayWithThePlan()
    {
        var date = new DateOnly(2026, 11, 30);
        var history = History(date.AddDays(-70), date, d => d >= date.AddDays(-CallForecast.TrendDays) ? 10 : 1);
        Assert.Equal(2, CallForecast.For(date, history, Calendar).Trend);
    }

    [Fact]
    public void NoHistory_ForecastsNothing_WithoutFailing()
    {
        var forecast = CallForecast.For(new DateOnly(2026, 11, 30), new Dictionary<DateOnly, double[]>(), Calendar);
        Assert.Empty(forecast.BasedOn);
        Assert.Equal(0, forecast.Total);
        Assert.Equal(1, forecast.Trend);
    }

    [Fact]
    public void Plan_SaysTheGapAndWhenToOpenTheEmergencyLines()
    {
        var date = new DateOnly(2026, 11, 30);
        var forecast = CallForecast.For(date, History(date.AddDays(-70), date), Calendar);
        var goals = new StaffingGoals(AhtSeconds: 240, PatienceSeconds: 120, TargetSeconds: 15, ServiceLevel: 0.8, MaxAbandonment: 0.05, MaxOccupancy: 0.85, Shrinkage: 0.3, EmergencyLines: 4);

        // Eight people all day: enough for the quiet hours, short in the morning peak (84 calls per half hour at 09:00–11:00).
        var plan = DayPlan.For(forecast, goals, [.. Enumerable.Repeat(8, CallForecast.IntervalsPerDay)]);

        var quiet = plan.Intervals[4]; // 02:00
        Assert.Equal(0, quiet.Gap);
        Assert.Equal(0, quiet.EmergencyLines);
        var peak = plan.Intervals[19]; // 09:30
        Assert.Equal(84, peak.Calls, 9);
        Assert.True(peak.Gap > 0);
        Assert.Equal(peak.ScheduledNeeded - 8, peak.Gap);
        Assert.InRange(peak.EmergencyLines, 1, 4);
        Assert.True(peak.ServiceLevelAsRostered < 0.8);
        Assert.Contains(plan.EmergencySpans, s => s.From <= new TimeOnly(9, 0) && s.To >= new TimeOnly(11, 0));
        Assert.Equal(new TimeOnly(9, 30), peak.Start);
    }
}
