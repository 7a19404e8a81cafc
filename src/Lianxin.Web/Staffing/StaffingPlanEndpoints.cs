using System.Globalization;
using System.Security.Claims;
using Lianxin.Core.Calendars;
using Lianxin.Core.Common;
using Lianxin.Core.Data;
using Lianxin.Core.Staffing;
using Lianxin.Web.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lianxin.Web.Staffing;

public sealed record PlanInputsResponse(
    double AhtSeconds, FigureSource AhtSource, int AhtSample, double PatienceSeconds, FigureSource PatienceSource, int PatienceSample,
    string EstimatedFrom, string EstimatedTo, double TargetSeconds, double ServiceLevel, double MaxAbandonment, double MaxOccupancy, double Shrinkage, int? EmergencyLines);

public sealed record PlanForecastResponse(double Total, double Trend, IReadOnlyList<string> BasedOn, int HistoryDays);

public sealed record PlanIntervalResponse(
    string Start, double Calls, int AgentsNeeded, int ScheduledNeeded, int Rostered, int Gap, double? ServiceLevelAsRostered, double? AbandonmentAsRostered, int EmergencyLines);

public sealed record PlanSpanResponse(string From, string To);

public sealed record StaffingPlanResponse(
    string Date, ForecastDayType DayType, string? DayName, PlanInputsResponse Inputs, PlanForecastResponse Forecast, int RosteredAgents,
    IReadOnlyList<PlanIntervalResponse> Intervals, IReadOnlyList<PlanSpanResponse> EmergencySpans)
{
    public static StaffingPlanResponse From(StaffingPlanView v)
    {
        var f = v.Plan.Forecast;
        return new StaffingPlanResponse(
            WorkingCalendar.Format(v.Date), f.DayType, v.Day.Name,
            new PlanInputsResponse(v.Aht.Seconds, v.Aht.Source, v.Aht.Sample, v.Patience.Seconds, v.Patience.Source, v.Patience.Sample,
                WorkingCalendar.Format(v.EstimatedFrom), WorkingCalendar.Format(v.EstimatedTo), v.Goals.TargetSeconds, v.Goals.ServiceLevel, v.Goals.MaxAbandonment,
                v.Goals.MaxOccupancy, v.Goals.Shrinkage, v.EmergencyLinesCap),
            new PlanForecastResponse(Math.Round(f.Total, 1), Math.Round(f.Trend, 3), [.. f.BasedOn.Select(WorkingCalendar.Format)], v.HistoryDays),
            v.RosteredAgents,
            [.. v.Plan.Intervals.Select(i => new PlanIntervalResponse(
                ShiftTimes.Hhmm(i.Start), Math.Round(i.Calls, 1), i.AgentsNeeded, i.ScheduledNeeded, i.Rostered, i.Gap,
                i.ServiceLevelAsRostered is { } s ? Math.Round(s, 3) : null, i.AbandonmentAsRostered is { } a ? Math.Round(a, 3) : null, i.EmergencyLines))],
            [.. v.Plan.EmergencySpans.Select(s => new PlanSpanResponse(ShiftTimes.Hhmm(s.From), s.To == TimeOnly.MaxValue ? "24:00" : ShiftTimes.Hhmm(s.To)))]);
    }
}

/// <summary>排班测算 over HTTP: a day's forecast against its roster.</summary>
public static class StaffingPlanEndpoints
{
    public static IEndpointRouteBuilder MapStaffingPlanEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/staffing/plan", Plan).WithTags("Staffing").RequireAuthorization()
            .WithSummary("A day's staffing plan per half hour: forecast calls, agents needed (Erlang A), rostered, the gap and the emergency lines to open (admin, supervisor)")
            .WithDescription("?date= (yyyy-MM-dd, default tomorrow). Goals, each optional: ahtSeconds and patienceSeconds (default: estimated from the last 4 weeks of the call log, "
                + "else 180 s and 120 s — `inputs.ahtSource` / `patienceSource` say which: given, estimated or default), targetSeconds (15), serviceLevel (0.8), "
                + "maxAbandonment (0.05), maxOccupancy (0.85), shrinkage (0.3), emergencyLines (the lines the centre can open; default no cap). "
                + "Rates are fractions. The forecast uses the same kind of day (weekday, weekend, holiday, 调休 working day) over recent weeks, scaled by the last fortnight's trend. "
                + "Per interval: agentsNeeded on the phones, scheduledNeeded with shrinkage, rostered (agents on shift at the interval's middle), gap = scheduledNeeded − rostered, "
                + "emergencyLines = agents missing on the phones (rostered less shrinkage), up to the cap; emergencySpans joins the half hours that need them.");
        return app;
    }

    private static async Task<Ok<StaffingPlanResponse>> Plan(
        HttpRequest http, ClaimsPrincipal principal, PlanStaffing plan, CentreCalendar calendar, LianxinDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var q = http.Query;
        var v = new Validator();
        double? Number(string name)
        {
            var text = q[name].ToString();
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }

            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            {
                v.Add(name, new Text("应为数字。", "Must be a number."));
                return null;
            }

            return value;
        }

        int? lines = null;
        if (Number("emergencyLines") is { } l)
        {
            if (l != Math.Floor(l) || l < 0 || l > 100_000)
            {
                v.Add("emergencyLines", new Text("应为 0 到 100000 的整数。", "Must be a whole number from 0 to 100000."));
            }
            else
            {
                lines = (int)l;
            }
        }

        var date = RosterEndpoints.Date(v, q, "date");
        var request = new StaffingPlanRequest(
            date ?? default, Number("ahtSeconds"), Number("patienceSeconds"), Number("targetSeconds") ?? 15, Number("serviceLevel") ?? 0.8,
            Number("maxAbandonment") ?? 0.05, Number("maxOccupancy") ?? 0.85, Number("shrinkage") ?? 0.3, lines);
        v.ThrowIfInvalid();
        if (date is null)
        {
            request = request with { Date = (await calendar.GetAsync(db, ct)).Calendar.LocalDate(clock.GetUtcNow().UtcDateTime).AddDays(1) };
        }

        return TypedResults.Ok(StaffingPlanResponse.From(await plan.ExecuteAsync(principal.ToActor(), request, ct)));
    }
}
