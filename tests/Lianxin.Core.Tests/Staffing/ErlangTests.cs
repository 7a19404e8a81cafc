using Lianxin.Core.Common;
using Lianxin.Core.Staffing;

namespace Lianxin.Core.Tests.Staffing;

public class ErlangTests
{
    // DOMAIN.md's interval: 100 calls in 30 minutes, 180 s handling, 80 % within 20 s.
    private static StaffingRequest Interval(double calls = 100, double aht = 180, double patience = 300) =>
        new(calls, 30, aht, 20, 0.80, MaxOccupancy: 0.85, Shrinkage: 0.30, PatienceSeconds: patience, MaxAbandonment: 0.05);

    [Fact]
    public void ErlangC_PublishedCheck()
    {
        var r = ErlangC.Required(Interval() with { PatienceSeconds = double.PositiveInfinity, MaxAbandonment = 1 });
        Assert.Equal((14, 20), (r.Agents, r.ScheduledAgents));
        Assert.Equal(0.888, r.ServiceLevel, 3);
        Assert.Equal(0.714, r.Occupancy, 3);
        Assert.Equal(0.174, r.WaitProbability, 3);
        Assert.Null(r.AbandonmentRate);
    }

    [Fact]
    public void ErlangA_PublishedCheck()
    {
        var r = ErlangA.Required(Interval());
        Assert.Equal((13, 19), (r.Agents, r.ScheduledAgents));
        Assert.Equal(0.858, r.ServiceLevel, 3);
        Assert.Equal(0.025, r.AbandonmentRate!.Value, 3);
        Assert.Equal(0.226, r.WaitProbability, 3);
        Assert.Equal(7.5, r.AverageSpeedOfAnswerSeconds, 1);
        Assert.Equal(0.75, r.Occupancy, 2);
    }

    [Fact]
    public void ErlangA_OneAgentFewer_MissesTheServiceLevel()
    {
        var twelve = ErlangA.Evaluate(Interval(), 12);
        Assert.True(twelve.ServiceLevel < 0.80, $"{twelve.ServiceLevel}");
        Assert.True(ErlangA.Evaluate(Interval(), 13).ServiceLevel >= 0.80);
    }

    [Theory]
    [InlineData(10, 11)]
    [InlineData(10, 14)]
    [InlineData(57.3, 60)]
    [InlineData(250, 262)]
    [InlineData(1_000, 1_030)]
    [InlineData(10_000, 10_080)]
    [InlineData(10_000, 10_200)]
    [InlineData(50_000, 50_300)]
    public void ErlangC_WaitProbability_AgreesWithTheClosedFormSummedInLogarithms(double traffic, int agents) =>
        Assert.Equal(ClosedFormWaitProbability(traffic, agents), ErlangC.WaitProbability(traffic, agents), 9);

    [Theory]
    [InlineData(10, 12)]
    [InlineData(100, 105)]
    [InlineData(1_000, 1_020)]
    public void ErlangA_WithoutAbandonment_BecomesErlangC(double traffic, int agents)
    {
        // Patience of ~30 years: nobody hangs up, so the M/M/N+M queue is M/M/N.
        var request = new StaffingRequest(traffic * 10, 30, 180, 20, 0.8, PatienceSeconds: 1e9);
        var a = ErlangA.Evaluate(request, agents);
        var c = ErlangC.Evaluate(request, agents);
        Assert.Equal(c.WaitProbability, a.WaitProbability, 4);
        Assert.Equal(c.ServiceLevel, a.ServiceLevel, 4);
        Assert.Equal(c.AverageSpeedOfAnswerSeconds, a.AverageSpeedOfAnswerSeconds, 1);
        Assert.True(a.AbandonmentRate < 1e-4);
    }

    [Theory]
    [InlineData(100, 180, 300, 13)] // the published interval
    [InlineData(100, 180, 60, 9)] // impatient callers, under-staffed: many hang up
    [InlineData(400, 240, 120, 50)] // overloaded (A ≈ 53.3 > 50)
    public void ErlangA_AgreesWithASimulatedQueue(double calls, double aht, double patience, int agents)
    {
        var request = new StaffingRequest(calls, 30, aht, 20, 0.8, PatienceSeconds: patience);
        var model = ErlangA.Evaluate(request, agents);
        var simulated = Simulate(request, agents, callers: 400_000, seed: 12345);
        Assert.Equal(simulated.ServiceLevel, model.ServiceLevel, 0.012);
        Assert.Equal(simulated.WaitProbability, model.WaitProbability, 0.012);
        Assert.Equal(simulated.Abandonment, model.AbandonmentRate, 0.006);
        Assert.Equal(simulated.Occupancy, model.Occupancy, 0.012);
    }

    [Theory]
    [InlineData(100, 180, 300, 13, 20)]
    [InlineData(100, 180, 300, 11, 60)]
    [InlineData(100, 180, 60, 9, 20)]
    [InlineData(400, 240, 120, 50, 15)]
    [InlineData(30, 300, 900, 4, 30)]
    public void ErlangA_ServiceLevel_AgreesWithStepByStepUniformization(double calls, double aht, double patience, int agents, double target)
    {
        var request = new StaffingRequest(calls, 30, aht, target, 0.8, PatienceSeconds: patience);
        Assert.Equal(UniformizedServiceLevel(request, agents), ErlangA.Evaluate(request, agents).ServiceLevel, 9);
    }

    [Fact]
    public void TenThousandErlangs_StayFiniteAndNearSquareRootStaffing()
    {
        // 100,000 calls in 30 minutes at 180 s: 10,000 Erlangs; no occupancy cap, so the service level decides.
        var request = Interval(calls: 100_000) with { MaxOccupancy = 1 };
        var c = ErlangC.Required(request);
        var a = ErlangA.Required(request);
        Assert.InRange(c.Agents, 10_001, 10_000 + (3 * 100)); // A + up to 3√A

        // With 300 s of patience a centre this large runs just below its traffic: ~5 % hang up after a short wait.
        Assert.InRange(a.Agents, 9_400, 10_000);
        Assert.InRange(a.AbandonmentRate!.Value, 0.04, 0.05);
        foreach (var r in new[] { c, a })
        {
            Assert.InRange(r.ServiceLevel, 0.80, 1);
            Assert.True(double.IsFinite(r.AverageSpeedOfAnswerSeconds));
            Assert.InRange(r.WaitProbability, 0, 1);
        }

        // With the cap, occupancy decides: ⌈10,000 ÷ 0.85⌉.
        Assert.Equal(11_765, ErlangC.Required(request with { MaxOccupancy = 0.85 }).Agents);

        // Abandonment can only help: Erlang A never asks for more agents than Erlang C.
        Assert.True(a.Agents <= c.Agents, $"A {a.Agents} vs C {c.Agents}");
        Assert.True(ErlangA.Evaluate(request, c.Agents - 1).ServiceLevel >= 0.75);
    }

    [Fact]
    public void OverloadedCentre_WeightsThatGrowForThousandsOfStates_DoNotOverflow()
    {
        // 10,000 Erlangs on 6,000 agents with patient callers: the queue is long, most callers give up.
        var p = ErlangA.Evaluate(Interval(calls: 100_000, patience: 600), 6_000);
        Assert.InRange(p.AbandonmentRate, 0.35, 0.45);
        Assert.InRange(p.ServiceLevel, 0, 0.05);
        Assert.Equal(1, p.WaitProbability, 3);
        Assert.Equal(1, p.Occupancy, 3);
        Assert.True(double.IsFinite(p.AverageSpeedOfAnswerSeconds));
    }

    [Fact]
    public void NoCalls_NeedNoAgents()
    {
        Assert.Equal(0, ErlangC.Required(Interval(calls: 0)).Agents);
        Assert.Equal(0, ErlangA.Required(Interval(calls: 0)).ScheduledAgents);
    }

    [Fact]
    public void ATargetOfZeroSeconds_IsTheShareNotWaitingAtAll()
    {
        var request = Interval() with { TargetSeconds = 0 };
        var p = ErlangA.Evaluate(request, 13);
        Assert.Equal(1 - p.WaitProbability, p.ServiceLevel, 12);
    }

    [Fact]
    public void OccupancyCap_CanDecideTheStaff()
    {
        // 60 % of 80 s handling at most: the service level alone would need fewer agents.
        var loose = Interval() with { ServiceLevel = 0.5, MaxOccupancy = 0.6 };
        var r = ErlangC.Required(loose);
        Assert.Equal(17, r.Agents); // ⌈10 ÷ 0.6⌉
        Assert.True(r.Occupancy <= 0.6);
    }

    [Theory]
    [InlineData(14, 0.30, 20)] // 14 ÷ 0.7 is 20.000000000000004 in floating point
    [InlineData(13, 0.30, 19)]
    [InlineData(10, 0, 10)]
    [InlineData(0, 0.5, 0)]
    public void ScheduledAgents_AllowForShrinkage(int agents, double shrinkage, int expected) =>
        Assert.Equal(expected, (Interval() with { Shrinkage = shrinkage }).Scheduled(agents));

    [Theory]
    [InlineData("calls", -1, 30, 180, 20, 0.8)]
    [InlineData("intervalMinutes", 100, 0, 180, 20, 0.8)]
    [InlineData("ahtSeconds", 100, 30, 0, 20, 0.8)]
    [InlineData("targetSeconds", 100, 30, 180, -5, 0.8)]
    [InlineData("serviceLevel", 100, 30, 180, 20, 1.0)]
    [InlineData("serviceLevel", 100, 30, 180, 20, 0)]
    [InlineData("calls", 10_000_000, 1, 36_000, 20, 0.8)] // 6,000,000 Erlangs
    public void BadInput_NamesTheField(string field, double calls, double interval, double aht, double target, double level)
    {
        var error = Assert.Throws<ValidationFailedException>(() => new StaffingRequest(calls, interval, aht, target, level).Validate(erlangA: false));
        Assert.Contains(field, error.Errors.Keys);
    }

    [Fact]
    public void ErlangA_NeedsAPatience()
    {
        var error = Assert.Throws<ValidationFailedException>(() => Interval(patience: double.PositiveInfinity).Validate(erlangA: true));
        Assert.Equal(["patienceSeconds"], error.Errors.Keys);
        Interval().Validate(erlangA: true);
    }

    /// <summary>P(wait) = (A^N/N!·N/(N−A)) ÷ (Σ_{k&lt;N} A^k/k! + A^N/N!·N/(N−A)), every term in logarithms.</summary>
    private static double ClosedFormWaitProbability(double a, int n)
    {
        var logTerms = new double[n + 1];
        var logFactorial = 0.0;
        for (var k = 0; k <= n; k++)
        {
            if (k > 0)
            {
                logFactorial += Math.Log(k);
            }

            logTerms[k] = (k * Math.Log(a)) - logFactorial;
        }

        logTerms[n] += Math.Log(n / (n - a));
        var max = logTerms.Max();
        var sum = logTerms.Sum(t => Math.Exp(t - max));
        return Math.Exp(logTerms[n] - max) / sum;
    }

    /// <summary>
    /// An independent service level for small queues: the stationary distribution in plain numbers, then one
    /// arriving caller's chain (q ahead → q−1 at Nμ + qθ, own hang-up at θ) stepped by uniformization.
    /// </summary>
    private static double UniformizedServiceLevel(StaffingRequest request, int n)
    {
        double lambda = request.ArrivalRate, mu = 1 / request.AhtSeconds, theta = 1 / request.PatienceSeconds, a = lambda / mu;
        var weights = new List<double> { 1 }; // π(0), π(1), … unnormalised
        for (var k = 1; k <= n; k++)
        {
            weights.Add(weights[^1] * a / k);
        }

        for (var j = 1; weights[^1] > 1e-20 * weights.Max(); j++)
        {
            weights.Add(weights[^1] * lambda / ((n * mu) + (j * theta)));
        }

        var total = weights.Sum();
        var p = weights.Skip(n).Select(w => w / total).ToArray();
        var noWait = weights.Take(n).Sum() / total;
        var uniform = (n * mu) + (p.Length * theta);
        var x = uniform * request.TargetSeconds;
        double answered = 0, within = 0, poisson = Math.Exp(-x);
        for (var step = 0; step < x + (20 * Math.Sqrt(x)) + 50; step++)
        {
            within += poisson * answered;
            var next = new double[p.Length];
            for (var q = 0; q < p.Length; q++)
            {
                var ahead = (n * mu) + (q * theta);
                if (q == 0)
                {
                    answered += p[q] * ahead / uniform;
                }
                else
                {
                    next[q - 1] += p[q] * ahead / uniform;
                }

                next[q] += p[q] * (1 - ((ahead + theta) / uniform));
            }

            p = next;
            poisson *= x / (step + 1);
        }

        return noWait + within;
    }

    private sealed record Simulated(double ServiceLevel, double WaitProbability, double Abandonment, double Occupancy);

    /// <summary>
    /// A first-come-first-served queue played caller by caller: each caller takes the agent who frees first,
    /// unless their patience runs out before then, in which case they hang up and take nobody's time.
    /// </summary>
    private static Simulated Simulate(StaffingRequest request, int agents, int callers, int seed)
    {
        var random = new Random(seed);
        double Exponential(double mean) => -mean * Math.Log(1 - random.NextDouble());
        var free = new PriorityQueue<int, double>();
        for (var i = 0; i < agents; i++)
        {
            free.Enqueue(i, 0);
        }

        var clock = 0.0;
        int inTime = 0, waited = 0, abandoned = 0;
        var busy = 0.0;
        var warmUp = callers / 10;
        var startClock = 0.0;
        for (var c = 0; c < callers + warmUp; c++)
        {
            clock += Exponential(1 / request.ArrivalRate);
            if (c == warmUp)
            {
                startClock = clock;
            }

            free.TryPeek(out var agent, out var freeAt);
            var wait = Math.Max(0, freeAt - clock);
            var counted = c >= warmUp;
            if (counted && wait > 0)
            {
                waited++;
            }

            if (wait > 0 && Exponential(request.PatienceSeconds) < wait)
            {
                if (counted)
                {
                    abandoned++;
                }

                continue;
            }

            var handle = Exponential(request.AhtSeconds);
            free.Dequeue();
            free.Enqueue(agent, clock + wait + handle);
            if (counted)
            {
                busy += handle;
                if (wait <= request.TargetSeconds)
                {
                    inTime++;
                }
            }
        }

        double n = callers;
        return new Simulated(inTime / n, waited / n, abandoned / n, busy / (agents * (clock - startClock)));
    }
}
