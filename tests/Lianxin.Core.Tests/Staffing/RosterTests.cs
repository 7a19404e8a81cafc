using Lianxin.Core.Calendars;
using Lianxin.Core.Common;
using Lianxin.Core.Organization;
using Lianxin.Core.Staffing;

namespace Lianxin.Core.Tests.Staffing;

public class RosterTests
{
    private static readonly DateOnly Tue = new(2026, 11, 24);
    private static readonly Guid Wang = Guid.NewGuid();
    private static readonly Guid Li = Guid.NewGuid();

    private static readonly RosterAgent[] Agents = [new(Wang, "王晓雯", "agent", "8001"), new(Li, "李婷", "agent2", "8002")];

    private static ShiftTimes Shift(DateOnly date, int startHour, int endHour, int startMinute = 0, int endMinute = 0) =>
        new(date, new TimeOnly(startHour, startMinute), new TimeOnly(endHour % 24, endMinute));

    [Fact]
    public void NightShift_EndsTheNextDay_AndOverlapsTheNextMorningsEarlyShift()
    {
        var night = Shift(Tue, 22, 6);
        Assert.True(night.EndsNextDay);
        Assert.Equal(8 * 60, night.LengthMinutes);
        Assert.True(night.Overlaps(Shift(Tue.AddDays(1), 5, 13)));
        Assert.False(night.Overlaps(Shift(Tue.AddDays(1), 6, 14)));
        Assert.Equal("22:00–次日06:00", night.Describe().Zh);
    }

    [Fact]
    public void TouchingShifts_DoNotOverlap_SharedMinutesDo()
    {
        Assert.False(Shift(Tue, 8, 16).Overlaps(Shift(Tue, 16, 24)));
        Assert.True(Shift(Tue, 8, 16).Overlaps(Shift(Tue, 15, 23, 59)));
        Assert.True(Shift(Tue, 8, 16).Overlaps(Shift(Tue, 9, 10)));
        Assert.False(Shift(Tue, 8, 16).Overlaps(Shift(Tue.AddDays(1), 8, 16)));
    }

    [Fact]
    public void EqualStartAndEnd_IsA24HourDuty()
    {
        var duty = Shift(Tue, 8, 8);
        Assert.Equal(24 * 60, duty.LengthMinutes);
        Assert.True(duty.Overlaps(Shift(Tue.AddDays(1), 7, 9)));
        Assert.False(duty.Overlaps(Shift(Tue.AddDays(1), 8, 9)));
    }

    [Fact]
    public void OnShift_CountsAgentsAtEachHalfHoursMiddle_IncludingLastNightsShift_EachAgentOnce()
    {
        var on = RosterShift.OnShift(Tue,
        [
            (Wang, Shift(Tue.AddDays(-1), 22, 6)),      // last night: 00:00–05:30 today
            (Li, Shift(Tue, 8, 16)),                    // 08:00–15:30
            (Wang, Shift(Tue, 8, 20, startMinute: 20)), // 08:20: first counted at 08:30
            (Wang, Shift(Tue, 12, 13)),                 // overlapping by mistake: still one agent
            (Li, Shift(Tue, 22, 6)),                    // tonight: 22:00–23:30 today
            (Li, Shift(Tue.AddDays(1), 0, 8)),          // tomorrow: not today
        ]);
        Assert.Equal(48, on.Length);
        Assert.Equal(1, on[0]);
        Assert.Equal(1, on[11]);
        Assert.Equal(0, on[12]);
        Assert.Equal(1, on[16]);
        Assert.Equal(2, on[17]);
        Assert.Equal(2, on[24]);
        Assert.Equal(2, on[31]);
        Assert.Equal(1, on[32]);
        Assert.Equal(1, on[39]);
        Assert.Equal(0, on[40]);
        Assert.Equal(1, on[44]);
        Assert.Equal(1, on[47]);
    }

    [Fact]
    public void Csv_ReadsChineseOrEnglishHeaders_SlashDates_24ColonZeroEnds_AndSkipsEmptyRows()
    {
        var issues = new List<ImportIssue>();
        var lines = RosterCsv.Read("\uFEFF工号,姓名,日期,开始,结束,类型\r\nAgent,王晓雯,2026/11/24,8:00,16:00,\r\nagent2,李婷,2026-11-24,16:00,24:00,应急坐席\r\n,,,,,\r\n", Agents, issues);
        Assert.Empty(issues);
        Assert.Equal(2, lines.Count);
        Assert.Equal(Wang, lines[0].Agent.Id);
        Assert.Equal(Shift(Tue, 8, 16), lines[0].Times);
        Assert.Null(lines[0].Kind);
        Assert.Equal(TimeOnly.MinValue, lines[1].Times.End);
        Assert.True(lines[1].Times.EndsNextDay);
        Assert.Equal(RosterShift.EmergencyKind, lines[1].Kind);
    }

    [Fact]
    public void Csv_ReportsEveryBadLine_ByRowAndColumn_InBothLanguages()
    {
        var issues = new List<ImportIssue>();
        var text = "login,date,start,end\n"
            + "nobody,2026-11-24,08:00,16:00\n"   // row 2: unknown agent
            + "agent,24.11.2026,08:00,16:00\n"    // row 3: date
            + "agent,2026-11-25,8点,16:00\n"      // row 4: start
            + "agent,2026-11-26,08:00\n"          // row 5: columns
            + "agent2,2026-11-24,22:00,06:00\n"   // row 6: fine (night)
            + "agent2,2026-11-25,05:00,13:00\n"   // row 7: overlaps row 6
            + "agent,2026-11-24,08:00,24:00:00\n"; // row 8: fine
        RosterCsv.Read(text, Agents, issues);
        Assert.Equal([(2, "login"), (3, "date"), (4, "start"), (5, null), (7, "start")], issues.Select(i => (i.Row, i.Column)).ToArray());
        Assert.Contains("第 6 行", issues[^1].Message.Zh, StringComparison.Ordinal);
        Assert.Contains("row 6", issues[^1].Message.En, StringComparison.Ordinal);
        Assert.Contains("nobody", issues[0].Message.En, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", 1, null)]
    [InlineData("login,date,start\nagent,2026-11-24,08:00\n", 1, "end")]
    [InlineData("login,date,start,end,班组\n", 1, "班组")]
    [InlineData("login,date,date,start,end\n", 1, "date")]
    [InlineData("login,date,start,end\n\"agent,2026-11-24,08:00,16:00\n", 2, null)]
    public void Csv_ABadFileOrHeader_IsOneIssueAndNoLines(string text, int row, string? column)
    {
        var issues = new List<ImportIssue>();
        Assert.Empty(RosterCsv.Read(text, Agents, issues));
        var issue = Assert.Single(issues);
        Assert.Equal(row, issue.Row);
        Assert.Equal(column, issue.Column);
    }

    [Fact]
    public void Csv_ExportRows_ReadBackAsTheSameShifts()
    {
        var rows = new[]
        {
            new RosterRow(Guid.NewGuid(), Agents[0], Tue, new TimeOnly(22, 0), new TimeOnly(6, 0), "夜班", "带班, \"值班长\""),
            new RosterRow(Guid.NewGuid(), Agents[1], Tue, new TimeOnly(8, 0), new TimeOnly(16, 30), null, null),
        };
        var issues = new List<ImportIssue>();
        var lines = RosterCsv.Read(Csv.Write(RosterCsv.Rows(rows)), Agents, issues);
        Assert.Empty(issues);
        Assert.Equal(rows.Select(r => (r.Agent.Id, r.Times, r.Kind, r.Note)), lines.Select(l => (l.Agent.Id, l.Times, l.Kind, l.Note)));
    }

    [Theory]
    [InlineData("2026-11-24", "08:00", "07:59", 23 * 60 + 59)]
    [InlineData("2026-11-24", "00:00", "24:00", 24 * 60)]
    public void ShiftText_ReadsAsPeopleWrite(string date, string start, string end, int minutes)
    {
        var v = new Validator();
        var times = new ShiftTimes(ShiftText.Date(v, "date", date)!.Value, ShiftText.Time(v, "start", start, false)!.Value, ShiftText.Time(v, "end", end, true)!.Value);
        Assert.True(v.IsValid);
        Assert.Equal(minutes, times.LengthMinutes);
    }

    [Fact]
    public void ShiftText_RefusesSecondsAnd24AsAStart()
    {
        var v = new Validator();
        Assert.Null(ShiftText.Time(v, "start", "24:00", isEnd: false));
        Assert.Null(ShiftText.Time(v, "end", "08:00:30", isEnd: true));
        Assert.Null(ShiftText.Date(v, "date", "2026-02-30"));
        Assert.False(v.IsValid);
    }

    [Fact]
    public void AShiftsKindAndNote_AreTrimmedAndBounded()
    {
        var shift = new RosterShift(Guid.NewGuid(), Wang, Shift(Tue, 8, 16), "  应急坐席 ", " ", null, new DateTime(2026, 11, 23, 2, 0, 0, DateTimeKind.Utc));
        Assert.Equal(RosterShift.EmergencyKind, shift.Kind);
        Assert.Null(shift.Note);
        Assert.True(shift.Same(Shift(Tue, 8, 16), "应急坐席", null));
        var ex = Assert.Throws<ValidationFailedException>(() => shift.Change(Wang, Shift(Tue, 8, 16), new string('长', 21), null, null, new DateTime(2026, 11, 23, 2, 0, 0, DateTimeKind.Utc)));
        Assert.Contains("kind", ex.Errors.Keys);
    }
}

public class StaffingPlanHistoryTests
{
    private static readonly WorkingCalendar Calendar = WorkingCalendar.Default;

    /// <summary>A synthetic log: working days busy in the morning, weekends flat, holidays low; one value per day and half hour.</summary>
    private static Dictionary<DateOnly, double[]> History(DateOnly from, DateOnly until)
    {
        var history = new Dictionary<DateOnly, double[]>();
        for (var d = from; d < until; d = d.AddDays(1))
        {
            var type = CallForecast.TypeOf(Calendar.Describe(d));
            var level = 1 + ((d.DayNumber % 7) / 20.0);
            history[d] = [.. Enumerable.Range(0, CallForecast.IntervalsPerDay).Select(i => type switch
            {
                ForecastDayType.Holiday => i is >= 18 and < 38 ? 8 : 2,
                ForecastDayType.Weekend => i is >= 16 and < 40 ? 15 : 3,
                _ => (i is >= 16 and < 36 ? 60 : 5) * level,
            })];
        }

        return history;
    }

    [Theory]
    [InlineData("2026-02-16")] // 春节: a holiday, forecast from last year's holidays
    [InlineData("2026-02-14")] // Saturday worked (调休)
    [InlineData("2026-02-28")] // ordinary Saturday
    [InlineData("2026-03-03")] // ordinary Tuesday after the holidays (the trend sees them)
    [InlineData("2026-10-09")] // Friday after National Day
    public void TheDaysNeeded_GiveTheSameForecast_AsTheWholeLog(string day)
    {
        var date = DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture);
        var all = History(date.AddDays(-800), date.AddDays(30));
        var needed = PlanStaffing.DaysNeeded(date, Calendar);
        var some = needed.Where(all.ContainsKey).ToDictionary(d => d, d => all[d]);

        var full = CallForecast.For(date, all, Calendar);
        var read = CallForecast.For(date, some, Calendar);
        Assert.Equal(full.BasedOn, read.BasedOn);
        Assert.Equal(full.Trend, read.Trend, 12);
        Assert.Equal(full.Calls, read.Calls);

        // A year of history is read as 56 recent days plus a handful of holidays and 调休 days, not 365.
        Assert.InRange(needed.Count, 56, 56 + 45);
    }

    [Fact]
    public void APlan_OnAHoliday_NeedsFewerAgentsThanOnTheMakeUpWorkdayBeforeIt_AndShowsTheGapAgainstTheRoster()
    {
        var holiday = new DateOnly(2026, 2, 16);
        var madeUp = new DateOnly(2026, 2, 14);
        var history = History(holiday.AddDays(-400), holiday);
        var goals = new StaffingGoals(AhtSeconds: 180, PatienceSeconds: 120, EmergencyLines: int.MaxValue);

        // Five agents 08:00–16:00 on both days.
        var rostered = RosterShift.OnShift(madeUp, Enumerable.Range(0, 5).Select(_ => (Guid.NewGuid(), new ShiftTimes(madeUp, new TimeOnly(8, 0), new TimeOnly(16, 0)))));
        var work = DayPlan.For(CallForecast.For(madeUp, history, Calendar), goals, rostered);
        var rest = DayPlan.For(CallForecast.For(holiday, history, Calendar), goals, rostered);

        Assert.Equal(ForecastDayType.MakeUpWorkday, work.Forecast.DayType);
        Assert.Equal(ForecastDayType.Holiday, rest.Forecast.DayType);
        Assert.True(work.Intervals[20].AgentsNeeded > rest.Intervals[20].AgentsNeeded);

        // The working morning needs more than five people: a gap, and emergency lines open from 08:00.
        var morning = work.Intervals[16];
        Assert.Equal(5, morning.Rostered);
        Assert.Equal(morning.ScheduledNeeded - 5, morning.Gap);
        Assert.True(morning.Gap > 0);
        Assert.Contains(work.EmergencySpans, s => s.From <= new TimeOnly(8, 0) && s.To > new TimeOnly(8, 0));

        // The holiday's quiet afternoon is covered.
        Assert.Equal(0, rest.Intervals[30].Gap);
    }
}
