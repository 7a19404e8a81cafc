using System.Globalization;
using Lianxin.Core.Common;
using Lianxin.Core.Staffing;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lianxin.Web.Staffing;

public sealed record ErlangCResponse(int Agents, int ScheduledAgents, double ServiceLevel, double Occupancy, double WaitProbability, double AverageSpeedOfAnswerSeconds);

public sealed record ErlangAResponse(
    int Agents, int ScheduledAgents, double ServiceLevel, double AbandonmentRate, double WaitProbability, double AverageSpeedOfAnswerSeconds, double Occupancy);

/// <summary>Staffing calculators (API.md, DOMAIN.md "Staffing"): agents needed for one interval's calls.</summary>
public static class StaffingEndpoints
{
    private const string Parameters =
        "`calls` (expected in the interval) and `ahtSeconds` (average handle time) are required; `intervalMinutes` defaults to 30, "
        + "`targetSeconds` to 15 and `serviceLevel` to 0.8 (80 % answered within the target), `maxOccupancy` to 1 (no cap), `shrinkage` to 0. "
        + "Rates are fractions (0.85, not 85). ";

    public static IEndpointRouteBuilder MapStaffingEndpoints(this IEndpointRouteBuilder app)
    {
        var staffing = app.MapGroup("/api/v1/staffing").WithTags("Staffing").RequireAuthorization();
        staffing.MapGet("/erlang-c", ErlangCFor)
            .WithSummary("Agents for one interval by Erlang C (nobody hangs up)")
            .WithDescription(Parameters + "The fewest agents N > A (A = calls × AHT ÷ interval) with service level 1 − P(wait)·e^(−(N−A)·target/AHT) "
                + "at least the goal and occupancy A/N at most the cap; scheduledAgents = ⌈N ÷ (1 − shrinkage)⌉.");
        staffing.MapGet("/erlang-a", ErlangAFor)
            .WithSummary("Agents for one interval by Erlang A (callers hang up after an exponential patience)")
            .WithDescription(Parameters + "`patienceSeconds` (the callers' mean patience) is required; `maxAbandonment` defaults to 1 (no cap). "
                + "Service level is the share of all callers answered within the target; abandonment = θ·E[queue]/λ; average speed of answer = E[queue]/λ over all callers.");
        return app;
    }

    private static Ok<ErlangCResponse> ErlangCFor(HttpRequest http)
    {
        var r = Read(http.Query, erlangA: false);
        var result = ErlangC.Required(r);
        return TypedResults.Ok(new ErlangCResponse(
            result.Agents, result.ScheduledAgents, result.ServiceLevel, result.Occupancy, result.WaitProbability, result.AverageSpeedOfAnswerSeconds));
    }

    private static Ok<ErlangAResponse> ErlangAFor(HttpRequest http)
    {
        var r = Read(http.Query, erlangA: true);
        var result = ErlangA.Required(r);
        return TypedResults.Ok(new ErlangAResponse(
            result.Agents, result.ScheduledAgents, result.ServiceLevel, result.AbandonmentRate ?? 0, result.WaitProbability, result.AverageSpeedOfAnswerSeconds, result.Occupancy));
    }

    private static StaffingRequest Read(IQueryCollection query, bool erlangA)
    {
        var v = new Validator();
        double Number(string name, double? fallback)
        {
            var text = query[name].ToString();
            if (string.IsNullOrWhiteSpace(text))
            {
                if (fallback is null)
                {
                    v.Add(name, new Text("必填。", "Required."));
                }

                return fallback ?? 0;
            }

            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            {
                v.Add(name, new Text("应为数字。", "Must be a number."));
            }

            return value;
        }

        var request = new StaffingRequest(
            Number("calls", null),
            Number("intervalMinutes", 30),
            Number("ahtSeconds", null),
            Number("targetSeconds", 15),
            Number("serviceLevel", 0.8),
            Number("maxOccupancy", 1),
            Number("shrinkage", 0),
            erlangA ? Number("patienceSeconds", null) : double.PositiveInfinity,
            erlangA ? Number("maxAbandonment", 1) : 1);
        v.ThrowIfInvalid();
        return request.Validate(erlangA);
    }
}
