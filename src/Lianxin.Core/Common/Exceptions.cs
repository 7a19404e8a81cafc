namespace Lianxin.Core.Common;

/// <summary>Base of the errors a use case reports to its caller; each maps to one HTTP status.</summary>
public abstract class LianxinException(Text text, string code) : Exception(text.En)
{
    public Text Text { get; } = text;

    /// <summary>A stable machine-readable code, e.g. <c>status-not-allowed</c>.</summary>
    public string Code { get; } = code;
}

/// <summary>The action is not allowed in the current state (HTTP 409).</summary>
public sealed class RuleViolationException(Text text, string code = "rule-violation") : LianxinException(text, code);

/// <summary>The actor's role does not allow the action (HTTP 403).</summary>
public sealed class ForbiddenActionException(Text text) : LianxinException(text, "forbidden");

/// <summary>Not found, or not visible to the actor (HTTP 404); never says which.</summary>
public sealed class NotFoundException(Text text) : LianxinException(text, "not-found");

/// <summary>The caller's version (If-Match) is stale (HTTP 412).</summary>
public sealed class VersionMismatchException(int expected, int actual, Text text) : LianxinException(text, "version-mismatch")
{
    public VersionMismatchException(int expected, int actual)
        : this(expected, actual, new Text(
            $"工单已被他人修改（您持有版本 {expected}，当前版本 {actual}），请刷新后重试。",
            $"The order was changed by someone else (you have version {expected}, current is {actual}); reload and retry."))
    {
    }

    public int Expected { get; } = expected;

    public int Actual { get; } = actual;
}

/// <summary>Input that fails validation (HTTP 400), with messages per field.</summary>
public sealed class ValidationFailedException(IReadOnlyDictionary<string, Text[]> errors)
    : LianxinException(new Text("提交的内容有误，请检查标出的字段。", "The request has invalid fields."), "validation")
{
    public IReadOnlyDictionary<string, Text[]> Errors { get; } = errors;

    public static ValidationFailedException For(string field, Text message) =>
        new(new Dictionary<string, Text[]> { [field] = [message] });
}
