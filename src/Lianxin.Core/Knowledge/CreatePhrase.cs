using Lianxin.Core.Common;
using Lianxin.Core.Data;
using Lianxin.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace Lianxin.Core.Knowledge;

/// <summary>新增常用语 (admin or supervisor). Without a position it goes to the end of the list.</summary>
public sealed class CreatePhrase(LianxinDbContext db, PhraseRules rules, TimeProvider clock)
{
    public async Task<Phrase> ExecuteAsync(Actor actor, PhraseInput input, CancellationToken ct)
    {
        KnowledgeEditors.Require(actor, new Text("维护常用语", "edit common phrases"));
        if (await db.Phrases.CountAsync(ct) >= Phrase.MaxPhrases)
        {
            throw new RuleViolationException(
                new Text($"常用语最多 {Phrase.MaxPhrases} 条，请先删除不再使用的。", $"At most {Phrase.MaxPhrases} phrases; delete unused ones first."), "too-many-phrases");
        }

        if (input.SortOrder is null)
        {
            var last = await db.Phrases.MaxAsync(p => (int?)p.SortOrder, ct) ?? 0;
            input = input with { SortOrder = Math.Min(100_000, last + 10) };
        }

        var content = await rules.ValidateAsync(input, exceptId: null, ct);
        var phrase = new Phrase(Ids.New(clock), content.Text, content.Shortcut, content.SortOrder, clock.GetUtcNow().UtcDateTime, By(actor));
        db.Phrases.Add(phrase);
        await rules.SaveAsync(content.Shortcut, ct);
        return phrase;
    }

    internal static Guid? By(Actor actor) => actor.UserId == Guid.Empty ? null : actor.UserId;
}
