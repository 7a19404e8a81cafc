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
/// move and (de)activate. Units add a kind; regions require a code.
/// </summary>
public static class TreeEndpoints
{
    public static IEndpointRouteBuilder MapTreeEndpoints(this IEndpointRouteBuilder app)
    {
        MapTree<Unit>(app, "units", "Units", needsKind: true, needsCode: false,
            (id, name, code, parent, kind, now) => new Unit(id, name, kind!.Value, code, parent, now));
        MapTree<Category>(app, "categories", "Categories", needsKind: false, needsCode: false,
            (id, name, code, parent, _, now) => new Category(id, name, code, parent, now));
        MapTree<Region>(app, "regions", "Regions", needsKind: false, needsCode: true,
            (id, name, code, parent, _, now) => new Region(id, name, code!, parent, now));
        return app;
    }

    private delegate T Factory<T>(Guid id, string name, string? code, T? parent, UnitKind? kind, DateTime now)
        where T : TreeNode;

    private static void MapTree<T>(IEndpointRouteBuilder app, string route, string tag, bool needsKind, bool needsCode, Factory<T> factory)
        where T : TreeNode
    {
        var group = app.MapGroup($"/api/v1/{route}").WithTags(tag).RequireAuthorization();

        group.MapPost("/", async Task<Created<TreeNodeResponse>> (
            CreateNodeRequest request, ClaimsPrincipal principal, ManageTree<T> tree, ReferenceData refs, LianxinDbContext db, TimeProvider clock, CancellationToken ct) =>
        {
            var v = new Validator();
            v.Required("name", request.Name, TreeNode.MaxNameLength);
            if (needsCode)
            {
                v.Required("code", request.Code, TreeNode.MaxCodeLength);
            }
            else
            {
                v.MaxLength("code", request.Code, TreeNode.MaxCodeLength);
            }

            var kind = needsKind ? ParseKind(v, request.Kind, required: true) : null;
            v.ThrowIfInvalid();
            var name = request.Name!.Trim();
            var code = string.IsNullOrWhiteSpace(request.Code) ? null : request.Code.Trim();
            var node = await tree.CreateAsync(principal.ToActor(), name, code, request.ParentId,
                (id, parent) => factory(id, name, code, parent, kind, clock.GetUtcNow().UtcDateTime), ct);
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
            var v = new Validator();
            v.When(request.Name is not null && string.IsNullOrWhiteSpace(request.Name), "name", new Text("不能为空。", "Must not be empty."));
            v.MaxLength("name", request.Name, TreeNode.MaxNameLength);
            v.MaxLength("code", request.Code, TreeNode.MaxCodeLength);
            v.When(needsCode && request.ClearCode == true, "clearCode", new Text("区域必须有编码。", "A region must keep a code."));
            v.When(request.ParentId is not null && request.MoveToRoot == true, "parentId", new Text("不能同时指定上级和移到顶层。", "Give either parentId or moveToRoot."));
            v.When(request.ParentId == id, "parentId", new Text("不能以自身为上级。", "A node cannot be its own parent."));
            var kind = needsKind && request.Kind is not null ? ParseKind(v, request.Kind, required: false) : null;
            v.When(!needsKind && request.Kind is not null, "kind", new Text("只有单位有类型。", "Only units have a kind."));
            v.ThrowIfInvalid();
            var node = await tree.UpdateAsync(principal.ToActor(), id,
                new TreeNodeChange(request.Name?.Trim(), string.IsNullOrWhiteSpace(request.Code) ? null : request.Code.Trim(), request.ClearCode == true,
                    request.ParentId, request.MoveToRoot == true, request.IsActive),
                ct);
            if (kind is { } k && node is Unit unit && unit.Kind != k)
            {
                unit.ChangeKind(k);
                await db.SaveChangesAsync(ct);
            }

            var index = Index<T>(await refs.GetAsync(db, ct));
            return TypedResults.Ok(ToResponse(node, index));
        }).WithSummary($"Rename, re-code, move or (de)activate a node of the {route} tree (admin); nodes are never deleted");
    }

    private static UnitKind? ParseKind(Validator v, string? text, bool required)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            v.When(required, "kind", new Text("必填。", "Required."));
            return null;
        }

        if (Enum.TryParse<UnitKind>(text, ignoreCase: true, out var kind) && !int.TryParse(text, out _))
        {
            return kind;
        }

        v.Add("kind", new Text("未知单位类型，可选：centre、subCentre、department、streetOffice、propertyCompany、repairCrew、community、enterprise、other。",
            "Unknown kind; use centre, subCentre, department, streetOffice, propertyCompany, repairCrew, community, enterprise or other."));
        return null;
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
