using Lianxin.Core.Common;
using Lianxin.Core.Data;
using Lianxin.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace Lianxin.Core.Calendars;

/// <summary>What importing a holiday year did: its year, how many days it lists, and whether it replaced a schedule already known.</summary>
public sealed record HolidayImport(int Year, int Days, bool Replaced);

/// <summary>
/// An admin changes the working calendar: imports a year of the State Council schedule (replacing that
/// year), adds or removes a local day off or extra working day. The API and the console both call it.
/// </summary>
public sealed class ManageCalendar(LianxinDbContext db, CentreCalendar calendar, TimeProvider clock)
{
    private static readonly Text ChangeCalendar = new("维护工作日历", "change the calendar");

    public async Task<HolidayImport> ImportAsync(Actor actor, string json, CancellationToken ct)
    {
        actor.Require(Role.Admin, new Text("导入节假日安排", "import holiday schedules"));
        HolidayYear year;
        try
        {
            year = HolidayYear.Parse(json);
        }
        catch (CalendarFormatException ex)
        {
            throw ex.ToValidation();
        }

        var existing = await db.ImportedHolidayYears.SingleOrDefaultAsync(y => y.Year == year.Year, ct);
        var replaced = existing is not null || ShippedHolidays.Load().Any(y => y.Year == year.Year);
        if (existing is null)
        {
            db.ImportedHolidayYears.Add(new ImportedHolidayYear { Year = year.Year, Json = json, ImportedAt = clock.GetUtcNow().UtcDateTime, ImportedBy = actor.UserId });
        }
        else
        {
            existing.Json = json;
            existing.ImportedAt = clock.GetUtcNow().UtcDateTime;
            existing.ImportedBy = actor.UserId;
        }

        await db.SaveChangesAsync(ct);
        calendar.Invalidate();
        return new HolidayImport(year.Year, year.Days.Count, replaced);
    }

    /// <summary>Sets a local day off or working day; <paramref name="date"/> as yyyy-MM-dd, as the API carries it.</summary>
    public async Task<CalendarDay> SetOverrideAsync(Actor actor, string? date, bool? isWorkday, string? name, CancellationToken ct)
    {
        actor.Require(Role.Admin, ChangeCalendar);
        var v = new Validator();
        v.Required("date", date, 10).Required("isWorkday", isWorkday).MaxLength("name", name, CalendarOverride.MaxNameLength);
        v.ThrowIfInvalid();
        return await SaveOverrideAsync(actor, ParseDate(date, "date"), isWorkday!.Value, name, ct);
    }

    public async Task<CalendarDay> SetOverrideAsync(Actor actor, DateOnly date, bool isWorkday, string? name, CancellationToken ct)
    {
        actor.Require(Role.Admin, ChangeCalendar);
        new Validator().MaxLength("name", name, CalendarOverride.MaxNameLength).ThrowIfInvalid();
        return await SaveOverrideAsync(actor, date, isWorkday, name, ct);
    }

    private async Task<CalendarDay> SaveOverrideAsync(Actor actor, DateOnly date, bool isWorkday, string? name, CancellationToken ct)
    {
        var row = await db.CalendarOverrides.SingleOrDefaultAsync(o => o.Date == date, ct);
        if (row is null)
        {
            row = new CalendarOverride { Date = date };
            db.CalendarOverrides.Add(row);
        }

        row.IsWorkday = isWorkday;
        row.Name = string.IsNullOrWhiteSpace(name) ? null : name.Trim();
        row.CreatedAt = clock.GetUtcNow().UtcDateTime;
        row.CreatedBy = actor.UserId;
        await db.SaveChangesAsync(ct);
        calendar.Invalidate();
        return new CalendarDay(date, row.IsWorkday, row.Name, row.IsWorkday ? CalendarDayKind.LocalWorkday : CalendarDayKind.LocalDayOff);
    }

    /// <summary>A yyyy-MM-dd date, or a validation error on <paramref name="field"/>.</summary>
    public static DateOnly ParseDate(string? text, string field) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d)
            ? d
            : throw ValidationFailedException.For(field, new Text("日期格式应为 yyyy-MM-dd。", "Use a yyyy-MM-dd date."));

    public async Task RemoveOverrideAsync(Actor actor, DateOnly date, CancellationToken ct)
    {
        actor.Require(Role.Admin, ChangeCalendar);
        var row = await db.CalendarOverrides.SingleOrDefaultAsync(o => o.Date == date, ct)
            ?? throw new NotFoundException(new Text("该日期没有本地调整。", "There is no local override on that date."));
        db.CalendarOverrides.Remove(row);
        await db.SaveChangesAsync(ct);
        calendar.Invalidate();
    }
}
