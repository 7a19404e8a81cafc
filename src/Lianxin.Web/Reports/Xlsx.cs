using System.Data;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;

namespace Lianxin.Web.Reports;

/// <summary>How a column's cells are written: text, a number, or a rate shown as a percentage (the cell keeps the fraction).</summary>
public enum XlsxKind
{
    Text,
    Number,
    Percent,
}

public sealed record XlsxColumn(string Header, XlsxKind Kind = XlsxKind.Number, int Width = 0);

/// <summary>One worksheet: its columns and its rows (cells in column order; null leaves the cell empty, as a rate with no denominator).</summary>
public sealed record XlsxSheet(string Name, IReadOnlyList<XlsxColumn> Columns, IEnumerable<IReadOnlyList<object?>> Rows);

/// <summary>
/// Excel workbooks for the reports and the order export (MiniExcel). Sheets are tables (typed columns), so an
/// empty sheet still has its header; text is written as inline strings, never as formulas, so a cell that starts
/// with = is shown, not run; rates are numbers with a 0.0% format, so a spreadsheet can still sum and chart them.
/// </summary>
public static class Xlsx
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static readonly char[] NotInSheetNames = ['[', ']', ':', '*', '?', '/', '\\'];

    public static byte[] Write(IEnumerable<XlsxSheet> sheets)
    {
        var book = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);
        var formats = new Dictionary<string, DynamicExcelColumn>(StringComparer.Ordinal);
        foreach (var sheet in sheets)
        {
            book[UniqueName(book, sheet.Name)] = Table(sheet);
            foreach (var c in sheet.Columns)
            {
                if ((c.Kind == XlsxKind.Percent || c.Width > 0) && !formats.ContainsKey(c.Header))
                {
                    formats[c.Header] = new DynamicExcelColumn(c.Header)
                    {
                        Format = c.Kind == XlsxKind.Percent ? "0.0%" : null,
                        Width = c.Width > 0 ? c.Width : 10,
                    };
                }
            }
        }

        var configuration = new OpenXmlConfiguration
        {
            TableStyles = TableStyles.None,
            AutoFilter = true,
            DynamicColumns = [.. formats.Values],
        };
        using var stream = new MemoryStream();
        stream.SaveAs(book, printHeader: true, excelType: ExcelType.XLSX, configuration: configuration);
        return stream.ToArray();
    }

    public static IResult File(byte[] body, string name) => TypedResults.File(body, ContentType, name);

    private static DataTable Table(XlsxSheet sheet)
    {
        var table = new DataTable(sheet.Name);
        foreach (var c in sheet.Columns)
        {
            table.Columns.Add(c.Header, c.Kind == XlsxKind.Text ? typeof(string) : typeof(double));
        }

        foreach (var row in sheet.Rows)
        {
            var values = new object[sheet.Columns.Count];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = i < row.Count && row[i] is { } v ? Cell(v, sheet.Columns[i].Kind) : DBNull.Value;
            }

            table.Rows.Add(values);
        }

        return table;
    }

    private static object Cell(object value, XlsxKind kind) => kind switch
    {
        XlsxKind.Text => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
        _ => Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>Excel's rules: at most 31 characters, none of []:*?/\, unique regardless of case.</summary>
    private static string UniqueName(Dictionary<string, object> book, string name)
    {
        var clean = new string([.. name.Select(ch => NotInSheetNames.Contains(ch) ? '_' : ch)]).Trim();
        clean = clean.Length == 0 ? "Sheet" : clean[..Math.Min(clean.Length, 31)];
        var unique = clean;
        for (var n = 2; book.ContainsKey(unique); n++)
        {
            var suffix = $" ({n})";
            unique = clean[..Math.Min(clean.Length, 31 - suffix.Length)] + suffix;
        }

        return unique;
    }
}
