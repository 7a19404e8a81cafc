using Lianxin.Core.Reports;

namespace Lianxin.Core.Tests.Reports;

/// <summary>考核: the weighted score, the penalties, missing rates left out, ties, and the order.</summary>
public class RankingTests
{
    private static (Guid, string, KpiFigures) Unit(string name, KpiCounts c, KpiSettings? s = null) =>
        (Guid.CreateVersion7(), name, KpiFigures.Compute(c, s ?? KpiSettings.Default));

    /// <summary>
    /// 水务: sign 9/10, completion 8/10, solved 7/10, satisfied 9/10 → 100 × (0.2·0.9 + 0.25·0.8 + 0.25·0.7 + 0.3·0.9) = 82.5,
    /// less 2 returns × 0.5 = 81.5. 热力: all rates 1 but 10 repeats → 100 − 5 = 95. 物业: only sign-for (1/2) → 50 (other
    /// weights left out). 维修队: nothing due → not ranked.
    /// </summary>
    [Fact]
    public void Score_WeightedRatesLessPenalties_BestFirst()
    {
        var ranks = GetRanking.Rank(
        [
            Unit("水务", new KpiCounts { SignDue = 10, SignOnTime = 9, CompletionDue = 10, CompletionOnTime = 8, VisitsReached = 10, VisitsSolved = 7, VisitsRated = 10, VisitsSatisfied = 9, Returns = 2 }),
            Unit("热力", new KpiCounts { SignDue = 4, SignOnTime = 4, CompletionDue = 4, CompletionOnTime = 4, VisitsReached = 4, VisitsSolved = 4, VisitsRated = 4, VisitsSatisfied = 4, Repeats = 10 }),
            Unit("物业", new KpiCounts { SignDue = 2, SignOnTime = 1 }),
            Unit("维修队", new KpiCounts { Received = 3 }),
        ], KpiSettings.Default);

        Assert.Equal(["热力", "水务", "物业"], ranks.Select(r => r.UnitName));
        Assert.Equal([1, 2, 3], ranks.Select(r => r.Rank));
        Assert.Equal(95, ranks[0].Score, 9);
        Assert.Equal(82.5, ranks[1].WeightedScore, 9);
        Assert.Equal(1, ranks[1].Penalty, 9);
        Assert.Equal(81.5, ranks[1].Score, 9);
        Assert.Equal(50, ranks[2].Score, 9);
    }

    [Fact]
    public void Weights_ChangeTheOrder_TiesShareARank()
    {
        var fast = new KpiCounts { SignDue = 10, SignOnTime = 10, VisitsReached = 10, VisitsSolved = 10, VisitsRated = 10, VisitsSatisfied = 5 };
        var liked = new KpiCounts { SignDue = 10, SignOnTime = 5, VisitsReached = 10, VisitsSolved = 10, VisitsRated = 10, VisitsSatisfied = 10 };
        var signHeavy = new KpiSettings(SignWeight: 1, CompletionWeight: 0, ResolutionWeight: 0, SatisfactionWeight: 0.1);
        var byWeights = GetRanking.Rank([Unit("快", fast, signHeavy), Unit("好", liked, signHeavy)], signHeavy);
        Assert.Equal("快", byWeights[0].UnitName);
        var bySatisfaction = new KpiSettings(SignWeight: 0.1, CompletionWeight: 0, ResolutionWeight: 0, SatisfactionWeight: 1);
        Assert.Equal("好", GetRanking.Rank([Unit("快", fast, bySatisfaction), Unit("好", liked, bySatisfaction)], bySatisfaction)[0].UnitName);

        var tie = GetRanking.Rank([Unit("二队", fast), Unit("一队", fast), Unit("三队", liked with { SignOnTime = 0 })], KpiSettings.Default);
        Assert.Equal([1, 1, 3], tie.Select(r => r.Rank));
        Assert.Equal(["一队", "二队"], tie.Take(2).Select(r => r.UnitName)); // ties by name (ordinal)
    }
}
