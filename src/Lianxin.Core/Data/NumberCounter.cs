namespace Lianxin.Core.Data;

/// <summary>One daily sequence for order numbers: key = prefix + yyMMdd.</summary>
public sealed class NumberCounter
{
    public string Key { get; set; } = "";

    public long Value { get; set; }
}

/// <summary>A stored answer to a POST sent with an Idempotency-Key, replayed on retries.</summary>
public sealed class IdempotencyRecord
{
    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    public string Key { get; set; } = "";

    /// <summary>Method, path and a hash of the request body: the same key with another request is refused.</summary>
    public string RequestHash { get; set; } = "";

    public int StatusCode { get; set; }

    public string? Location { get; set; }

    public string? ETag { get; set; }

    public string Body { get; set; } = "";

    public DateTime CreatedAt { get; set; }
}

/// <summary>Instance-wide settings every app instance must share (e.g. the token signing key).</summary>
public sealed class AppSetting
{
    public string Key { get; set; } = "";

    public string Value { get; set; } = "";
}
