namespace Lianxin.Core.Calls;

/// <summary>How a call ended (DOMAIN.md "Call centre").</summary>
public enum CallOutcome
{
    /// <summary>An agent answered (inbound), or the person called picked up (outbound).</summary>
    Answered,

    /// <summary>The caller hung up before an answer.</summary>
    Abandoned,

    /// <summary>The caller hung up before an answer within the short-abandon time (5 s by default): reported apart.</summary>
    ShortAbandon,

    /// <summary>An outbound call nobody picked up.</summary>
    Unanswered,

    /// <summary>A blocked number, turned away at newCall: never offered to the queue.</summary>
    Rejected,
}

/// <summary>Why an inbound call was lost (DOMAIN.md).</summary>
public enum LossCategory
{
    /// <summary>Abandoned while waiting in the queue.</summary>
    InQueue,

    /// <summary>No agent was signed in when it arrived.</summary>
    NoAgentSignedIn,

    /// <summary>It arrived outside the centre's service hours.</summary>
    OutsideServiceHours,

    /// <summary>The queue was full or the call overflowed (the phone system's congestion / busy).</summary>
    QueueFull,
}

/// <summary>The limits a call is judged by (DOMAIN.md; configurable per centre).</summary>
public sealed record CallRules(TimeSpan ShortAbandon, TimeSpan StuckAfter)
{
    public static CallRules Default { get; } = new(TimeSpan.FromSeconds(5), TimeSpan.FromHours(2));
}

/// <summary>
/// One phone call (通话记录), built from its phone-system events whatever order they arrive in: offered when
/// it reaches the queue, answered when an agent picks up, ended at hangup. Each event applies at most once
/// (a repeated one changes nothing), an event that arrives late is put in its place (an answer after the
/// hangup still makes the call answered, at the latest at the hangup), and a call that never ends is
/// closed by <see cref="CloseIfStuck"/>.
/// </summary>
public sealed class PhoneCall
{
    public const string TimeoutCause = "timeout";

    private PhoneCall()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>The phone system (CTI token) that reported it; <see cref="ExternalId"/> is unique within it.</summary>
    public Guid PhoneSystemId { get; private set; }

    public string ExternalId { get; private set; } = "";

    public CallDirection Direction { get; private set; }

    public string? From { get; private set; }

    public string? To { get; private set; }

    public string? Queue { get; private set; }

    public DateTime OfferedAt { get; private set; }

    public DateTime? AnsweredAt { get; private set; }

    public DateTime? EndedAt { get; private set; }

    public string? Cause { get; private set; }

    /// <summary>The extension that answered (inbound) or called (outbound).</summary>
    public string? Extension { get; private set; }

    /// <summary>The agent with that extension, when one is known.</summary>
    public Guid? AgentId { get; private set; }

    public CallOutcome? Outcome { get; private set; }

    public LossCategory? Loss { get; private set; }

    /// <summary>Seconds from offered to answered, or to hangup when never answered; set when the call ends.</summary>
    public double? WaitSeconds { get; private set; }

    /// <summary>Seconds from answer to hangup; set when an answered call ends.</summary>
    public double? TalkSeconds { get; private set; }

    /// <summary>Whether any agent was signed in when the call arrived (decides <see cref="LossCategory.NoAgentSignedIn"/>).</summary>
    public bool AgentsSignedInAtOffer { get; private set; } = true;

    /// <summary>Whether it arrived within the centre's service hours.</summary>
    public bool WithinServiceHours { get; private set; } = true;

    public int Version { get; private set; }

    public bool IsEnded => EndedAt is not null;

    /// <summary>A call seen for the first time, from whichever of its events came first.</summary>
    public static PhoneCall Start(Guid phoneSystemId, CtiEvent first, CallRules rules)
    {
        var call = new PhoneCall
        {
            Id = Guid.CreateVersion7(new DateTimeOffset(first.At, TimeSpan.Zero)),
            PhoneSystemId = phoneSystemId,
            ExternalId = first.CallId,
            Direction = first.Direction ?? CallDirection.In,
            OfferedAt = first.At,
        };
        call.Apply(first, rules);
        return call;
    }

    /// <summary>Records the context the call arrived in, for its loss category.</summary>
    public void SetOfferContext(bool agentsSignedIn, bool withinServiceHours, CallRules rules)
    {
        AgentsSignedInAtOffer = agentsSignedIn;
        WithinServiceHours = withinServiceHours;
        Classify(rules.ShortAbandon);
    }

    /// <summary>A blocked number turned away at newCall: ended at once, never offered.</summary>
    public void Reject(DateTime at)
    {
        EndedAt = at;
        Cause = "busy";
        Outcome = CallOutcome.Rejected;
        WaitSeconds = 0;
        Version++;
    }

    /// <summary>Applies one event; false when it changes nothing (a duplicate, or news the call already has).</summary>
    public bool Apply(CtiEvent e, CallRules rules)
    {
        if (Outcome == CallOutcome.Rejected)
        {
            return false;
        }

        var changed = e.Kind switch
        {
            CtiEventKind.NewCall => Offered(e),
            CtiEventKind.Answer => Answered(e),
            _ => HungUp(e),
        };
        changed |= Fill(e);
        if (changed)
        {
            Classify(rules.ShortAbandon);
            Version++;
        }

        return changed;
    }

    /// <summary>Links the agent behind the extension, once it is known.</summary>
    public void AssignAgent(Guid? agentId) => AgentId = agentId;

    /// <summary>
    /// Closes a call the phone system never finished (a lost hangup): <see cref="CallRules.StuckAfter"/> after its
    /// last event it ends there, with the cause <c>timeout</c>; false when it is not stuck.
    /// </summary>
    public bool CloseIfStuck(DateTime now, CallRules rules)
    {
        var last = AnsweredAt ?? OfferedAt;
        if (IsEnded || now - last < rules.StuckAfter)
        {
            return false;
        }

        EndedAt = last + rules.StuckAfter;
        Cause = TimeoutCause;
        Classify(rules.ShortAbandon);
        Version++;
        return true;
    }

    private bool Offered(CtiEvent e)
    {
        // A newCall after an answer or hangup (late delivery) cannot move the offer later than what followed it.
        if (e.At < OfferedAt)
        {
            OfferedAt = e.At;
            return true;
        }

        return false;
    }

    private bool Answered(CtiEvent e)
    {
        if (AnsweredAt is not null)
        {
            return false;
        }

        var at = e.At < OfferedAt ? OfferedAt : e.At;
        AnsweredAt = EndedAt is { } end && end < at ? end : at;
        Extension = e.AgentExtension ?? Extension;
        return true;
    }

    private bool HungUp(CtiEvent e)
    {
        if (EndedAt is not null)
        {
            return false;
        }

        var floor = AnsweredAt ?? OfferedAt;
        EndedAt = e.At < floor ? floor : e.At;
        Cause = e.Cause;
        return true;
    }

    private bool Fill(CtiEvent e)
    {
        var changed = false;
        if (From is null && e.From is not null)
        {
            From = e.From;
            changed = true;
        }

        if (To is null && e.To is not null)
        {
            To = e.To;
            changed = true;
        }

        if (Queue is null && e.Queue is not null)
        {
            Queue = e.Queue;
            changed = true;
        }

        if (e.Kind == CtiEventKind.NewCall && e.Direction is { } direction && direction != Direction)
        {
            Direction = direction;
            changed = true;
        }

        if (Extension is null && Direction == CallDirection.Out && e.User is not null)
        {
            Extension = e.User;
            changed = true;
        }

        return changed;
    }

    private void Classify(TimeSpan shortAbandon)
    {
        if (EndedAt is not { } end || Outcome == CallOutcome.Rejected)
        {
            return;
        }

        WaitSeconds = ((AnsweredAt ?? end) - OfferedAt).TotalSeconds;
        TalkSeconds = AnsweredAt is { } answered ? (end - answered).TotalSeconds : null;
        if (AnsweredAt is not null)
        {
            Outcome = CallOutcome.Answered;
            Loss = null;
        }
        else if (Direction == CallDirection.Out)
        {
            Outcome = CallOutcome.Unanswered;
            Loss = null;
        }
        else
        {
            Outcome = end - OfferedAt < shortAbandon ? CallOutcome.ShortAbandon : CallOutcome.Abandoned;
            Loss = Cause is not null && (Cause.Equals("congestion", StringComparison.OrdinalIgnoreCase) || Cause.Equals("busy", StringComparison.OrdinalIgnoreCase))
                ? LossCategory.QueueFull
                : !WithinServiceHours ? LossCategory.OutsideServiceHours
                : !AgentsSignedInAtOffer ? LossCategory.NoAgentSignedIn
                : LossCategory.InQueue;
        }
    }
}
