using System.Security.Claims;
using Lianxin.Core.Data;
using Lianxin.Core.Organization;
using Lianxin.Web.Api;
using Lianxin.Web.Identity;
using Lianxin.Web.WorkOrders;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lianxin.Web.Organization;

public sealed record UnitGroupRequest(string? Name, string? Description, IReadOnlyList<Guid>? UnitIds, bool? Active);

public sealed record UnitGroupResponse(Guid Id, string Name, string? Description, bool Active, IReadOnlyList<UnitRef> Units)
{
    public static UnitGroupResponse From(UnitGroup g, ReferenceSnapshot refs) =>
        new(g.Id, g.Name, g.Description, g.IsActive, g.Members.Select(m => WorkOrderResponse.Unit(refs, m.UnitId)).OrderBy(u => u.Name, StringComparer.Ordinal).ToList());
}

/// <summary>Unit groups (单位组), e.g. a town's property companies, for help requests.</summary>
public static class UnitGroupEndpoints
{
    public static IEndpointRouteBuilder MapUnitGroupEndpoints(this IEndpointRouteBuilder app)
    {
        var groups = app.MapGroup("/api/v1/unit-groups").WithTags("Units").RequireAuthorization();
        groups.MapGet("/", List).WithSummary("Unit groups with their members; centre staff");
        groups.MapPost("/", Create).WithIdempotency().WithSummary("Create a unit group (admin)");
        groups.MapPatch("/{id:guid}", Change).WithSummary("Rename a group, set its members, deactivate or reactivate it (admin)");
        return app;
    }

    private static async Task<Ok<List<UnitGroupResponse>>> List(ClaimsPrincipal principal, ManageUnitGroups groups, ReferenceData refs, LianxinDbContext db, CancellationToken ct)
    {
        var list = await groups.ListAsync(principal.ToActor(), ct);
        var snapshot = await refs.GetAsync(db, ct);
        return TypedResults.Ok(list.Select(g => UnitGroupResponse.From(g, snapshot)).ToList());
    }

    private static async Task<Created<UnitGroupResponse>> Create(
        UnitGroupRequest request, ClaimsPrincipal principal, ManageUnitGroups groups, ReferenceData refs, LianxinDbContext db, CancellationToken ct)
    {
        var group = await groups.CreateAsync(principal.ToActor(), request.Name, request.Description, request.UnitIds, ct);
        return TypedResults.Created($"/api/v1/unit-groups/{group.Id}", UnitGroupResponse.From(group, await refs.GetAsync(db, ct)));
    }

    private static async Task<Ok<UnitGroupResponse>> Change(
        Guid id, UnitGroupRequest request, ClaimsPrincipal principal, ManageUnitGroups groups, ReferenceData refs, LianxinDbContext db, CancellationToken ct)
    {
        var group = await groups.ChangeAsync(principal.ToActor(), id, request.Name, request.Description, request.UnitIds, request.Active, ct);
        return TypedResults.Ok(UnitGroupResponse.From(group, await refs.GetAsync(db, ct)));
    }
}
