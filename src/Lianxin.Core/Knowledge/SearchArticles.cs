using System.Linq.Expressions;
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
/// PostgreSQL): each typed term is looked for in titles (weight 3), keywords (2) and answers (1, terms of up to six characters), and each
/// article keyword is looked for in the typed text (2) — the match that finds an article from a caller's
/// words, which Chinese does not split into terms. Ranked by category first, then by that score, then the
/// most recently changed. 5,000 articles answer in tens of milliseconds (docs/benchmarks.md); a bigger
/// base would move to the bigram index of the search feature (ARCHITECTURE.md).
/// </summary>
public sealed class SearchArticles(LianxinDbContext db)
{
    public const int MaxLimit = 50;

    private const int SummaryLength = 160;

    /// <summary>Typed terms up to this length are also looked for in answers (titles and keywords take any term).</summary>
    public const int MaxAnswerTermLength = 6;

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

        var terms = KnowledgeText.Terms(query.Text);
        var probe = KnowledgeText.Probe(query.Text);
        var includeInactive = query.IncludeInactive;
        var articles = db.Articles.AsNoTracking().Where(a => includeInactive || a.IsActive);
        var rank = CategoryRank(ranks);
        if (probe.Length == 0)
        {
            // No text: the category and the time order everything, in the database.
            var listed = Ranked(articles, rank, Zero);
            if (ranks.Exact is not null)
            {
                listed = listed.Where(r => r.Cat > 0);
            }

            var rows = await listed.OrderByDescending(r => r.Cat).ThenByDescending(r => r.UpdatedAt).ThenBy(r => r.Id)
                .Skip(query.Offset).Take(query.Limit + 1).ToListAsync(ct);
            return await PageAsync(rows, query, ct);
        }

        // With text, every article's score is worked out once, in the database (one row each: id, two numbers,
        // a time), then filtered, ordered and paged here; only the page's articles are read whole. Ordering
        // in SQL would work the score out again for the filter and the sort.
        var scored = await Ranked(articles, rank, Score(terms, probe)).ToListAsync(ct);
        var categoryAlone = query.CategoryAlone && ranks.Exact is not null;
        var page = scored
            .Where(r => r.Score > 0 || (categoryAlone && r.Cat > 0))
            .OrderByDescending(r => r.Cat).ThenByDescending(r => r.Score).ThenByDescending(r => r.UpdatedAt).ThenBy(r => r.Id)
            .Skip(query.Offset).Take(query.Limit + 1)
            .ToList();
        return await PageAsync(page, query, ct);
    }

    /// <summary>Set by member initialization, so EF can filter and order on it after the projection.</summary>
    private sealed class RankedRow
    {
        public Guid Id { get; init; }

        public int Cat { get; init; }

        public int Score { get; init; }

        public DateTime UpdatedAt { get; init; }
    }

    private sealed class TermBox(string value)
    {
        public string Value { get; } = value;
    }

    private static readonly Expression<Func<Article, int>> Zero = a => 0;

#pragma warning disable CA1862 // EF translates ToLower() and Contains to lower() and instr/strpos; the overload with a StringComparison has no translation.
    private static readonly Expression<Func<Article, string, int>> TermScore = (a, t) =>
        (a.Title.ToLower().Contains(t) ? 3 : 0) + (a.Keywords.Any(k => k.Contains(t)) ? 2 : 0);

    /// <summary>Answers as written (no lower(): their Latin words are few, and the answer is the long column).</summary>
    private static readonly Expression<Func<Article, string, int>> AnswerScore = (a, t) => a.Answer.Contains(t) ? 1 : 0;

    private static readonly Expression<Func<Article, string, int>> ProbeScore = (a, p) => a.Keywords.Count(k => p.Contains(k)) * 2;
#pragma warning restore CA1862

    /// <summary>
    /// The score as one SQL expression: a sum with one term per typed word (at most eight), each a query
    /// parameter, and the keywords found in the text. Unrolled rather than a subquery over a list parameter,
    /// which SQLite would parse again for every article.
    /// </summary>
    private static Expression<Func<Article, int>> Score(IReadOnlyList<string> terms, string probe)
    {
        var a = Expression.Parameter(typeof(Article), "a");
        Expression Bind(Expression<Func<Article, string, int>> part, string value) =>
            new Substitute(part.Parameters[0], a, part.Parameters[1], Expression.Property(Expression.Constant(new TermBox(value)), nameof(TermBox.Value))).Visit(part.Body)!;
        var sum = Bind(ProbeScore, probe);
        foreach (var term in terms)
        {
            sum = Expression.Add(sum, Bind(TermScore, term));

            // A long chunk of a caller's sentence is not a word an answer would contain whole; its keywords are
            // what finds the article. Skipping it keeps the scan of the long column to the words typed.
            if (term.Length <= MaxAnswerTermLength)
            {
                sum = Expression.Add(sum, Bind(AnswerScore, term));
            }
        }

        return Expression.Lambda<Func<Article, int>>(sum, a);
    }

    private static Expression<Func<Article, int>> CategoryRank(Ranks ranks)
    {
        if (ranks.Exact is not { } exact)
        {
            return Zero;
        }

        var near = ranks.Near;
        var branch = ranks.Branch;
        return a => a.CategoryId == exact ? 3 : near.Contains(a.CategoryId) ? 2 : branch.Contains(a.CategoryId) ? 1 : 0;
    }

    private static IQueryable<RankedRow> Ranked(IQueryable<Article> articles, Expression<Func<Article, int>> cat, Expression<Func<Article, int>> score)
    {
        var a = Expression.Parameter(typeof(Article), "a");
        var row = Expression.MemberInit(
            Expression.New(typeof(RankedRow)),
            Expression.Bind(typeof(RankedRow).GetProperty(nameof(RankedRow.Id))!, Expression.Property(a, nameof(Article.Id))),
            Expression.Bind(typeof(RankedRow).GetProperty(nameof(RankedRow.Cat))!, new Substitute(cat.Parameters[0], a).Visit(cat.Body)!),
            Expression.Bind(typeof(RankedRow).GetProperty(nameof(RankedRow.Score))!, new Substitute(score.Parameters[0], a).Visit(score.Body)!),
            Expression.Bind(typeof(RankedRow).GetProperty(nameof(RankedRow.UpdatedAt))!, Expression.Property(a, nameof(Article.UpdatedAt))));
        return articles.Select(Expression.Lambda<Func<Article, RankedRow>>(row, a));
    }

    /// <summary>The page's articles, read whole (but for the answer, of which the start), in the ranked order.</summary>
    private async Task<ArticlePage> PageAsync(List<RankedRow> rows, ArticleQuery query, CancellationToken ct)
    {
        var ids = rows.Take(query.Limit).Select(r => r.Id).ToList();
        var found = await db.Articles.AsNoTracking().Where(a => ids.Contains(a.Id))
            .Select(a => new
            {
                a.Id, a.Title, Start = a.Answer.Substring(0, SummaryLength + 40), a.CategoryId, a.Keywords, a.IsActive, a.UpdatedByName, a.Version,
            })
            .ToDictionaryAsync(a => a.Id, ct);
        var items = rows.Take(query.Limit).Where(r => found.ContainsKey(r.Id)).Select(r =>
        {
            var f = found[r.Id];
            return new ArticleHit(f.Id, f.Title, KnowledgeText.Summary(f.Start, SummaryLength), f.CategoryId, f.Keywords, f.IsActive, r.UpdatedAt, f.UpdatedByName, f.Version, r.Cat, r.Score);
        }).ToList();
        return new ArticlePage(items, rows.Count > query.Limit ? query.Offset + query.Limit : null);
    }

    /// <summary>Puts one expression in place of another (a lambda's parameters, when lambdas are combined).</summary>
    private sealed class Substitute(params Expression[] pairs) : ExpressionVisitor
    {
        public override Expression? Visit(Expression? node)
        {
            for (var i = 0; i + 1 < pairs.Length; i += 2)
            {
                if (node == pairs[i])
                {
                    return pairs[i + 1];
                }
            }

            return base.Visit(node);
        }
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
