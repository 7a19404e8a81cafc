using Lianxin.Core.Common;
using Lianxin.Core.Data;
using Lianxin.Core.Identity;
using Lianxin.Core.Repeats;
using Microsoft.EntityFrameworkCore;

namespace Lianxin.Core.Knowledge;

/// <summary>
/// A knowledge search. <see cref="Text"/> is what was typed (a few words, or an intake's whole title and
/// description); <see cref="CategoryId"/> ranks articles of that category, its ancestors and its branch
/// first. With text, only articles that match it are found, unless <see cref="CategoryAlone"/> (the intake's
/// panel) also lets the category alone find them; with only a category, that category's articles; with
/// neither, every article, the most recently changed first.
/// </summary>
public sealed record ArticleQuery(string? Text = null, Guid? CategoryId = null, bool IncludeInactive = false, bool CategoryAlone = false, int Limit = 20, int Offset = 0);

/// <summary>
/// One hit. <see cref="CategoryRank"/>: 3 the category asked for, 2 one above or below it, 1 the same branch
/// (second level), 0 none. <see cref="Score"/>: how well the text matched (0 when not at all).
/// </summary>
public sealed record ArticleHit(
    Guid Id, string Title, string Summary, Guid? CategoryId, IReadOnlyList<string> Keywords, bool IsActive, DateTime UpdatedAt, string UpdatedByName,
    int Version, int CategoryRank, int Score);

public sealed record ArticlePage(IReadOnlyList<ArticleHit> Items, int? NextOffset);

/// <summary>
/// 知识检索, for everyone signed in. Plain substring matching in the database (LIKE-like, on both SQLite and
/// PostgreSQL): each typed term is looked for in titles (weight 3), keywords (2) and answers (1), and each
/// article keyword is looked for in the typed text (2) — the match that finds an article from a caller's
/// words, which Chinese does not split into terms. Ranked by category first, then by that score, then the
/// most recently changed. A few thousand articles answer in milliseconds (docs/benchmarks.md); a bigger
/// base would move to the bigram index of the search feature (ARCHITECTURE.md).
/// </summary>
public sealed class SearchArticles(LianxinDbContext db)
{
    public const int MaxLimit = 50;

    private const int SummaryLength = 160;

    public async Task<ArticlePage> ExecuteAsync(Actor actor, ArticleQuery query, CancellationToken ct)
    {
        if (query.IncludeInactive)
        {
            KnowledgeEditors.Require(actor, new Text("查看已停用的知识库文章", "see deactivated knowledge articles"));
        }

        var v = new Validator().Range("limit", query.Limit, 1, MaxLimit);
        v.When(query.Offset < 0, "cursor", new Text("分页游标无效。", "Invalid cursor."));
        var ranks = await CategoryRanksAsync(query.CategoryId, v, ct);
        v.ThrowIfInvalid();

        var terms = KnowledgeText.Terms(query.Text).ToList();
        var probe = KnowledgeText.Probe(query.Text);
        var hasText = probe.Length > 0;
        var includeInactive = query.IncludeInactive;
        var exact = ranks.Exact;
        var near = ranks.Near;
        var branch = ranks.Branch;

#pragma warning disable CA1862 // EF translates ToLower() and Contains to lower() and instr/strpos; the overload with a StringComparison has no translation.
        var scored = db.Articles.AsNoTracking()
            .Where(a => includeInactive || a.IsActive)
            .Select(a => new
            {
                Article = a,
                Cat = exact != null && a.CategoryId == exact ? 3 : near.Contains(a.CategoryId) ? 2 : branch.Contains(a.CategoryId) ? 1 : 0,
                Score = (terms.Count(t => a.Title.ToLower().Contains(t)) * 3)
                    + (terms.Count(t => a.Keywords.Any(k => k.Contains(t))) * 2)
                    + terms.Count(t => a.Answer.ToLower().Contains(t))
                    + (a.Keywords.Count(k => probe.Contains(k)) * 2),
            });
#pragma warning restore CA1862
        if (hasText && query.CategoryAlone && exact is not null)
        {
            scored = scored.Where(x => x.Score > 0 || x.Cat > 0);
        }
        else if (hasText)
        {
            scored = scored.Where(x => x.Score > 0);
        }
        else if (exact is not null)
        {
            scored = scored.Where(x => x.Cat > 0);
        }

        var rows = await scored
            .OrderByDescending(x => x.Cat).ThenByDescending(x => x.Score).ThenByDescending(x => x.Article.UpdatedAt).ThenBy(x => x.Article.Id)
            .Skip(query.Offset)
            .Take(query.Limit + 1)
            .Select(x => new
            {
                x.Article.Id, x.Article.Title, Start = x.Article.Answer.Substring(0, SummaryLength + 40), x.Article.CategoryId, x.Article.Keywords, x.Article.IsActive,
                x.Article.UpdatedAt, x.Article.UpdatedByName, x.Article.Version, x.Cat, x.Score,
            })
            .ToListAsync(ct);
        var items = rows.Take(query.Limit)
            .Select(r => new ArticleHit(r.Id, r.Title, KnowledgeText.Summary(r.Start, SummaryLength), r.CategoryId, r.Keywords, r.IsActive, r.UpdatedAt, r.UpdatedByName, r.Version, r.Cat, r.Score))
            .ToList();
        return new ArticlePage(items, rows.Count > query.Limit ? query.Offset + query.Limit : null);
    }

    private sealed record Ranks(Guid? Exact, List<Guid?> Near, List<Guid?> Branch);

    /// <summary>The chosen category and the nodes related to it (CategoryRelations: above or below it, or in its second-level branch).</summary>
    private async Task<Ranks> CategoryRanksAsync(Guid? categoryId, Validator v, CancellationToken ct)
    {
        if (categoryId is not { } id)
        {
            return new Ranks(null, [], []);
        }

        var path = await db.Categories.AsNoTracking().Where(c => c.Id == id).Select(c => c.Path).SingleOrDefaultAsync(ct);
        if (path is null)
        {
            v.Add("categoryId", new Text("问题分类不存在。", "No such category."));
            return new Ranks(null, [], []);
        }

        // Ancestors are named in the path itself; the branch (or, for a first-level node, its subtree) is one prefix query.
        var ancestors = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Guid.Parse).Where(a => a != id).Select(a => (Guid?)a).ToList();
        var prefix = CategoryRelations.Branch(path) ?? path;
        var family = await db.Categories.AsNoTracking().Where(c => c.Path.StartsWith(prefix) && c.Id != id).Select(c => new { c.Id, c.Path }).ToListAsync(ct);
        var near = ancestors.Concat(family.Where(f => CategoryRelations.Between(path, f.Path) == CategoryRelation.Ancestor).Select(f => (Guid?)f.Id)).Distinct().ToList();
        var branch = family.Where(f => CategoryRelations.Between(path, f.Path) == CategoryRelation.SameBranch).Select(f => (Guid?)f.Id).ToList();
        return new Ranks(id, near, branch);
    }
}
