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

    public async Task<CalendarDay> SetOverrideAsync(Actor actor, DateOnly date, bool isWorkday, string? name, CancellationToken ct)
    {
        actor.Require(Role.Admin, ChangeCalendar);
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
