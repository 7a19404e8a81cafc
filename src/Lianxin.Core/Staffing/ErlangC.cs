namespace Lianxin.Core.Staffing;

/// <summary>
/// Erlang C (M/M/N, nobody abandons), as DOMAIN.md defines it. P(wait) comes from the Erlang B
/// recursion B(k) = A·B(k−1) ÷ (k + A·B(k−1)), which only ever divides numbers below one and so stays
/// exact at 10,000+ Erlangs where A^N/N! would overflow; the search walks N upwards carrying B along,
/// so finding the staff for traffic A costs O(A).
/// </summary>
public static class ErlangC
{
    /// <summary>P(wait) with <paramref name="agents"/> agents; 1 when the agents cannot keep up (N ≤ A).</summary>
    public static double WaitProbability(double traffic, int agents)
    {
        if (traffic <= 0)
        {
            return 0;
        }

        if (agents <= traffic)
        {
            return 1;
        }

        var b = 1.0;
        for (var k = 1; k <= agents; k++)
        {
            b = traffic * b / (k + (traffic * b));
        }

        return FromErlangB(traffic, agents, b);
    }

    /// <summary>How the interval runs with <paramref name="agents"/> agents.</summary>
    public static QueuePerformance Evaluate(StaffingRequest request, int agents) =>
        Evaluate(request, agents, WaitProbability(request.Traffic, agents));

    /// <summary>The fewest agents with service level ≥ the goal and occupancy ≤ the maximum (N &gt; A).</summary>
    public static StaffingResult Required(StaffingRequest request)
    {
        var a = request.Traffic;
        if (a <= 0)
        {
            return new StaffingResult(0, 0, 1, 0, 0, 0, null);
        }

        var minimum = Math.Max((int)Math.Floor(a) + 1, (int)Math.Ceiling((a / request.MaxOccupancy) - 1e-12));
        var b = 1.0;
        for (var k = 1; ; k++)
        {
            b = a * b / (k + (a * b));
            if (k < minimum)
            {
                continue;
            }

            var performance = Evaluate(request, k, FromErlangB(a, k, b));
            if (performance.ServiceLevel >= request.ServiceLevel)
            {
                return new StaffingResult(
                    k, request.Scheduled(k), performance.ServiceLevel, performance.Occupancy,
                    performance.WaitProbability, performance.AverageSpeedOfAnswerSeconds, null);
            }
        }
    }

    private static double FromErlangB(double a, int n, double b) => n * b / (n - (a * (1 - b)));

    private static QueuePerformance Evaluate(StaffingRequest request, int agents, double waitProbability)
    {
        var a = request.Traffic;
        if (a <= 0)
        {
            return new QueuePerformance(0, 1, 0, 0, 0);
        }

        if (agents <= a)
        {
            // The queue grows without bound: nobody is answered in time, the wait is unbounded, agents are never idle.
            return new QueuePerformance(1, 0, double.PositiveInfinity, 1, 0);
        }

        var serviceLevel = 1 - (waitProbability * Math.Exp(-(agents - a) * request.TargetSeconds / request.AhtSeconds));
        var asa = waitProbability * request.AhtSeconds / (agents - a);
        return new QueuePerformance(waitProbability, serviceLevel, asa, a / agents, 0);
    }
}
