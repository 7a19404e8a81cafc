using Lianxin.Core.Repeats;

namespace Lianxin.Core.Tests.Repeats;

public class MatterSimilarityTests(ITestOutputHelper output)
{
    private static readonly RepeatOptions Defaults = new();

    private static MatterText T(string title, string? description = null, string? address = null) => new(title, description, address);

    [Fact]
    public void Score_SameText_IsOne() =>
        Assert.Equal(1.0, MatterSimilarity.Score(T("地漏泛水", "卫生间地漏往上冒水"), T("地漏泛水", "卫生间地漏往上冒水")), 6);

    [Fact]
    public void Score_NothingInCommon_IsZero() =>
        Assert.Equal(0.0, MatterSimilarity.Score(T("地漏泛水", "卫生间地漏往上冒水"), T("咨询入学政策", "孩子明年上小学")));

    [Fact]
    public void Score_EmptyTexts_IsZero() => Assert.Equal(0.0, MatterSimilarity.Score(T(""), T("", null, null)));

    [Fact]
    public void Score_IsSymmetricAndBetweenZeroAndOne()
    {
        foreach (var pair in MatterPairs.All)
        {
            var ab = MatterSimilarity.Score(pair.A, pair.B);
            Assert.Equal(ab, MatterSimilarity.Score(pair.B, pair.A), 10);
            Assert.InRange(ab, 0, 1);
        }
    }

    [Fact]
    public void Score_BoilerplateAlone_IsNoEvidence() =>
        Assert.Equal(0.0, MatterSimilarity.Score(T("来电人反映", "来电人反映情况，请求相关部门尽快处理解决。"), T("市民来电", "来电人称问题至今没有解决，要求尽快处理。")));

    [Fact]
    public void Score_SharedPlaceAndTimeWords_AreNoEvidence() =>
        Assert.Equal(0.0, MatterSimilarity.Score(T("楼道下水管堵塞", "楼道，晚上，物业"), T("楼道声控灯坏了", "楼道，晚上，物业")));

    [Fact]
    public void Score_TheAddressOfEitherOrder_IsLeftOut()
    {
        var a = T("路灯不亮", "滨江路与望江路交叉口三盏路灯不亮", "滨江路与望江路交叉口");
        var b = T("人行道砖松动", "滨江路与望江路交叉口人行道地砖松动", "滨江路与望江路交叉口");
        Assert.Equal(0.0, MatterSimilarity.Score(a, b));
        Assert.True(MatterSimilarity.Score(a with { Address = null }, b with { Address = null }) > 0.2, "without the address the place would count");
    }

    [Fact]
    public void Score_TheAddressOfOneOrder_IsLeftOutOfBoth() =>
        Assert.Equal(0.0, MatterSimilarity.Score(T("停水", "湖滨社区12栋", "湖滨社区12栋"), T("水费高", "湖滨社区12栋")), 6);

    [Theory]
    [InlineData("楼上渗水", "楼上漏水")]
    [InlineData("家里顶棚滴水", "家里天花板漏水")]
    [InlineData("下水道堵了", "下水道堵塞")]
    [InlineData("整栋楼没电", "整栋楼停电")]
    [InlineData("ＡＢＣ１２３栋", "abc123栋")]
    public void Score_WordsForOneThing_Match(string a, string b) =>
        Assert.Equal(1.0, MatterSimilarity.Score(T(a), T(b)), 6);

    [Fact]
    public void Prepare_MapsSynonymsAndDropsBoilerplate() =>
        Assert.Equal(Bigrams.Tokens("楼上 漏水 天花板"), Bigrams.Tokens(MatterSimilarity.Prepare("来电人反映楼上渗水，顶棚")));

    [Fact]
    public void Prepare_LongestVariantWins() =>
        Assert.Equal(["暖气", "停水"], Bigrams.Tokens(MatterSimilarity.Prepare("暖气片没来水")));

    [Fact]
    public void Score_TitleWeighsTwiceTheDescription()
    {
        // One shared token, in the titles: 2+2 of 2+2 + 1 + 1.
        var inTitles = MatterSimilarity.Score(T("电梯", "阳台"), T("电梯", "窗户"));
        Assert.Equal(4.0 / 6.0, inTitles, 6);

        // The same token shared only in the descriptions: 1+1 of 2+1 + 2+1.
        var inDescriptions = MatterSimilarity.Score(T("阳台", "电梯"), T("窗户", "电梯"));
        Assert.Equal(2.0 / 6.0, inDescriptions, 6);
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Pair_IsFlaggedExactlyWhenItIsTheSameMatter(MatterPair pair)
    {
        var relation = CategoryRelations.Between(pair.CategoryA, pair.CategoryB);
        var score = MatterSimilarity.Score(pair.A, pair.B);
        var threshold = Defaults.Thresholds.For(relation);
        Assert.True(score >= threshold == pair.SameMatter,
            $"{pair.Name}: similarity {score:0.000}, categories {relation}, threshold {threshold}; expected {(pair.SameMatter ? "the same matter" : "a different matter")}");
    }

    [Fact]
    public void Pairs_AreRealisticInNumberAndMix()
    {
        Assert.True(MatterPairs.All.Count(p => p.SameMatter) >= 15, "at least 15 same-matter pairs");
        Assert.True(MatterPairs.All.Count(p => !p.SameMatter) >= 15, "at least 15 different-matter pairs");
        Assert.Contains(MatterPairs.All, p => !p.SameMatter && CategoryRelations.Between(p.CategoryA, p.CategoryB) == CategoryRelation.Same);
        Assert.Contains(MatterPairs.All, p => p.SameMatter && !CategoryRelations.Between(p.CategoryA, p.CategoryB).IsRelated());
    }

    /// <summary>The separation the thresholds rest on, per tier; printed for ADR 0009.</summary>
    [Fact]
    public void Thresholds_SeparateThePairsOfEachTier()
    {
        foreach (var related in new[] { true, false })
        {
            var tier = MatterPairs.All.Where(p => CategoryRelations.Between(p.CategoryA, p.CategoryB).IsRelated() == related)
                .Select(p => (p, Score: MatterSimilarity.Score(p.A, p.B))).ToList();
            var lowestSame = tier.Where(x => x.p.SameMatter).Min(x => x.Score);
            var highestDifferent = tier.Where(x => !x.p.SameMatter).Max(x => x.Score);
            var threshold = related ? Defaults.RelatedThreshold : Defaults.UnrelatedThreshold;
            output.WriteLine($"{(related ? "related" : "unrelated")} categories: {tier.Count} pairs, same matter ≥ {lowestSame:0.000}, different ≤ {highestDifferent:0.000}, threshold {threshold}");
            foreach (var (p, score) in tier.OrderByDescending(x => x.Score))
            {
                output.WriteLine($"  {score:0.000} {(p.SameMatter ? "same" : "diff")} {(p.HeldOut ? "held-out" : "        ")} {CategoryRelations.Between(p.CategoryA, p.CategoryB),-10} {p.Name}");
            }

            Assert.True(lowestSame >= threshold && highestDifferent < threshold, $"threshold {threshold} does not separate {lowestSame:0.000} from {highestDifferent:0.000}");
        }
    }

    public static TheoryData<MatterPair> Pairs() => new(MatterPairs.All);
}
