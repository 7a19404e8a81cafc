namespace Lianxin.Core.Clusters;

/// <summary>Live clusters (configuration section <c>Lianxin:Clusters</c>): the defaults of <c>GET /api/v1/clusters</c>.</summary>
public sealed class ClusterOptions
{
    public const int MaxHours = 72;

    /// <summary>How far back a live cluster looks, in hours (a burst is a matter of hours).</summary>
    public int WindowHours { get; set; } = 6;

    /// <summary>Distinct phones that make a cluster.</summary>
    public int MinPhones { get; set; } = 5;

    public string? Invalid() =>
        WindowHours is < 1 or > MaxHours ? $"Lianxin:Clusters:WindowHours must be 1–{MaxHours}."
        : MinPhones is < 2 or > 1000 ? "Lianxin:Clusters:MinPhones must be 2–1000."
        : null;
}
