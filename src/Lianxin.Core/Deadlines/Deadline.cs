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

    /// <summary>
    /// Sets the due instant (from the limit, pauses and extensions, computed by the owner). A met
    /// deadline is settled here; a deadline that moved later (an extension, a pause) may go back to on
    /// time. Moving forward by the clock (临期, 超期) is left to the sweep, which records each such
    /// change in history and raises the 催办/督办 — the next-change instant tells it when.
    /// </summary>
    internal void Set(DateTime dueAt, DateTime? metAt, DateTime nowUtc, WorkingCalendar calendar, ApproachingRule rule)
    {
        DueAt = dueAt;
        MetAt = metAt;
        ApproachingAt = DeadlineCalculator.ApproachingAt(StartAt, dueAt, LimitUnit, calendar, rule);
        var live = StateAt(nowUtc);
        if (metAt is not null)
        {
            State = live;
        }
        else if (State is DeadlineState.Met || Rank(live) < Rank(State))
        {
            // Reopened (a reply sent back, a redo) or given more time: the clock runs from where it now stands,
            // and the sweep records any step forward.
            State = DeadlineState.OnTime;
        }
    }

    private static int Rank(DeadlineState state) => state switch
    {
        DeadlineState.OnTime => 0,
        DeadlineState.Approaching => 1,
        DeadlineState.Overdue => 2,
        _ => 3,
    };
}

/// <summary>What recomputing deadlines needs: the centre's calendar and its 临期 rule.</summary>
public sealed record DeadlineRules(WorkingCalendar Calendar, ApproachingRule Approaching);
