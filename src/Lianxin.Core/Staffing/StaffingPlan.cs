namespace Lianxin.Core.Staffing;

/// <summary>The centre's staffing goals and handling figures, applied to every interval of a plan.</summary>
public sealed record StaffingGoals(
    double AhtSeconds, double PatienceSeconds, double TargetSeconds = 15, double ServiceLevel = 0.8,
    double MaxAbandonment = 0.05, double MaxOccupancy = 0.85, double Shrinkage = 0.3, int EmergencyLines = 0)
{
    public StaffingRequest For(double calls, double intervalMinutes) =>
        new(calls, intervalMinutes, AhtSeconds, TargetSeconds, ServiceLevel, MaxOccupancy, Shrinkage, PatienceSeconds, MaxAbandonment);
}

/// <summary>
/// One interval of a staffing plan: the calls forecast, the agents needed on the phones (Erlang A) and to
/// schedule, the agents rostered, the gap (people to schedule − people rostered), how the interval would run
/// with the rostered agents (less shrinkage), and how many emergency lines (应急坐席) to open: the agents
/// missing on the phones, up to the lines the centre has.
/// </summary>
public sealed record PlanInterval(
    TimeOnly Start, double Calls, int AgentsNeeded, int ScheduledNeeded, int Rostered, int Gap,
    double? ServiceLevelAsRostered, double? AbandonmentAsRostered, int EmergencyLines);

/// <summary>A day's plan (DOMAIN.md "Forecast"): per interval, forecast against roster.</summary>
public sealed record DayPlan(DayForecast Forecast, IReadOnlyList<PlanInterval> Intervals)
{
    /// <summary>The half-hours that need the emergency lines open, as spans (08:30–11:00 …).</summary>
    public IReadOnlyList<(TimeOnly From, TimeOnly To)> EmergencySpans
    {
        get
        {
            var spans = new List<(TimeOnly, TimeOnly)>();
            TimeOnly? open = null;
            foreach (var i in Intervals)
            {
                if (i.EmergencyLines > 0)
                {
                    open ??= i.Start;
                }
                else if (open is { } from)
                {
                    spans.Add((from, i.Start));
                    open = null;
                }
            }

            if (open is { } last)
            {
                spans.Add((last, TimeOnly.MaxValue));
            }

            return spans;
        }
    }

    public static DayPlan For(DayForecast forecast, StaffingGoals goals, IReadOnlyList<int> rostered)
    {
        const double minutes = 24 * 60 / CallForecast.IntervalsPerDay;
        var intervals = new List<PlanInterval>(forecast.Calls.Count);
        for (var i = 0; i < forecast.Calls.Count; i++)
        {
            var calls = forecast.Calls[i];
            var request = goals.For(calls, minutes);
            var need = ErlangA.Required(request);
            var onShift = i < rostered.Count ? rostered[i] : 0;
            var gap = Math.Max(0, need.ScheduledAgents - onShift);

            // The rostered people, less the shrinkage, are who actually take calls.
            var onPhones = (int)Math.Floor((onShift * (1 - goals.Shrinkage)) + 1e-9);
            double? level = null, abandonment = null;
            if (calls > 0)
            {
                var asRostered = ErlangA.Evaluate(request, onPhones);
                level = asRostered.ServiceLevel;
                abandonment = asRostered.AbandonmentRate;
            }

            intervals.Add(new PlanInterval(
                TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(i * minutes)), calls, need.Agents, need.ScheduledAgents, onShift, gap,
                level, abandonment, Math.Min(Math.Max(0, need.Agents - onPhones), goals.EmergencyLines)));
        }

        return new DayPlan(forecast, intervals);
    }
}
