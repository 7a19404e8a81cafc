using System.Security.Claims;
using Lianxin.Core.Common;
using Lianxin.Core.Data;
using Lianxin.Core.Dispatch;
using Lianxin.Core.Identity;
using Lianxin.Core.Organization;
using Lianxin.Core.WorkOrders;
using Lianxin.Web.Api;
using Lianxin.Web.Identity;
using Lianxin.Web.WorkOrders;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Lianxin.Web.Dispatch;

public sealed record OrderForOffer(
    Guid Id, string Number, WorkOrderStatus Status, Urgency Urgency, DemandType DemandType, string Title, string Description,
    NodeRef Category, RegionRef? Region, string? Address, DateTimeOffset CreatedAt);

public sealed record HelpRequestResponse(
    Guid Id, OrderForOffer Order, UnitGroupRef Group, AssignmentRole Role, string Note, DateTimeOffset OfferedAt, DateTimeOffset ExpiresAt,
    HelpRequestStatus Status, UnitRef? ClaimedBy, DateTimeOffset? ClosedAt);

public sealed record UnitGroupRef(Guid Id, string Name);

/// <summary>专家会诊: offering an order to a unit group, withdrawing the offer, the offers a unit may claim, claiming.</summary>
public static class HelpRequestEndpoints
{
    public static IEndpointRouteBuilder MapHelpRequestEndpoints(this IEndpointRouteBuilder app)
    {
        var orders = app.MapOrderGroup();
        orders.MapOrderAction<OfferHelpRequest, OfferHelpRequestBody>("help-requests", "Offer the order to a unit group (专家会诊); dispatcher")
            .WithDescription("Not yet dispatched, the first member unit to claim becomes the lead; already with a lead, it joins as an assist. hours: 1–336, default 24; unclaimed offers expire back to the dispatchers. Every member unit is notified.");
        orders.MapPost("/{id:guid}/help-requests/{helpRequestId:guid}/withdraw", Withdraw).Accepts<NoteRequest>("application/json").WithIdempotency()
            .WithSummary("Withdraw an offer nobody has claimed; dispatcher");

        var help = app.MapGroup("/api/v1/help-requests").WithTags("Dispatch").RequireAuthorization();
        help.MapGet("/", ListOffers).WithSummary("Offers: a handler sees those made to groups of their unit; centre staff see all")
            .WithDescription("status: open (default), claimed, expired, withdrawn, all. A handler sees the order's matter, place and category, never the requester.");
        help.MapPost("/{id:guid}/claim", Claim).WithIdempotency()
            .WithSummary("Claim an offered order for your unit (认领); handler of a member unit. The first claim wins; later ones get 409.");
        return app;
    }

    private static async Task<Ok<WorkOrderResponse>> Withdraw(
        Guid id, Guid helpRequestId, HttpContext http, ClaimsPrincipal principal, WithdrawHelpRequest withdraw, Responses responses, CancellationToken ct)
    {
        var body = await RequestBodies.ReadAsync<NoteRequest>(http, optional: true, ct);
        var actor = principal.ToActor();
        var order = await withdraw.ExecuteAsync(actor, new WithdrawHelpRequestBody(helpRequestId, body.Note) { OrderId = id, Version = Versions.FromIfMatch(http) }, ct);
        return await responses.OrderAsync(http, order, actor, ct);
    }

    private static async Task<Ok<WorkOrderResponse>> Claim(
        Guid id, HttpContext http, ClaimsPrincipal principal, ClaimHelpRequest claim, Responses responses, CancellationToken ct)
    {
        var actor = principal.ToActor();
        var order = await claim.ExecuteAsync(actor, new ClaimRequest(id), ct);
        return await responses.OrderAsync(http, order, actor, ct);
    }

    private static async Task<Ok<List<HelpRequestResponse>>> ListOffers(
        ClaimsPrincipal principal, LianxinDbContext db, ReferenceData refs, TimeProvider clock, CancellationToken ct, string? status = null, int? limit = null)
    {
        var v = new Validator().Range("limit", limit, 1, 500);
        var wanted = status switch
        {
            null or "" or "open" => (HelpRequestStatus?)HelpRequestStatus.Open,
            "all" => null,
            _ => v.Enum<HelpRequestStatus>("status", status),
        };
        v.ThrowIfInvalid();
        var actor = principal.ToActor();
        var now = clock.GetUtcNow().UtcDateTime;
        var query = db.HelpRequests.AsNoTracking();
        if (!actor.IsCentreStaff)
        {
            var unit = actor.Has(Role.Handler) ? actor.UnitId : null;
            query = query.Where(h => db.UnitGroups.Any(g => g.Id == h.GroupId && g.Members.Any(m => m.UnitId == unit)));
        }

        query = wanted switch
        {
            HelpRequestStatus.Open => query.Where(h => h.Status == HelpRequestStatus.Open && h.ExpiresAt > now),
            HelpRequestStatus.Expired => query.Where(h => h.Status == HelpRequestStatus.Expired || (h.Status == HelpRequestStatus.Open && h.ExpiresAt <= now)),
            { } s => query.Where(h => h.Status == s),
            null => query,
        };
        var rows = await query.OrderByDescending(h => h.OfferedAt).Take(limit ?? 100)
            .Join(db.WorkOrders, h => h.WorkOrderId, o => o.Id, (h, o) => new
            {
                h,
                o.Id, o.Number, o.Status, o.Urgency, o.DemandType, o.Title, o.Description, o.CategoryId, o.RegionCode, o.Address, o.CreatedAt,
            })
            .ToListAsync(ct);
        var groupIds = rows.Select(r => r.h.GroupId).Distinct().ToList();
        var groups = await db.UnitGroups.AsNoTracking().Where(g => groupIds.Contains(g.Id)).ToDictionaryAsync(g => g.Id, g => g.Name, ct);
        var snapshot = await refs.GetAsync(db, ct);
        return TypedResults.Ok(rows.Select(r =>
        {
            var category = snapshot.Categories.Find(r.CategoryId);
            var region = r.RegionCode is null ? null : snapshot.Regions.FindByCode(r.RegionCode);
            var order = new OrderForOffer(r.Id, r.Number, r.Status, r.Urgency, r.DemandType, r.Title, r.Description,
                new NodeRef(r.CategoryId, category is null ? "" : snapshot.Categories.PathName(category)),
                r.RegionCode is null ? null : new RegionRef(r.RegionCode, region is null ? "" : snapshot.Regions.PathName(region)),
                r.Address, WorkOrderResponse.Utc(r.CreatedAt));
            var shown = r.h.Status == HelpRequestStatus.Open && r.h.ExpiresAt <= now ? HelpRequestStatus.Expired : r.h.Status;
            return new HelpRequestResponse(r.h.Id, order, new UnitGroupRef(r.h.GroupId, groups.GetValueOrDefault(r.h.GroupId, "")), r.h.Role, r.h.Note,
                WorkOrderResponse.Utc(r.h.OfferedAt), WorkOrderResponse.Utc(r.h.ExpiresAt), shown,
                r.h.ClaimedUnitId is { } u ? WorkOrderResponse.Unit(snapshot, u) : null, WorkOrderResponse.Utc(r.h.ClosedAt));
        }).ToList());
    }
}
