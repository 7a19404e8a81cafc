using Lianxin.Core.Common;
using Lianxin.Core.Data;
using Lianxin.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace Lianxin.Core.Knowledge;

/// <summary>删除常用语: phrases are deleted outright; nothing points at them (the text was copied where it was used).</summary>
public sealed class DeletePhrase(LianxinDbContext db)
{
    public async Task ExecuteAsync(Actor actor, Guid id, CancellationToken ct)
    {
        KnowledgeEditors.Require(actor, new Text("维护常用语", "edit common phrases"));
        if (await db.Phrases.Where(p => p.Id == id).ExecuteDeleteAsync(ct) == 0)
        {
            throw PhraseRules.NotFound();
        }
    }
}
