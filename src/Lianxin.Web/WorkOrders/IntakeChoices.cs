using Lianxin.Core.Organization;
using Lianxin.Core.WorkOrders;

namespace Lianxin.Web.WorkOrders;

/// <summary>One node a picker offers: its key (category id or region code), its path of names, its code.</summary>
public sealed record IntakeChoice(string Key, string Path, string Name, string? Code, int Depth);

/// <summary>
/// The intake screen's keyboard logic, free of the page: picker filtering (characters and codes) and the
/// number keys of the demand-type and urgency groups.
/// </summary>
public static class IntakeChoices
{
    /// <summary>诉求类型 in the order of their number keys (1咨询 2求助 3投诉 4举报 5建议 6表扬).</summary>
    public static readonly IReadOnlyList<DemandType> DemandTypes =
        [DemandType.Consultation, DemandType.Help, DemandType.Complaint, DemandType.Report, DemandType.Suggestion, DemandType.Praise];

    /// <summary>紧急程度 in the order of their number keys (1一般 2紧急 3特急).</summary>
    public static readonly IReadOnlyList<Urgency> Urgencies = [Urgency.Normal, Urgency.Urgent, Urgency.Critical];

    /// <summary>
    /// The option a key picks in a group of <paramref name="count"/>: digits 1..count pick directly (also on
    /// the numeric keypad), arrows step from <paramref name="current"/>; null when the key picks nothing.
    /// </summary>
    public static int? KeyPick(string key, int? current, int count)
    {
        if (key.Length == 1 && key[0] is >= '1' and <= '9')
        {
            var n = key[0] - '1';
            return n < count ? n : null;
        }

        return key switch
        {
            "ArrowRight" or "ArrowDown" => current is { } c ? Math.Min(count - 1, c + 1) : 0,
            "ArrowLeft" or "ArrowUp" => current is { } c ? Math.Max(0, c - 1) : 0,
            _ => null,
        };
    }

    /// <summary>Every active category, as the picker offers them (any node: the API accepts a branch as well as a leaf).</summary>
    public static IReadOnlyList<IntakeChoice> Categories(ReferenceSnapshot refs) =>
        refs.Categories.All.Where(c => c.IsActive)
            .Select(c => new IntakeChoice(c.Id.ToString(), refs.Categories.PathName(c), c.Name, c.Code, c.Depth))
            .ToList();

    /// <summary>Every active region with a code (orders name their region by code).</summary>
    public static IReadOnlyList<IntakeChoice> Regions(ReferenceSnapshot refs) =>
        refs.Regions.All.Where(r => r.IsActive && !string.IsNullOrEmpty(r.Code))
            .Select(r => new IntakeChoice(r.Code!, refs.Regions.PathName(r), r.Name, r.Code, r.Depth))
            .ToList();

    /// <summary>
    /// The choices that match what was typed, best first: every word (split at spaces and /) must occur in
    /// the path of names or begin the code. Exact codes first, then names that begin with the text, then
    /// names that contain it, then matches anywhere in the path; deeper nodes (more precise) before their parents.
    /// </summary>
    public static IReadOnlyList<IntakeChoice> Filter(IEnumerable<IntakeChoice> choices, string? typed, int max = 8)
    {
        var terms = (typed ?? "").Split([' ', '/', '／', '　'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (terms.Length == 0)
        {
            return [];
        }

        return choices
            .Select(c => (Choice: c, Rank: Rank(c, terms)))
            .Where(x => x.Rank is not null)
            .OrderBy(x => x.Rank)
            .ThenByDescending(x => x.Choice.Depth)
            .ThenBy(x => x.Choice.Path, StringComparer.Ordinal)
            .Take(max)
            .Select(x => x.Choice)
            .ToList();
    }

    private static int? Rank(IntakeChoice c, string[] terms)
    {
        foreach (var t in terms)
        {
            var inPath = c.Path.Contains(t, StringComparison.OrdinalIgnoreCase);
            var inCode = c.Code is not null && c.Code.StartsWith(t, StringComparison.OrdinalIgnoreCase);
            if (!inPath && !inCode)
            {
                return null;
            }
        }

        var last = terms[^1];
        if (c.Code is not null && string.Equals(c.Code, last, StringComparison.OrdinalIgnoreCase))
        {
            return 0;
        }

        if (c.Name.StartsWith(last, StringComparison.OrdinalIgnoreCase))
        {
            return 1;
        }

        if (c.Name.Contains(last, StringComparison.OrdinalIgnoreCase))
        {
            return 2;
        }

        return c.Code is not null && c.Code.StartsWith(last, StringComparison.OrdinalIgnoreCase) ? 3 : 4;
    }
}
