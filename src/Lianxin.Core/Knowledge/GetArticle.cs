using Lianxin.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Lianxin.Core.Knowledge;

/// <summary>One article, for everyone signed in; a deactivated one too (it says so), as an old note may point at it.</summary>
public sealed class GetArticle(LianxinDbContext db)
{
    public async Task<Article> ExecuteAsync(Guid id, CancellationToken ct) =>
        await db.Articles.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, ct) ?? throw ArticleRules.NotFound();
}
