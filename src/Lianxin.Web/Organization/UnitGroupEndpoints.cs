using System.Security.Claims;
using Lianxin.Core.Common;
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
        var v = Validate(request).Required("name", request.Name, UnitGroup.MaxNameLength);
        v.When(request.UnitIds is null || request.UnitIds.Count == 0, "unitIds", new Text("至少要有一个单位。", "At least one unit is required."));
        v.ThrowIfInvalid();
        var group = await groups.CreateAsync(principal.ToActor(), request.Name!.Trim(), Blank(request.Description), request.UnitIds!, ct);
        return TypedResults.Created($"/api/v1/unit-groups/{group.Id}", UnitGroupResponse.From(group, await refs.GetAsync(db, ct)));
    }

    private static async Task<Ok<UnitGroupResponse>> Change(
        Guid id, UnitGroupRequest request, ClaimsPrincipal principal, ManageUnitGroups groups, ReferenceData refs, LianxinDbContext db, CancellationToken ct)
    {
        var v = Validate(request);
        v.When(request.Name is not null && string.IsNullOrWhiteSpace(request.Name), "name", new Text("名称不能为空。", "The name cannot be blank."));
        v.When(request.UnitIds is { Count: 0 }, "unitIds", new Text("至少要有一个单位。", "At least one unit is required."));
        v.ThrowIfInvalid();
        var group = await groups.ChangeAsync(principal.ToActor(), id, request.Name?.Trim(), Blank(request.Description), request.UnitIds, request.Active, ct);
        return TypedResults.Ok(UnitGroupResponse.From(group, await refs.GetAsync(db, ct)));
    }

    private static Validator Validate(UnitGroupRequest request)
    {
        var v = new Validator().MaxLength("name", request.Name, UnitGroup.MaxNameLength).MaxLength("description", request.Description, UnitGroup.MaxDescriptionLength);
        v.When(request.UnitIds is { Count: > UnitGroup.MaxMembers }, "unitIds", new Text($"一个组最多 {UnitGroup.MaxMembers} 个单位。", $"At most {UnitGroup.MaxMembers} units in a group."));
        return v;
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
