using Lianxin.Core.Common;

namespace Lianxin.Core.Calls;

/// <summary>An agent's state (DOMAIN.md "Call centre").</summary>
public enum AgentState
{
    /// <summary>未签入.</summary>
    LoggedOut,

    /// <summary>空闲: waiting for a call.</summary>
    Ready,

    /// <summary>示忙.</summary>
    NotReady,

    /// <summary>通话中.</summary>
    OnCall,

    /// <summary>话后整理: after-call work, from hangup until the agent is ready or the maximum runs out.</summary>
    WrapUp,

    /// <summary>小休, with a reason (meal, training, meeting …).</summary>
    Break,
}

/// <summary>Time an agent spent in one state; the agent-state log is made of these.</summary>
public sealed record AgentStateSpan(Guid UserId, AgentState State, string? Reason, DateTime From, DateTime To)
{
    /// <summary>The row's key in the state log.</summary>
    public long Id { get; init; }

    public TimeSpan Length => To - From;
}

/// <summary>
/// Where one agent is now: set by the phone system (answer → on call, hangup → wrap-up, counting down to its
/// maximum) and by the agent in the console (签入 / 示闲 / 示忙 / 小休 / 签出). A state the agent chooses while
/// on a call or in wrap-up (示忙 for after this call, say) waits until the call's work is done. Every change
/// closes the span of the state left, for the time-in-state figures.
/// </summary>
public sealed class AgentPresence
{
    public const int MaxReasonLength = 50;

    private AgentPresence()
    {
    }

    public Guid UserId { get; private set; }

    public AgentState State { get; private set; }

    /// <summary>Why on break (or not ready), as the agent said.</summary>
    public string? Reason { get; private set; }

    public DateTime Since { get; private set; }

    /// <summary>When wrap-up ends by itself.</summary>
    public DateTime? WrapUpEndsAt { get; private set; }

    /// <summary>The state the agent asked for during a call, taken when its work is done.</summary>
    public AgentState? Next { get; private set; }

    public string? NextReason { get; private set; }

    /// <summary>The call the agent is on or wrapping up (the phone system's call id).</summary>
    public string? CallId { get; private set; }

    public int Version { get; private set; }

    public static AgentPresence New(Guid userId, DateTime now) => new() { UserId = userId, State = AgentState.LoggedOut, Since = now };

    /// <summary>
    /// The agent chooses a state: ready, not ready, break (with a reason) or logged out. During a call or its
    /// wrap-up the choice waits (except ready during wrap-up, which ends it, and logging out, which waits too).
    /// </summary>
    public AgentStateSpan? Choose(AgentState wanted, string? reason, DateTime now)
    {
        if (wanted is AgentState.OnCall or AgentState.WrapUp)
        {
            throw ValidationFailedException.For("state", new Text("通话中、话后整理由话务系统设置。", "On call and wrap-up are set by the phone system."));
        }

        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        var v = new Validator();
        v.MaxLength("reason", reason, MaxReasonLength)
            .When(wanted == AgentState.Break && reason is null, "reason", new Text("小休请说明原因（用餐、培训、会议…）。", "Say why (meal, training, meeting …)."));
        v.ThrowIfInvalid();

        if (State == AgentState.OnCall || (State == AgentState.WrapUp && wanted != AgentState.Ready))
        {
            Next = wanted;
            NextReason = reason;
            Version++;
            return null;
        }

        return MoveTo(wanted, reason, now);
    }

    /// <summary>The agent's extension answered a call.</summary>
    public AgentStateSpan? Answered(string callId, DateTime now)
    {
        if (State == AgentState.OnCall && CallId == callId)
        {
            return null;
        }

        if (State is not (AgentState.OnCall or AgentState.WrapUp))
        {
            // Whatever the agent had said, after this call they return to it (a logged-out agent who answers is signed in).
            Next ??= State == AgentState.LoggedOut ? AgentState.Ready : State;
            NextReason ??= Reason;
        }

        var span = MoveTo(AgentState.OnCall, null, now);
        CallId = callId;
        return span;
    }

    /// <summary>The call the agent was on ended: wrap-up until <paramref name="maxWrapUp"/> has passed (none when zero).</summary>
    public AgentStateSpan? HungUp(string callId, DateTime now, TimeSpan maxWrapUp)
    {
        if (State != AgentState.OnCall || CallId != callId)
        {
            return null;
        }

        if (maxWrapUp <= TimeSpan.Zero)
        {
            return FinishWork(now);
        }

        var span = MoveTo(AgentState.WrapUp, null, now);
        CallId = callId;
        WrapUpEndsAt = now + maxWrapUp;
        return span;
    }

    /// <summary>Wrap-up past its maximum ends by itself (the sweep calls this); null when there is nothing to end.</summary>
    public AgentStateSpan? EndWrapUpIfDue(DateTime now) =>
        State == AgentState.WrapUp && WrapUpEndsAt is { } end && now >= end ? FinishWork(end) : null;

    private AgentStateSpan FinishWork(DateTime at)
    {
        var next = Next ?? AgentState.Ready;
        var reason = NextReason;
        Next = null;
        NextReason = null;
        return MoveTo(next, reason, at);
    }

    private AgentStateSpan MoveTo(AgentState state, string? reason, DateTime now)
    {
        var at = now < Since ? Since : now;
        var span = new AgentStateSpan(UserId, State, Reason, Since, at);
        State = state;
        Reason = state is AgentState.Break or AgentState.NotReady ? reason : null;
        Since = at;
        WrapUpEndsAt = null;
        CallId = null;
        if (state is not (AgentState.OnCall or AgentState.WrapUp))
        {
            Next = null;
            NextReason = null;
        }

        Version++;
        return span;
    }
}

/// <summary>Time in each state per agent and local day, from the state log (spans over midnight are split).</summary>
public static class TimeInState
{
    public static IReadOnlyDictionary<(Guid UserId, DateOnly Day, AgentState State), TimeSpan> PerDay(IEnumerable<AgentStateSpan> spans, TimeZoneInfo zone)
    {
        var totals = new Dictionary<(Guid, DateOnly, AgentState), TimeSpan>();
        foreach (var span in spans)
        {
            var from = TimeZoneInfo.ConvertTimeFromUtc(span.From, zone);
            var to = TimeZoneInfo.ConvertTimeFromUtc(span.To, zone);
            while (from < to)
            {
                var midnight = from.Date.AddDays(1);
                var end = to < midnight ? to : midnight;
                var key = (span.UserId, DateOnly.FromDateTime(from), span.State);
                totals[key] = totals.GetValueOrDefault(key) + (end - from);
                from = end;
            }
        }

        return totals;
    }
}
