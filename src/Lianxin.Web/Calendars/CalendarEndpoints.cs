using System.Globalization;
using System.Security.Claims;
using Lianxin.Core.Calendars;
using Lianxin.Core.Common;
using Lianxin.Core.Data;
using Lianxin.Core.Identity;
using Lianxin.Web.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Lianxin.Web.Calendars;

public sealed record CalendarDayResponse(string Date, bool IsWorkday, string? Name, string Kind);

public sealed record WorkingDayResponse(string Date);

public sealed record ImportResponse(int Year, int Days, bool Replaced);

public sealed record OverrideRequest(string? Date, bool? IsWorkday, string? Name);

public sealed record PeriodDto(string? Start, string? End);

public sealed record CalendarSettingsDto(IReadOnlyList<PeriodDto>? WorkingHours, string? TimeZone, decimal? ApproachingFraction, int? ApproachingMinimumMinutes);

/// <summary>工作日历: which days are working days (调休 included), working hours and time zone (API.md).</summary>
public static class CalendarEndpoints
{
    public static IEndpointRouteBuilder MapCalendarEndpoints(this IEndpointRouteBuilder app)
    {
        var calendar = app.MapGroup("/api/v1/calendar").WithTags("Calendar").RequireAuthorization();
        calendar.MapGet("/days/{date}", Day).WithSummary("Whether a date is a working day, and why (holiday, 调休 make-up day, local override)");
        calendar.MapGet("/working-days", WorkingDays).WithSummary("The n-th working day after a date (the date itself never counts)");
        calendar.MapPost("/import", Import).WithSummary("Import one year of the State Council schedule in holiday-cn JSON (admin); replaces that year")
            .Accepts<object>("application/json");
        calendar.MapGet("/overrides", Overrides).WithSummary("The centre's local days off and extra working days");
        calendar.MapPut("/overrides", SetOverride).WithSummary("Add or change a local day off or extra working day (admin)");
        calendar.MapDelete("/overrides/{date}", RemoveOverride).WithSummary("Remove a local override (admin)");
        calendar.MapGet("/settings", Settings).WithSummary("Working hours, time zone and the 临期 rule");
        calendar.MapPut("/settings", SetSettings).WithSummary("Change working hours, time zone or the 临期 rule (admin); applies to deadlines computed from now on");
        return app;
    }

    private static DateOnly ParseDate(string? text, string field) => ManageCalendar.ParseDate(text, field);

    private static CalendarDayResponse ToResponse(CalendarDay day) =>
        new(WorkingCalendar.Format(day.Date), day.IsWorkday, day.Name, System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(day.Kind.ToString()));

    private static async Task<Ok<CalendarDayResponse>> Day(string date, CentreCalendar calendar, LianxinDbContext db, CancellationToken ct)
    {
        var d = ParseDate(date, "date");
        var rules = await calendar.GetAsync(db, ct);
        return TypedResults.Ok(ToResponse(rules.Calendar.Describe(d)));
    }

    private static async Task<Ok<WorkingDayResponse>> WorkingDays(string? from, int? add, CentreCalendar calendar, LianxinDbContext db, CancellationToken ct)
    {
        var v = new Validator();
        v.Required("add", add).Range("add", add, 0, 3650);
        v.ThrowIfInvalid();
        var d = ParseDate(from, "from");
        var rules = await calendar.GetAsync(db, ct);
        return TypedResults.Ok(new WorkingDayResponse(WorkingCalendar.Format(rules.Calendar.AddWorkingDays(d, add!.Value))));
    }

    private static async Task<Ok<ImportResponse>> Import(HttpContext http, ClaimsPrincipal principal, ManageCalendar manage, CancellationToken ct)
    {
        var actor = principal.ToActor();
        actor.Require(Role.Admin, new Text("导入节假日安排", "import holiday schedules"));
        if (!http.Request.HasJsonContentType())
        {
            throw new BadHttpRequestException("Expected JSON.", 415);
        }

        using var reader = new StreamReader(http.Request.Body);
        var imported = await manage.ImportAsync(actor, await reader.ReadToEndAsync(ct), ct);
        return TypedResults.Ok(new ImportResponse(imported.Year, imported.Days, imported.Replaced));
    }

    private static async Task<Ok<List<CalendarDayResponse>>> Overrides(LianxinDbContext db, CancellationToken ct)
    {
        var rows = await db.CalendarOverrides.AsNoTracking().OrderBy(o => o.Date).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(o => ToResponse(new CalendarDay(o.Date, o.IsWorkday, o.Name, o.IsWorkday ? CalendarDayKind.LocalWorkday : CalendarDayKind.LocalDayOff))).ToList());
    }

    private static async Task<Ok<CalendarDayResponse>> SetOverride(OverrideRequest request, ClaimsPrincipal principal, ManageCalendar manage, CancellationToken ct)
    {
        return TypedResults.Ok(ToResponse(await manage.SetOverrideAsync(principal.ToActor(), request.Date, request.IsWorkday, request.Name, ct)));
    }

    private static async Task<NoContent> RemoveOverride(string date, ClaimsPrincipal principal, ManageCalendar manage, CancellationToken ct)
    {
        var actor = principal.ToActor();
        actor.Require(Role.Admin, new Text("维护工作日历", "change the calendar"));
        await manage.RemoveOverrideAsync(actor, ParseDate(date, "date"), ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<CalendarSettingsDto>> Settings(CentreCalendar calendar, LianxinDbContext db, CancellationToken ct) =>
        TypedResults.Ok(ToDto(await calendar.SettingsAsync(db, ct)));

    private static async Task<Ok<CalendarSettingsDto>> SetSettings(CalendarSettingsDto request, ClaimsPrincipal principal, ChangeCalendarSettings change, CancellationToken ct)
    {
        var input = new CalendarSettingsInput(
            request.WorkingHours?.Select(p => p is null ? null : new PeriodInput(p.Start, p.End)).ToList(),
            request.TimeZone, request.ApproachingFraction, request.ApproachingMinimumMinutes);
        return TypedResults.Ok(ToDto(await change.ExecuteAsync(principal.ToActor(), input, ct)));
    }

    private static CalendarSettingsDto ToDto(CalendarSettings s) => new(
        s.WorkingHours.Select(p => new PeriodDto(p.Start.ToString("HH:mm", CultureInfo.InvariantCulture), p.End.ToString("HH:mm", CultureInfo.InvariantCulture))).ToList(),
        s.TimeZone, s.ApproachingFraction, s.ApproachingMinimumMinutes);
}
