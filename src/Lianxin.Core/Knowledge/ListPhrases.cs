using Lianxin.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Lianxin.Core.Knowledge;

/// <summary>The centre's common phrases in their order, for everyone signed in (the <c>::</c> picker loads them once per page).</summary>
public sealed class ListPhrases(LianxinDbContext db)
{
    public Task<List<Phrase>> ExecuteAsync(CancellationToken ct) =>
        db.Phrases.AsNoTracking().OrderBy(p => p.SortOrder).ThenBy(p => p.CreatedAt).ThenBy(p => p.Id).ToListAsync(ct);
}
