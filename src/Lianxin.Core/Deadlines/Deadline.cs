using Lianxin.Core.Calendars;

namespace Lianxin.Core.Deadlines;

/// <summary>
/// One deadline of an order or a hop: the limit it was set with (kept, so a later policy change never
/// moves it), when its clock started, when it is due and turns 临期, and when it was met. Stored with
/// its owner; <see cref="State"/> is what the last write or sweep saw, <see cref="StateAt"/> is live.
/// </summary>
public sealed class Deadline
{
    private Deadline()
    {
    }

    public Deadline(TimeLimit limit, DateTime startAt)
    {
        LimitQuantity = limit.Quantity;
        LimitUnit = limit.Unit;
        StartAt = startAt;
    }

    public int LimitQuantity { get; private set; }

    public DurationUnit LimitUnit { get; private set; }

    public DateTime StartAt { get; private set; }

    public DateTime DueAt { get; private set; }

    public DateTime ApproachingAt { get; private set; }

    public DeadlineState State { get; private set; }

    public DateTime? MetAt { get; private set; }

    public TimeLimit Limit => TimeLimit.FromStored(LimitQuantity, LimitUnit);

    /// <summary>Whether a sweep may still have to mark it approaching or overdue.</summary>
    public bool IsPending => State is DeadlineState.OnTime or DeadlineState.Approaching;

    /// <summary>The next instant at which its state changes by the clock alone; null when settled.</summary>
    public DateTime? NextChangeAt => State switch
    {
        DeadlineState.OnTime => ApproachingAt,
        DeadlineState.Approaching => DueAt,
        _ => null,
    };

    public DeadlineState StateAt(DateTime nowUtc) => DeadlineCalculator.State(DueAt, ApproachingAt, nowUtc, MetAt);

    internal void Restart(DateTime startAt) => StartAt = startAt;

    /// <summary>Sets the due instant (from the limit, pauses and extensions, computed by the owner) and the state now.</summary>
    internal void Set(DateTime dueAt, DateTime? metAt, DateTime nowUtc, WorkingCalendar calendar, ApproachingRule rule)
    {
        DueAt = dueAt;
        MetAt = metAt;
        ApproachingAt = DeadlineCalculator.ApproachingAt(StartAt, dueAt, LimitUnit, calendar, rule);
        State = StateAt(nowUtc);
    }
}

/// <summary>What recomputing deadlines needs: the centre's calendar and its 临期 rule.</summary>
public sealed record DeadlineRules(WorkingCalendar Calendar, ApproachingRule Approaching);
