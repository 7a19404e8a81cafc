using System.Globalization;
using System.Security.Claims;
using System.Text;
using Lianxin.Core.Calendars;
using Lianxin.Core.Calls;
using Lianxin.Core.Common;
using Lianxin.Core.Data;
using Lianxin.Web.Identity;
using Lianxin.Web.WorkOrders;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lianxin.Web.Calls;

public sealed record CallKpiRowResponse(
    string Label, DateTimeOffset? Start, DateOnly? Day, string? Queue, ActorRefOrNull? Agent, CallKpiFigures Figures, StateSeconds? Time)
{
    public static CallKpiRowResponse From(CallKpiRow r, TimeZoneInfo zone, bool english) =>
        new(CallKpiCsv.Label(r, zone, english), WorkOrderResponse.Utc(r.Start), r.Day, r.Queue, r.AgentId is { } a ? new ActorRefOrNull(a, r.AgentName) : null, r.Figures, r.Time);
}

public sealed record CallKpiResponse(
    DateOnly From, DateOnly To, KpiBreakdown By, int ServiceTargetSeconds, bool ExcludeShortAbandons, IReadOnlyList<CallKpiRowResponse> Rows, CallKpiRowResponse Total);

/// <summary>The call-centre settings as the API reads and writes them; a field left out keeps its value.</summary>
public sealed record CallCentreSettingsDto(
    int? ShortAbandonSeconds, int? StuckAfterMinutes, int? MaxWrapUpSeconds, int? CallbackDueMinutes, int? CallbackAttempts, int? CallbackRetryMinutes,
    int? ServiceTargetSeconds, bool? ExcludeShortAbandons, string? ServiceHoursStart, string? ServiceHoursEnd, string? LocalAreaCode)
{
    public static CallCentreSettingsDto From(CallCentreSettings s) => new(
        s.ShortAbandonSeconds, s.StuckAfterMinutes, s.MaxWrapUpSeconds, s.CallbackDueMinutes, s.CallbackAttempts, s.CallbackRetryMinutes,
        s.ServiceTargetSeconds, s.ExcludeShortAbandons, s.ServiceHoursStart, s.ServiceHoursEnd, s.LocalAreaCode);

    /// <summary>The current settings with this request's fields over them (an empty area code clears it).</summary>
    public CallCentreSettings Over(CallCentreSettings s) => new(
        ShortAbandonSeconds ?? s.ShortAbandonSeconds, StuckAfterMinutes ?? s.StuckAfterMinutes, MaxWrapUpSeconds ?? s.MaxWrapUpSeconds,
        CallbackDueMinutes ?? s.CallbackDueMinutes, CallbackAttempts ?? s.CallbackAttempts, CallbackRetryMinutes ?? s.CallbackRetryMinutes,
        ServiceTargetSeconds ?? s.ServiceTargetSeconds, ExcludeShortAbandons ?? s.ExcludeShortAbandons,
        ServiceHoursStart?.Trim() ?? s.ServiceHoursStart, ServiceHoursEnd?.Trim() ?? s.ServiceHoursEnd,
        LocalAreaCode is null ? s.LocalAreaCode : string.IsNullOrWhiteSpace(LocalAreaCode) ? null : LocalAreaCode.Trim());
}

/// <summary>Call KPIs (JSON and CSV) and the call-centre settings over HTTP.</summary>
public static class CallKpiEndpoints
{
    public static IEndpointRouteBuilder MapCallKpiEndpoints(this IEndpointRouteBuilder app)
    {
        var calls = app.MapGroup("/api/v1/calls").WithTags("Call centre").RequireAuthorization();
        calls.MapGet("/kpis", Kpis).WithSummary("Call KPIs of a period of local days by interval, day, queue or agent (supervisor, admin)")
            .WithDescription("?from=&to= (yyyy-MM-dd, both inclusive; default today; at most 92 days, 31 by interval), by=interval|day|queue|agent (default day). "
                + "Each row and the total: offered, answered, abandoned, short abandons (apart), answered within the target, answer rate (接通率), "
                + "service level (及时应答率), loss rate (呼损率), ASA, average talk and handle time (talk + the agent's wrap-up), occupancy "
                + "(handling ÷ signed in minus break and not ready; none by queue) and the agents' seconds per state. A rate with no denominator is null.");
        calls.MapGet("/kpis.csv", KpisCsv).Produces(200, contentType: "text/csv")
            .WithSummary("The same figures as CSV (UTF-8 with BOM, so Excel reads the Chinese), one line per row and a total line");

        var settings = app.MapGroup("/api/v1/call-centre").WithTags("Call centre").RequireAuthorization();
        settings.MapGet("/settings", Settings).WithSummary("Short abandon, stuck calls, wrap-up, callback rules, KPI variants, service hours, area code (supervisor, admin)");
        settings.MapPut("/settings", SetSettings).WithSummary("Change the call-centre settings (admin); fields left out keep their value; errors by field");
        return app;
    }

    private static async Task<(CallKpiReport Report, TimeZoneInfo Zone)> ReportAsync(
        HttpRequest http, ClaimsPrincipal principal, GetCallKpis kpis, CentreCalendar calendar, LianxinDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById((await calendar.SettingsAsync(db, ct)).TimeZone);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(clock.GetUtcNow().UtcDateTime, zone));
        var v = new Validator();
        var from = Day(v, http.Query["from"], "from") ?? today;
        var to = Day(v, http.Query["to"], "to") ?? (string.IsNullOrEmpty(http.Query["from"]) ? today : from);
        var by = v.Enum<KpiBreakdown>("by", http.Query["by"]) ?? KpiBreakdown.Day;
        v.ThrowIfInvalid();
        return (await kpis.ExecuteAsync(principal.ToActor(), from, to, by, ct), zone);
    }

    private static DateOnly? Day(Validator v, string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        v.Add(field, new Text("应为 yyyy-MM-dd 日期。", "Must be a yyyy-MM-dd date."));
        return null;
    }

    private static async Task<Ok<CallKpiResponse>> Kpis(
        HttpContext http, ClaimsPrincipal principal, GetCallKpis kpis, CentreCalendar calendar, LianxinDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var (r, zone) = await ReportAsync(http.Request, principal, kpis, calendar, db, clock, ct);
        var english = Components.Ui.EnglishForApi(http);
        return TypedResults.Ok(new CallKpiResponse(
            r.From, r.To, r.By, r.ServiceTargetSeconds, r.ExcludeShortAbandons, [.. r.Rows.Select(x => CallKpiRowResponse.From(x, zone, english))],
            CallKpiRowResponse.From(r.Total, zone, english) with { Label = english ? "Total" : "合计" }));
    }

    private static async Task<FileContentHttpResult> KpisCsv(
        HttpContext http, ClaimsPrincipal principal, GetCallKpis kpis, CentreCalendar calendar, LianxinDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var (r, zone) = await ReportAsync(http.Request, principal, kpis, calendar, db, clock, ct);
        var csv = Csv.Write(CallKpiCsv.Rows(r, zone, Components.Ui.EnglishForApi(http)), guardFormulas: true);
        var body = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv)).ToArray();
        var by = System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(r.By.ToString());
        return TypedResults.File(body, "text/csv; charset=utf-8", $"call-kpis-{r.From:yyyyMMdd}-{r.To:yyyyMMdd}-{by}.csv");
    }

    private static async Task<Ok<CallCentreSettingsDto>> Settings(ClaimsPrincipal principal, LianxinDbContext db, CancellationToken ct)
    {
        CallCentreAccess.RequireManager(principal.ToActor());
        return TypedResults.Ok(CallCentreSettingsDto.From(await CallCentreSettings.ReadAsync(db, ct)));
    }

    private static async Task<Ok<CallCentreSettingsDto>> SetSettings(
        CallCentreSettingsDto? request, ClaimsPrincipal principal, LianxinDbContext db, CancellationToken ct)
    {
        new Validator().Required("body", request).ThrowIfInvalid();
        var changed = request!.Over(await CallCentreSettings.ReadAsync(db, ct));
        await CallCentreSettings.SaveAsync(db, principal.ToActor(), changed, ct);
        return TypedResults.Ok(CallCentreSettingsDto.From(await CallCentreSettings.ReadAsync(db, ct)));
    }
}

/// <summary>The KPI report as spreadsheet rows: rates as percentages, times in seconds, empty where there is no figure.</summary>
public static class CallKpiCsv
{
    public static string Label(CallKpiRow r, TimeZoneInfo zone, bool english) => r switch
    {
        { Day: { } d } => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        { Start: { } s } => TimeZoneInfo.ConvertTimeFromUtc(s, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        { Queue: { } q } => q,
        { AgentId: not null } => r.AgentName ?? r.AgentId.Value.ToString(),
        _ => english ? "(none)" : "（无）",
    };

    public static IEnumerable<IReadOnlyList<string>> Rows(CallKpiReport r, TimeZoneInfo zone, bool english)
    {
        string T(string zh, string en) => english ? en : zh;
        var key = r.By switch
        {
            KpiBreakdown.Interval => T("时段", "Interval"),
            KpiBreakdown.Day => T("日期", "Day"),
            KpiBreakdown.Queue => T("队列", "Queue"),
            _ => T("坐席", "Agent"),
        };
        yield return
        [
            key, T("呼入", "Offered"), T("接通", "Answered"), T("放弃", "Abandoned"), T("短时放弃", "Short abandons"),
            T($"{r.ServiceTargetSeconds}秒内接通", $"Answered within {r.ServiceTargetSeconds} s"),
            T("接通率", "Answer rate"), T("及时应答率", "Service level"), T("呼损率", "Loss rate"),
            T("平均应答时长(秒)", "ASA (s)"), T("平均通话时长(秒)", "Average talk (s)"), T("平均处理时长(秒)", "AHT (s)"), T("占用率", "Occupancy"),
            T("签入时长(秒)", "Signed in (s)"), T("空闲(秒)", "Ready (s)"), T("示忙(秒)", "Not ready (s)"), T("通话(秒)", "On call (s)"),
            T("话后整理(秒)", "Wrap-up (s)"), T("小休(秒)", "Break (s)"),
        ];
        foreach (var row in r.Rows)
        {
            yield return Line(row, Label(row, zone, english));
        }

        yield return Line(r.Total, T("合计", "Total"));
    }

    private static string[] Line(CallKpiRow row, string label)
    {
        var k = row.Figures;
        var t = row.Time;
        return
        [
            label, N(k.Offered), N(k.Answered), N(k.Abandoned), N(k.ShortAbandons), N(k.AnsweredInTarget),
            Percent(k.AnswerRate), Percent(k.ServiceLevel), Percent(k.LossRate),
            Seconds(k.AverageSpeedOfAnswerSeconds), Seconds(k.AverageTalkSeconds), Seconds(k.AverageHandleSeconds), Percent(k.Occupancy),
            Seconds(t?.SignedIn), Seconds(t?.Ready), Seconds(t?.NotReady), Seconds(t?.OnCall), Seconds(t?.WrapUp), Seconds(t?.Break),
        ];
    }

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);

    public static string Percent(double? rate) => rate is { } x ? (x * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "";

    public static string Seconds(double? s) => s is { } x ? x.ToString("0.0", CultureInfo.InvariantCulture) : "";
}
