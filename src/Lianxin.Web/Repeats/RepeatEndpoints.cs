using System.Security.Claims;
using Lianxin.Core.Common;
using Lianxin.Core.Data;
using Lianxin.Core.Organization;
using Lianxin.Core.Repeats;
using Lianxin.Web.Identity;
using Lianxin.Web.WorkOrders;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Lianxin.Web.Repeats;

public sealed record RepeatCountResponse(int Received, int Repeats, double? RepeatRate);

public sealed record UnitRepeatCountResponse(UnitRef? Unit, int Received, int Repeats, double? RepeatRate);

public sealed record RepeatStatsResponse(DateTimeOffset From, DateTimeOffset To, RepeatCountResponse Centre, IReadOnlyList<UnitRepeatCountResponse> Units)
{
    public static RepeatStatsResponse Of(RepeatStats s, ReferenceSnapshot refs) => new(
        WorkOrderResponse.Utc(s.From), WorkOrderResponse.Utc(s.To),
        new RepeatCountResponse(s.Centre.Received, s.Centre.Repeats, s.Centre.Rate),
        s.Units.Select(u => new UnitRepeatCountResponse(u.UnitId is { } id ? WorkOrderResponse.Unit(refs, id) : null, u.Received, u.Repeats, u.Rate)).ToList());
}

/// <summary>并单 of a repeat into its master, and 重复件 statistics per unit.</summary>
public static class RepeatEndpoints
{
    public static IEndpointRouteBuilder MapRepeatEndpoints(this IEndpointRouteBuilder app)
    {
        var repeats = app.MapGroup("/api/v1/repeats").WithTags("Repeats and clusters").RequireAuthorization();
        repeats.MapGet("/stats", Stats)
            .WithSummary("Repeats (重复件) per lead unit and for the centre; supervisor, dispatcher or admin")
            .WithDescription("Orders received in [from, to) and how many were flagged repeats at registration; repeatRate = repeats ÷ received (null when nothing was received). "
                + "from/to: yyyy-MM-dd in the centre's time zone (`to` inclusive) or ISO 8601 instants; default the 30 days up to now; at most 366 days. "
                + "An order counts for its lead unit; a repeat merged before dispatch counts for the lead unit of the order it repeats; unit null = never dispatched.");

        app.MapOrderGroup().MapOrderAction<MergeWorkOrder, MergeRequest>("merge", "Merge this order into another (并单); dispatcher");
        return app;
    }

    private static async Task<Ok<RepeatStatsResponse>> Stats(
        ClaimsPrincipal principal, CountRepeats count, ReferenceData refs, LianxinDbContext db, IOptions<CentreOptions> centre, TimeProvider clock, CancellationToken ct,
        string? from = null, string? to = null)
    {
        var v = new Validator();
        var zone = centre.Value.Zone;
        var (start, end) = Periods.Bounded(v, from, to, zone, clock.GetUtcNow().UtcDateTime);
        v.ThrowIfInvalid();
        var stats = await count.ExecuteAsync(start, end, principal.ToActor(), ct);
        return TypedResults.Ok(RepeatStatsResponse.Of(stats, await refs.GetAsync(db, ct)));
    }
}
