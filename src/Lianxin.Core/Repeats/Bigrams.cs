using System.Text;

namespace Lianxin.Core.Repeats;

/// <summary>
/// Splits text the way the search index does (ARCHITECTURE.md): Chinese as overlapping character
/// bigrams, Latin letters and digits as whole words. Chinese has no spaces between words and no
/// dictionary is shipped, so bigrams are the unit: most Chinese words are two characters, and a
/// longer word still shares its bigrams with every text that contains it.
/// </summary>
public static class Bigrams
{
    /// <summary>
    /// NFKC folds full-width letters, digits and punctuation (ＡＢＣ１２３，) into their ASCII forms and CJK
    /// compatibility ideographs into the unified ones, so text typed with a Chinese input method compares
    /// equal to the same text typed in half-width; then lower case, so Latin words match in any case.
    /// </summary>
    public static string Normalize(string? text) =>
        string.IsNullOrEmpty(text) ? "" : text.Normalize(NormalizationForm.FormKC).ToLowerInvariant();

    /// <summary>
    /// The tokens of <paramref name="text"/> in order (with repeats): each run of CJK characters gives its
    /// bigrams (a lone character gives itself, so 水 between two commas is not lost); each run of other
    /// letters and digits gives one word. Whitespace, punctuation and symbols only separate tokens.
    /// </summary>
    public static List<string> Tokens(string? text)
    {
        var tokens = new List<string>();
        var normalized = Normalize(text);
        var run = new List<string>();
        var word = new StringBuilder();

        void EndRun()
        {
            if (run.Count == 1)
            {
                tokens.Add(run[0]);
            }

            for (var i = 0; i + 1 < run.Count; i++)
            {
                tokens.Add(run[i] + run[i + 1]);
            }

            run.Clear();
        }

        void EndWord()
        {
            if (word.Length > 0)
            {
                tokens.Add(word.ToString());
                word.Clear();
            }
        }

        foreach (var rune in normalized.EnumerateRunes())
        {
            if (IsCjk(rune))
            {
                EndWord();
                run.Add(rune.ToString());
            }
            else if (Rune.IsLetterOrDigit(rune))
            {
                EndRun();
                word.Append(rune.ToString());
            }
            else
            {
                EndRun();
                EndWord();
            }
        }

        EndRun();
        EndWord();
        return tokens;
    }

    /// <summary>Han ideographs (all CJK blocks, including the supplementary planes) and 〇, the Chinese zero.</summary>
    public static bool IsCjk(Rune rune)
    {
        var c = rune.Value;
        return c is (>= 0x4E00 and <= 0x9FFF) or (>= 0x3400 and <= 0x4DBF) or (>= 0xF900 and <= 0xFAFF) or (>= 0x20000 and <= 0x323AF) or 0x3007;
    }
}
