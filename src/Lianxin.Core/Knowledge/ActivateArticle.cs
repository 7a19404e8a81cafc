using Lianxin.Core.Common;
using Lianxin.Core.Identity;

namespace Lianxin.Core.Knowledge;

/// <summary>启用知识: a deactivated article is searchable again (a seasonal notice, e.g. the heating season's).</summary>
public sealed class ActivateArticle(ArticleRules rules, TimeProvider clock)
{
    public async Task<Article> ExecuteAsync(Actor actor, Guid id, int? expectedVersion, CancellationToken ct)
    {
        KnowledgeEditors.Require(actor, new Text("启用知识库文章", "activate knowledge articles"));
        var article = await rules.LoadAsync(id, expectedVersion, ct);
        if (article.IsActive)
        {
            return article;
        }

        article.Activate(clock.GetUtcNow().UtcDateTime, actor);
        await rules.SaveAsync(article, expectedVersion is not null, ct);
        return article;
    }
}
