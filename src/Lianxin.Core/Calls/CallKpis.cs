namespace Lianxin.Core.Calls;

/// <summary>What the call figures need of one ended call (from the call log and the agent's wrap-up).</summary>
public sealed record CallFact(CallDirection Direction, CallOutcome Outcome, double WaitSeconds, double? TalkSeconds, double? WrapUpSeconds = null, string? Cause = null)
{
    public static CallFact From(PhoneCall call, double? wrapUpSeconds = null) => new(
        call.Direction, call.Outcome ?? throw new InvalidOperationException("The call has not ended."), call.WaitSeconds ?? 0, call.TalkSeconds, wrapUpSeconds, call.Cause);

    /// <summary>Closed by the stuck-call timeout: its times are guesses, left out of the averages.</summary>
    public bool TimedOut => string.Equals(Cause, PhoneCall.TimeoutCause, StringComparison.Ordinal);
}

/// <summary>The agents' time over the same span: signed in, on break, not ready (from the agent-state log).</summary>
public sealed record AgentTime(double SignedInSeconds, double BreakSeconds, double NotReadySeconds)
{
    public static AgentTime None { get; } = new(0, 0, 0);

    /// <summary>Time the agents were available for calls: signed in, minus breaks and not-ready time.</summary>
    public double AvailableSeconds => Math.Max(0, SignedInSeconds - BreakSeconds - NotReadySeconds);
}

/// <summary>How the figures are counted (DOMAIN.md): the service-level target and whether short abandons count.</summary>
public sealed record CallKpiRules(TimeSpan ServiceTarget, bool ExcludeShortAbandons)
{
    /// <summary>Answer within 15 s (the national standard for government hotlines); short abandons reported apart.</summary>
    public static CallKpiRules Default { get; } = new(TimeSpan.FromSeconds(15), true);
}

/// <summary>
/// The call figures of one interval, day, queue or agent (DOMAIN.md "Call KPIs"). A rate whose
/// denominator is zero is null, never 0 or 100 %.
/// </summary>
public sealed record CallKpiFigures(
    int Offered,
    int Answered,
    int Abandoned,
    int ShortAbandons,
    int AnsweredInTarget,
    double? AnswerRate,
    double? ServiceLevel,
    double? LossRate,
    double? AverageSpeedOfAnswerSeconds,
    double? AverageTalkSeconds,
    double? AverageHandleSeconds,
    double? Occupancy)
{
    /// <summary>
    /// 接通率 = answered ÷ offered (short abandons out of both when the rules say so); 及时应答率 = answered within
    /// the target ÷ answered; 呼损率 = 1 − 接通率; average speed of answer = mean wait of answered calls;
    /// average handle time = talk + wrap-up; occupancy = handling time ÷ (signed in − break − not ready).
    /// Only inbound calls offered to the queue count; rejected (blocked) calls and outbound calls do not.
    /// </summary>
    public static CallKpiFigures Compute(IEnumerable<CallFact> calls, CallKpiRules rules, AgentTime? agents = null)
    {
        var tally = new CallKpiTally(rules);
        foreach (var call in calls)
        {
            tally.Add(call);
        }

        return tally.Figures(agents);
    }

    internal static double? Ratio(double part, double whole) => whole == 0 ? null : part / whole;
}

/// <summary>
/// <see cref="CallKpiFigures.Compute"/> one call at a time, so a report can stream a month of calls into many
/// rows at once without holding them; the formulas live here and nowhere else.
/// </summary>
public sealed class CallKpiTally(CallKpiRules rules)
{
    private int _offered, _answered, _abandoned, _shortAbandons, _inTarget, _timed;
    private double _wait, _talk, _handle, _handling;

    /// <summary>Seconds the counted calls kept agents busy (talk + wrap-up), timed-out calls included.</summary>
    public double HandlingSeconds => _handling;

    public void Add(CallFact call)
    {
        if (call.Direction != CallDirection.In || call.Outcome is CallOutcome.Rejected or CallOutcome.Unanswered)
        {
            return;
        }

        switch (call.Outcome)
        {
            case CallOutcome.ShortAbandon:
                _shortAbandons++;
                if (!rules.ExcludeShortAbandons)
                {
                    _offered++;
                }

                return;
            case CallOutcome.Abandoned:
                _abandoned++;
                _offered++;
                return;
        }

        _offered++;
        _answered++;
        _wait += call.WaitSeconds;
        if (call.WaitSeconds <= rules.ServiceTarget.TotalSeconds)
        {
            _inTarget++;
        }

        var callHandling = (call.TalkSeconds ?? 0) + (call.WrapUpSeconds ?? 0);
        _handling += callHandling;
        if (!call.TimedOut)
        {
            _timed++;
            _talk += call.TalkSeconds ?? 0;
            _handle += callHandling;
        }
    }

    public CallKpiFigures Figures(AgentTime? agents = null)
    {
        var answerRate = CallKpiFigures.Ratio(_answered, _offered);
        var available = agents?.AvailableSeconds ?? 0;
        return new CallKpiFigures(
            _offered, _answered, _abandoned + (rules.ExcludeShortAbandons ? 0 : _shortAbandons), _shortAbandons, _inTarget,
            answerRate,
            CallKpiFigures.Ratio(_inTarget, _answered),
            answerRate is { } r ? 1 - r : null,
            _answered == 0 ? null : _wait / _answered,
            _timed == 0 ? null : _talk / _timed,
            _timed == 0 ? null : _handle / _timed,
            available <= 0 ? null : Math.Min(1, _handling / available));
    }
}

/// <summary>Caller patience from the call log (DOMAIN.md): θ ≈ abandoned ÷ total waiting time of all callers.</summary>
public static class CallerPatience
{
    /// <summary>Mean patience in seconds (1/θ); null when nobody abandoned (patience cannot be told yet).</summary>
    public static double? EstimateSeconds(IEnumerable<CallFact> calls)
    {
        double waited = 0;
        var abandoned = 0;
        foreach (var call in calls.Where(c => c.Direction == CallDirection.In && c.Outcome is CallOutcome.Answered or CallOutcome.Abandoned or CallOutcome.ShortAbandon))
        {
            waited += call.WaitSeconds;
            if (call.Outcome != CallOutcome.Answered)
            {
                abandoned++;
            }
        }

        return abandoned == 0 ? null : waited / abandoned;
    }
}
