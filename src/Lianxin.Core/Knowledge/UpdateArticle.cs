using Lianxin.Core.Common;
using Lianxin.Core.Identity;

namespace Lianxin.Core.Knowledge;

/// <summary>
/// 修改知识: an editor changes an article, at the version they read (412 when someone changed it since).
/// Whole (every field as given) or partial (a field left null keeps its value; the category is then
/// removed only by a whole update).
/// </summary>
public sealed class UpdateArticle(ArticleRules rules, TimeProvider clock)
{
    public async Task<Article> ExecuteAsync(Actor actor, Guid id, int? expectedVersion, ArticleInput input, bool partial, CancellationToken ct)
    {
        KnowledgeEditors.Require(actor, new Text("编辑知识库", "edit the knowledge base"));
        var article = await rules.LoadAsync(id, expectedVersion, ct);
        if (partial)
        {
            input = new ArticleInput(
                input.Title ?? article.Title,
                input.Answer ?? article.Answer,
                input.CategoryId ?? article.CategoryId,
                input.Keywords ?? article.Keywords);
        }

        var content = await rules.ValidateAsync(input, article.CategoryId, ct);
        article.Change(content, clock.GetUtcNow().UtcDateTime, actor);
        await rules.SaveAsync(article, expectedVersion is not null, ct);
        return article;
    }
}
