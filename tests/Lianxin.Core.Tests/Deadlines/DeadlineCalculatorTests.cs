using Lianxin.Core.Calendars;
using Lianxin.Core.Deadlines;
using Lianxin.Core.WorkOrders;

namespace Lianxin.Core.Tests.Deadlines;

public class DeadlineCalculatorTests
{
    private static readonly WorkingCalendar Calendar = WorkingCalendar.Default;

    private static DateTime L(string s) => DateTime.SpecifyKind(DateTime.Parse(s, System.Globalization.CultureInfo.InvariantCulture).AddHours(-8), DateTimeKind.Utc);

    [Theory]
    [InlineData("2026-11-23 21:20", 2, "2026-11-23 23:20")]
    [InlineData("2026-02-14 23:00", 12, "2026-02-15 11:00")] // natural hours ignore the holiday
    public void Due_NaturalHours_NeverStops(string start, int hours, string expected) =>
        Assert.Equal(L(expected), DeadlineCalculator.Due(L(start), TimeLimit.NaturalHours(hours), Calendar));

    [Fact]
    public void Due_ThirtyMinutes_IsExact() =>
        Assert.Equal(L("2026-11-23 21:50"), DeadlineCalculator.Due(L("2026-11-23 21:20"), TimeLimit.NaturalHours(0.5m), Calendar));

    [Theory]
    [InlineData("2026-11-23 16:00", 4, "2026-11-24 11:30")]
    [InlineData("2026-11-20 21:00", 8, "2026-11-24 10:00")]
    public void Due_WorkingHours_SkipNightsAndWeekends(string start, int hours, string expected) =>
        Assert.Equal(L(expected), DeadlineCalculator.Due(L(start), TimeLimit.WorkingHours(hours), Calendar));

    [Theory]
    [InlineData("2026-11-23 10:00", 5, "2026-11-30 17:30")]
    [InlineData("2026-11-22 10:00", 1, "2026-11-23 17:30")] // started on a Sunday
    [InlineData("2026-02-13 10:00", 5, "2026-02-27 17:30")] // across Spring Festival with the make-up Saturday
    [InlineData("2026-09-30 16:00", 2, "2026-10-09 17:30")] // across National Day (10-08 and 10-09 work; 10-10 make-up Sat)
    public void Due_WorkingDays_EndOfTheNthWorkingDay(string start, int days, string expected) =>
        Assert.Equal(L(expected), DeadlineCalculator.Due(L(start), TimeLimit.WorkingDays(days), Calendar));

    [Fact]
    public void Due_WithSuspension_NaturalHoursMoveByTheWholePause()
    {
        var start = L("2026-11-23 10:00");
        var due = DeadlineCalculator.Due(start, TimeLimit.NaturalHours(24), Calendar,
            [new Suspension(L("2026-11-23 12:00"), L("2026-11-23 18:00"))], L("2026-11-24 00:00"));
        Assert.Equal(L("2026-11-24 16:00"), due);
    }

    [Fact]
    public void Due_WithSuspension_WorkingDaysMoveByTheWorkingTimeLost()
    {
        // Paused Tuesday 09:00 to Wednesday 17:30: two working days lost.
        var due = DeadlineCalculator.Due(L("2026-11-23 10:00"), TimeLimit.WorkingDays(5), Calendar,
            [new Suspension(L("2026-11-24 09:00"), L("2026-11-25 17:30"))], L("2026-11-26 09:00"));
        Assert.Equal(L("2026-12-02 17:30"), due);
    }

    [Fact]
    public void Due_WithOpenSuspension_CountsUpToNow()
    {
        var start = L("2026-11-23 10:00");
        var suspensions = new[] { new Suspension(L("2026-11-23 11:00"), null) };
        var early = DeadlineCalculator.Due(start, TimeLimit.NaturalHours(12), Calendar, suspensions, L("2026-11-23 12:00"));
        var later = DeadlineCalculator.Due(start, TimeLimit.NaturalHours(12), Calendar, suspensions, L("2026-11-23 15:00"));
        Assert.Equal(L("2026-11-23 23:00"), early);
        Assert.Equal(L("2026-11-24 02:00"), later);
    }

    [Fact]
    public void Due_SuspensionAfterTheDeadline_ChangesNothing()
    {
        var start = L("2026-11-23 10:00");
        var due = DeadlineCalculator.Due(start, TimeLimit.NaturalHours(2), Calendar, [new Suspension(L("2026-11-23 13:00"), L("2026-11-23 15:00"))], L("2026-11-23 16:00"));
        Assert.Equal(L("2026-11-23 12:00"), due);
    }

    [Theory]
    [InlineData("2026-11-30 17:30", 3, "2026-12-03 17:30")]
    [InlineData("2026-09-29 17:30", 2, "2026-10-08 17:30")]
    public void Extend_AddsWorkingDaysAfterTheDueDay(string due, int days, string expected) =>
        Assert.Equal(L(expected), DeadlineCalculator.Extend(L(due), days, Calendar));

    [Fact]
    public void Slice_ChildNeverGetsMoreThanParent()
    {
        Assert.Equal(L("2026-11-24 10:00"), DeadlineCalculator.Slice(L("2026-11-25 10:00"), L("2026-11-24 10:00")));
        Assert.Equal(L("2026-11-24 09:00"), DeadlineCalculator.Slice(L("2026-11-24 09:00"), L("2026-11-24 10:00")));
    }

    [Fact]
    public void ApproachingAt_NaturalHours_WhicheverOfQuarterOrOneHourComesFirst()
    {
        var start = L("2026-11-23 10:00");

        // 12 h: a quarter left (3 h) comes before one hour left.
        Assert.Equal(L("2026-11-23 19:00"), DeadlineCalculator.ApproachingAt(start, L("2026-11-23 22:00"), DurationUnit.NaturalHours, Calendar, ApproachingRule.Default));

        // 2 h: one hour left comes before a quarter (30 min) left.
        Assert.Equal(L("2026-11-23 11:00"), DeadlineCalculator.ApproachingAt(start, L("2026-11-23 12:00"), DurationUnit.NaturalHours, Calendar, ApproachingRule.Default));
        Assert.Equal(start, DeadlineCalculator.ApproachingAt(start, L("2026-11-23 10:30"), DurationUnit.NaturalHours, Calendar, ApproachingRule.Default));
    }

    [Fact]
    public void ApproachingAt_WorkingDays_QuarterOfTheWorkingTime()
    {
        // Five working days = 35 working hours; a quarter is 8 h 45 min before Monday 17:30.
        var at = DeadlineCalculator.ApproachingAt(L("2026-11-23 09:00"), L("2026-11-27 17:30"), DurationUnit.WorkingDays, Calendar, ApproachingRule.Default);
        Assert.Equal(L("2026-11-26 15:45"), at);
    }

    [Theory]
    [InlineData("2026-11-23 18:00", null, DeadlineState.OnTime)]
    [InlineData("2026-11-23 19:00", null, DeadlineState.Approaching)]
    [InlineData("2026-11-23 22:00", null, DeadlineState.Overdue)]   // exactly at due: overdue
    [InlineData("2026-11-24 08:00", "2026-11-23 21:00", DeadlineState.Met)]
    [InlineData("2026-11-24 08:00", "2026-11-23 22:00", DeadlineState.Met)]
    [InlineData("2026-11-24 08:00", "2026-11-23 23:00", DeadlineState.Overdue)] // done, but late
    public void State_EachCase(string now, string? done, DeadlineState expected) =>
        Assert.Equal(expected, DeadlineCalculator.State(L("2026-11-23 22:00"), L("2026-11-23 19:00"), L(now), done is null ? null : L(done)));

    [Theory]
    [InlineData(DemandType.Complaint, Urgency.Critical, 30, DurationUnit.NaturalHours, 120, 720, DurationUnit.NaturalHours)]
    [InlineData(DemandType.Help, Urgency.Urgent, 120, DurationUnit.NaturalHours, 720, 1440, DurationUnit.NaturalHours)]
    [InlineData(DemandType.Consultation, Urgency.Normal, 1, DurationUnit.WorkingDays, 1, 2, DurationUnit.WorkingDays)]
    [InlineData(DemandType.Help, Urgency.Normal, 1, DurationUnit.WorkingDays, 1, 5, DurationUnit.WorkingDays)]
    [InlineData(DemandType.Complaint, Urgency.Normal, 1, DurationUnit.WorkingDays, 1, 5, DurationUnit.WorkingDays)]
    [InlineData(DemandType.Report, Urgency.Normal, 1, DurationUnit.WorkingDays, 1, 15, DurationUnit.WorkingDays)]
    [InlineData(DemandType.Suggestion, Urgency.Normal, 1, DurationUnit.WorkingDays, 1, 5, DurationUnit.WorkingDays)]
    [InlineData(DemandType.Praise, Urgency.Normal, 1, DurationUnit.WorkingDays, 1, 5, DurationUnit.WorkingDays)]
    [InlineData(DemandType.Other, Urgency.Normal, 1, DurationUnit.WorkingDays, 1, 5, DurationUnit.WorkingDays)]
    public void Presets_FollowDomain(DemandType type, Urgency urgency, int signFor, DurationUnit signUnit, int contact, int completion, DurationUnit completionUnit)
    {
        var targets = DeadlinePresets.For(type, urgency);
        Assert.Equal((signFor, signUnit), (targets.SignFor.Quantity, targets.SignFor.Unit));
        Assert.Equal(contact, targets.Contact.Quantity);
        Assert.Equal((completion, completionUnit), (targets.Completion.Quantity, targets.Completion.Unit));
    }

    [Theory]
    [InlineData(0, DurationUnit.NaturalHours)]
    [InlineData(-1, DurationUnit.WorkingHours)]
    [InlineData(1.5, DurationUnit.WorkingDays)]
    [InlineData(0.01, DurationUnit.NaturalHours)]
    [InlineData(400, DurationUnit.WorkingDays)]
    public void TimeLimit_RefusesNonsense(double amount, DurationUnit unit) =>
        Assert.False(TimeLimit.TryFrom((decimal)amount, unit, out _, out _));

    [Theory]
    [InlineData("2026-11-23 10:00", "2026-11-24 10:00", "2026-11-24 08:00")] // a fifth of 24 h is 4.8 h: capped at 2 h
    [InlineData("2026-11-23 10:00", "2026-11-23 15:00", "2026-11-23 14:00")] // a fifth of 5 h is 1 h
    [InlineData("2026-11-23 10:00", "2026-11-23 10:10", "2026-11-23 10:08")]
    public void WithinParent_NaturalClock_ParentKeepsAFifthAtMostTwoHours(string start, string parentDue, string expected) =>
        Assert.Equal(L(expected), DeadlineCalculator.WithinParent(L(start), L(parentDue), DurationUnit.NaturalHours, Calendar));

    [Theory]
    [InlineData("2026-11-23 09:00", "2026-11-30 17:30", "2026-11-27 17:30")] // 5 working days left: the parent keeps one working day
    [InlineData("2026-11-23 09:00", "2026-11-23 17:30", "2026-11-23 16:06")] // 7 working hours left: it keeps 1 h 24 min
    [InlineData("2026-11-27 16:30", "2026-11-30 17:30", "2026-11-30 15:54")] // 8 working hours across a weekend: 1 h 36 min kept, on Monday
    [InlineData("2026-02-13 09:00", "2026-02-27 17:30", "2026-02-26 17:30")] // across Spring Festival: the due lands on a working day
    public void WithinParent_WorkingClock_DueLandsInWorkingTime(string start, string parentDue, string expected)
    {
        var due = DeadlineCalculator.WithinParent(L(start), L(parentDue), DurationUnit.WorkingDays, Calendar);
        Assert.Equal(L(expected), due);
        Assert.True(Calendar.IsWorkday(Calendar.LocalDate(due)));
    }

    [Fact]
    public void WithinParent_ParentAlreadyLate_PassesItsOwnDueOn()
    {
        var due = L("2026-11-23 10:00");
        Assert.Equal(due, DeadlineCalculator.WithinParent(L("2026-11-23 11:00"), due, DurationUnit.WorkingDays, Calendar));
        Assert.Equal(due, DeadlineCalculator.WithinParent(L("2026-11-23 11:00"), due, DurationUnit.NaturalHours, Calendar));
    }

    [Fact]
    public void WithinParent_NeverMoreTimeThanTheParentHas()
    {
        var start = L("2026-11-23 09:00");
        foreach (var hours in new[] { 1, 3, 8, 30, 100, 400 })
        {
            var parent = start.AddHours(hours);
            foreach (var unit in new[] { DurationUnit.NaturalHours, DurationUnit.WorkingHours, DurationUnit.WorkingDays })
            {
                var child = DeadlineCalculator.WithinParent(start, parent, unit, Calendar);
                Assert.True(child <= parent && child >= start, $"{hours} h {unit}: {child:u} vs {parent:u}");
            }
        }
    }
}
