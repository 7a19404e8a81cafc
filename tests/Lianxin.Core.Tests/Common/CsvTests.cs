using Lianxin.Core.Common;

namespace Lianxin.Core.Tests.Common;

/// <summary>RFC 4180 reading and writing, the cases spreadsheets and hand-edited files produce.</summary>
public class CsvTests
{
    private static string[][] Fields(string text) => Csv.Parse(text).Select(r => r.Fields.ToArray()).ToArray();

    [Fact]
    public void Parse_PlainRows_WithCrlfOrLf()
    {
        Assert.Equal([["code", "name"], ["01", "供水"]], Fields("code,name\r\n01,供水\r\n"));
        Assert.Equal([["code", "name"], ["01", "供水"]], Fields("code,name\n01,供水"));
    }

    [Fact]
    public void Parse_QuotedFields_KeepCommasQuotesAndLineBreaks()
    {
        var rows = Csv.Parse("a,b,c\r\n\"x, y\",\"说\"\"好\"\"的\",\"line1\r\nline2\"\r\nlast,,\r\n");
        Assert.Equal(["x, y", "说\"好\"的", "line1\r\nline2"], rows[1].Fields);
        Assert.Equal(["last", "", ""], rows[2].Fields);
        Assert.Equal([1, 2, 3], rows.Select(r => r.Row));
    }

    [Fact]
    public void Parse_TrailingCommaAtEndOfText_IsAnEmptyLastField() =>
        Assert.Equal([["a", ""]], Fields("a,"));

    [Fact]
    public void Parse_EmptyLineInside_IsARecordWithOneEmptyField() =>
        Assert.Equal([["a"], [""], ["b"]], Fields("a\n\nb\n"));

    [Theory]
    [InlineData("a,\"open", 1)]
    [InlineData("a,b\nc,\"x\"y", 2)]
    [InlineData("a,b\nc,d\"e", 2)]
    [InlineData("a,b\n\u0000\u0001PK", 2)]
    public void Parse_NotCsv_IsRefusedWithTheRow(string text, int row) =>
        Assert.Equal(row, Assert.Throws<CsvFormatException>(() => Csv.Parse(text)).Row);

    [Fact]
    public void Write_QuotesOnlyWhatNeedsIt_AndReadsBack()
    {
        IReadOnlyList<string>[] rows = [["code", "name"], ["01", "水, 电"], ["02", "说\"好\""], ["03", "两\n行"], ["04", " 空格 "]];
        var text = Csv.Write(rows);
        Assert.StartsWith("code,name\r\n01,\"水, 电\"\r\n02,\"说\"\"好\"\"\"\r\n", text, StringComparison.Ordinal);
        Assert.Equal(rows.Select(r => r.ToArray()), Fields(text));
    }
}
