using Lianxin.Core.Common;
using Lianxin.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Lianxin.Core.Knowledge;

/// <summary>A phrase as an editor submits it, before validation.</summary>
public sealed record PhraseInput(string? Text, string? Shortcut, int? SortOrder);

/// <summary>The checked phrase: text, shortcut (lower case, or null) and position.</summary>
public sealed record PhraseContent(string Text, string? Shortcut, int SortOrder);

/// <summary>What creating and changing a phrase share: its checks, among them one phrase per shortcut.</summary>
public sealed class PhraseRules(LianxinDbContext db)
{
    public static NotFoundException NotFound() => new(new Text("常用语不存在。", "No such phrase."));

    public async Task<PhraseContent> ValidateAsync(PhraseInput input, Guid? exceptId, CancellationToken ct)
    {
        var text = input.Text?.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        var shortcut = KnowledgeText.Normalize(input.Shortcut);
        var v = new Validator()
            .Required("text", text, Phrase.MaxTextLength)
            .MaxLength("shortcut", shortcut, Phrase.MaxShortcutLength)
            .Range("sortOrder", input.SortOrder, 0, 100_000);
        v.When(shortcut.Any(c => !char.IsLetterOrDigit(c)), "shortcut",
            new Text("快捷词只能由文字、字母和数字组成（不含空格和标点）。", "A shortcut has letters and digits only (no spaces or punctuation)."));
        if (v.IsValid && shortcut.Length > 0)
        {
            var clash = await db.Phrases.AsNoTracking().Where(p => p.Shortcut == shortcut && p.Id != exceptId).Select(p => p.Text).FirstOrDefaultAsync(ct);
            v.When(clash is not null, "shortcut", new Text($"快捷词已被常用语“{Short(clash)}”使用。", $"That shortcut is taken by the phrase '{Short(clash)}'."));
        }

        v.ThrowIfInvalid();
        return new PhraseContent(text!, shortcut.Length == 0 ? null : shortcut, input.SortOrder ?? 0);
    }

    /// <summary>Saves; the unique index on shortcuts settles a race two editors ran at once (the loser gets the same 400).</summary>
    public async Task SaveAsync(string? shortcut, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (shortcut is not null)
        {
            db.ChangeTracker.Clear();
            if (!await db.Phrases.AsNoTracking().AnyAsync(p => p.Shortcut == shortcut, ct))
            {
                throw;
            }

            throw ValidationFailedException.For("shortcut", new Text("快捷词刚被另一条常用语使用。", "That shortcut was just taken by another phrase."));
        }
    }

    private static string Short(string? text) => text is null ? "" : text.Length <= 20 ? text : text[..20] + "…";
}
