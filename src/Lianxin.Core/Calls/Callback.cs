using Lianxin.Core.Common;

namespace Lianxin.Core.Calls;

public enum CallbackStatus
{
    /// <summary>Waiting for an agent to ring back.</summary>
    Open,

    /// <summary>Done: the caller was reached, got through by calling again, or could not be reached in the allowed attempts.</summary>
    Done,
}

public enum CallbackOutcome
{
    Reached,

    /// <summary>The caller called again and was answered before anyone rang back.</summary>
    CalledAgain,

    /// <summary>Not reached in the allowed attempts.</summary>
    Unreachable,
}

/// <summary>The centre's callback rules: ring back within this time, this many attempts, this far apart.</summary>
public sealed record CallbackRules(TimeSpan DueWithin, int MaxAttempts, TimeSpan RetryAfter, TimeSpan HoldFor)
{
    /// <summary>Within 30 minutes, three attempts 10 minutes apart; an agent who takes one holds it for 5 minutes.</summary>
    public static CallbackRules Default { get; } = new(TimeSpan.FromMinutes(30), 3, TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(5));
}

/// <summary>One ring-back attempt.</summary>
public sealed record CallbackAttempt(Guid AgentId, DateTime At, bool Reached, string? Note);

/// <summary>
/// 漏接回拨: a caller whose call was abandoned, to ring back. One open item per phone: a caller who tries
/// again and gives up again adds to it rather than queueing twice; a caller who gets through closes it.
/// An agent takes the item (others see it is taken, for a few minutes), rings, and records the attempt.
/// </summary>
public sealed class Callback
{
    public const int MaxNoteLength = 500;

    private readonly List<CallbackAttempt> _attempts = [];

    private Callback()
    {
    }

    public Guid Id { get; private set; }

    public string Phone { get; private set; } = "";

    public DateTime FirstMissedAt { get; private set; }

    public DateTime LastMissedAt { get; private set; }

    /// <summary>Abandoned calls from this phone the item stands for.</summary>
    public int MissedCalls { get; private set; }

    /// <summary>The call ids, newest last (for the call log's link).</summary>
    public List<string> CallIds { get; private set; } = [];

    public DateTime DueAt { get; private set; }

    public CallbackStatus Status { get; private set; }

    public CallbackOutcome? Outcome { get; private set; }

    public DateTime? DoneAt { get; private set; }

    public Guid? TakenBy { get; private set; }

    public DateTime? TakenUntil { get; private set; }

    public IReadOnlyList<CallbackAttempt> Attempts => _attempts;

    public int Version { get; private set; }

    /// <summary>An abandoned call with a number opens an item; calls without one cannot be rung back.</summary>
    public static Callback? ForAbandoned(PhoneCall call, CallbackRules rules)
    {
        // "anonymous" (a withheld number) and other words cannot be rung back.
        if (call.Outcome is not (CallOutcome.Abandoned or CallOutcome.ShortAbandon) || call.EndedAt is not { } ended
            || string.IsNullOrEmpty(call.From) || !call.From.All(c => char.IsAsciiDigit(c) || c == '+'))
        {
            return null;
        }

        var item = new Callback { Id = Guid.CreateVersion7(new DateTimeOffset(ended, TimeSpan.Zero)), Phone = call.From, FirstMissedAt = ended, Status = CallbackStatus.Open };
        item.Missed(call, rules);
        return item;
    }

    /// <summary>The same caller gave up again: one more missed call on the open item (the due time stays the first one's).</summary>
    public bool Missed(PhoneCall call, CallbackRules rules)
    {
        if (Status != CallbackStatus.Open || CallIds.Contains(call.ExternalId) || call.EndedAt is not { } ended)
        {
            return false;
        }

        MissedCalls++;
        CallIds.Add(call.ExternalId);
        LastMissedAt = ended > LastMissedAt ? ended : LastMissedAt;
        if (MissedCalls == 1)
        {
            DueAt = ended + rules.DueWithin;
        }

        Version++;
        return true;
    }

    /// <summary>The caller called again and an agent answered: nobody needs to ring back.</summary>
    public bool CalledAgain(DateTime at)
    {
        if (Status != CallbackStatus.Open || at < FirstMissedAt)
        {
            return false;
        }

        Finish(CallbackOutcome.CalledAgain, at);
        return true;
    }

    /// <summary>An agent takes the item to ring back; refused while another agent holds it.</summary>
    public void Take(Guid agentId, DateTime now, CallbackRules rules)
    {
        EnsureOpen();
        if (TakenBy is { } holder && holder != agentId && TakenUntil > now)
        {
            throw new RuleViolationException(
                new Text("该回拨已由其他坐席领取，正在处理。", "Another agent has taken this callback and is ringing."), "callback-taken");
        }

        TakenBy = agentId;
        TakenUntil = now + rules.HoldFor;
        Version++;
    }

    /// <summary>
    /// Records one ring-back: reached ends the item; not reached releases it for another try after
    /// <see cref="CallbackRules.RetryAfter"/>, until the attempts run out.
    /// </summary>
    public void RecordAttempt(Guid agentId, bool reached, string? note, DateTime now, CallbackRules rules)
    {
        EnsureOpen();
        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        new Validator().MaxLength("note", note, MaxNoteLength).ThrowIfInvalid();
        if (TakenBy is { } holder && holder != agentId && TakenUntil > now)
        {
            throw new RuleViolationException(
                new Text("该回拨已由其他坐席领取，正在处理。", "Another agent has taken this callback and is ringing."), "callback-taken");
        }

        _attempts.Add(new CallbackAttempt(agentId, now, reached, note));
        TakenBy = null;
        TakenUntil = null;
        if (reached)
        {
            Finish(CallbackOutcome.Reached, now);
        }
        else if (_attempts.Count >= rules.MaxAttempts)
        {
            Finish(CallbackOutcome.Unreachable, now);
        }
        else
        {
            DueAt = now + rules.RetryAfter;
            Version++;
        }
    }

    /// <summary>Whether the item is past its due time and still open.</summary>
    public bool IsOverdue(DateTime now) => Status == CallbackStatus.Open && now > DueAt;

    private void Finish(CallbackOutcome outcome, DateTime at)
    {
        Status = CallbackStatus.Done;
        Outcome = outcome;
        DoneAt = at;
        TakenBy = null;
        TakenUntil = null;
        Version++;
    }

    private void EnsureOpen()
    {
        if (Status != CallbackStatus.Open)
        {
            throw new RuleViolationException(new Text("该回拨已完成。", "This callback is already done."), "callback-done");
        }
    }
}
