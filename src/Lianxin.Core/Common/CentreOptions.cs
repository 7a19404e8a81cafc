namespace Lianxin.Core.Common;

/// <summary>Settings of the centre the instance serves (configuration section <c>Lianxin:Centre</c>).</summary>
public sealed class CentreOptions
{
    /// <summary>IANA id of the centre's time zone: order numbers, working days and reports use its local dates.</summary>
    public string TimeZone { get; set; } = "Asia/Shanghai";

    public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
}
