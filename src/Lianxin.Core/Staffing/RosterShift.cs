using System.Globalization;
using Lianxin.Core.Common;

namespace Lianxin.Core.Staffing;

/// <summary>
/// When a shift runs, in the centre's local time: it starts on <see cref="Date"/> at <see cref="Start"/> and
/// ends at <see cref="End"/>, the next day when <see cref="End"/> is not after <see cref="Start"/> (a night
/// shift 22:00–06:00); equal times are a 24-hour duty (24 小时值班), as small centres run.
/// </summary>
public readonly record struct ShiftTimes(DateOnly Date, TimeOnly Start, TimeOnly End)
{
    public bool EndsNextDay => End <= Start;

    public int LengthMinutes => EndsNextDay ? MinuteOfDay(End) + (1440 - MinuteOfDay(Start)) : MinuteOfDay(End) - MinuteOfDay(Start);

    /// <summary>Minutes since 0001-01-01 local: shifts on different days compare on one line.</summary>
    public long StartMinute => ((long)Date.DayNumber * 1440) + MinuteOfDay(Start);

    public long EndMinute => StartMinute + LengthMinutes;

    /// <summary>Whether the two share any minute (touching ends, 08:00–16:00 then 16:00–24:00, do not).</summary>
    public bool Overlaps(ShiftTimes other) => StartMinute < other.EndMinute && other.StartMinute < EndMinute;

    /// <summary><c>08:00–16:00</c>, or <c>22:00–次日06:00</c> when it ends the next day.</summary>
    public Text Describe() => new(
        $"{Hhmm(Start)}–{(EndsNextDay ? "次日" : "")}{Hhmm(End)}",
        $"{Hhmm(Start)}–{Hhmm(End)}{(EndsNextDay ? " (next day)" : "")}");

    public static int MinuteOfDay(TimeOnly t) => (t.Hour * 60) + t.Minute;

    public static string Hhmm(TimeOnly t) => t.ToString("HH:mm", CultureInfo.InvariantCulture);
}

/// <summary>
/// 排班: one agent's shift on one day (issue 10, "Staffing"). Shifts of one agent never overlap; a
/// <see cref="Kind"/> says what the shift is for, such as 应急坐席 (an emergency line) or 夜班.
/// Shifts are planning data, not history: they are changed and removed freely.
/// </summary>
public sealed class RosterShift
{
    public const int MaxKindLength = 20;
    public const int MaxNoteLength = 200;

    /// <summary>The kind that marks an emergency line (应急坐席), as scenario 4's heating hotline switches on.</summary>
    public const string EmergencyKind = "应急坐席";

    private RosterShift()
    {
    }

    public RosterShift(Guid id, Guid agentId, ShiftTimes times, string? kind, string? note, Guid? by, DateTime now)
    {
        Id = id;
        AgentId = agentId;
        CreatedAt = now;
        Set(times, kind, note, by, now);
    }

    public Guid Id { get; private set; }

    public Guid AgentId { get; private set; }

    /// <summary>The local day the shift starts on.</summary>
    public DateOnly Date { get; private set; }

    public TimeOnly Start { get; private set; }

    public TimeOnly End { get; private set; }

    public string? Kind { get; private set; }

    public string? Note { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    public Guid? UpdatedBy { get; private set; }

    public ShiftTimes Times => new(Date, Start, End);

    /// <summary>New times, kind and note; another agent takes the shift over when <paramref name="agentId"/> differs.</summary>
    public void Change(Guid agentId, ShiftTimes times, string? kind, string? note, Guid? by, DateTime now)
    {
        Set(times, kind, note, by, now);
        AgentId = agentId;
    }

    /// <summary>Whether nothing would change: a re-imported export leaves its shifts as they are.</summary>
    public bool Same(ShiftTimes times, string? kind, string? note) =>
        Times == times && string.Equals(Kind, Clean(kind), StringComparison.Ordinal) && string.Equals(Note, Clean(note), StringComparison.Ordinal);

    /// <summary>
    /// The agents on shift in each half hour of <paramref name="date"/> (48 intervals from 00:00): an agent counts
    /// in an interval when on shift at its middle, so a shift 08:00–16:00 covers 08:00 to 15:30 and one starting
    /// 08:20 is first counted from 08:30. Shifts of the day before reach in when they end after midnight; an
    /// agent counts once even with two shifts in one interval.
    /// </summary>
    public static int[] OnShift(DateOnly date, IEnumerable<(Guid AgentId, ShiftTimes Times)> shifts)
    {
        var agents = new HashSet<Guid>[CallForecast.IntervalsPerDay];
        var dayStart = (long)date.DayNumber * 1440;
        foreach (var (agent, times) in shifts)
        {
            for (var i = 0; i < agents.Length; i++)
            {
                var middle = dayStart + (i * 30) + 15;
                if (times.StartMinute <= middle && middle < times.EndMinute)
                {
                    (agents[i] ??= []).Add(agent);
                }
            }
        }

        return [.. agents.Select(a => a?.Count ?? 0)];
    }

    internal static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private void Set(ShiftTimes times, string? kind, string? note, Guid? by, DateTime now)
    {
        kind = Clean(kind);
        note = Clean(note);
        new Validator()
            .MaxLength("kind", kind, MaxKindLength)
            .MaxLength("note", note, MaxNoteLength)
            .ThrowIfInvalid();
        Date = times.Date;
        Start = times.Start;
        End = times.End;
        Kind = kind;
        Note = note;
        UpdatedAt = now;
        UpdatedBy = by;
    }
}

/// <summary>Reads a shift's date and times as people write them: 2026-11-24 or 2026/11/24, 8:00 or 08:00, and 24:00 for midnight at the end.</summary>
public static class ShiftText
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy/M/d", "yyyy-M-d", "yyyy.M.d"];

    public static DateOnly? Date(Validator v, string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            v.Add(field, new Text("必填（yyyy-MM-dd）。", "Required (yyyy-MM-dd)."));
            return null;
        }

        if (DateOnly.TryParseExact(text.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        v.Add(field, new Text($"“{text}”不是日期，应写作 2026-11-24。", $"'{text}' is not a date; write it as 2026-11-24."));
        return null;
    }

    public static TimeOnly? Time(Validator v, string field, string? text, bool isEnd)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            v.Add(field, new Text("必填（HH:mm）。", "Required (HH:mm)."));
            return null;
        }

        var t = text.Trim();
        if (isEnd && t is "24:00" or "24:00:00")
        {
            return TimeOnly.MinValue;
        }

        if (TimeOnly.TryParseExact(t, ["H:mm", "HH:mm", "H:mm:ss", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) && time.Second == 0)
        {
            return time;
        }

        v.Add(field, new Text($"“{text}”不是时间，应写作 08:00（结束可写 24:00）。", $"'{text}' is not a time; write it as 08:00 (24:00 allowed for an end)."));
        return null;
    }
}
