using Lianxin.Core.Common;
using Lianxin.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Lianxin.Core.Knowledge;

/// <summary>An article as an editor submits it, before validation. Keywords may hold several words separated by commas.</summary>
public sealed record ArticleInput(string? Title, string? Answer, Guid? CategoryId, IReadOnlyList<string?>? Keywords);

/// <summary>What creating and changing an article share: the checks on its content, loading it, saving it under its version.</summary>
public sealed class ArticleRules(LianxinDbContext db)
{
    public static NotFoundException NotFound() => new(new Text("知识库文章不存在。", "No such knowledge article."));

    public static VersionMismatchException Stale(int expected, int actual) => new(expected, actual, new Text(
        $"文章已被他人修改（您持有版本 {expected}，当前版本 {actual}），请重新加载后再改。",
        $"The article was changed by someone else (you have version {expected}, current is {actual}); reload and edit again."));

    /// <summary>
    /// The checked content: title and answer required, keywords normalized and bounded, the category existing
    /// and active — unless it is the one the article already has (<paramref name="currentCategoryId"/>), so a
    /// deactivated category never blocks an edit of something else.
    /// </summary>
    public async Task<ArticleContent> ValidateAsync(ArticleInput input, Guid? currentCategoryId, CancellationToken ct)
    {
        var v = new Validator()
            .Required("title", input.Title?.Trim(), Article.MaxTitleLength)
            .Required("answer", input.Answer?.Trim(), Article.MaxAnswerLength);
        var keywords = KnowledgeText.Keywords(input.Keywords);
        v.When(keywords.Count > Article.MaxKeywords, "keywords",
            new Text($"关键词最多 {Article.MaxKeywords} 个（现有 {keywords.Count} 个）。", $"At most {Article.MaxKeywords} keywords (got {keywords.Count})."));
        for (var i = 0; i < keywords.Count; i++)
        {
            v.When(keywords[i].Length > Article.MaxKeywordLength, $"keywords[{i}]",
                new Text($"关键词“{keywords[i]}”太长：最多 {Article.MaxKeywordLength} 个字符。", $"Keyword '{keywords[i]}' is too long: at most {Article.MaxKeywordLength} characters."));
        }

        if (input.CategoryId is { } categoryId && categoryId != currentCategoryId)
        {
            var category = await db.Categories.AsNoTracking().Where(c => c.Id == categoryId).Select(c => new { c.IsActive }).SingleOrDefaultAsync(ct);
            v.When(category is null, "categoryId", new Text("问题分类不存在。", "No such category."));
            v.When(category is { IsActive: false }, "categoryId", new Text("该问题分类已停用。", "That category is deactivated."));
        }

        v.ThrowIfInvalid();
        return new ArticleContent(input.Title!.Trim(), CleanAnswer(input.Answer!), input.CategoryId, keywords);
    }

    /// <summary>The article, tracked, at the version the caller holds (null: whatever is current).</summary>
    public async Task<Article> LoadAsync(Guid id, int? expectedVersion, CancellationToken ct)
    {
        var article = await db.Articles.SingleOrDefaultAsync(a => a.Id == id, ct) ?? throw NotFound();
        if (expectedVersion is { } expected && expected != article.Version)
        {
            throw Stale(expected, article.Version);
        }

        return article;
    }

    /// <summary>
    /// Saves a change; a writer that got there first (between our read and our write) makes it fail with
    /// nothing written: 412 when the caller named a version, else 409.
    /// </summary>
    public async Task SaveAsync(Article article, bool callerSentVersion, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            var loaded = db.Entry(article).Property(a => a.Version).OriginalValue;
            db.ChangeTracker.Clear();
            var current = await db.Articles.AsNoTracking().Where(a => a.Id == article.Id).Select(a => (int?)a.Version).SingleOrDefaultAsync(ct) ?? throw NotFound();
            throw callerSentVersion
                ? Stale(loaded, current)
                : new RuleViolationException(
                    new Text("文章刚被他人修改，本次修改未保存，请重新加载后再改。", "The article was just changed by someone else; nothing was saved. Reload and edit again."),
                    "concurrent-update");
        }
    }

    /// <summary>Line ends as \n and no blank margin: the text is pasted into answers as it is.</summary>
    private static string CleanAnswer(string answer) => answer.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Trim();
}
