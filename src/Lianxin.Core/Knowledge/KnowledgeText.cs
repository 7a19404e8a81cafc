using System.Text;

namespace Lianxin.Core.Knowledge;

/// <summary>
/// How typed text becomes what the knowledge search compares: a few short terms to look for inside
/// articles, and the whole text (the probe) to look for article keywords in. Chinese has no spaces, so a
/// caller's description yields few usable terms; its keywords-in-text match is what finds the article.
/// Pure functions, free of the database.
/// </summary>
public static class KnowledgeText
{
    /// <summary>Terms longer than this are sentences, not words: they would never occur whole in an article.</summary>
    public const int MaxTermLength = 20;

    public const int MaxTerms = 8;

    /// <summary>The longest query the API takes: longer ones would not fit a URL once encoded.</summary>
    public const int MaxQueryLength = 500;

    /// <summary>The longest text compared (an intake's title and description); the rest is left out.</summary>
    public const int MaxProbeLength = 2000;

    /// <summary>Lower case (Latin letters), full-width letters and digits as ASCII, runs of blanks as one space, trimmed.</summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }

        var sb = new StringBuilder(text.Length);
        var blank = false;
        foreach (var raw in text)
        {
            var c = raw is >= '\uFF01' and <= '\uFF5E' && char.IsLetterOrDigit((char)(raw - 0xFEE0)) ? (char)(raw - 0xFEE0) : raw;
            if (char.IsWhiteSpace(c) || c == '\u3000')
            {
                blank = sb.Length > 0;
                continue;
            }

            if (blank)
            {
                sb.Append(' ');
                blank = false;
            }

            sb.Append(char.ToLowerInvariant(c));
        }

        return sb.ToString();
    }

    /// <summary>
    /// The words of a query: split at blanks and punctuation (Chinese and Latin), each at most
    /// <see cref="MaxTermLength"/> characters, distinct, at most <see cref="MaxTerms"/>, in the order typed.
    /// </summary>
    public static IReadOnlyList<string> Terms(string? text)
    {
        var normalized = Normalize(text);
        var terms = new List<string>();
        var sb = new StringBuilder();
        void Flush()
        {
            if (sb.Length is > 0 and <= MaxTermLength && terms.Count < MaxTerms && !terms.Contains(sb.ToString(), StringComparer.Ordinal))
            {
                terms.Add(sb.ToString());
            }

            sb.Clear();
        }

        foreach (var c in normalized)
        {
            if (c == ' ' || char.IsPunctuation(c) || char.IsSymbol(c))
            {
                Flush();
            }
            else
            {
                sb.Append(c);
            }
        }

        Flush();
        return terms;
    }

    /// <summary>The text article keywords are looked for in: normalized, cut at <see cref="MaxProbeLength"/>.</summary>
    public static string Probe(string? text)
    {
        var normalized = Normalize(text);
        return normalized.Length > MaxProbeLength ? normalized[..MaxProbeLength] : normalized;
    }

    /// <summary>
    /// Keywords as an editor typed them (one per entry, or several separated by commas, 、 or ；), normalized and
    /// without repeats, in the order given.
    /// </summary>
    public static List<string> Keywords(IEnumerable<string?>? entries)
    {
        var keywords = new List<string>();
        foreach (var entry in entries ?? [])
        {
            foreach (var part in (entry ?? "").Split([',', '，', '、', ';', '；', '\n'], StringSplitOptions.RemoveEmptyEntries))
            {
                var keyword = Normalize(part);
                if (keyword.Length > 0 && !keywords.Contains(keyword, StringComparer.Ordinal))
                {
                    keywords.Add(keyword);
                }
            }
        }

        return keywords;
    }

    /// <summary>The beginning of an answer, for lists: at most <paramref name="length"/> characters, on one line.</summary>
    public static string Summary(string answer, int length = 120)
    {
        var line = string.Join(' ', answer.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return line.Length <= length ? line : line[..length] + "…";
    }
}
