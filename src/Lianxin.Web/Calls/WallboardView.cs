using System.Globalization;
using Lianxin.Core.Calls;

namespace Lianxin.Web.Calls;

/// <summary>One bar of the day's curve in the board's SVG units, with its service-level point (null: nothing answered).</summary>
public sealed record CurveBar(int Slot, double X, double Width, double AnsweredY, double AbandonedY, double BaseY, double? ServiceLevelY, WallboardInterval Interval);

/// <summary>
/// What the wallboard (大屏) shows, worked out apart from its markup: the labels and colours of agent states,
/// the ticking clocks, when the board must reload without an event (a new half hour, local midnight, a callback
/// turning overdue) and the geometry of the day's curve.
/// </summary>
public static class WallboardView
{
    /// <summary>The curve's drawing area (SVG user units); the axis labels sit outside it.</summary>
    public const double CurveLeft = 46, CurveTop = 14, CurveWidth = 900, CurveHeight = 420;

    public const int SlotsPerDay = 48;

    public static string StateLabel(AgentState state, bool english) => AgentStateNames.Of(state, english);

    /// <summary>The CSS class of a state's colour (the label says it too: never colour alone).</summary>
    public static string StateClass(AgentState state) => state switch
    {
        AgentState.Ready => "s-ready",
        AgentState.OnCall => "s-oncall",
        AgentState.WrapUp => "s-wrapup",
        AgentState.NotReady => "s-notready",
        AgentState.Break => "s-break",
        _ => "s-out",
    };

    /// <summary>How tightly the agent grid packs its cards so a whole shift fits the wall: roomy up to 16 agents.</summary>
    public static string GridDensity(int agentsOnline) => agentsOnline switch
    {
        <= 16 => "",
        <= 36 => "crowded",
        <= 80 => "packed",
        _ => "dense",
    };

    /// <summary>A ticking clock: 0:07, 12:45, 1:02:03 (never negative).</summary>
    public static string Clock(TimeSpan span)
    {
        var s = (long)Math.Max(0, Math.Floor(span.TotalSeconds));
        return s >= 3600
            ? string.Create(CultureInfo.InvariantCulture, $"{s / 3600}:{s / 60 % 60:D2}:{s % 60:D2}")
            : string.Create(CultureInfo.InvariantCulture, $"{s / 60}:{s % 60:D2}");
    }

    /// <summary>A rate as 87.5%; "—" when it has no denominator (null, never 0 or 100 %).</summary>
    public static string Percent(double? rate) =>
        rate is { } r ? string.Create(CultureInfo.InvariantCulture, $"{r * 100:0.0}%") : "—";

    /// <summary>Seconds as a whole number (12 s); "—" when there is nothing to average.</summary>
    public static string Seconds(double? seconds) =>
        seconds is { } s ? Math.Round(s).ToString("0", CultureInfo.InvariantCulture) : "—";

    /// <summary>Whether the longest wait is past the service target (shown red).</summary>
    public static bool PastTarget(TimeSpan wait, int targetSeconds) => wait.TotalSeconds > targetSeconds;

    /// <summary>When the oldest waiting call was offered, from the figures' instant and its longest wait.</summary>
    public static DateTime? OldestWaitingSince(WallboardFigures figures) =>
        figures.LongestWaitSeconds is { } s ? figures.At.AddSeconds(-s) : null;

    /// <summary>
    /// The local half hour <paramref name="utc"/> falls in, as one number (day × 48 + slot): when it changes the
    /// curve has a new bar and, at local midnight, every "today" figure starts again from zero.
    /// </summary>
    public static long Slot(DateTime utc, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);
        return (long)local.Date.Subtract(DateTime.UnixEpoch).TotalDays * SlotsPerDay + local.Hour * 2 + local.Minute / 30;
    }

    /// <summary>
    /// Whether figures read at <paramref name="loadedAt"/> are out of date at <paramref name="now"/> with no event
    /// between: a new half hour (or day) began, or an open callback turned overdue.
    /// </summary>
    public static bool Stale(WallboardFigures figures, DateTime loadedAt, DateTime now, TimeZoneInfo zone) =>
        Slot(loadedAt, zone) != Slot(now, zone) || (figures.NextCallbackDueAt is { } due && now > due);

    /// <summary>The day's bars: one per local half hour from midnight, answered below abandoned, scaled to the busiest.</summary>
    public static IReadOnlyList<CurveBar> Curve(IReadOnlyList<WallboardInterval> intervals, TimeZoneInfo zone, out int scaleMax)
    {
        scaleMax = NiceMax(intervals.Count == 0 ? 0 : intervals.Max(i => i.Answered + i.Abandoned));
        var slotWidth = CurveWidth / SlotsPerDay;
        var bottom = CurveTop + CurveHeight;
        var bars = new List<CurveBar>(intervals.Count);
        foreach (var interval in intervals)
        {
            var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(interval.Start, DateTimeKind.Utc), zone);
            var slot = local.Hour * 2 + local.Minute / 30;
            var x = CurveLeft + slot * slotWidth + slotWidth * 0.12;
            var answeredTop = bottom - CurveHeight * interval.Answered / scaleMax;
            var abandonedTop = answeredTop - CurveHeight * interval.Abandoned / scaleMax;
            double? sl = interval.ServiceLevel is { } level ? bottom - CurveHeight * level : null;
            bars.Add(new CurveBar(slot, x, slotWidth * 0.76, answeredTop, abandonedTop, bottom, sl, interval));
        }

        return bars;
    }

    /// <summary>The service-level line as SVG points through each half hour's middle; broken where nothing was answered.</summary>
    public static IReadOnlyList<string> ServiceLevelLines(IReadOnlyList<CurveBar> bars)
    {
        var lines = new List<string>();
        var points = new List<string>();
        var last = -2;
        foreach (var bar in bars)
        {
            if (bar.ServiceLevelY is not { } y)
            {
                Flush();
                continue;
            }

            if (bar.Slot != last + 1)
            {
                Flush();
            }

            points.Add(string.Create(CultureInfo.InvariantCulture, $"{bar.X + bar.Width / 2:0.#},{y:0.#}"));
            last = bar.Slot;
        }

        Flush();
        return lines;

        void Flush()
        {
            if (points.Count > 0)
            {
                lines.Add(string.Join(' ', points));
                points.Clear();
            }
        }
    }

    /// <summary>The calls axis' top: 1, 2, 4, 6, 8 × 10ⁿ at or above the busiest half hour (at least 4), so its half is a whole number.</summary>
    public static int NiceMax(int busiest)
    {
        var n = Math.Max(4, busiest);
        var step = 1;
        while (true)
        {
            foreach (var m in (ReadOnlySpan<int>)[1, 2, 4, 6, 8])
            {
                if (m * step >= n)
                {
                    return m * step;
                }
            }

            step *= 10;
        }
    }

    /// <summary>The x of a local half hour's left edge (for the hour labels).</summary>
    public static double SlotX(int slot) => CurveLeft + slot * CurveWidth / SlotsPerDay;
}
