using System.Security.Claims;
using Lianxin.Core.Common;
using Lianxin.Core.Data;
using Lianxin.Core.Dispatch;
using Lianxin.Core.Organization;
using Lianxin.Web.Api;
using Lianxin.Web.Identity;
using Lianxin.Web.WorkOrders;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Lianxin.Web.Dispatch;

public sealed record ReturnReasonRequest(string? Code, string? Name, string? NameEn, int? Position, bool? Active);

public sealed record ReturnReasonResponse(string Code, string Name, string? NameEn, int Position, bool Active)
{
    public static ReturnReasonResponse From(ReturnReason r) => new(r.Code, r.Name, r.NameEn, r.Position, r.IsActive);
}

public sealed record UnitReturnFiguresResponse(
    UnitRef Unit, int Dispatched, int Requested, int Approved, int Rejected, int Pending, double? ReturnRate, double? ImproperRate,
    IReadOnlyDictionary<string, int> ByReason);

public sealed record ReturnStatsResponse(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<UnitReturnFiguresResponse> Units);

/// <summary>The centre's return reasons (退单原因) and the return figures per unit.</summary>
public static class ReturnReasonEndpoints
{
    public static IEndpointRouteBuilder MapReturnReasonEndpoints(this IEndpointRouteBuilder app)
    {
        var reasons = app.MapGroup("/api/v1/return-reasons").WithTags("Dispatch").RequireAuthorization();
        reasons.MapGet("/", ListReasons).WithSummary("Return reasons (退单原因) a unit may choose; all=true includes deactivated ones");
        reasons.MapPost("/", AddReason).WithIdempotency().WithSummary("Add a return reason (admin)");
        reasons.MapPatch("/{code}", ChangeReason).WithSummary("Rename, reorder, deactivate or reactivate a return reason (admin)");

        app.MapGet("/api/v1/returns/stats", ReturnStats).WithTags("Dispatch").RequireAuthorization()
            .WithSummary("Returns per unit in a period: asked, approved, rejected (不当退单), pending, by reason; supervisor, dispatcher or admin")
            .WithDescription("from/to: yyyy-MM-dd in the centre's time zone (to inclusive) or ISO 8601 instants; default the last 30 days.");
        return app;
    }

    private static async Task<Ok<List<ReturnReasonResponse>>> ListReasons(ManageReturnReasons reasons, CancellationToken ct, bool? all = null) =>
        TypedResults.Ok((await reasons.ListAsync(activeOnly: all != true, ct)).Select(ReturnReasonResponse.From).ToList());

    private static async Task<Created<ReturnReasonResponse>> AddReason(ReturnReasonRequest request, ClaimsPrincipal principal, ManageReturnReasons reasons, CancellationToken ct)
    {
        var reason = await reasons.AddAsync(principal.ToActor(), request.Code, request.Name, request.NameEn, request.Position, ct);
        return TypedResults.Created($"/api/v1/return-reasons/{reason.Code}", ReturnReasonResponse.From(reason));
    }

    private static async Task<Ok<ReturnReasonResponse>> ChangeReason(string code, ReturnReasonRequest request, ClaimsPrincipal principal, ManageReturnReasons reasons, CancellationToken ct)
    {
        var reason = await reasons.ChangeAsync(principal.ToActor(), code, request.Name, request.NameEn, request.Position, request.Active, ct);
        return TypedResults.Ok(ReturnReasonResponse.From(reason));
    }

    private static async Task<Ok<ReturnStatsResponse>> ReturnStats(
        ClaimsPrincipal principal, GetReturnStats stats, ReferenceData refs, LianxinDbContext db, IOptions<CentreOptions> centre, TimeProvider clock, CancellationToken ct,
        string? from = null, string? to = null, Guid? unitId = null)
    {
        var v = new Validator();
        var (fromUtc, toUtc) = Periods.Bounded(v, from, to, centre.Value.Zone, clock.GetUtcNow().UtcDateTime);
        v.ThrowIfInvalid();
        var figures = await stats.ExecuteAsync(principal.ToActor(), fromUtc, toUtc, unitId, ct);
        var snapshot = await refs.GetAsync(db, ct);
        return TypedResults.Ok(new ReturnStatsResponse(WorkOrderResponse.Utc(fromUtc), WorkOrderResponse.Utc(toUtc), figures.Select(f =>
            new UnitReturnFiguresResponse(WorkOrderResponse.Unit(snapshot, f.UnitId), f.Dispatched, f.Requested, f.Approved, f.Rejected, f.Pending,
                f.ReturnRate, f.ImproperRate, f.ByReason)).ToList()));
    }
}
