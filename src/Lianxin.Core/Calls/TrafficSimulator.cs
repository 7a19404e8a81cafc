using System.Globalization;

namespace Lianxin.Core.Calls;

/// <summary>
/// A day (or any span) of calls to play: arrivals per interval, how long calls and wrap-up take, how long
/// callers wait before they give up, and the agents' extensions. Times are exponential around their means,
/// as the Erlang models assume; <see cref="WrapUpSeconds"/> is fixed (0 for none).
/// </summary>
public sealed record TrafficPlan(
    DateTime Start,
    IReadOnlyList<double> CallsPerInterval,
    double IntervalMinutes,
    double TalkSeconds,
    double PatienceSeconds,
    IReadOnlyList<string> Extensions,
    double WrapUpSeconds = 0,
    string Hotline = "12345",
    string Queue = "热线",
    double RepeatCallerShare = 0.05,
    int Seed = 1);

/// <summary>One simulated call: when it came, whether and when it was answered and by whom, when it ended.</summary>
public sealed record SimulatedCall(
    string CallId, string From, DateTime OfferedAt, DateTime? AnsweredAt, DateTime EndedAt, string? Extension, DateTime? AgentFreeAt)
{
    public bool Abandoned => AnsweredAt is null;

    public double WaitSeconds => ((AnsweredAt ?? EndedAt) - OfferedAt).TotalSeconds;
}

/// <summary>One event as the phone system would post it (Zammad generic CTI fields).</summary>
public sealed record SimulatedEvent(DateTime At, string Event, string CallId, string From, string To, string Queue, string? AnsweringNumber, string? Cause)
{
    public IReadOnlyDictionary<string, string?> Fields() => new Dictionary<string, string?>
    {
        ["event"] = Event,
        ["direction"] = "in",
        ["callId"] = CallId,
        ["from"] = From,
        ["to"] = To,
        ["queue"] = Queue,
        ["answeringNumber"] = AnsweringNumber,
        ["cause"] = Cause,
    };
}

/// <summary>
/// Plays calls through a first-come-first-served queue and a pool of agents (DOMAIN.md's M/M/N+M, with
/// optional wrap-up): each caller takes the agent who has been free longest, or waits for the first to free
/// up unless their patience runs out first, in which case they hang up and take no one's time. Feeds the
/// CTI endpoint in real or accelerated time (the traffic tool), fills the demo's morning, and checks the
/// staffing maths against what the queue actually does.
/// </summary>
public static class TrafficSimulator
{
    public static IReadOnlyList<SimulatedCall> Play(TrafficPlan plan)
    {
        ArgumentOutOfRangeException.ThrowIfZero(plan.Extensions.Count);
        var random = new Random(plan.Seed);
        double Exponential(double mean) => -mean * Math.Log(1 - random.NextDouble());

        // Agents by the moment they are free again; ties go to whoever has been idle longest (lower sequence).
        var free = new PriorityQueue<string, (DateTime FreeAt, long Sequence)>();
        long sequence = 0;
        foreach (var extension in plan.Extensions)
        {
            free.Enqueue(extension, (plan.Start, sequence++));
        }

        var calls = new List<SimulatedCall>();
        var callers = new List<string>();
        var interval = TimeSpan.FromMinutes(plan.IntervalMinutes);
        var clock = 0.0;
        for (var i = 0; i < plan.CallsPerInterval.Count; i++)
        {
            var rate = plan.CallsPerInterval[i] / interval.TotalSeconds;
            var end = (i + 1) * interval.TotalSeconds;
            clock = Math.Max(clock, i * interval.TotalSeconds);
            while (rate > 0)
            {
                clock += Exponential(1 / rate);
                if (clock >= end)
                {
                    clock = end;
                    break;
                }

                var offered = plan.Start.AddSeconds(clock);
                var from = callers.Count > 0 && random.NextDouble() < plan.RepeatCallerShare
                    ? callers[random.Next(callers.Count)]
                    : "13" + random.Next(0, 1_000_000_000).ToString("000000000", CultureInfo.InvariantCulture);
                callers.Add(from);
                var id = string.Create(CultureInfo.InvariantCulture, $"sim-{plan.Seed}-{calls.Count + 1}");

                free.TryPeek(out var agent, out var slot);
                var answerAt = slot.FreeAt > offered ? slot.FreeAt : offered;
                var patience = Exponential(plan.PatienceSeconds);
                if ((answerAt - offered).TotalSeconds > patience)
                {
                    calls.Add(new SimulatedCall(id, from, offered, null, offered.AddSeconds(patience), null, null));
                    continue;
                }

                var ended = answerAt.AddSeconds(Exponential(plan.TalkSeconds));
                var freeAt = ended.AddSeconds(plan.WrapUpSeconds);
                free.Enqueue(free.Dequeue(), (freeAt, sequence++));
                calls.Add(new SimulatedCall(id, from, offered, answerAt, ended, agent, freeAt));
            }
        }

        return calls;
    }

    /// <summary>The phone system's events for the calls, in time order (newCall, answer, hangup).</summary>
    public static IReadOnlyList<SimulatedEvent> Events(IEnumerable<SimulatedCall> calls, TrafficPlan plan)
    {
        var events = new List<SimulatedEvent>();
        foreach (var c in calls)
        {
            events.Add(new SimulatedEvent(c.OfferedAt, "newCall", c.CallId, c.From, plan.Hotline, plan.Queue, null, null));
            if (c.AnsweredAt is { } answered)
            {
                events.Add(new SimulatedEvent(answered, "answer", c.CallId, c.From, plan.Hotline, plan.Queue, c.Extension, null));
            }

            events.Add(new SimulatedEvent(c.EndedAt, "hangup", c.CallId, c.From, plan.Hotline, plan.Queue, c.Extension, c.Abandoned ? "cancel" : "normalClearing"));
        }

        return [.. events.OrderBy(e => e.At).ThenBy(e => e.Event == "hangup" ? 1 : 0)];
    }
}
