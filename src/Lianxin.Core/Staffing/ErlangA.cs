namespace Lianxin.Core.Staffing;

/// <summary>
/// Erlang A (the M/M/N+M queue: callers hang up after an exponential patience), as DOMAIN.md defines it.
/// <para>
/// The stationary distribution is a birth–death chain: below N busy agents π(k−1)/π(k) = k/A, above it
/// π(N+j)/π(N+j−1) = λ/(Nμ + jθ). It is summed in logarithms relative to its peak, so neither 10,000+
/// Erlangs nor an overloaded centre (weights that grow for thousands of states) overflows; states more
/// than e^−50 below the peak are dropped.
/// </para>
/// <para>
/// Service level (answered within t, over all callers) follows one arriving caller: with q callers
/// ahead, the line ahead shortens at Nμ + qθ (an agent frees, or someone ahead hangs up) while the caller
/// hangs up at θ; each start q is weighted by what an arriving caller sees (PASTA), and the chance of
/// reaching an agent in time has a closed form (see <see cref="AnsweredWithin"/>).
/// </para>
/// </summary>
public static class ErlangA
{
    private const double Negligible = 50; // e^−50 ≈ 2·10^−22 of the peak state's weight

    /// <summary>How the interval runs with <paramref name="agents"/> agents.</summary>
    public static QueuePerformance Evaluate(StaffingRequest request, int agents) => Evaluate(request, agents, withServiceLevel: true);

    /// <summary>The fewest agents meeting the service level, the maximum abandonment and the maximum occupancy.</summary>
    public static StaffingResult Required(StaffingRequest request)
    {
        if (request.ArrivalRate <= 0)
        {
            return new StaffingResult(0, 0, 1, 0, 0, 0, 0);
        }

        // Gallop from the traffic itself to a failing and a passing count, then bisect between them.
        var start = Math.Max(1, (int)Math.Ceiling(request.Traffic));
        int fail, pass;
        if (Meets(request, start))
        {
            pass = start;
            fail = 0;
            for (var step = 1; pass - step >= 1; step *= 2)
            {
                if (!Meets(request, pass - step))
                {
                    fail = pass - step;
                    break;
                }

                pass -= step;
            }
        }
        else
        {
            fail = start;
            pass = -1;
            for (var step = 1; pass < 0; step *= 2)
            {
                if (Meets(request, fail + step))
                {
                    pass = fail + step;
                }
                else
                {
                    fail += step;
                }
            }
        }

        while (pass - fail > 1)
        {
            var mid = fail + ((pass - fail) / 2);
            if (Meets(request, mid))
            {
                pass = mid;
            }
            else
            {
                fail = mid;
            }
        }

        var p = Evaluate(request, pass, withServiceLevel: true);
        return new StaffingResult(
            pass, request.Scheduled(pass), p.ServiceLevel, p.Occupancy,
            p.WaitProbability, p.AverageSpeedOfAnswerSeconds, p.AbandonmentRate);
    }

    private static bool Meets(StaffingRequest request, int agents)
    {
        // Abandonment and occupancy are cheap; the service level is only worked out when they pass.
        var p = Evaluate(request, agents, withServiceLevel: false);
        if (p.AbandonmentRate > request.MaxAbandonment || p.Occupancy > request.MaxOccupancy)
        {
            return false;
        }

        return Evaluate(request, agents, withServiceLevel: true).ServiceLevel >= request.ServiceLevel;
    }

    private static QueuePerformance Evaluate(StaffingRequest request, int agents, bool withServiceLevel)
    {
        var lambda = request.ArrivalRate;
        if (lambda <= 0)
        {
            return new QueuePerformance(0, 1, 0, 0, 0);
        }

        var mu = 1 / request.AhtSeconds;
        var theta = 1 / request.PatienceSeconds;
        if (agents <= 0)
        {
            // Nobody answers: every caller waits until they give up.
            return new QueuePerformance(1, 0, request.PatienceSeconds, 0, 1);
        }

        var a = lambda / mu;
        var n = agents;

        // Log weights relative to state N (all agents busy, nobody waiting): below[k] for k = N−1 … 0, above[j−1] for N+j.
        var below = new List<double>();
        var peak = 0.0;
        var w = 0.0;
        for (var k = n - 1; k >= 0; k--)
        {
            w += Math.Log((k + 1) / a);
            below.Add(w);
            peak = Math.Max(peak, w);
            if (k + 1 < a && w < peak - Negligible)
            {
                break;
            }
        }

        var above = new List<double>();
        w = 0;
        for (var j = 1; ; j++)
        {
            var rate = (n * mu) + (j * theta);
            w += Math.Log(lambda / rate);
            above.Add(w);
            peak = Math.Max(peak, w);
            if (rate > lambda && w < peak - Negligible)
            {
                break;
            }
        }

        double Weight(double logWeight) => Math.Exp(logWeight - peak);

        var noWait = 0.0;
        foreach (var lw in below)
        {
            noWait += Weight(lw);
        }

        var waiting = new double[above.Count + 1]; // waiting[q]: an arriving caller finds q callers ahead of them
        waiting[0] = Weight(0);
        var wait = waiting[0];
        var queue = 0.0;
        for (var q = 1; q <= above.Count; q++)
        {
            waiting[q] = Weight(above[q - 1]);
            wait += waiting[q];
            queue += q * waiting[q];
        }

        var total = noWait + wait;
        var waitProbability = wait / total;
        var expectedQueue = queue / total;
        var abandonment = Math.Min(1, theta * expectedQueue / lambda);
        var occupancy = lambda * (1 - abandonment) * request.AhtSeconds / n;
        var asa = expectedQueue / lambda;
        var serviceLevel = double.NaN;
        if (withServiceLevel)
        {
            for (var q = 0; q < waiting.Length; q++)
            {
                waiting[q] /= total;
            }

            serviceLevel = (noWait / total) + AnsweredWithin(waiting, n * mu, theta, request.TargetSeconds);
        }

        return new QueuePerformance(waitProbability, Math.Min(1, serviceLevel), asa, Math.Min(1, occupancy), abandonment);
    }

    /// <summary>
    /// The probability mass in <paramref name="p"/> (callers who find q callers ahead) that reaches an agent
    /// within <paramref name="t"/> seconds. With q ahead the offered wait is Σ_{k=0..q} Exp(Nμ + kθ), which is
    /// distributed as −ln(B)/θ with B ~ Beta(a, q+1), a = Nμ/θ; the caller is still there at wait V with
    /// probability e^−θV = B. So P(answered within t | q) = E[B; B ≥ u] with u = e^−θt,
    /// = a/(a+q+1) · (1 − I_u(a+1, q+1)). I_u(a+1, ·) is a negative binomial CDF, advanced by one term per q
    /// in logarithms: O(states), exact, and stable at any size.
    /// </summary>
    private static double AnsweredWithin(double[] p, double serviceRate, double theta, double t)
    {
        if (t <= 0)
        {
            return 0;
        }

        var a = serviceRate / theta;
        var shape = a + 1;
        var logU = -theta * t;
        var logOneMinusU = Math.Log(-double.ExpM1(logU));
        var beta = Math.Exp(shape * logU); // I_u(a+1, 1) = u^(a+1)
        var logTerm = (shape * logU) + logOneMinusU + Math.Log(shape); // what I_u(a+1, 1) → I_u(a+1, 2) adds
        var answered = 0.0;
        for (var q = 0; q < p.Length; q++)
        {
            answered += p[q] * a / (a + q + 1) * Math.Max(0, 1 - beta);
            var next = q + 1;
            beta += Math.Exp(logTerm);
            logTerm += logOneMinusU + Math.Log((shape + next) / (next + 1));
        }

        return answered;
    }
}
