using Lianxin.Core.Common;
using Lianxin.Core.Data;
using Lianxin.Core.Identity;

namespace Lianxin.Core.Knowledge;

/// <summary>新建知识: an editor adds an answer to the knowledge base; it is searchable at once.</summary>
public sealed class CreateArticle(LianxinDbContext db, ArticleRules rules, TimeProvider clock)
{
    public async Task<Article> ExecuteAsync(Actor actor, ArticleInput input, CancellationToken ct)
    {
        KnowledgeEditors.Require(actor, new Text("编辑知识库", "edit the knowledge base"));
        var content = await rules.ValidateAsync(input, currentCategoryId: null, ct);
        var article = new Article(Ids.New(clock), content, clock.GetUtcNow().UtcDateTime, actor);
        db.Articles.Add(article);
        await db.SaveChangesAsync(ct);
        return article;
    }
}
