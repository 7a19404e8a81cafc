using Lianxin.Core.Repeats;

namespace Lianxin.Core.Tests.Repeats;

public class BigramsTests
{
    [Theory]
    [InlineData("漏水", new[] { "漏水" })]
    [InlineData("地漏泛水", new[] { "地漏", "漏泛", "泛水" })]
    [InlineData("水", new[] { "水" })] // a lone character is kept, not lost
    [InlineData("停水，水", new[] { "停水", "水" })]
    [InlineData("", new string[0])]
    [InlineData("  ，。！？、；：“”（）《》 \t\n", new string[0])]
    public void Tokens_ChineseRuns_GiveOverlappingBigrams(string text, string[] expected) =>
        Assert.Equal(expected, Bigrams.Tokens(text));

    [Fact]
    public void Tokens_Null_IsEmpty() => Assert.Empty(Bigrams.Tokens(null));

    [Theory]
    [InlineData("Wi-Fi 5G", new[] { "wi", "fi", "5g" })]
    [InlineData("RX2611230001", new[] { "rx2611230001" })]
    [InlineData("B2栋", new[] { "b2", "栋" })]
    [InlineData("3号楼502室", new[] { "3", "号楼", "502", "室" })]
    [InlineData("电话13812345678打不通", new[] { "电话", "13812345678", "打不", "不通" })]
    public void Tokens_LatinAndDigits_AreWholeWordsInLowerCase(string text, string[] expected) =>
        Assert.Equal(expected, Bigrams.Tokens(text));

    [Theory]
    [InlineData("ＡＢＣ１２３", "abc123")]
    [InlineData("５栋", "5 栋")]
    [InlineData("停水　停电", "停水 停电")] // the ideographic space separates like a space
    public void Tokens_FullWidth_EqualHalfWidth(string fullWidth, string halfWidth) =>
        Assert.Equal(Bigrams.Tokens(halfWidth), Bigrams.Tokens(fullWidth));

    [Fact]
    public void Tokens_FullWidthPunctuation_OnlySeparates() =>
        Assert.Equal(["楼上", "渗水", "我家"], Bigrams.Tokens("楼上，渗水（我家）"));

    [Fact]
    public void Tokens_SupplementaryPlaneIdeograph_IsOneCharacter() =>
        Assert.Equal(["𠀀水"], Bigrams.Tokens("𠀀水")); // U+20000, two UTF-16 units

    [Fact]
    public void Tokens_CompatibilityIdeograph_FoldsToTheUnifiedOne() =>
        Assert.Equal(Bigrams.Tokens("金水"), Bigrams.Tokens("\uF90A水")); // 金 (U+F90A) → 金 (U+91D1)

    [Fact]
    public void Tokens_ChineseZero_IsPartOfTheRun() => Assert.Equal(["二〇", "〇二"], Bigrams.Tokens("二〇二"));

    [Theory]
    [InlineData("😀漏水😀", new[] { "漏水" })]
    [InlineData("漏水→天花板", new[] { "漏水", "天花", "花板" })]
    [InlineData("No.5", new[] { "no", "5" })]
    public void Tokens_SymbolsAndEmoji_OnlySeparate(string text, string[] expected) =>
        Assert.Equal(expected, Bigrams.Tokens(text));

    [Fact]
    public void Tokens_KeepOrderAndRepeats() => Assert.Equal(["停水", "停水"], Bigrams.Tokens("停水 停水"));
}
