using Lianxin.Core.Calls;

namespace Lianxin.Core.Tests.Calls;

/// <summary>
/// The report on a hand-computed morning in Beijing time (UTC+8), 2026-11-30:
/// calls 1–3 in 09:00–09:30 (queue 热线): A answers after 10 s (talk 200, wrap-up 40), B after 20 s (talk 100, wrap-up 20),
/// one caller abandons after 30 s; calls 4–5 in 09:30–10:00 (queue 供水): A answers after 5 s (talk 300, no wrap-up),
/// one short abandon after 2 s; and one call of the evening before, outside the period.
/// Agent A: ready 09:00–09:20, break 09:20–09:40, ready 09:40–10:00. Agent B: ready from 23:00 the day before
/// until 00:30 (half an hour inside the period), not ready 08:50–09:10, on call 09:10–09:30, logged out after.
/// </summary>
public class CallKpiReportTests
{
    private static readonly TimeZoneInfo Beijing = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly DateOnly Day = new(2026, 11, 30);
    private static readonly Guid A = Guid.Parse("00000000-0000-0000-0000-00000000000a");
    private static readonly Guid B = Guid.Parse("00000000-0000-0000-0000-00000000000b");

    private static DateTime At(int hour, int minute, int dayOffset = 0) =>
        TimeZoneInfo.ConvertTimeToUtc(Day.AddDays(dayOffset).ToDateTime(new TimeOnly(hour, minute)), Beijing);

    private static CallKpiReport Report(KpiBreakdown by)
    {
        var b = new CallKpiReportBuilder(Day, Day, by, Beijing, CallKpiRules.Default);
        b.AddCall(At(9, 5), A, "热线", new CallFact(CallDirection.In, CallOutcome.Answered, 10, 200, 40));
        b.AddCall(At(9, 10), B, "热线", new CallFact(CallDirection.In, CallOutcome.Answered, 20, 100, 20));
        b.AddCall(At(9, 20), null, "热线", new CallFact(CallDirection.In, CallOutcome.Abandoned, 30, null));
        b.AddCall(At(9, 40), A, "供水", new CallFact(CallDirection.In, CallOutcome.Answered, 5, 300));
        b.AddCall(At(9, 45), null, "供水", new CallFact(CallDirection.In, CallOutcome.ShortAbandon, 2, null));
        b.AddCall(At(23, 50, -1), A, "热线", new CallFact(CallDirection.In, CallOutcome.Answered, 1, 60));

        b.AddSpan(A, AgentState.Ready, At(9, 0), At(9, 20));
        b.AddSpan(A, AgentState.Break, At(9, 20), At(9, 40));
        b.AddSpan(A, AgentState.Ready, At(9, 40), At(10, 0));
        b.AddSpan(B, AgentState.Ready, At(23, 0, -1), At(0, 30));
        b.AddSpan(B, AgentState.NotReady, At(8, 50), At(9, 10));
        b.AddSpan(B, AgentState.OnCall, At(9, 10), At(9, 30));
        b.AddSpan(B, AgentState.LoggedOut, At(9, 30), At(10, 0));
        return b.Build(new Dictionary<Guid, string> { [A] = "王晓雯", [B] = "李婷" }, 15);
    }

    [Fact]
    public void ByInterval_EveryHalfHour_FiguresAndOccupancyOfEach()
    {
        var r = Report(KpiBreakdown.Interval);
        Assert.Equal(48, r.Rows.Count);
        Assert.Equal(At(0, 0), r.Rows[0].Start);

        var nine = r.Rows[18];
        Assert.Equal(At(9, 0), nine.Start);
        var k = nine.Figures;
        Assert.Equal((3, 2, 1, 0, 1), (k.Offered, k.Answered, k.Abandoned, k.ShortAbandons, k.AnsweredInTarget));
        Assert.Equal(2.0 / 3, k.AnswerRate!.Value, 12);
        Assert.Equal(1.0 / 3, k.LossRate!.Value, 12);
        Assert.Equal(0.5, k.ServiceLevel!.Value, 12);
        Assert.Equal(15, k.AverageSpeedOfAnswerSeconds!.Value, 12);
        Assert.Equal(180, k.AverageHandleSeconds!.Value, 12); // (240 + 120) / 2
        Assert.Equal(new StateSeconds(Ready: 1200, NotReady: 600, OnCall: 1200, WrapUp: 0, Break: 600), nine.Time);
        Assert.Equal(360.0 / 2400, k.Occupancy!.Value, 12); // 3600 signed in − 600 break − 600 not ready

        var half = r.Rows[19].Figures;
        Assert.Equal((1, 1, 0, 1), (half.Offered, half.Answered, half.Abandoned, half.ShortAbandons));
        Assert.Equal(300.0 / 1200, half.Occupancy!.Value, 12); // A: 1200 ready + 600 break

        // B's half hour after midnight: time but no calls — rates have no denominator, occupancy is 0.
        var midnight = r.Rows[0];
        Assert.Equal(1800, midnight.Time!.Ready);
        Assert.Null(midnight.Figures.AnswerRate);
        Assert.Null(midnight.Figures.ServiceLevel);
        Assert.Null(midnight.Figures.AverageSpeedOfAnswerSeconds);
        Assert.Equal(0, midnight.Figures.Occupancy);

        // Nothing at all at noon: no rate and no occupancy.
        Assert.Null(r.Rows[24].Figures.AnswerRate);
        Assert.Null(r.Rows[24].Figures.Occupancy);
    }

    [Fact]
    public void ByDay_TotalEqualsTheDay_OutsideCallLeftOut()
    {
        var r = Report(KpiBreakdown.Day);
        var row = Assert.Single(r.Rows);
        Assert.Equal(Day, row.Day);
        Assert.Equal(row.Figures, r.Total.Figures);
        var k = row.Figures;
        Assert.Equal((4, 3, 1, 1, 2), (k.Offered, k.Answered, k.Abandoned, k.ShortAbandons, k.AnsweredInTarget));
        Assert.Equal(0.75, k.AnswerRate!.Value, 12);
        Assert.Equal(2.0 / 3, k.ServiceLevel!.Value, 12);
        Assert.Equal(35.0 / 3, k.AverageSpeedOfAnswerSeconds!.Value, 12);
        Assert.Equal(200, k.AverageTalkSeconds!.Value, 12);
        Assert.Equal(220, k.AverageHandleSeconds!.Value, 12);
        Assert.Equal(new StateSeconds(Ready: 4200, NotReady: 1200, OnCall: 1200, WrapUp: 0, Break: 1200), row.Time);
        Assert.Equal(660.0 / 5400, k.Occupancy!.Value, 12); // 7800 signed in − 1200 break − 1200 not ready
    }

    [Fact]
    public void ByAgent_EachAgentsCallsAndTime_UnansweredLast()
    {
        var r = Report(KpiBreakdown.Agent);
        Assert.Equal([B, A, null], r.Rows.Select(x => x.AgentId));
        Assert.Equal(["李婷", "王晓雯", null], r.Rows.Select(x => x.AgentName));

        var a = r.Rows.Single(x => x.AgentId == A);
        Assert.Equal((2, 2), (a.Figures.Offered, a.Figures.Answered));
        Assert.Equal(540.0 / 2400, a.Figures.Occupancy!.Value, 12);
        Assert.Equal(new StateSeconds(2400, 0, 0, 0, 1200), a.Time);

        var b = r.Rows.Single(x => x.AgentId == B);
        Assert.Equal(120.0 / 3000, b.Figures.Occupancy!.Value, 12); // 4200 signed in − 1200 not ready

        var none = r.Rows[^1];
        Assert.Equal((1, 0, 1, 1), (none.Figures.Offered, none.Figures.Answered, none.Figures.Abandoned, none.Figures.ShortAbandons));
        Assert.Equal(0, none.Figures.AnswerRate);
        Assert.Null(none.Figures.Occupancy);
        Assert.Equal(660.0 / 5400, r.Total.Figures.Occupancy!.Value, 12);
    }

    [Fact]
    public void ByQueue_CallsPerQueue_NoOccupancy()
    {
        var r = Report(KpiBreakdown.Queue);
        Assert.Equal(["供水", "热线"], r.Rows.Select(x => x.Queue).Order(StringComparer.Ordinal));
        var hotline = r.Rows.Single(x => x.Queue == "热线");
        Assert.Equal((3, 2, 1), (hotline.Figures.Offered, hotline.Figures.Answered, hotline.Figures.Abandoned));
        Assert.Null(hotline.Time);
        Assert.Null(hotline.Figures.Occupancy);
        Assert.Null(r.Total.Time);
        Assert.Equal(4, r.Total.Figures.Offered);
    }

    [Fact]
    public void Period_IsLocalDays_MidnightToMidnight()
    {
        var b = new CallKpiReportBuilder(Day, Day.AddDays(1), KpiBreakdown.Day, Beijing, CallKpiRules.Default);
        Assert.Equal(new DateTime(2026, 11, 29, 16, 0, 0, DateTimeKind.Utc), b.FromUtc);
        Assert.Equal(new DateTime(2026, 12, 1, 16, 0, 0, DateTimeKind.Utc), b.ToUtc);
        b.AddCall(b.ToUtc, A, null, new CallFact(CallDirection.In, CallOutcome.Answered, 1, 1));
        b.AddCall(b.ToUtc.AddTicks(-1), A, null, new CallFact(CallDirection.In, CallOutcome.Answered, 1, 1));
        var r = b.Build(new Dictionary<Guid, string>(), 15);
        Assert.Equal([0, 1], r.Rows.Select(x => x.Figures.Offered));
        Assert.Equal(1, r.Total.Figures.Offered);
    }
}
