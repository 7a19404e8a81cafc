using System.Text;

namespace Lianxin.Core.Common;

/// <summary>One record of a CSV file; <see cref="Row"/> counts records from 1 (the header), as a spreadsheet numbers rows.</summary>
public sealed record CsvRecord(int Row, IReadOnlyList<string> Fields);

/// <summary>The text is not CSV; <see cref="Row"/> is the record where reading stopped.</summary>
public sealed class CsvFormatException(int row, Text text) : Exception(text.En)
{
    public int Row { get; } = row;

    public Text Text { get; } = text;
}

/// <summary>
/// RFC 4180 reading and writing, small enough to own: comma-separated fields, double-quoted when they
/// hold commas, quotes or line breaks, quotes doubled inside. Reading also takes bare LF line ends
/// (files edited on Linux/macOS); anything else that RFC 4180 does not allow is refused, not guessed at.
/// </summary>
public static class Csv
{
    public static IReadOnlyList<CsvRecord> Parse(string text)
    {
        var records = new List<CsvRecord>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var row = 1;
        var i = 0;

        // Each pass reads one field; a record ends at a line break or at the end of the text.
        while (i < text.Length)
        {
            if (i < text.Length && text[i] == '"')
            {
                i = ReadQuoted(text, i + 1, field, row);
                if (i < text.Length && text[i] is not (',' or '\r' or '\n'))
                {
                    throw new CsvFormatException(row, new Text(
                        "引号字段结束后只能是逗号或换行。", "A quoted field must be followed by a comma or a line break."));
                }
            }
            else
            {
                while (i < text.Length && text[i] is not (',' or '\r' or '\n'))
                {
                    CheckChar(text[i], row);
                    if (text[i] == '"')
                    {
                        throw new CsvFormatException(row, new Text(
                            "含引号的字段须整体用双引号括起，字段内的引号写作两个引号（\"\"）。",
                            "A field holding a quote must be enclosed in double quotes, with inner quotes doubled (\"\")."));
                    }

                    field.Append(text[i++]);
                }
            }

            fields.Add(field.ToString());
            field.Clear();
            if (i < text.Length && text[i] == ',')
            {
                i++;
                if (i == text.Length)
                {
                    // "a,b," at the very end: the last field is empty.
                    fields.Add("");
                }
                else
                {
                    continue;
                }
            }

            records.Add(new CsvRecord(row++, [.. fields]));
            fields.Clear();
            if (i < text.Length && text[i] == '\r')
            {
                i++;
            }

            if (i < text.Length && text[i] == '\n')
            {
                i++;
            }

            if (i >= text.Length)
            {
                break;
            }
        }

        return records;
    }

    /// <summary>
    /// CRLF line ends and minimal quoting, as RFC 4180 and spreadsheet programs expect. With
    /// <paramref name="guardFormulas"/>, a cell starting with =, +, -, @ (or a tab or CR) gets a leading
    /// apostrophe so a spreadsheet shows it as text rather than running it: for text citizens wrote.
    /// </summary>
    public static string Write(IEnumerable<IReadOnlyList<string>> rows, bool guardFormulas = false)
    {
        var sb = new StringBuilder();
        foreach (var row in rows)
        {
            for (var f = 0; f < row.Count; f++)
            {
                if (f > 0)
                {
                    sb.Append(',');
                }

                var value = row[f];
                if (guardFormulas && value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
                {
                    value = "'" + value;
                }

                if (value.AsSpan().IndexOfAny(",\"\r\n") >= 0 || (value.Length > 0 && (value[0] == ' ' || value[^1] == ' ')))
                {
                    sb.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
                }
                else
                {
                    sb.Append(value);
                }
            }

            sb.Append("\r\n");
        }

        return sb.ToString();
    }

    /// <returns>The index just past the closing quote.</returns>
    private static int ReadQuoted(string text, int i, StringBuilder field, int row)
    {
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '"')
            {
                if (i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i += 2;
                    continue;
                }

                return i + 1;
            }

            CheckChar(c, row);
            field.Append(c);
            i++;
        }

        throw new CsvFormatException(row, new Text("引号没有闭合（文件在引号字段中结束）。", "A quoted field is not closed before the end of the file."));
    }

    /// <summary>Control characters other than tab and line breaks mean a binary file (a spreadsheet, an image), not text.</summary>
    private static void CheckChar(char c, int row)
    {
        if (char.IsControl(c) && c is not ('\t' or '\r' or '\n'))
        {
            throw new CsvFormatException(row, new Text("文件含有控制字符，不是文本格式的 CSV（Excel 文件请另存为“CSV UTF-8”）。",
                "The file holds control characters: it is not a text CSV (save spreadsheets as 'CSV UTF-8')."));
        }
    }
}
