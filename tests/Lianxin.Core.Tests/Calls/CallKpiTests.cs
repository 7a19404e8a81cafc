using Lianxin.Core.Calls;

namespace Lianxin.Core.Tests.Calls;

public class CallKpiTests
{
    private static CallFact Answered(double wait, double talk, double wrap = 0) => new(CallDirection.In, CallOutcome.Answered, wait, talk, wrap);

    private static CallFact Abandoned(double wait) => new(CallDirection.In, CallOutcome.Abandoned, wait, null);

    private static CallFact Short(double wait) => new(CallDirection.In, CallOutcome.ShortAbandon, wait, null);

    /// <summary>
    /// A hand-computed morning: 10 inbound calls reach the queue — 7 answered (waits 3, 8, 12, 15, 16, 30, 40 s;
    /// talks 120…240 s; 30 s wrap-up each), 2 abandoned after 20 s and 50 s, 1 short abandon after 2 s —
    /// plus a rejected blocked number and an outbound callback, which count nowhere.
    /// </summary>
    private static readonly CallFact[] Morning =
    [
        Answered(3, 120, 30), Answered(8, 150, 30), Answered(12, 180, 30), Answered(15, 200, 30),
        Answered(16, 210, 30), Answered(30, 220, 30), Answered(40, 240, 30),
        Abandoned(20), Abandoned(50), Short(2),
        new(CallDirection.In, CallOutcome.Rejected, 0, null),
        new(CallDirection.Out, CallOutcome.Answered, 5, 60),
    ];

    [Fact]
    public void HandComputedDay_ShortAbandonsApart()
    {
        var k = CallKpiFigures.Compute(Morning, CallKpiRules.Default, new AgentTime(SignedInSeconds: 3 * 3600, BreakSeconds: 1800, NotReadySeconds: 1800));
        Assert.Equal((9, 7, 2, 1, 4), (k.Offered, k.Answered, k.Abandoned, k.ShortAbandons, k.AnsweredInTarget)); // 3, 8, 12, 15 s are within 15 s
        Assert.Equal(7.0 / 9, k.AnswerRate!.Value, 12);
        Assert.Equal(2.0 / 9, k.LossRate!.Value, 12);
        Assert.Equal(4.0 / 7, k.ServiceLevel!.Value, 12);
        Assert.Equal(124.0 / 7, k.AverageSpeedOfAnswerSeconds!.Value, 12); // 3+8+12+15+16+30+40
        Assert.Equal(1320.0 / 7, k.AverageTalkSeconds!.Value, 12); // 120+150+180+200+210+220+240
        Assert.Equal((1320.0 + 210) / 7, k.AverageHandleSeconds!.Value, 12);
        Assert.Equal(1530.0 / 7200, k.Occupancy!.Value, 12); // (3 h − 30 min − 30 min) available
    }

    [Fact]
    public void HandComputedDay_ShortAbandonsCounted()
    {
        var k = CallKpiFigures.Compute(Morning, CallKpiRules.Default with { ExcludeShortAbandons = false });
        Assert.Equal((10, 7, 3, 1), (k.Offered, k.Answered, k.Abandoned, k.ShortAbandons));
        Assert.Equal(0.7, k.AnswerRate!.Value, 12);
        Assert.Null(k.Occupancy);
    }

    [Fact]
    public void AnEmptyInterval_HasNoRates()
    {
        var k = CallKpiFigures.Compute([], CallKpiRules.Default, AgentTime.None);
        Assert.Equal(0, k.Offered);
        Assert.Null(k.AnswerRate);
        Assert.Null(k.ServiceLevel);
        Assert.Null(k.LossRate);
        Assert.Null(k.AverageSpeedOfAnswerSeconds);
        Assert.Null(k.Occupancy);
    }

    [Fact]
    public void OnlyAbandons_AnswerRateZero_ServiceLevelUnknown()
    {
        var k = CallKpiFigures.Compute([Abandoned(30), Abandoned(60)], CallKpiRules.Default);
        Assert.Equal(0, k.AnswerRate);
        Assert.Equal(1, k.LossRate);
        Assert.Null(k.ServiceLevel);
    }

    [Fact]
    public void TimedOutCalls_CountButStayOutOfTheAverages()
    {
        var k = CallKpiFigures.Compute([Answered(5, 100), new CallFact(CallDirection.In, CallOutcome.Answered, 5, 7200, null, PhoneCall.TimeoutCause)], CallKpiRules.Default);
        Assert.Equal(2, k.Answered);
        Assert.Equal(100, k.AverageTalkSeconds);
    }

    [Fact]
    public void ServiceTarget_IsInclusive() =>
        Assert.Equal(1, CallKpiFigures.Compute([Answered(15, 60)], CallKpiRules.Default).ServiceLevel);

    [Fact]
    public void Patience_IsTotalWaitOverAbandons()
    {
        // Waits of everyone: 124 (answered) + 20 + 50 + 2 = 196 s; 3 abandons → 65.3 s.
        Assert.Equal(196.0 / 3, CallerPatience.EstimateSeconds(Morning)!.Value, 12);
        Assert.Null(CallerPatience.EstimateSeconds([Answered(3, 60)]));
    }

    [Fact]
    public void Patience_RecoversTheMeanOfSimulatedCallers()
    {
        // Callers with exponential patience (mean 120 s) facing waits of 0–300 s: the estimator is unbiased for this model.
        var random = new Random(7);
        var facts = new List<CallFact>();
        for (var i = 0; i < 200_000; i++)
        {
            var wait = random.NextDouble() * 300;
            var patience = -120 * Math.Log(1 - random.NextDouble());
            facts.Add(patience < wait ? Abandoned(patience) : Answered(wait, 60));
        }

        Assert.Equal(120, CallerPatience.EstimateSeconds(facts)!.Value, 2.0);
    }
}
