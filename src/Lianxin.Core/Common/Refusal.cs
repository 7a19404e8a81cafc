namespace Lianxin.Core.Common;

/// <summary>How a refused action is answered (each kind is one HTTP status).</summary>
public enum RefusalKind
{
    /// <summary>The actor's role may not do this (403).</summary>
    Forbidden,

    /// <summary>Not in the order's current state (409).</summary>
    NotNow,

    /// <summary>A field of the request is wrong (400).</summary>
    Invalid,

    /// <summary>What the request names does not exist, or is not visible (404).</summary>
    NotFound,
}

/// <summary>
/// Why an actor may not take an action now. The aggregate's guards return one (or null when the action
/// is allowed); a transition throws it, and the list of allowed actions is built from the same guards,
/// so a button is shown exactly when the action would work.
/// </summary>
public sealed record Refusal(RefusalKind Kind, Text Text, string Code, string? Field = null)
{
    public static Refusal Forbidden(Text text) => new(RefusalKind.Forbidden, text, "forbidden");

    public static Refusal NotNow(Text text, string code) => new(RefusalKind.NotNow, text, code);

    public static Refusal Invalid(string field, Text text) => new(RefusalKind.Invalid, text, "validation", field);

    public static Refusal NotFound(Text text) => new(RefusalKind.NotFound, text, "not-found");

    public LianxinException ToException() => Kind switch
    {
        RefusalKind.Forbidden => new ForbiddenActionException(Text),
        RefusalKind.Invalid => ValidationFailedException.For(Field ?? "", Text),
        RefusalKind.NotFound => new NotFoundException(Text),
        _ => new RuleViolationException(Text, Code),
    };

    /// <summary>Throws the refusal, if there is one.</summary>
    public static void ThrowIf(Refusal? refusal)
    {
        if (refusal is not null)
        {
            throw refusal.ToException();
        }
    }
}
