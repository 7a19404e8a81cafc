using Lianxin.Core.Repeats;
using Lianxin.Core.WorkOrders;

namespace Lianxin.Core.Tests.Repeats;

public class RepeatRuleTests
{
    private static readonly DateTime Now = new(2026, 11, 23, 2, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Window = TimeSpan.FromDays(30);
    private static readonly RepeatThresholds Thresholds = new(0.14, 0.35, Window);

    private static readonly MatterText Leak = new("楼上卫生间漏水到我家天花板", "来电人反映楼上卫生间漏水，渗到自家卫生间天花板，已经滴了三天，楼上住户不在家，物业联系不上，请求处理。", "锦园社区6栋1单元302室");
    private static readonly MatterText LeakAgain = new("楼上渗水，我家顶棚一直滴水", "来电人称楼上渗水，家里顶棚一直在滴水，墙皮都泡起来了，上周已经反映过还没人来看，要求尽快解决。", "锦园社区6栋1单元302室");
    private static readonly MatterText StairWindow = new("楼道窗户玻璃破损", "来电人反映所住楼栋三楼楼道窗户玻璃碎了，请求尽快更换。", "锦园社区6栋1单元302室");

    private static RepeatCandidate Candidate(MatterText text, string category = "/housing/repair/leak/", WorkOrderStatus status = WorkOrderStatus.InProgress,
        double ageDays = 3, double? closedDaysAgo = null, string number = "RX2611200001") =>
        new(Guid.NewGuid(), number, status, Now.AddDays(-ageDays), closedDaysAgo is { } c ? Now.AddDays(-c) : null, category, text);

    [Theory]
    [InlineData(WorkOrderStatus.Registered, 400, null, true)] // open: live however old
    [InlineData(WorkOrderStatus.Dispatched, 400, null, true)]
    [InlineData(WorkOrderStatus.InProgress, 400, null, true)]
    [InlineData(WorkOrderStatus.ReturnRequested, 400, null, true)]
    [InlineData(WorkOrderStatus.Replied, 400, null, true)]
    [InlineData(WorkOrderStatus.Closed, 60, 29.9, true)] // closed within the window: counts from the closing
    [InlineData(WorkOrderStatus.Closed, 31, 30.1, false)]
    [InlineData(WorkOrderStatus.Archived, 40, 20.0, true)]
    [InlineData(WorkOrderStatus.Archived, 40, 31.0, false)]
    [InlineData(WorkOrderStatus.NotAccepted, 10, 10.0, true)]
    [InlineData(WorkOrderStatus.NotAccepted, 45, 45.0, false)]
    [InlineData(WorkOrderStatus.Merged, 29, null, true)] // merged: no closing time, counts from creation
    [InlineData(WorkOrderStatus.Merged, 31, null, false)]
    public void IsLive_OpenOrEndedWithinTheWindow(WorkOrderStatus status, double ageDays, double? closedDaysAgo, bool live) =>
        Assert.Equal(live, RepeatRule.IsLive(status, Now.AddDays(-ageDays), closedDaysAgo is { } c ? Now.AddDays(-c) : null, Now, Window));

    [Fact]
    public void IsLive_EndedExactlyAtTheWindowsEdge_Counts() =>
        Assert.True(RepeatRule.IsLive(WorkOrderStatus.Closed, Now.AddDays(-40), Now - Window, Now, Window));

    [Fact]
    public void BestMatch_SameMatterReworded_SameCategory_IsFlagged()
    {
        var earlier = Candidate(Leak);
        var match = RepeatRule.BestMatch(LeakAgain, "/housing/repair/leak/", [earlier], Now, Thresholds);
        Assert.NotNull(match);
        Assert.Equal(earlier.Id, match.EarlierId);
        Assert.Equal("RX2611200001", match.EarlierNumber);
        Assert.Equal(CategoryRelation.Same, match.Relation);
        Assert.Equal(0.14, match.Threshold);
        Assert.Equal(Math.Round(MatterSimilarity.Score(Leak, LeakAgain), 4), match.Similarity);
    }

    [Fact]
    public void BestMatch_DifferentMatter_SameCategory_IsNotFlagged() =>
        Assert.Null(RepeatRule.BestMatch(StairWindow, "/housing/repair/leak/", [Candidate(Leak)], Now, Thresholds));

    [Fact]
    public void BestMatch_UnrelatedCategory_NeedsTheHigherBar()
    {
        var score = MatterSimilarity.Score(Leak, LeakAgain);
        Assert.InRange(score, 0.14, 0.35); // enough for related categories, not for unrelated ones
        Assert.NotNull(RepeatRule.BestMatch(LeakAgain, "/housing/repair/crack/", [Candidate(Leak)], Now, Thresholds)); // same branch
        Assert.NotNull(RepeatRule.BestMatch(LeakAgain, "/housing/", [Candidate(Leak)], Now, Thresholds)); // ancestor
        Assert.Null(RepeatRule.BestMatch(LeakAgain, "/utility/water/leak/", [Candidate(Leak)], Now, Thresholds));
        Assert.Null(RepeatRule.BestMatch(LeakAgain, "/housing/other/leak/", [Candidate(Leak)], Now, Thresholds)); // shares only the domain
    }

    [Fact]
    public void BestMatch_UnrelatedCategory_SameText_IsFlagged()
    {
        var match = RepeatRule.BestMatch(Leak, "/utility/water/leak/", [Candidate(Leak)], Now, Thresholds);
        Assert.NotNull(match);
        Assert.Equal(CategoryRelation.Unrelated, match.Relation);
        Assert.Equal(0.35, match.Threshold);
        Assert.Equal(1.0, match.Similarity);
    }

    [Fact]
    public void BestMatch_UnknownCategory_IsUnrelated() =>
        Assert.Null(RepeatRule.BestMatch(LeakAgain, "/housing/repair/leak/", [Candidate(Leak, category: "")], Now, Thresholds));

    [Fact]
    public void BestMatch_ClosedBeforeTheStairWindowIsNotFlagged() =>
        Assert.Null(RepeatRule.BestMatch(LeakAgain, "/housing/repair/leak/", [Candidate(Leak, status: WorkOrderStatus.Closed, ageDays: 35, closedDaysAgo: 31)], Now, Thresholds));

    [Fact]
    public void BestMatch_StillOpenFromLongAgo_IsFlagged() =>
        Assert.NotNull(RepeatRule.BestMatch(LeakAgain, "/housing/repair/leak/", [Candidate(Leak, ageDays: 45)], Now, Thresholds));

    [Fact]
    public void BestMatch_SeveralMatch_TheMostSimilarWins()
    {
        var similar = Candidate(Leak, number: "RX2611200001", ageDays: 5);
        var identical = Candidate(LeakAgain, number: "RX2611210002", ageDays: 10);
        var other = Candidate(StairWindow, number: "RX2611220003", ageDays: 1);
        var match = RepeatRule.BestMatch(LeakAgain, "/housing/repair/leak/", [similar, other, identical], Now, Thresholds);
        Assert.Equal(identical.Id, match?.EarlierId);
    }

    [Fact]
    public void BestMatch_Tie_TheNewestWins()
    {
        var older = Candidate(Leak, number: "RX2611100001", ageDays: 12);
        var newer = Candidate(Leak, number: "RX2611200001", ageDays: 2);
        Assert.Equal(newer.Id, RepeatRule.BestMatch(LeakAgain, "/housing/repair/leak/", [older, newer], Now, Thresholds)?.EarlierId);
        Assert.Equal(newer.Id, RepeatRule.BestMatch(LeakAgain, "/housing/repair/leak/", [newer, older], Now, Thresholds)?.EarlierId);
    }

    [Fact]
    public void BestMatch_NoCandidates_IsNull() =>
        Assert.Null(RepeatRule.BestMatch(LeakAgain, "/housing/repair/leak/", [], Now, Thresholds));

    [Fact]
    public void BestMatch_ExactlyAtTheThreshold_IsFlagged()
    {
        var score = Math.Round(MatterSimilarity.Score(Leak, LeakAgain), 4);
        Assert.NotNull(RepeatRule.BestMatch(LeakAgain, "/housing/repair/leak/", [Candidate(Leak)], Now, Thresholds with { Related = score }));
        Assert.Null(RepeatRule.BestMatch(LeakAgain, "/housing/repair/leak/", [Candidate(Leak)], Now, Thresholds with { Related = score + 0.0001 }));
    }

    [Fact]
    public void Thresholds_ForEachRelation()
    {
        Assert.Equal(0.14, Thresholds.For(CategoryRelation.Same));
        Assert.Equal(0.14, Thresholds.For(CategoryRelation.Ancestor));
        Assert.Equal(0.14, Thresholds.For(CategoryRelation.SameBranch));
        Assert.Equal(0.35, Thresholds.For(CategoryRelation.Unrelated));
    }

    [Fact]
    public void Options_Defaults_AreDomainDefaults()
    {
        var o = new RepeatOptions();
        Assert.True(o.Enabled);
        Assert.Equal(30, o.WindowDays);
        Assert.Equal(90, o.HistoryDays);
        Assert.Null(o.Invalid());
        Assert.Equal(TimeSpan.FromDays(30), o.Thresholds.Window);
    }

    [Theory]
    [InlineData(0, 0.14, 0.35, 90)]
    [InlineData(30, 0, 0.35, 90)]
    [InlineData(30, 0.14, 1.5, 90)]
    [InlineData(30, 0.14, 0.35, 0)]
    public void Options_OutOfRange_AreInvalid(int windowDays, double related, double unrelated, int historyDays) =>
        Assert.NotNull(new RepeatOptions { WindowDays = windowDays, RelatedThreshold = related, UnrelatedThreshold = unrelated, HistoryDays = historyDays }.Invalid());
}
