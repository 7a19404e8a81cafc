using Lianxin.Core.Calendars;

namespace Lianxin.Core.Deadlines;

/// <summary>
/// When an order's clocks and its hops' clocks are due, from the limits they were given and what has
/// happened since (approved extensions, pauses): a pure function, so the rule can be read and tested
/// on its own. The order applies the result (<c>WorkOrder.RecomputeDeadlines</c>).
/// </summary>
public static class OrderDeadlines
{
    /// <summary>A clock as it was started: its limit and the instant it started from.</summary>
    public readonly record struct Clock(TimeLimit Limit, DateTime StartAt);

    /// <summary>A hop with clocks of its own; <see cref="ParentId"/> names the hop that passed it down.</summary>
    public sealed record Hop(Guid Id, Guid? ParentId, DateTime DispatchedAt, Clock SignFor);

    public sealed record Facts(Clock SignFor, Clock Contact, Clock Completion, int ExtensionDays, IReadOnlyList<Suspension> Pauses, IReadOnlyList<Hop> Hops);

    public readonly record struct HopDue(DateTime SignFor, DateTime Completion);

    public sealed record Dues(DateTime SignFor, DateTime Contact, DateTime Completion, IReadOnlyDictionary<Guid, HopDue> Hops);

    /// <summary>
    /// The order's three due instants (pauses do not count; approved extensions move completion), and
    /// each hop's: a first-level hop has the order's completion, a lower one a slice of its parent's
    /// (<see cref="DeadlineCalculator.WithinParent"/>); a hop's sign-for is never past its own completion.
    /// </summary>
    public static Dues Compute(Facts facts, WorkingCalendar calendar, DateTime nowUtc)
    {
        DateTime Due(Clock c) => DeadlineCalculator.Due(c.StartAt, c.Limit, calendar, facts.Pauses, nowUtc);

        var completion = Due(facts.Completion);
        if (facts.ExtensionDays > 0)
        {
            completion = DeadlineCalculator.Extend(completion, facts.ExtensionDays, calendar);
        }

        var byId = facts.Hops.ToDictionary(h => h.Id);
        var completions = new Dictionary<Guid, DateTime>();
        DateTime HopCompletion(Hop hop)
        {
            if (!completions.TryGetValue(hop.Id, out var due))
            {
                // Parents first: a lower hop's time is cut from what its parent has.
                due = hop.ParentId is { } p && byId.TryGetValue(p, out var parent)
                    ? DeadlineCalculator.WithinParent(hop.DispatchedAt, HopCompletion(parent), facts.Completion.Limit.Unit, calendar)
                    : completion;
                completions[hop.Id] = due;
            }

            return due;
        }

        var hops = facts.Hops.ToDictionary(
            h => h.Id,
            h =>
            {
                var due = HopCompletion(h);
                return new HopDue(DeadlineCalculator.Slice(Due(h.SignFor), due), due);
            });
        return new Dues(Due(facts.SignFor), Due(facts.Contact), completion, hops);
    }
}
