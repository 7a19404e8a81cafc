using Lianxin.Core.Common;
using Lianxin.Core.Requesters;

namespace Lianxin.Core.Calls;

public enum CtiEventKind
{
    NewCall,
    Answer,
    Hangup,
}

public enum CallDirection
{
    In,
    Out,
}

/// <summary>
/// One phone-system event in Zammad's generic CTI shape (DOMAIN.md, API.md): newCall / answer / hangup
/// with from, to, direction, callId, user, answeringNumber, queue and cause. Numbers are already in one
/// spelling (<see cref="ChinaPhone"/>); <see cref="At"/> is when the event reached us.
/// </summary>
public sealed record CtiEvent(
    CtiEventKind Kind, string CallId, CallDirection? Direction, string? From, string? To, string? User, string? Queue, string? AnsweringNumber, string? Cause, DateTime At)
{
    public const int MaxCallIdLength = 250; // as Zammad documents it
    public const int MaxFieldLength = 100;

    /// <summary>
    /// Who the event names as the agent: the answering number (an extension, or a login), else the user — Zammad's
    /// <c>user[]</c>, the agent's name: the caller on an outbound call, whoever picked up on an inbound one.
    /// The ingest matches it to a user by extension, then login, then name.
    /// </summary>
    public string? AgentExtension => !string.IsNullOrWhiteSpace(AnsweringNumber) ? AnsweringNumber : User;

    /// <summary>
    /// Reads an event from the posted fields (form-encoded or JSON, as strings); every fault is named by field
    /// in one bilingual error. <paramref name="localAreaCode"/> completes local landlines (<see cref="ChinaPhone"/>).
    /// </summary>
    public static CtiEvent Parse(IReadOnlyDictionary<string, string?> fields, DateTime at, string? localAreaCode = null)
    {
        string? Get(string name) =>
            (fields.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value)) ? value.Trim()
            : (fields.TryGetValue(name + "[]", out var listed) && !string.IsNullOrWhiteSpace(listed)) ? listed.Trim() // user[]=… as Zammad posts it
            : null;

        var v = new Validator();
        var kind = Get("event") switch
        {
            null => Fail<CtiEventKind?>(v, "event", new Text("必填。", "Required.")),
            var e when e.Equals("newCall", StringComparison.OrdinalIgnoreCase) => CtiEventKind.NewCall,
            var e when e.Equals("answer", StringComparison.OrdinalIgnoreCase) => CtiEventKind.Answer,
            var e when e.Equals("hangup", StringComparison.OrdinalIgnoreCase) => CtiEventKind.Hangup,
            _ => Fail<CtiEventKind?>(v, "event", new Text("应为 newCall、answer 或 hangup。", "Must be newCall, answer or hangup.")),
        };
        var direction = Get("direction") switch
        {
            null => kind == CtiEventKind.NewCall ? Fail<CallDirection?>(v, "direction", new Text("必填。", "Required.")) : null,
            var d when d.Equals("in", StringComparison.OrdinalIgnoreCase) => CallDirection.In,
            var d when d.Equals("out", StringComparison.OrdinalIgnoreCase) => CallDirection.Out,
            _ => Fail<CallDirection?>(v, "direction", new Text("应为 in 或 out。", "Must be in or out.")),
        };
        var callId = Get("callId");
        v.Required("callId", callId, MaxCallIdLength);
        foreach (var name in new[] { "from", "to", "user", "queue", "answeringNumber", "cause" })
        {
            v.MaxLength(name, Get(name), MaxFieldLength);
        }

        if (kind == CtiEventKind.NewCall)
        {
            v.Required("from", Get("from"), MaxFieldLength).Required("to", Get("to"), MaxFieldLength);
        }

        v.ThrowIfInvalid();
        string? Phone(string name) => Get(name) is { } raw ? ChinaPhone.Normalize(raw, localAreaCode) is { Length: > 0 } p ? p : raw : null;

        return new CtiEvent(kind!.Value, callId!, direction, Phone("from"), Phone("to"), Get("user"), Get("queue"), Get("answeringNumber"), Get("cause"), at);
    }

    private static T Fail<T>(Validator v, string field, Text message)
    {
        v.Add(field, message);
        return default!;
    }
}
