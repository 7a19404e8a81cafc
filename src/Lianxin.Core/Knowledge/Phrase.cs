namespace Lianxin.Core.Knowledge;

/// <summary>
/// 常用语: a short stock sentence the whole centre types often (greetings, "已记录您的诉求……"), inserted
/// with <c>::</c> in any text box of the console, found by its shortcut word or its text.
/// </summary>
public sealed class Phrase
{
    public const int MaxTextLength = 500;
    public const int MaxShortcutLength = 20;

    /// <summary>The picker loads them all at once; a centre's list stays short.</summary>
    public const int MaxPhrases = 500;

    private Phrase()
    {
    }

    public Phrase(Guid id, string text, string? shortcut, int sortOrder, DateTime now, Guid? by)
    {
        Id = id;
        CreatedAt = now;
        Change(text, shortcut, sortOrder, now, by);
    }

    public Guid Id { get; private set; }

    public string Text { get; private set; } = "";

    /// <summary>A word typed after <c>::</c> to pick this phrase at once, lower case, e.g. <c>kc</c> or 开场.</summary>
    public string? Shortcut { get; private set; }

    /// <summary>Smaller first in lists and in the picker.</summary>
    public int SortOrder { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    public Guid? UpdatedBy { get; private set; }

    public void Change(string text, string? shortcut, int sortOrder, DateTime now, Guid? by)
    {
        Text = text;
        Shortcut = shortcut;
        SortOrder = sortOrder;
        UpdatedAt = now;
        UpdatedBy = by;
    }
}
