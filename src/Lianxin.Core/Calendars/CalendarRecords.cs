namespace Lianxin.Core.Calendars;

/// <summary>A holiday-cn year imported by an admin; replaces the shipped file of the same year.</summary>
public sealed class ImportedHolidayYear
{
    public int Year { get; set; }

    public string Json { get; set; } = "";

    public DateTime ImportedAt { get; set; }

    public Guid? ImportedBy { get; set; }
}

/// <summary>A local day off or extra working day an admin set.</summary>
public sealed class CalendarOverride
{
    public const int MaxNameLength = 50;

    public DateOnly Date { get; set; }

    public bool IsWorkday { get; set; }

    public string? Name { get; set; }

    public DateTime CreatedAt { get; set; }

    public Guid? CreatedBy { get; set; }
}
