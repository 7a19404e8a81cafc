using System.Security.Claims;
using Lianxin.Core.Data;
using Lianxin.Core.Deadlines;
using Lianxin.Core.Dispatch;
using Lianxin.Core.Organization;
using Lianxin.Core.WorkOrders;
using Lianxin.Web.Api;
using Lianxin.Web.Identity;
using Lianxin.Web.WorkOrders;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Lianxin.Web.Deadlines;

public sealed record LimitDto(decimal? Amount, DurationUnit? Unit);

public sealed record PolicyRequest(string? Name, Urgency? Urgency, DemandType? DemandType, Guid? CategoryId, LimitDto? SignFor, LimitDto? Contact, LimitDto? Completion);

public sealed record PolicyChangeRequest(string? Name, LimitDto? SignFor, LimitDto? Contact, LimitDto? Completion);

public sealed record LimitResponse(decimal Amount, DurationUnit Unit, string Text);

public sealed record PolicyResponse(
    Guid Id, string Name, Urgency Urgency, DemandType? DemandType, NodeRef? Category, LimitResponse SignFor, LimitResponse Contact, LimitResponse Completion,
    int Version, bool IsActive, Guid? SupersedesId, DateTimeOffset CreatedAt, DateTimeOffset? RetiredAt)
{
    public static PolicyResponse From(DeadlinePolicy p, ReferenceSnapshot refs)
    {
        var t = p.Targets;
        var category = p.CategoryId is { } id ? refs.Categories.Find(id) : null;
        return new(p.Id, p.Name, p.Urgency, p.DemandType, p.CategoryId is { } cid ? new NodeRef(cid, category is null ? "" : refs.Categories.PathName(category)) : null,
            Limit(t.SignFor), Limit(t.Contact), Limit(t.Completion), p.Version, p.IsActive, p.SupersedesId, WorkOrderResponse.Utc(p.CreatedAt), WorkOrderResponse.Utc(p.RetiredAt));
    }

    private static LimitResponse Limit(TimeLimit l) => new(l.Amount, l.Unit, l.ToString());
}

public sealed record UnitDeadlineCount(UnitRef? Unit, int Approaching, int Overdue);

/// <summary>Deadline policies, deadline overviews, and pausing and resuming an order's clocks (issue 3).</summary>
public static class DeadlineEndpoints
{
    public static IEndpointRouteBuilder MapDeadlineEndpoints(this IEndpointRouteBuilder app)
    {
        var policies = app.MapGroup("/api/v1/deadline-policies").WithTags("Deadlines").RequireAuthorization();
        policies.MapGet("/", ListPolicies).WithSummary("Deadline policies (active ones unless includeRetired=true)");
        policies.MapPost("/", CreatePolicy).WithIdempotency().WithSummary("Create a policy for an urgency, optionally a demand type and a category subtree (admin)");
        policies.MapPut("/{id:guid}", ChangePolicy).WithSummary("Change a policy: writes its next version; orders already registered keep their limits (admin)");
        policies.MapPost("/{id:guid}/retire", RetirePolicy).WithIdempotency().WithSummary("Retire a policy (admin)");

        var deadlines = app.MapGroup("/api/v1/deadlines").WithTags("Deadlines").RequireAuthorization();
        deadlines.MapGet("/summary", Summary).WithSummary("Approaching (临期) and overdue (超期) open orders per lead unit");

        var orders = app.MapOrderGroup();
        orders.MapOrderAction<SuspendWorkOrder, ReasonRequest>("suspend", "Pause the clocks while waiting for the requester (挂起); dispatcher or supervisor");
        orders.MapOrderAction<ResumeWorkOrder, NoteRequest>("resume", "Start the clocks again; every deadline moves by the paused time (恢复); dispatcher or supervisor", optionalBody: true);
        return app;
    }

    private static LimitInput? Limit(LimitDto? dto) => dto is null ? null : new LimitInput(dto.Amount, dto.Unit);

    private static async Task<Ok<List<PolicyResponse>>> ListPolicies(bool? includeRetired, LianxinDbContext db, ReferenceData refs, CancellationToken ct)
    {
        var rows = await db.DeadlinePolicies.AsNoTracking().Where(p => includeRetired == true || p.IsActive).ToListAsync(ct);
        var snapshot = await refs.GetAsync(db, ct);
        return TypedResults.Ok(rows.OrderBy(p => p.CategoryId.HasValue).ThenBy(p => p.Urgency).ThenBy(p => p.DemandType).ThenBy(p => p.Version)
            .Select(p => PolicyResponse.From(p, snapshot)).ToList());
    }

    private static async Task<Created<PolicyResponse>> CreatePolicy(PolicyRequest request, ClaimsPrincipal principal, DeadlinePolicies policies, LianxinDbContext db, ReferenceData refs, CancellationToken ct)
    {
        var policy = await policies.CreateAsync(principal.ToActor(),
            new PolicyInput(request.Name, request.Urgency, request.DemandType, request.CategoryId, Limit(request.SignFor), Limit(request.Contact), Limit(request.Completion)), ct);
        return TypedResults.Created($"/api/v1/deadline-policies/{policy.Id}", PolicyResponse.From(policy, await refs.GetAsync(db, ct)));
    }

    private static async Task<Ok<PolicyResponse>> ChangePolicy(Guid id, PolicyChangeRequest request, ClaimsPrincipal principal, DeadlinePolicies policies, LianxinDbContext db, ReferenceData refs, CancellationToken ct)
    {
        var policy = await policies.ChangeAsync(principal.ToActor(), id, new PolicyChange(request.Name, Limit(request.SignFor), Limit(request.Contact), Limit(request.Completion)), ct);
        return TypedResults.Ok(PolicyResponse.From(policy, await refs.GetAsync(db, ct)));
    }

    private static async Task<Ok<PolicyResponse>> RetirePolicy(Guid id, ClaimsPrincipal principal, DeadlinePolicies policies, LianxinDbContext db, ReferenceData refs, CancellationToken ct)
    {
        var policy = await policies.RetireAsync(principal.ToActor(), id, ct);
        return TypedResults.Ok(PolicyResponse.From(policy, await refs.GetAsync(db, ct)));
    }

    private static async Task<Ok<List<UnitDeadlineCount>>> Summary(ClaimsPrincipal principal, LianxinDbContext db, ReferenceData refs, TimeProvider clock, CancellationToken ct)
    {
        var actor = principal.ToActor();
        var snapshot = await refs.GetAsync(db, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var visible = db.WorkOrders.AsNoTracking().VisibleTo(actor, snapshot);
        async Task<Dictionary<Guid, int>> CountAsync(DeadlineFilter filter) =>
            (await ListWorkOrders.WithDeadline(visible, filter, now)
                .Select(o => o.Assignments.AsQueryable()
                    .Where(Assignment.IsCurrentLead)
                    .Select(a => (Guid?)a.UnitId).FirstOrDefault())
                .ToListAsync(ct))
            .GroupBy(u => u ?? Guid.Empty)
            .ToDictionary(g => g.Key, g => g.Count());
        var approaching = await CountAsync(DeadlineFilter.Approaching);
        var overdue = await CountAsync(DeadlineFilter.Overdue);
        return TypedResults.Ok(approaching.Keys.Union(overdue.Keys)
            .Select(u => new UnitDeadlineCount(u == Guid.Empty ? null : WorkOrderResponse.Unit(snapshot, u), approaching.GetValueOrDefault(u), overdue.GetValueOrDefault(u)))
            .OrderByDescending(c => c.Overdue).ThenByDescending(c => c.Approaching)
            .ToList());
    }
}
