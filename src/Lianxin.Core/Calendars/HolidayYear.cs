using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Lianxin.Core.Common;

namespace Lianxin.Core.Calendars;

/// <summary>One State Council holiday notice in the holiday-cn format: off days and make-up working days.</summary>
public sealed record HolidayYear(int Year, IReadOnlyList<string> Papers, IReadOnlyList<HolidayDay> Days)
{
    /// <summary>
    /// Strict parse of <c>{"year", "papers", "days": [{"name", "date", "isOffDay"}]}</c>. A file's dates may
    /// belong to the next or previous year (2022-12-31 is in 2023.json), never further away.
    /// </summary>
    public static HolidayYear Parse(string json)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw Fail("JSON 格式错误：" + ex.Message, "Malformed JSON: " + ex.Message, "$");
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Fail("应为一个 JSON 对象。", "Expected a JSON object.", "$");
            }

            if (!root.TryGetProperty("year", out var yearElement) || yearElement.ValueKind != JsonValueKind.Number || !yearElement.TryGetInt32(out var year) || year < 1949 || year > 2200)
            {
                throw Fail("缺少有效的 year（年份）。", "Missing or invalid 'year'.", "year");
            }

            var papers = new List<string>();
            if (root.TryGetProperty("papers", out var papersElement))
            {
                if (papersElement.ValueKind != JsonValueKind.Array)
                {
                    throw Fail("papers 应为字符串数组。", "'papers' must be an array of strings.", "papers");
                }

                foreach (var p in papersElement.EnumerateArray())
                {
                    papers.Add(p.ValueKind == JsonValueKind.String ? p.GetString()! : throw Fail("papers 应为字符串数组。", "'papers' must be an array of strings.", "papers"));
                }
            }

            if (!root.TryGetProperty("days", out var daysElement) || daysElement.ValueKind != JsonValueKind.Array)
            {
                throw Fail("缺少 days 数组。", "Missing the 'days' array.", "days");
            }

            var days = new List<HolidayDay>();
            var seen = new HashSet<DateOnly>();
            var i = 0;
            foreach (var d in daysElement.EnumerateArray())
            {
                var path = $"days[{i}]";
                if (d.ValueKind != JsonValueKind.Object)
                {
                    throw Fail("每一天应为一个对象。", "Each day must be an object.", path);
                }

                var name = d.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : throw Fail("缺少 name。", "Missing 'name'.", path + ".name");
                if (!d.TryGetProperty("date", out var dateElement) || dateElement.ValueKind != JsonValueKind.String
                    || !DateOnly.TryParseExact(dateElement.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    throw Fail("date 应为 yyyy-MM-dd 格式的日期。", "'date' must be a yyyy-MM-dd date.", path + ".date");
                }

                if (!d.TryGetProperty("isOffDay", out var off) || off.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                {
                    throw Fail("缺少 isOffDay（true 为放假，false 为调休上班）。", "Missing boolean 'isOffDay'.", path + ".isOffDay");
                }

                if (Math.Abs(date.Year - year) > 1)
                {
                    throw Fail($"日期 {date:yyyy-MM-dd} 与文件年份 {year} 相差超过一年。", $"Date {date:yyyy-MM-dd} is more than a year away from {year}.", path + ".date");
                }

                if (!seen.Add(date))
                {
                    throw Fail($"日期 {date:yyyy-MM-dd} 重复出现。", $"Date {date:yyyy-MM-dd} appears twice.", path + ".date");
                }

                days.Add(new HolidayDay(date, name, off.GetBoolean()));
                i++;
            }

            return new HolidayYear(year, papers, days);
        }
    }

    private static CalendarFormatException Fail(string zh, string en, string path) => new(zh, en, path);
}

public sealed record HolidayDay(DateOnly Date, string Name, bool IsOffDay);

/// <summary>A holiday file that cannot be used; says where, in Chinese and English.</summary>
public sealed class CalendarFormatException(string messageZh, string messageEn, string? path) : Exception(messageEn)
{
    public string MessageZh { get; } = messageZh;

    public string? Path { get; } = path;

    public ValidationFailedException ToValidation() =>
        new(new Dictionary<string, Text[]> { [Path ?? "body"] = [new Text(MessageZh, Message)] });
}

/// <summary>The State Council schedules shipped with the product (holiday-cn, MIT licence), 2020–2026.</summary>
public static class ShippedHolidays
{
    private static readonly Lazy<IReadOnlyList<HolidayYear>> Years = new(LoadAll);

    public static IReadOnlyList<HolidayYear> Load() => Years.Value;

    private static List<HolidayYear> LoadAll()
    {
        var assembly = Assembly.GetExecutingAssembly();
        const string prefix = "Lianxin.Core.Calendars.HolidayData.";
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n =>
            {
                using var stream = assembly.GetManifestResourceStream(n)!;
                using var reader = new StreamReader(stream);
                return HolidayYear.Parse(reader.ReadToEnd());
            })
            .ToList();
    }
}
