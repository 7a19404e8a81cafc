using System.Globalization;

namespace Lianxin.Core.Deadlines;

/// <summary>How a time limit is counted (DOMAIN.md, Deadlines).</summary>
public enum DurationUnit
{
    /// <summary>自然小时: the clock never stops.</summary>
    NaturalHours,

    /// <summary>工作小时: only inside working hours of working days.</summary>
    WorkingHours,

    /// <summary>工作日: due at the end of the N-th working day after the start day.</summary>
    WorkingDays,
}

/// <summary>
/// A time limit. Hours are held as whole minutes (so "30 minutes" is exact), days as whole days: two
/// integers that store and compare without rounding.
/// </summary>
public readonly record struct TimeLimit
{
    public const int MaxHours = 24 * 365;
    public const int MaxDays = 365;

    private TimeLimit(int quantity, DurationUnit unit)
    {
        Quantity = quantity;
        Unit = unit;
    }

    /// <summary>Minutes for the hour units, days for <see cref="DurationUnit.WorkingDays"/>.</summary>
    public int Quantity { get; }

    public DurationUnit Unit { get; }

    /// <summary>In the unit's own measure: hours (possibly fractional) or days.</summary>
    public decimal Amount => Unit == DurationUnit.WorkingDays ? Quantity : Quantity / 60m;

    public TimeSpan AsTime => TimeSpan.FromMinutes(Quantity);

    public static TimeLimit NaturalHours(decimal hours) => From(hours, DurationUnit.NaturalHours);

    public static TimeLimit WorkingHours(decimal hours) => From(hours, DurationUnit.WorkingHours);

    public static TimeLimit WorkingDays(int days) => From(days, DurationUnit.WorkingDays);

    /// <summary>Validates: positive, whole minutes (hours) or whole days, and not absurdly long.</summary>
    public static TimeLimit From(decimal amount, DurationUnit unit)
    {
        if (!TryFrom(amount, unit, out var limit, out var problem))
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount, problem);
        }

        return limit;
    }

    public static bool TryFrom(decimal amount, DurationUnit unit, out TimeLimit limit, out string? problem)
    {
        limit = default;
        problem = null;
        if (amount <= 0)
        {
            problem = "must be greater than zero";
            return false;
        }

        if (unit == DurationUnit.WorkingDays)
        {
            if (amount != decimal.Truncate(amount) || amount > MaxDays)
            {
                problem = $"working days are whole days up to {MaxDays}";
                return false;
            }

            limit = new TimeLimit((int)amount, unit);
            return true;
        }

        var minutes = amount * 60;
        if (minutes != decimal.Truncate(minutes) || amount > MaxHours)
        {
            problem = $"hours are counted in whole minutes, up to {MaxHours} hours";
            return false;
        }

        limit = new TimeLimit((int)minutes, unit);
        return true;
    }

    /// <summary>Rebuilds a stored limit (quantity as stored in the database).</summary>
    public static TimeLimit FromStored(int quantity, DurationUnit unit) =>
        quantity > 0 ? new TimeLimit(quantity, unit) : throw new ArgumentOutOfRangeException(nameof(quantity));

    public override string ToString() => Unit switch
    {
        DurationUnit.WorkingDays => string.Create(CultureInfo.InvariantCulture, $"{Quantity} working days"),
        DurationUnit.WorkingHours => string.Create(CultureInfo.InvariantCulture, $"{Amount:0.##} working hours"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{Amount:0.##} hours"),
    };
}

/// <summary>The three targets of an order: sign-for (签收), first contact (联系), completion (办结).</summary>
public sealed record DeadlineTargets(TimeLimit SignFor, TimeLimit Contact, TimeLimit Completion);

public enum DeadlineKind
{
    SignFor,
    Contact,
    Completion,
}

public enum DeadlineState
{
    OnTime,
    Approaching,
    Overdue,
    Met,
}

/// <summary>When a deadline turns 临期: less than this share of its span, or less than this much time, is left.</summary>
public sealed record ApproachingRule(decimal SpanFraction, TimeSpan MinimumLeft)
{
    public static ApproachingRule Default { get; } = new(0.25m, TimeSpan.FromHours(1));
}
