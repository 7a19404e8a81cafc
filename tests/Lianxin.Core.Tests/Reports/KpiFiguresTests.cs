using Lianxin.Core.Reports;

namespace Lianxin.Core.Tests.Reports;

/// <summary>The KPI formulas (DOMAIN.md "KPIs") on hand-computed counters, their variants and null rates.</summary>
public class KpiFiguresTests
{
    /// <summary>
    /// A month of a small town's property union: 514 received, 461 closed; 200 hops due (190 signed in time); 400 orders due
    /// (372 in time); 300 visits reached, 270 solved, 300 rated (230 satisfied, 40 basically, 30 not; 260 of them final, of
    /// which 245 solved and 225 satisfied + 25 basically); 20 repeats; 410 ended, 380 first time; 1,000 calls offered with
    /// 40 short abandons, 900 answered, 810 within 15 s.
    /// </summary>
    private static KpiCounts Month() => new KpiCounts
    {
        Received = 514, Closed = 461, SignDue = 200, SignOnTime = 190, CompletionDue = 400, CompletionOnTime = 372,
        VisitDue = 320, Visited = 304, VisitsReached = 300, VisitsSolved = 270, VisitsRated = 300, VisitsSatisfied = 230, VisitsBasicallySatisfied = 40,
        FinalReached = 260, FinalSolved = 245, FinalRated = 260, FinalSatisfied = 225, FinalBasicallySatisfied = 25,
        Repeats = 20, Ended = 410, EndedFirstTime = 380, Offered = 1000, ShortAbandons = 40, Answered = 900, AnsweredIn15s = 810,
    };

    [Fact]
    public void Month_DefaultVariants_AsHandComputed()
    {
        var f = KpiFigures.Compute(Month(), KpiSettings.Default);
        Assert.Equal(461.0 / 514, f.ClosureRate!.Value, 12); // 89.7 %
        Assert.Equal(0.95, f.OnTimeSignRate!.Value, 12);
        Assert.Equal(0.93, f.OnTimeCompletionRate!.Value, 12);
        Assert.Equal(0.9, f.ResolutionRate!.Value, 12);
        Assert.Equal(270.0 / 300, f.SatisfactionRate!.Value, 12); // 基本满意 counts by default
        Assert.Equal(0.95, f.VisitRate!.Value, 12);
        Assert.Equal(20.0 / 514, f.RepeatRate!.Value, 12);
        Assert.Equal(380.0 / 410, f.FirstContactResolutionRate!.Value, 12);
        Assert.Equal(900.0 / 960, f.AnswerRate!.Value, 12); // short abandons out of the offered by default
        Assert.Equal(0.9, f.ServiceLevel15s!.Value, 12);
    }

    [Fact]
    public void Variants_BasicallySatisfied_ShortAbandons_FinalRatingsOnly()
    {
        var f = KpiFigures.Compute(Month(), new KpiSettings(BasicallySatisfiedCounts: false, CountShortAbandons: true, VisitsCounted: VisitsCounted.FinalOnly));
        Assert.Equal(225.0 / 260, f.SatisfactionRate!.Value, 12);
        Assert.Equal(245.0 / 260, f.ResolutionRate!.Value, 12);
        Assert.Equal(0.9, f.AnswerRate!.Value, 12);

        var allBasic = KpiFigures.Compute(Month(), new KpiSettings(VisitsCounted: VisitsCounted.FinalOnly));
        Assert.Equal(250.0 / 260, allBasic.SatisfactionRate!.Value, 12);
    }

    [Fact]
    public void NoDenominator_EveryRateNull()
    {
        var f = KpiFigures.Compute(KpiCounts.Zero, KpiSettings.Default);
        Assert.All(
            new[] { f.ClosureRate, f.OnTimeSignRate, f.OnTimeCompletionRate, f.ResolutionRate, f.SatisfactionRate, f.VisitRate, f.RepeatRate, f.FirstContactResolutionRate, f.AnswerRate, f.ServiceLevel15s },
            r => Assert.Null(r));

        // Only short abandons offered, not counted: no denominator for the answer rate either.
        var shortOnly = KpiFigures.Compute(new KpiCounts { Offered = 3, ShortAbandons = 3 }, KpiSettings.Default);
        Assert.Null(shortOnly.AnswerRate);
        Assert.Equal(0.0, KpiFigures.Compute(new KpiCounts { Offered = 3, ShortAbandons = 3 }, new KpiSettings(CountShortAbandons: true)).AnswerRate);
    }

    [Fact]
    public void Add_SumsEveryCounter()
    {
        var a = new KpiCounts { Received = 2, Closed = 1, Offered = 5, FinalSatisfied = 1 };
        var b = new KpiCounts { Received = 3, Redos = 1, Returns = 2, ShortAbandons = 1 };
        var sum = a.Add(b);
        Assert.Equal((5, 1, 5, 1, 1, 2, 1), (sum.Received, sum.Closed, sum.Offered, sum.FinalSatisfied, sum.Redos, sum.Returns, sum.ShortAbandons));
        Assert.Equal(2, a.Received); // neither side changes
        Assert.Equal(sum, KpiCounts.Sum([a, b]));
    }

    [Fact]
    public void Settings_OutOfRange_RefusedByField()
    {
        var ex = Assert.Throws<Lianxin.Core.Common.ValidationFailedException>(() => new KpiSettings(SignWeight: 1.5, RepeatPenalty: -1).Validate());
        Assert.Contains("signWeight", ex.Errors.Keys);
        Assert.Contains("repeatPenalty", ex.Errors.Keys);
        Assert.Throws<Lianxin.Core.Common.ValidationFailedException>(() => new KpiSettings(SignWeight: 0, CompletionWeight: 0, ResolutionWeight: 0, SatisfactionWeight: 0).Validate());
        KpiSettings.Default.Validate();
    }
}
