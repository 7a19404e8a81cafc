using Lianxin.Web.Knowledge;
using Lianxin.Web.WorkOrders;

namespace Lianxin.Web.Tests.Knowledge;

/// <summary>What the intake's side panel looks up for the call being typed.</summary>
public sealed class IntakeKnowledgeTests
{
    private static readonly Guid Outage = Guid.NewGuid();

    [Fact]
    public void NothingTyped_NoCategory_LooksUpNothing()
    {
        Assert.Null(IntakeKnowledge.Query(new IntakeDraft { Phone = "13900001111" }, null));
        Assert.Null(IntakeKnowledge.Similar(new IntakeDraft(), new DateTime(2026, 11, 30, 12, 0, 0, DateTimeKind.Utc)));
    }

    [Fact]
    public void TitleAndDescription_WithTheCategory_LetTheCategoryAloneFindArticlesToo()
    {
        var q = IntakeKnowledge.Query(new IntakeDraft { CategoryId = Outage.ToString(), Title = "没水了", Description = "什么时候来水" }, "  ");
        Assert.NotNull(q);
        Assert.Equal("没水了 什么时候来水", q.Text);
        Assert.Equal(Outage, q.CategoryId);
        Assert.True(q.CategoryAlone);
        Assert.Equal(IntakeKnowledge.Hits, q.Limit);

        var categoryOnly = IntakeKnowledge.Query(new IntakeDraft { CategoryId = Outage.ToString() }, null);
        Assert.Null(categoryOnly!.Text);
    }

    [Fact]
    public void ThePanelsOwnWords_WinOverTheForm_AndMustMatch()
    {
        var q = IntakeKnowledge.Query(new IntakeDraft { CategoryId = Outage.ToString(), Description = "什么时候来水" }, " 水费 ");
        Assert.Equal("水费", q!.Text);
        Assert.False(q.CategoryAlone);
        Assert.Equal(Outage, q.CategoryId);
    }

    [Fact]
    public void SimilarOrders_AreTheCategorysOfThirtyDays_AndTheRegionsOnceChosen()
    {
        var now = new DateTime(2026, 11, 30, 12, 0, 0, DateTimeKind.Utc);
        var f = IntakeKnowledge.Similar(new IntakeDraft { CategoryId = Outage.ToString() }, now);
        Assert.Equal(Outage, f!.CategoryId);
        Assert.Null(f.RegionCode);
        Assert.Equal(now.AddDays(-30), f.FromUtc);
        Assert.Equal("990101002001", IntakeKnowledge.Similar(new IntakeDraft { CategoryId = Outage.ToString(), RegionCode = "990101002001" }, now)!.RegionCode);
    }

    [Theory]
    [InlineData("", "答复。", "答复。")]
    [InlineData("  ", "答复。", "答复。")]
    [InlineData("已告知。  \n", "答复。", "已告知。\n答复。")]
    public void UseAsAnswer_PutsTheArticleAfterWhatWasTyped(string current, string article, string expected) =>
        Assert.Equal(expected, IntakeKnowledge.UseAsAnswer(current, article));
}
