using Lianxin.Core.Knowledge;

namespace Lianxin.Core.Tests.Knowledge;

/// <summary>How typed text becomes search terms, the probe for keywords, and an editor's keyword list.</summary>
public class KnowledgeTextTests
{
    [Theory]
    [InlineData("停水 通知", new[] { "停水", "通知" })]
    [InlineData("停水，通知、停水", new[] { "停水", "通知" })]
    [InlineData("  WiFi  密码？ ", new[] { "wifi", "密码" })]
    [InlineData("ＡＢＣ１２３", new[] { "abc123" })]
    [InlineData("", new string[0])]
    [InlineData("，。！", new string[0])]
    public void Terms_SplitAtBlanksAndPunctuation_LowerCase_Distinct(string text, string[] expected) =>
        Assert.Equal(expected, KnowledgeText.Terms(text));

    [Fact]
    public void Terms_LeaveOutSentences_AndStopAtEight()
    {
        Assert.Equal(["来水"], KnowledgeText.Terms("今天下午家里突然停水了想问一下到底什么时候 来水"));
        Assert.Equal(8, KnowledgeText.Terms("一 二 三 四 五 六 七 八 九 十").Count);
    }

    [Fact]
    public void Probe_IsNormalized_AndCut()
    {
        Assert.Equal("家里 停水了 wifi", KnowledgeText.Probe(" 家里\n\t停水了　ＷｉＦｉ "));
        Assert.Equal(KnowledgeText.MaxProbeLength, KnowledgeText.Probe(new string('水', 3000)).Length);
    }

    [Fact]
    public void Keywords_SplitEntriesAtCommas_DropBlanksAndRepeats_KeepOrder()
    {
        Assert.Equal(["停水", "计划停水", "来水 时间"], KnowledgeText.Keywords(["停水，计划停水", " ", null, "停水、来水   时间;"]));
        Assert.Empty(KnowledgeText.Keywords(null));
    }

    [Fact]
    public void Summary_IsOneLine_CutWithAnEllipsis()
    {
        Assert.Equal("第一行 第二行", KnowledgeText.Summary("第一行\n\n第二行"));
        Assert.Equal(new string('答', 10) + "…", KnowledgeText.Summary(new string('答', 30), 10));
    }
}
