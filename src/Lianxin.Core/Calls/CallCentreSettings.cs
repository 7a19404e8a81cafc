using System.Text.Json;
using Lianxin.Core.Common;
using Lianxin.Core.Data;
using Lianxin.Core.Identity;

namespace Lianxin.Core.Calls;

/// <summary>
/// The call centre's configurable limits (DOMAIN.md "Call centre"): short abandon, stuck calls, wrap-up,
/// callbacks and the KPI variants. Kept as one JSON row in <c>app_settings</c>; defaults when none.
/// </summary>
public sealed record CallCentreSettings(
    int ShortAbandonSeconds = 5,
    int StuckAfterMinutes = 120,
    int MaxWrapUpSeconds = 60,
    int CallbackDueMinutes = 30,
    int CallbackAttempts = 3,
    int CallbackRetryMinutes = 10,
    int ServiceTargetSeconds = 15,
    bool ExcludeShortAbandons = true,
    string ServiceHoursStart = "00:00",
    string ServiceHoursEnd = "24:00",
    string? LocalAreaCode = null)
{
    public const string Key = "call-centre";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public CallRules CallRules => new(TimeSpan.FromSeconds(ShortAbandonSeconds), TimeSpan.FromMinutes(StuckAfterMinutes));

    public CallbackRules CallbackRules => new(TimeSpan.FromMinutes(CallbackDueMinutes), CallbackAttempts, TimeSpan.FromMinutes(CallbackRetryMinutes), CallbackRules.Default.HoldFor);

    public CallKpiRules KpiRules => new(TimeSpan.FromSeconds(ServiceTargetSeconds), ExcludeShortAbandons);

    public TimeSpan MaxWrapUp => TimeSpan.FromSeconds(MaxWrapUpSeconds);

    /// <summary>Whether a local time of day is within the service hours (24-hour centres: always).</summary>
    public bool IsWithinServiceHours(TimeOnly local)
    {
        var start = Minutes(ServiceHoursStart);
        var end = Minutes(ServiceHoursEnd);
        var at = (local.Hour * 60) + local.Minute;
        return start <= end ? at >= start && at < end : at >= start || at < end;
    }

    public static Task<CallCentreSettings> ReadAsync(LianxinDbContext db, CancellationToken ct) => JsonSetting.ReadAsync(db, Key, new CallCentreSettings(), Json, ct);

    /// <summary>Checks every field (bilingual errors by field name) and saves (admin).</summary>
    public static async Task SaveAsync(LianxinDbContext db, Actor actor, CallCentreSettings s, CancellationToken ct)
    {
        actor.Require(Role.Admin, new Text("修改话务设置", "change the call-centre settings"));
        s.Validate();
        await JsonSetting.WriteAsync(db, Key, s, Json, ct);
    }

    public void Validate()
    {
        new Validator()
            .Range("shortAbandonSeconds", ShortAbandonSeconds, 0, 60)
            .Range("stuckAfterMinutes", StuckAfterMinutes, 10, 24 * 60)
            .Range("maxWrapUpSeconds", MaxWrapUpSeconds, 0, 3600)
            .Range("callbackDueMinutes", CallbackDueMinutes, 1, 7 * 24 * 60)
            .Range("callbackAttempts", CallbackAttempts, 1, 10)
            .Range("callbackRetryMinutes", CallbackRetryMinutes, 1, 24 * 60)
            .Range("serviceTargetSeconds", ServiceTargetSeconds, 1, 600)
            .When(Minutes(ServiceHoursStart) < 0, "serviceHoursStart", new Text("时间格式应为 HH:mm。", "Use HH:mm."))
            .When(Minutes(ServiceHoursEnd) < 0, "serviceHoursEnd", new Text("时间格式应为 HH:mm（可用 24:00）。", "Use HH:mm (24:00 allowed)."))
            .When(LocalAreaCode is { } code && (code.Length is < 3 or > 4 || !code.StartsWith('0') || !code.All(char.IsAsciiDigit)), "localAreaCode",
                new Text("区号应为 0 开头的 3–4 位数字，如 010、0571。", "An area code is 3–4 digits starting with 0, such as 010 or 0571."))
            .ThrowIfInvalid();
    }

    /// <summary>Minutes since midnight of an HH:mm (24:00 allowed); −1 when malformed.</summary>
    private static int Minutes(string? hhmm)
    {
        if (hhmm is not { Length: 5 } || hhmm[2] != ':' || !int.TryParse(hhmm.AsSpan(0, 2), out var h) || !int.TryParse(hhmm.AsSpan(3, 2), out var m)
            || h > 24 || m > 59 || (h == 24 && m != 0))
        {
            return -1;
        }

        return (h * 60) + m;
    }
}
