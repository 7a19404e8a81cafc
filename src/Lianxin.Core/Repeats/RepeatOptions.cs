namespace Lianxin.Core.Repeats;

/// <summary>Repeat detection and the caller history (configuration section <c>Lianxin:Repeats</c>; ADR 0009).</summary>
public sealed class RepeatOptions
{
    /// <summary>Off: registration looks for no repeat (the caller history and the stats still work).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>An earlier order counts while open, or for this many days after it ended (DOMAIN.md: 30).</summary>
    public int WindowDays { get; set; } = 30;

    /// <summary>The similarity an order must reach when the two categories are related (same, ancestor, same second-level branch).</summary>
    public double RelatedThreshold { get; set; } = 0.14;

    /// <summary>The similarity an order must reach when the categories are unrelated: the text must say it is the same matter.</summary>
    public double UnrelatedThreshold { get; set; } = 0.35;

    /// <summary>How far back the caller history (screen pop) looks (DOMAIN.md: 90 days).</summary>
    public int HistoryDays { get; set; } = 90;

    public RepeatThresholds Thresholds => new(RelatedThreshold, UnrelatedThreshold, TimeSpan.FromDays(WindowDays));

    /// <summary>Why the options cannot be used, or null.</summary>
    public string? Invalid() =>
        WindowDays is < 1 or > 365 ? "Lianxin:Repeats:WindowDays must be 1–365."
        : RelatedThreshold is <= 0 or > 1 ? "Lianxin:Repeats:RelatedThreshold must be in (0, 1]."
        : UnrelatedThreshold is <= 0 or > 1 ? "Lianxin:Repeats:UnrelatedThreshold must be in (0, 1]."
        : HistoryDays is < 1 or > 3660 ? "Lianxin:Repeats:HistoryDays must be 1–3660."
        : null;
}
