using System.Globalization;
using Lianxin.Core.Common;

namespace Lianxin.Core.Staffing;

/// <summary>
/// One 30-minute (or other) interval to staff (DOMAIN.md "Staffing"): the calls expected in it, how long
/// each takes, the service-level goal and the limits. <see cref="PatienceSeconds"/> and
/// <see cref="MaxAbandonment"/> are used by Erlang A only.
/// </summary>
public sealed record StaffingRequest(
    double Calls,
    double IntervalMinutes,
    double AhtSeconds,
    double TargetSeconds,
    double ServiceLevel,
    double MaxOccupancy = 1,
    double Shrinkage = 0,
    double PatienceSeconds = double.PositiveInfinity,
    double MaxAbandonment = 1)
{
    /// <summary>Offered traffic in Erlangs: calls × AHT ÷ interval.</summary>
    public double Traffic => Calls * AhtSeconds / (IntervalMinutes * 60);

    /// <summary>Calls arriving per second.</summary>
    public double ArrivalRate => Calls / (IntervalMinutes * 60);

    /// <summary>The largest traffic the calculators accept (Erlangs); the maths is stable well beyond it.</summary>
    public const double MaxTraffic = 200_000;

    /// <summary>Agents to schedule for <paramref name="agents"/> on the phones: ⌈agents ÷ (1 − shrinkage)⌉, without a rounding error turning 14 ÷ 0.7 into 21.</summary>
    public int Scheduled(int agents) => agents == 0 ? 0 : (int)Math.Ceiling((agents / (1 - Shrinkage)) - 1e-9);

    /// <summary>Checks every field, naming the offending ones (API field names), as one bilingual error.</summary>
    public StaffingRequest Validate(bool erlangA)
    {
        var v = new Validator();
        Between(v, "calls", Calls, 0, 10_000_000, inclusiveLow: true);
        Between(v, "intervalMinutes", IntervalMinutes, 1, 1440, inclusiveLow: true);
        Between(v, "ahtSeconds", AhtSeconds, 1, 36_000, inclusiveLow: true);
        Between(v, "targetSeconds", TargetSeconds, 0, 3600, inclusiveLow: true);
        Between(v, "serviceLevel", ServiceLevel, 0, 0.9999, inclusiveLow: false);
        Between(v, "maxOccupancy", MaxOccupancy, 0, 1, inclusiveLow: false);
        Between(v, "shrinkage", Shrinkage, 0, 0.95, inclusiveLow: true);
        if (erlangA)
        {
            Between(v, "patienceSeconds", PatienceSeconds, 1, 36_000, inclusiveLow: true);
            Between(v, "maxAbandonment", MaxAbandonment, 0, 1, inclusiveLow: false);
        }

        if (v.IsValid && Traffic > MaxTraffic)
        {
            v.Add("calls", new Text(
                $"话务量 {Traffic.ToString("0", CultureInfo.InvariantCulture)} 爱尔兰超过可计算的上限 {MaxTraffic:0}。",
                $"The traffic of {Traffic.ToString("0", CultureInfo.InvariantCulture)} Erlangs is above the {MaxTraffic:0} the calculator accepts."));
        }

        v.ThrowIfInvalid();
        return this;
    }

    private static void Between(Validator v, string field, double value, double low, double high, bool inclusiveLow)
    {
        var ok = double.IsFinite(value) && (inclusiveLow ? value >= low : value > low) && value <= high;
        if (!ok)
        {
            var lo = low.ToString(CultureInfo.InvariantCulture);
            var hi = high.ToString(CultureInfo.InvariantCulture);
            v.Add(field, inclusiveLow
                ? new Text($"应在 {lo} 到 {hi} 之间。", $"Must be between {lo} and {hi}.")
                : new Text($"应大于 {lo} 且不超过 {hi}。", $"Must be above {lo} and at most {hi}."));
        }
    }
}

/// <summary>
/// What an interval needs: the fewest agents on the phones meeting every goal, the agents to schedule
/// once shrinkage (breaks, training, absence) is allowed for, and how the interval would run with them.
/// <see cref="AbandonmentRate"/> is null for Erlang C, which assumes nobody hangs up.
/// </summary>
public sealed record StaffingResult(
    int Agents,
    int ScheduledAgents,
    double ServiceLevel,
    double Occupancy,
    double WaitProbability,
    double AverageSpeedOfAnswerSeconds,
    double? AbandonmentRate);

/// <summary>How an interval runs with a given number of agents (one evaluation of a queue model).</summary>
public readonly record struct QueuePerformance(
    double WaitProbability, double ServiceLevel, double AverageSpeedOfAnswerSeconds, double Occupancy, double AbandonmentRate);
