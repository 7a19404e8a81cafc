using Lianxin.Core.Calendars;

namespace Lianxin.Core.Deadlines;

/// <summary>A centre-approved pause (waiting for the requester); an open one has no end yet.</summary>
public readonly record struct Suspension(DateTime FromUtc, DateTime? ToUtc);

/// <summary>Deadline arithmetic: pure functions of instants (UTC), limits and a working calendar.</summary>
public static class DeadlineCalculator
{
    public static DateTime Due(DateTime startUtc, TimeLimit limit, WorkingCalendar calendar) => limit.Unit switch
    {
        DurationUnit.NaturalHours => startUtc + limit.AsTime,
        DurationUnit.WorkingHours => calendar.AddWorkingTime(startUtc, limit.AsTime),
        _ => calendar.EndOfWorkingDayUtc(calendar.AddWorkingDays(calendar.LocalDate(startUtc), limit.Quantity)),
    };

    /// <summary>
    /// The due instant when suspended intervals do not count: each pause that starts before the (moving)
    /// due instant pushes it later by the time it took, measured the way the limit is — natural time for
    /// natural hours, working time for working hours and working days. An open pause counts up to
    /// <paramref name="nowUtc"/>, so a suspended order's due instant keeps moving until it resumes.
    /// </summary>
    public static DateTime Due(DateTime startUtc, TimeLimit limit, WorkingCalendar calendar, IEnumerable<Suspension> suspensions, DateTime nowUtc)
    {
        var due = Due(startUtc, limit, calendar);
        foreach (var s in suspensions.OrderBy(s => s.FromUtc))
        {
            var from = s.FromUtc < startUtc ? startUtc : s.FromUtc;
            var to = s.ToUtc ?? nowUtc;
            if (from >= due || to <= from)
            {
                continue;
            }

            due = limit.Unit == DurationUnit.NaturalHours
                ? due + (to - from)
                : calendar.AddWorkingTime(due, calendar.WorkingTimeBetween(from, to));
        }

        return due;
    }

    /// <summary>An approved extension of N working days: the end of the N-th working day after the due day.</summary>
    public static DateTime Extend(DateTime dueUtc, int workingDays, WorkingCalendar calendar) =>
        calendar.EndOfWorkingDayUtc(calendar.AddWorkingDays(calendar.LocalDate(dueUtc), workingDays));

    /// <summary>A lower hop never gets more time than its parent has left.</summary>
    public static DateTime Slice(DateTime childDueUtc, DateTime parentDueUtc) => childDueUtc < parentDueUtc ? childDueUtc : parentDueUtc;

    /// <summary>Of the time a parent hop has left when it passes its part down, the share it keeps to check the reply.</summary>
    public const double ParentCheckShare = 0.2;

    /// <summary>The most a parent keeps to check: two natural hours on a natural-hour clock.</summary>
    public static readonly TimeSpan MaxNaturalCheck = TimeSpan.FromHours(2);

    /// <summary>
    /// The completion due of a lower hop dispatched at <paramref name="childStartUtc"/>: its parent's due,
    /// less the time the parent keeps to check the reply and forward it — a fifth of what the parent
    /// has left, at most two hours on a natural-hour clock and at most one working day's hours on a
    /// working clock, measured on that clock so that the due instant lands in working time. A parent
    /// already late passes on its own due instant: never more time than the parent has.
    /// </summary>
    public static DateTime WithinParent(DateTime childStartUtc, DateTime parentDueUtc, DurationUnit unit, WorkingCalendar calendar)
    {
        if (parentDueUtc <= childStartUtc)
        {
            return parentDueUtc;
        }

        if (unit == DurationUnit.NaturalHours)
        {
            var keep = TimeSpan.FromTicks((long)((parentDueUtc - childStartUtc).Ticks * ParentCheckShare));
            return parentDueUtc - (keep < MaxNaturalCheck ? keep : MaxNaturalCheck);
        }

        var left = calendar.WorkingTimeBetween(childStartUtc, parentDueUtc);
        var share = TimeSpan.FromTicks((long)(left.Ticks * ParentCheckShare));
        var reserve = share < calendar.Hours.PerDay ? share : calendar.Hours.PerDay;
        return reserve <= TimeSpan.Zero ? parentDueUtc : calendar.SubtractWorkingTime(parentDueUtc, reserve, atPeriodEnd: true);
    }

    /// <summary>
    /// When the deadline turns 临期: as soon as less than <see cref="ApproachingRule.SpanFraction"/> of the
    /// span, or less than <see cref="ApproachingRule.MinimumLeft"/>, is left — the earlier of the two
    /// instants — never before the start. Natural-hour
    /// deadlines count natural time; the others count working time.
    /// </summary>
    public static DateTime ApproachingAt(DateTime startUtc, DateTime dueUtc, DurationUnit unit, WorkingCalendar calendar, ApproachingRule rule)
    {
        DateTime byShare, byMinimum;
        if (unit == DurationUnit.NaturalHours)
        {
            var span = dueUtc - startUtc;
            byShare = dueUtc - TimeSpan.FromTicks((long)(span.Ticks * rule.SpanFraction));
            byMinimum = dueUtc - rule.MinimumLeft;
        }
        else
        {
            var span = calendar.WorkingTimeBetween(startUtc, dueUtc);
            byShare = calendar.SubtractWorkingTime(dueUtc, TimeSpan.FromTicks((long)(span.Ticks * rule.SpanFraction)));
            byMinimum = span > rule.MinimumLeft ? calendar.SubtractWorkingTime(dueUtc, rule.MinimumLeft) : startUtc;
        }

        var at = byShare < byMinimum ? byShare : byMinimum;
        return at < startUtc ? startUtc : at;
    }

    public static DeadlineState State(DateTime dueUtc, DateTime approachingAtUtc, DateTime nowUtc, DateTime? doneAtUtc)
    {
        if (doneAtUtc is { } done)
        {
            return done <= dueUtc ? DeadlineState.Met : DeadlineState.Overdue;
        }

        return nowUtc >= dueUtc ? DeadlineState.Overdue
            : nowUtc >= approachingAtUtc ? DeadlineState.Approaching
            : DeadlineState.OnTime;
    }
}
