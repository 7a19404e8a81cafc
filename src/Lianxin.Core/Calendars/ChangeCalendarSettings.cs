using System.Globalization;
using Lianxin.Core.Common;
using Lianxin.Core.Data;
using Lianxin.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace Lianxin.Core.Calendars;

/// <summary>A working period as submitted: HH:mm start and end in the centre's local time.</summary>
public sealed record PeriodInput(string? Start, string? End);

/// <summary>The calendar settings as submitted; null leaves a setting as it is.</summary>
public sealed record CalendarSettingsInput(IReadOnlyList<PeriodInput?>? WorkingHours = null, string? TimeZone = null, decimal? ApproachingFraction = null, int? ApproachingMinimumMinutes = null);

/// <summary>
/// An admin changes the centre's working hours, time zone or 临期 rule. Deadlines are computed, with
/// their 临期 point, when an order is registered, dispatched, extended or resumed, and stored; so the
/// change applies to deadlines computed from now on and existing ones keep theirs. The API and the
/// console both call it.
/// </summary>
public sealed class ChangeCalendarSettings(LianxinDbContext db, CentreCalendar calendar)
{
    public const int MaxMinimumMinutes = 24 * 60;

    public async Task<CalendarSettings> ExecuteAsync(Actor actor, CalendarSettingsInput input, CancellationToken ct)
    {
        actor.Require(Role.Admin, new Text("维护工作日历", "change the calendar"));
        var current = await calendar.SettingsAsync(db, ct);
        var v = new Validator();
        var periods = input.WorkingHours is { } hours ? Periods(v, hours) ?? current.WorkingHours : current.WorkingHours;
        var zone = input.TimeZone?.Trim() ?? current.TimeZone;
        v.When(!TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _), "timeZone",
            new Text("未知时区，请使用 IANA 名称，如 Asia/Shanghai。", "Unknown time zone; use an IANA id such as Asia/Shanghai."));
        var fraction = input.ApproachingFraction ?? current.ApproachingFraction;
        v.When(fraction <= 0 || fraction >= 1, "approachingFraction", new Text("应大于 0 且小于 1（时限的 0%–100%）。", "Must be above 0 and below 1 (0–100% of the span)."));
        var minimum = input.ApproachingMinimumMinutes ?? current.ApproachingMinimumMinutes;
        v.Range("approachingMinimumMinutes", minimum, 0, MaxMinimumMinutes);
        v.ThrowIfInvalid();

        var settings = new CalendarSettings(periods, zone, fraction, minimum);
        var row = await db.AppSettings.SingleOrDefaultAsync(s => s.Key == CalendarSettings.Key, ct);
        if (row is null)
        {
            db.AppSettings.Add(new AppSetting { Key = CalendarSettings.Key, Value = CentreCalendar.WriteSettings(settings) });
        }
        else
        {
            row.Value = CentreCalendar.WriteSettings(settings);
        }

        await db.SaveChangesAsync(ct);
        calendar.Invalidate();
        return settings;
    }

    /// <summary>The periods when each is HH:mm and together they are non-empty, in order and apart; else null with the errors noted.</summary>
    private static List<WorkPeriod>? Periods(Validator v, IReadOnlyList<PeriodInput?> hours)
    {
        var parsed = new List<WorkPeriod>();
        var wellFormed = true;
        for (var i = 0; i < hours.Count; i++)
        {
            if (TimeOnly.TryParseExact(hours[i]?.Start, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start)
                && TimeOnly.TryParseExact(hours[i]?.End, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var end))
            {
                parsed.Add(new WorkPeriod(start, end));
            }
            else
            {
                wellFormed = false;
                v.Add($"workingHours[{i}]", new Text("时间格式应为 HH:mm。", "Use HH:mm times."));
            }
        }

        if (!wellFormed)
        {
            // Order and overlap are judged once every time reads; a half-read list would be misjudged.
            return null;
        }

        try
        {
            _ = new WorkingHours(parsed);
        }
        catch (ArgumentException)
        {
            v.Add("workingHours", new Text("工作时段不能为空，且须按时间先后排列、互不重叠。", "Periods must be non-empty, in order and not overlapping."));
            return null;
        }

        return parsed;
    }
}
