using Lianxin.Core.Common;
using Lianxin.Core.Data;
using Lianxin.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace Lianxin.Core.Organization;

/// <summary>A new node as submitted, before validation; the kind (units only) by its API name.</summary>
public sealed record NewTreeNode(string? Name, string? Code = null, Guid? ParentId = null, string? Kind = null);

/// <summary>What an admin changes on a node, before validation; null means "leave as is".</summary>
public sealed record TreeNodeChange(string? Name = null, string? Code = null, bool ClearCode = false, Guid? ParentId = null, bool MoveToRoot = false, bool? IsActive = null, string? Kind = null);

/// <summary>What differs between the three trees.</summary>
public static class TreeRules
{
    /// <summary>Regions are known by their codes (the national division codes), so theirs is required.</summary>
    public static bool CodeRequired<T>()
        where T : TreeNode => typeof(T) == typeof(Region);

    /// <summary>Only units have a kind.</summary>
    public static bool HasKind<T>()
        where T : TreeNode => typeof(T) == typeof(Unit);
}

/// <summary>
/// Create, rename, re-code, move and (de)activate nodes of one reference tree. The same rules hold for
/// units, categories and regions: siblings have distinct names, codes are unique, a node never moves
/// under itself, and nothing is deleted.
/// </summary>
public sealed class ManageTree<T>(LianxinDbContext db, ReferenceData refs, TimeProvider clock)
    where T : TreeNode
{
    private static bool CodeRequired => TreeRules.CodeRequired<T>();

    private static bool HasKind => TreeRules.HasKind<T>();

    public async Task<T> CreateAsync(Actor actor, NewTreeNode input, CancellationToken ct)
    {
        // The form is checked before the role, as the API always answered.
        var v = new Validator();
        v.Required("name", input.Name, TreeNode.MaxNameLength);
        if (CodeRequired)
        {
            v.Required("code", input.Code, TreeNode.MaxCodeLength);
        }
        else
        {
            v.MaxLength("code", input.Code, TreeNode.MaxCodeLength);
        }

        var kind = HasKind ? ParseKind(v, input.Kind, required: true) : null;
        v.ThrowIfInvalid();
        var name = input.Name!.Trim();
        var code = string.IsNullOrWhiteSpace(input.Code) ? null : input.Code.Trim();
        var parentId = input.ParentId;

        RequireAdmin(actor);
        var set = db.Set<T>();
        T? parent = null;
        if (parentId is { } pid)
        {
            parent = await set.SingleOrDefaultAsync(n => n.Id == pid, ct)
                ?? throw ValidationFailedException.For("parentId", new Text("上级节点不存在。", "No such parent."));
            if (!parent.IsActive)
            {
                throw ValidationFailedException.For("parentId", new Text("上级节点已停用。", "The parent is deactivated."));
            }
        }

        await CheckSiblingNameAsync(name, parentId, exceptId: null, ct);
        await CheckCodeAsync(code, exceptId: null, ct);
        var node = New(Ids.New(clock), name, code, parent, kind, clock.GetUtcNow().UtcDateTime);
        set.Add(node);
        await db.SaveChangesAsync(ct);
        refs.Invalidate();
        return node;
    }

    public async Task<T> UpdateAsync(Actor actor, Guid id, TreeNodeChange change, CancellationToken ct)
    {
        var v = new Validator();
        v.When(change.Name is not null && string.IsNullOrWhiteSpace(change.Name), "name", new Text("不能为空。", "Must not be empty."));
        v.MaxLength("name", change.Name, TreeNode.MaxNameLength);
        v.MaxLength("code", change.Code, TreeNode.MaxCodeLength);
        v.When(CodeRequired && change.ClearCode, "clearCode", new Text("区域必须有编码。", "A region must keep a code."));
        v.When(change.ParentId is not null && change.MoveToRoot, "parentId", new Text("不能同时指定上级和移到顶层。", "Give either parentId or moveToRoot."));
        v.When(change.ParentId == id, "parentId", new Text("不能以自身为上级。", "A node cannot be its own parent."));
        var kind = HasKind && change.Kind is not null ? ParseKind(v, change.Kind, required: false) : null;
        v.When(!HasKind && change.Kind is not null, "kind", new Text("只有单位有类型。", "Only units have a kind."));
        v.ThrowIfInvalid();
        change = change with { Name = change.Name?.Trim(), Code = string.IsNullOrWhiteSpace(change.Code) ? null : change.Code.Trim() };

        RequireAdmin(actor);
        var set = db.Set<T>();
        var node = await set.SingleOrDefaultAsync(n => n.Id == id, ct)
            ?? throw new NotFoundException(new Text("节点不存在。", "No such node."));

        var newParentId = change.MoveToRoot ? null : change.ParentId ?? node.ParentId;
        if (change.Name is not null || newParentId != node.ParentId)
        {
            await CheckSiblingNameAsync(change.Name ?? node.Name, newParentId, node.Id, ct);
        }

        if (change.Name is not null)
        {
            node.Rename(change.Name);
        }

        if (change.ClearCode)
        {
            node.ChangeCode(null);
        }
        else if (change.Code is not null && change.Code != node.Code)
        {
            await CheckCodeAsync(change.Code, node.Id, ct);
            node.ChangeCode(change.Code);
        }

        if (newParentId != node.ParentId)
        {
            await MoveAsync(set, node, newParentId, ct);
        }

        if (change.IsActive is { } active)
        {
            if (active)
            {
                node.Activate();
            }
            else
            {
                node.Deactivate();
            }
        }

        if (kind is { } k && node is Unit unit && unit.Kind != k)
        {
            unit.ChangeKind(k);
        }

        await db.SaveChangesAsync(ct);
        refs.Invalidate();
        return node;
    }

    private static async Task MoveAsync(DbSet<T> set, T node, Guid? newParentId, CancellationToken ct)
    {
        T? parent = null;
        if (newParentId is { } pid)
        {
            parent = await set.SingleOrDefaultAsync(n => n.Id == pid, ct)
                ?? throw ValidationFailedException.For("parentId", new Text("上级节点不存在。", "No such parent."));
            if (parent.IsInSubtreeOf(node))
            {
                throw ValidationFailedException.For("parentId", new Text("不能移到自身或其下级之下。", "A node cannot move under itself or its descendants."));
            }
        }

        var oldPath = node.Path;
        var oldDepth = node.Depth;
        var descendants = await set.Where(n => n.Path.StartsWith(oldPath) && n.Id != node.Id).ToListAsync(ct);
        node.PlaceUnder(parent);
        foreach (var d in descendants)
        {
            d.Reroot(oldPath, node.Path, node.Depth - oldDepth);
        }
    }

    private async Task CheckSiblingNameAsync(string name, Guid? parentId, Guid? exceptId, CancellationToken ct)
    {
        var taken = await db.Set<T>().AnyAsync(n => n.ParentId == parentId && n.Name == name && n.Id != exceptId, ct);
        if (taken)
        {
            throw ValidationFailedException.For("name", new Text("同一上级下已有同名节点。", "A sibling already has this name."));
        }
    }

    private async Task CheckCodeAsync(string? code, Guid? exceptId, CancellationToken ct)
    {
        if (code is not null && await db.Set<T>().AnyAsync(n => n.Code == code && n.Id != exceptId, ct))
        {
            throw ValidationFailedException.For("code", new Text("编码已被使用。", "This code is already used."));
        }
    }

    private static T New(Guid id, string name, string? code, T? parent, UnitKind? kind, DateTime now) => parent switch
    {
        _ when typeof(T) == typeof(Unit) => (T)(TreeNode)new Unit(id, name, kind!.Value, code, parent as Unit, now),
        _ when typeof(T) == typeof(Category) => (T)(TreeNode)new Category(id, name, code, parent as Category, now),
        _ when typeof(T) == typeof(Region) => (T)(TreeNode)new Region(id, name, code!, parent as Region, now),
        _ => throw new NotSupportedException($"No tree of {typeof(T).Name}."),
    };

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

    private static void RequireAdmin(Actor actor) => actor.Require(Role.Admin, new Text("维护基础数据", "change reference data"));
}
