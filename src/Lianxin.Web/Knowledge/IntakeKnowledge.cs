using Lianxin.Core.Knowledge;
using Lianxin.Core.WorkOrders;
using Lianxin.Web.WorkOrders;

namespace Lianxin.Web.Knowledge;

/// <summary>
/// What the intake's right-hand panel looks up for the call being typed (UI.md "Intake": 知识库 / 相似工单):
/// knowledge for the chosen category and the words of the title and description (or what the call-taker
/// typed into the panel's own box), and the recent orders of the same category and region. Pure, so the
/// page's debounce only has to compare keys.
/// </summary>
public static class IntakeKnowledge
{
    public const int Hits = 5;
    public const int SimilarOrders = 5;

    /// <summary>How far back similar orders are looked for: a burst main or a building's outage is recent.</summary>
    public static readonly TimeSpan SimilarWindow = TimeSpan.FromDays(30);

    /// <summary>
    /// The knowledge query, or null while there is nothing to look for. The panel's own words win over the
    /// form's text; otherwise the title and description, with the category alone also finding articles.
    /// </summary>
    public static ArticleQuery? Query(IntakeDraft draft, string? panelQuery)
    {
        Guid? category = Guid.TryParse(draft.CategoryId, out var c) ? c : null;
        if (!string.IsNullOrWhiteSpace(panelQuery))
        {
            return new ArticleQuery(panelQuery.Trim(), category, Limit: Hits);
        }

        var text = (draft.Title + " " + draft.Description).Trim();
        if (text.Length == 0 && category is null)
        {
            return null;
        }

        return new ArticleQuery(text.Length == 0 ? null : text, category, CategoryAlone: true, Limit: Hits);
    }

    /// <summary>The recent orders of the same category (and region, once chosen), or null before a category is chosen.</summary>
    public static WorkOrderFilter? Similar(IntakeDraft draft, DateTime nowUtc) =>
        Guid.TryParse(draft.CategoryId, out var category)
            ? new WorkOrderFilter(CategoryId: category, RegionCode: string.IsNullOrEmpty(draft.RegionCode) ? null : draft.RegionCode, FromUtc: nowUtc - SimilarWindow)
            : null;

    /// <summary>The answer after "use as answer": the article's text, after what was already typed (on its own line).</summary>
    public static string UseAsAnswer(string current, string articleAnswer) =>
        string.IsNullOrWhiteSpace(current) ? articleAnswer : current.TrimEnd() + "\n" + articleAnswer;
}
