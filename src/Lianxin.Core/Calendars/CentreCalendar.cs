using System.Globalization;
using System.Text.Json;
using Lianxin.Core.Common;
using Lianxin.Core.Data;
using Lianxin.Core.Deadlines;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Lianxin.Core.Calendars;

/// <summary>The calendar settings an admin changes: working hours, time zone, and the 临期 rule.</summary>
public sealed record CalendarSettings(IReadOnlyList<WorkPeriod> WorkingHours, string TimeZone, decimal ApproachingFraction, int ApproachingMinimumMinutes)
{
    public const string Key = "calendar.settings";

    public static CalendarSettings Defaults(string timeZone) =>
        new(Calendars.WorkingHours.Default.Periods, timeZone, ApproachingRule.Default.SpanFraction, (int)ApproachingRule.Default.MinimumLeft.TotalMinutes);
}

/// <summary>
/// The centre's working calendar and deadline rules: the shipped schedule, replaced year by year by
/// imported ones, plus local overrides and settings from the database. Cached; rebuilt after a local
/// change and at most <see cref="MaxAge"/> after a change made by another instance.
/// </summary>
public sealed class CentreCalendar(TimeProvider clock, IOptions<CentreOptions> centre) : IDisposable
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _reload = new(1, 1);
    private (DeadlineRules Rules, CalendarSettings Settings, DateTimeOffset LoadedAt)? _cached;

    public void Invalidate() => _cached = null;

    public void Dispose() => _reload.Dispose();

    public async Task<DeadlineRules> GetAsync(LianxinDbContext db, CancellationToken ct) => (await LoadAsync(db, ct)).Rules;

    public async Task<CalendarSettings> SettingsAsync(LianxinDbContext db, CancellationToken ct) => (await LoadAsync(db, ct)).Settings;

    private async Task<(DeadlineRules Rules, CalendarSettings Settings, DateTimeOffset LoadedAt)> LoadAsync(LianxinDbContext db, CancellationToken ct)
    {
        if (_cached is { } c && clock.GetUtcNow() - c.LoadedAt < MaxAge)
        {
            return c;
        }

        await _reload.WaitAsync(ct);
        try
        {
            if (_cached is { } again && clock.GetUtcNow() - again.LoadedAt < MaxAge)
            {
                return again;
            }

            var imported = await db.ImportedHolidayYears.AsNoTracking().ToListAsync(ct);
            var importedYears = imported.Select(y => HolidayYear.Parse(y.Json)).ToList();
            var years = ShippedHolidays.Load().Where(s => importedYears.All(i => i.Year != s.Year)).Concat(importedYears).ToList();
            var overrides = await db.CalendarOverrides.AsNoTracking()
                .Select(o => new DayOverride(o.Date, o.IsWorkday, o.Name)).ToListAsync(ct);
            var settings = await ReadSettingsAsync(db, centre.Value.TimeZone, ct);
            var calendar = new WorkingCalendar(years, overrides, new WorkingHours(settings.WorkingHours), TimeZoneInfo.FindSystemTimeZoneById(settings.TimeZone));
            var rules = new DeadlineRules(calendar, new ApproachingRule(settings.ApproachingFraction, TimeSpan.FromMinutes(settings.ApproachingMinimumMinutes)));
            var loaded = (rules, settings, clock.GetUtcNow());
            _cached = loaded;
            return loaded;
        }
        finally
        {
            _reload.Release();
        }
    }

    internal static async Task<CalendarSettings> ReadSettingsAsync(LianxinDbContext db, string defaultZone, CancellationToken ct)
    {
        var row = await db.AppSettings.AsNoTracking().SingleOrDefaultAsync(s => s.Key == CalendarSettings.Key, ct);
        if (row is null)
        {
            return CalendarSettings.Defaults(defaultZone);
        }

        using var doc = JsonDocument.Parse(row.Value);
        var root = doc.RootElement;
        var hours = root.GetProperty("workingHours").EnumerateArray()
            .Select(p => new WorkPeriod(
                TimeOnly.ParseExact(p.GetProperty("start").GetString()!, "HH:mm", CultureInfo.InvariantCulture),
                TimeOnly.ParseExact(p.GetProperty("end").GetString()!, "HH:mm", CultureInfo.InvariantCulture)))
            .ToList();
        return new CalendarSettings(hours, root.GetProperty("timeZone").GetString()!, root.GetProperty("approachingFraction").GetDecimal(), root.GetProperty("approachingMinimumMinutes").GetInt32());
    }

    internal static string WriteSettings(CalendarSettings s) => JsonSerializer.Serialize(new
    {
        workingHours = s.WorkingHours.Select(p => new { start = p.Start.ToString("HH:mm", CultureInfo.InvariantCulture), end = p.End.ToString("HH:mm", CultureInfo.InvariantCulture) }),
        timeZone = s.TimeZone,
        approachingFraction = s.ApproachingFraction,
        approachingMinimumMinutes = s.ApproachingMinimumMinutes,
    });
}
