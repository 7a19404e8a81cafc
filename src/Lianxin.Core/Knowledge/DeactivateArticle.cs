using Lianxin.Core.Common;
using Lianxin.Core.Identity;

namespace Lianxin.Core.Knowledge;

/// <summary>
/// 停用知识: an answer that no longer holds (a fee changed, a notice expired) leaves the search at once.
/// Kept, never deleted; editors still find it and may bring it back (<see cref="ActivateArticle"/>).
/// </summary>
public sealed class DeactivateArticle(ArticleRules rules, TimeProvider clock)
{
    public async Task<Article> ExecuteAsync(Actor actor, Guid id, int? expectedVersion, CancellationToken ct)
    {
        KnowledgeEditors.Require(actor, new Text("停用知识库文章", "deactivate knowledge articles"));
        var article = await rules.LoadAsync(id, expectedVersion, ct);
        if (!article.IsActive)
        {
            return article;
        }

        article.Deactivate(clock.GetUtcNow().UtcDateTime, actor);
        await rules.SaveAsync(article, expectedVersion is not null, ct);
        return article;
    }
}
