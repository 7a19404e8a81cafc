using Lianxin.Core.Common;
using Lianxin.Core.Data;
using Lianxin.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace Lianxin.Core.Knowledge;

/// <summary>修改常用语: its text, shortcut and position, all as given (a phrase is small; last writer wins).</summary>
public sealed class UpdatePhrase(LianxinDbContext db, PhraseRules rules, TimeProvider clock)
{
    public async Task<Phrase> ExecuteAsync(Actor actor, Guid id, PhraseInput input, CancellationToken ct)
    {
        KnowledgeEditors.Require(actor, new Text("维护常用语", "edit common phrases"));
        var phrase = await db.Phrases.SingleOrDefaultAsync(p => p.Id == id, ct) ?? throw PhraseRules.NotFound();
        var content = await rules.ValidateAsync(input with { SortOrder = input.SortOrder ?? phrase.SortOrder }, id, ct);
        phrase.Change(content.Text, content.Shortcut, content.SortOrder, clock.GetUtcNow().UtcDateTime, CreatePhrase.By(actor));
        await rules.SaveAsync(content.Shortcut, ct);
        return phrase;
    }
}
