using System.Security.Claims;
using Lianxin.Core.Common;
using Lianxin.Core.Data;
using Lianxin.Core.Organization;
using Lianxin.Web.Api;
using Lianxin.Web.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lianxin.Web.Organization;

public sealed record TreeNodeResponse(Guid Id, string Name, string? Code, string? Kind, Guid? ParentId, string Path, int Depth, bool IsActive);

public sealed record CreateNodeRequest(string? Name, string? Code, Guid? ParentId, string? Kind);

public sealed record UpdateNodeRequest(string? Name, string? Code, bool? ClearCode, Guid? ParentId, bool? MoveToRoot, bool? IsActive, string? Kind);

/// <summary>
/// The three reference trees share one set of admin endpoints: create, list, get, rename, re-code,
/// move and (de)activate. Units add a kind; regions require a code (ManageTree checks both).
/// </summary>
public static class TreeEndpoints
{
    public static IEndpointRouteBuilder MapTreeEndpoints(this IEndpointRouteBuilder app)
    {
        MapTree<Unit>(app, "units", "Units");
        MapTree<Category>(app, "categories", "Categories");
        MapTree<Region>(app, "regions", "Regions");
        return app;
    }

    private static void MapTree<T>(IEndpointRouteBuilder app, string route, string tag)
        where T : TreeNode
    {
        var group = app.MapGroup($"/api/v1/{route}").WithTags(tag).RequireAuthorization();

        group.MapPost("/", async Task<Created<TreeNodeResponse>> (
            CreateNodeRequest request, ClaimsPrincipal principal, ManageTree<T> tree, ReferenceData refs, LianxinDbContext db, CancellationToken ct) =>
        {
            var node = await tree.CreateAsync(principal.ToActor(), new NewTreeNode(request.Name, request.Code, request.ParentId, request.Kind), ct);
            var snapshot = await refs.GetAsync(db, ct);
            return TypedResults.Created($"/api/v1/{route}/{node.Id}", ToResponse(node, Index<T>(snapshot)));
        }).WithIdempotency().WithSummary($"Create a node of the {route} tree (admin)");

        group.MapGet("/", async Task<Ok<List<TreeNodeResponse>>> (
            bool? includeInactive, Guid? parentId, ReferenceData refs, LianxinDbContext db, CancellationToken ct) =>
        {
            var index = Index<T>(await refs.GetAsync(db, ct));
            var nodes = index.All
                .Where(n => includeInactive == true || n.IsActive)
                .Where(n => parentId is null || n.ParentId == parentId)
                .Select(n => ToResponse(n, index))
                .OrderBy(n => n.Path, StringComparer.Ordinal)
                .ToList();
            return TypedResults.Ok(nodes);
        }).WithSummary($"List the {route} tree (flat, in path order; active nodes unless includeInactive=true)");

        group.MapGet("/{id:guid}", async Task<Ok<TreeNodeResponse>> (Guid id, ReferenceData refs, LianxinDbContext db, CancellationToken ct) =>
        {
            var snapshot = await refs.GetAsync(db, ct);
            var index = Index<T>(snapshot);
            var node = index.Find(id);
            if (node is null)
            {
                refs.Invalidate();
                index = Index<T>(await refs.GetAsync(db, ct));
                node = index.Find(id);
            }

            return node is null
                ? throw new NotFoundException(new Text("节点不存在。", "No such node."))
                : TypedResults.Ok(ToResponse(node, index));
        }).WithSummary($"One node of the {route} tree");

        group.MapPatch("/{id:guid}", async Task<Ok<TreeNodeResponse>> (
            Guid id, UpdateNodeRequest request, ClaimsPrincipal principal, ManageTree<T> tree, ReferenceData refs, LianxinDbContext db, CancellationToken ct) =>
        {
            var node = await tree.UpdateAsync(principal.ToActor(), id,
                new TreeNodeChange(request.Name, request.Code, request.ClearCode == true, request.ParentId, request.MoveToRoot == true, request.IsActive, request.Kind), ct);
            var index = Index<T>(await refs.GetAsync(db, ct));
            return TypedResults.Ok(ToResponse(node, index));
        }).WithSummary($"Rename, re-code, move or (de)activate a node of the {route} tree (admin); nodes are never deleted");
    }

    private static TreeIndex<T> Index<T>(ReferenceSnapshot snapshot)
        where T : TreeNode => snapshot switch
        {
            _ when typeof(T) == typeof(Unit) => (TreeIndex<T>)(object)snapshot.Units,
            _ when typeof(T) == typeof(Category) => (TreeIndex<T>)(object)snapshot.Categories,
            _ => (TreeIndex<T>)(object)snapshot.Regions,
        };

    private static TreeNodeResponse ToResponse<T>(T node, TreeIndex<T> index)
        where T : TreeNode =>
        new(node.Id, node.Name, node.Code, node is Unit u ? System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(u.Kind.ToString()) : null,
            node.ParentId, index.Find(node.Id) is { } known ? index.PathName(known) : node.Name, node.Depth, node.IsActive);
}
