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
using Microsoft.Extensions.Options;

namespace Lianxin.Web.Dispatch;

public sealed record OfferHelpRequestBody(Guid? GroupId, string? Note, int? Hours);

public sealed record OrderForOffer(
    Guid Id, string Number, WorkOrderStatus Status, Urgency Urgency, DemandType DemandType, string Title, string Description,
    NodeRef Category, RegionRef? Region, string? Address, DateTimeOffset CreatedAt);

public sealed record HelpRequestResponse(
    Guid Id, OrderForOffer Order, UnitGroupRef Group, AssignmentRole Role, string Note, DateTimeOffset OfferedAt, DateTimeOffset ExpiresAt,
    HelpRequestStatus Status, UnitRef? ClaimedBy, DateTimeOffset? ClosedAt);

public sealed record UnitGroupRef(Guid Id, string Name);

public sealed record ReturnReasonRequest(string? Code, string? Name, string? NameEn, int? Position, bool? Active);

public sealed record ReturnReasonResponse(string Code, string Name, string? NameEn, int Position, bool Active)
{
    public static ReturnReasonResponse From(ReturnReason r) => new(r.Code, r.Name, r.NameEn, r.Position, r.IsActive);
}

public sealed record UnitReturnFiguresResponse(
    UnitRef Unit, int Dispatched, int Requested, int Approved, int Rejected, int Pending, double? ReturnRate, double? ImproperRate,
    IReadOnlyDictionary<string, int> ByReason);

public sealed record ReturnStatsResponse(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<UnitReturnFiguresResponse> Units);

/// <summary>Help requests (专家会诊), return reasons and the return figures per unit (issue 4).</summary>
public static class DispatchEndpoints
{
    public static IEndpointRouteBuilder MapDispatchEndpoints(this IEndpointRouteBuilder app)
    {
        var orders = app.MapGroup("/api/v1/work-orders").WithTags("Work orders").RequireAuthorization();
        orders.MapPost("/{id:guid}/help-requests", Offer).WithIdempotency()
            .WithSummary("Offer the order to a unit group (专家会诊); dispatcher")
            .WithDescription("Not yet dispatched, the first member unit to claim becomes the lead; already with a lead, it joins as an assist. hours: 1–336, default 24; unclaimed offers expire back to the dispatchers. Every member unit is notified.");
        orders.MapPost("/{id:guid}/help-requests/{helpRequestId:guid}/withdraw", Withdraw).Accepts<NoteRequest>("application/json").WithIdempotency()
            .WithSummary("Withdraw an offer nobody has claimed; dispatcher");

        var help = app.MapGroup("/api/v1/help-requests").WithTags("Dispatch").RequireAuthorization();
        help.MapGet("/", ListOffers).WithSummary("Offers: a handler sees those made to groups of their unit; centre staff see all")
            .WithDescription("status: open (default), claimed, expired, withdrawn, all. A handler sees the order's matter, place and category, never the requester.");
        help.MapPost("/{id:guid}/claim", Claim).WithIdempotency()
            .WithSummary("Claim an offered order for your unit (认领); handler of a member unit. The first claim wins; later ones get 409.");

        var reasons = app.MapGroup("/api/v1/return-reasons").WithTags("Dispatch").RequireAuthorization();
        reasons.MapGet("/", ListReasons).WithSummary("Return reasons (退单原因) a unit may choose; all=true includes deactivated ones");
        reasons.MapPost("/", AddReason).WithIdempotency().WithSummary("Add a return reason (admin)");
        reasons.MapPatch("/{code}", ChangeReason).WithSummary("Rename, reorder, deactivate or reactivate a return reason (admin)");

        app.MapGet("/api/v1/returns/stats", ReturnStats).WithTags("Dispatch").RequireAuthorization()
            .WithSummary("Returns per unit in a period: asked, approved, rejected (不当退单), pending, by reason; supervisor, dispatcher or admin")
            .WithDescription("from/to: yyyy-MM-dd in the centre's time zone (to inclusive) or ISO 8601 instants; default the last 30 days.");
        return app;
    }

    private static async Task<Ok<WorkOrderResponse>> Offer(
        Guid id, OfferHelpRequestBody request, HttpContext http, ClaimsPrincipal principal, OfferHelpRequest offer, Responses responses, CancellationToken ct)
    {
        new Validator().Required("groupId", request.GroupId).Required("note", request.Note, HelpRequest.MaxNoteLength)
            .Range("hours", request.Hours, 1, HelpRequest.MaxHours).ThrowIfInvalid();
        var actor = principal.ToActor();
        var (order, _) = await offer.ExecuteAsync(id, actor, Versions.FromIfMatch(http), request.GroupId!.Value, request.Note!.Trim(), request.Hours ?? HelpRequest.DefaultHours, ct);
        return await responses.OrderAsync(http, order, actor, ct);
    }

    private static async Task<Ok<WorkOrderResponse>> Withdraw(
        Guid id, Guid helpRequestId, HttpContext http, ClaimsPrincipal principal, ActOnWorkOrder act, Responses responses, CancellationToken ct)
    {
        var body = await WorkOrderEndpoints.ReadBodyAsync<NoteRequest>(http, allowEmpty: true, ct);
        new Validator().MaxLength("note", body.Note, WorkOrder.MaxNoteLength).ThrowIfInvalid();
        var actor = principal.ToActor();
        var order = await act.ExecuteAsync(id, actor, Versions.FromIfMatch(http), (o, now) => o.WithdrawHelp(actor, now, helpRequestId, body.Note?.Trim()), ct);
        return await responses.OrderAsync(http, order, actor, ct);
    }

    private static async Task<Ok<WorkOrderResponse>> Claim(
        Guid id, HttpContext http, ClaimsPrincipal principal, ClaimHelpRequest claim, Responses responses, CancellationToken ct)
    {
        var actor = principal.ToActor();
        var order = await claim.ExecuteAsync(id, actor, ct);
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
            _ => WorkOrderEndpoints.ParseEnum<HelpRequestStatus>(v, "status", status),
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

    private static async Task<Ok<List<ReturnReasonResponse>>> ListReasons(ManageReturnReasons reasons, CancellationToken ct, bool? all = null) =>
        TypedResults.Ok((await reasons.ListAsync(activeOnly: all != true, ct)).Select(ReturnReasonResponse.From).ToList());

    private static async Task<Created<ReturnReasonResponse>> AddReason(ReturnReasonRequest request, ClaimsPrincipal principal, ManageReturnReasons reasons, CancellationToken ct)
    {
        principal.ToActor().Require(Role.Admin, new Text("设置退单原因", "configure return reasons"));
        var v = new Validator().Required("code", request.Code, ReturnReason.MaxCodeLength).Required("name", request.Name, ReturnReason.MaxNameLength)
            .MaxLength("nameEn", request.NameEn, ReturnReason.MaxNameLength).Range("position", request.Position, 0, 10_000);
        v.When(request.Code is { Length: > 0 } c && !c.Trim().All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_'), "code",
            new Text("代码只能由字母、数字、- 和 _ 组成。", "A code has letters, digits, - and _ only."));
        v.ThrowIfInvalid();
        var reason = await reasons.AddAsync(request.Code!.Trim(), request.Name!.Trim(), Blank(request.NameEn), request.Position, ct);
        return TypedResults.Created($"/api/v1/return-reasons/{reason.Code}", ReturnReasonResponse.From(reason));
    }

    private static async Task<Ok<ReturnReasonResponse>> ChangeReason(string code, ReturnReasonRequest request, ClaimsPrincipal principal, ManageReturnReasons reasons, CancellationToken ct)
    {
        principal.ToActor().Require(Role.Admin, new Text("设置退单原因", "configure return reasons"));
        var v = new Validator().MaxLength("nameEn", request.NameEn, ReturnReason.MaxNameLength).Range("position", request.Position, 0, 10_000);
        v.When(request.Name is not null && string.IsNullOrWhiteSpace(request.Name), "name", new Text("名称不能为空。", "The name cannot be blank."));
        v.MaxLength("name", request.Name, ReturnReason.MaxNameLength);
        v.ThrowIfInvalid();
        var reason = await reasons.ChangeAsync(code, request.Name?.Trim(), Blank(request.NameEn), request.Position, request.Active, ct);
        return TypedResults.Ok(ReturnReasonResponse.From(reason));
    }

    private static async Task<Ok<ReturnStatsResponse>> ReturnStats(
        ClaimsPrincipal principal, GetReturnStats stats, ReferenceData refs, LianxinDbContext db, IOptions<CentreOptions> centre, TimeProvider clock, CancellationToken ct,
        string? from = null, string? to = null, Guid? unitId = null)
    {
        principal.ToActor().Require(Role.Supervisor | Role.Dispatcher | Role.Admin, new Text("查看退单统计", "read return figures"));
        var v = new Validator();
        var (fromUtc, toUtc) = Periods.Bounded(v, from, to, centre.Value.Zone, clock.GetUtcNow().UtcDateTime);
        v.ThrowIfInvalid();
        var figures = await stats.ExecuteAsync(fromUtc, toUtc, unitId, ct);
        var snapshot = await refs.GetAsync(db, ct);
        return TypedResults.Ok(new ReturnStatsResponse(WorkOrderResponse.Utc(fromUtc), WorkOrderResponse.Utc(toUtc), figures.Select(f =>
            new UnitReturnFiguresResponse(WorkOrderResponse.Unit(snapshot, f.UnitId), f.Dispatched, f.Requested, f.Approved, f.Rejected, f.Pending,
                f.ReturnRate, f.ImproperRate, f.ByReason)).ToList()));
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
