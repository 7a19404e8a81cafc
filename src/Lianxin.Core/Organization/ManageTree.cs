using Lianxin.Core.Common;
using Lianxin.Core.Data;
using Lianxin.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace Lianxin.Core.Organization;

/// <summary>What an admin changes on a node; null means "leave as is".</summary>
public sealed record TreeNodeChange(string? Name = null, string? Code = null, bool ClearCode = false, Guid? ParentId = null, bool MoveToRoot = false, bool? IsActive = null);

/// <summary>
/// Create, rename, re-code, move and (de)activate nodes of one reference tree. The same rules hold for
/// units, categories and regions: siblings have distinct names, codes are unique, a node never moves
/// under itself, and nothing is deleted.
/// </summary>
public sealed class ManageTree<T>(LianxinDbContext db, ReferenceData refs, TimeProvider clock)
    where T : TreeNode
{
    public async Task<T> CreateAsync(Actor actor, string name, string? code, Guid? parentId, Func<Guid, T?, T> create, CancellationToken ct)
    {
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
        var node = create(Ids.New(clock), parent);
        set.Add(node);
        await db.SaveChangesAsync(ct);
        refs.Invalidate();
        return node;
    }

    public async Task<T> UpdateAsync(Actor actor, Guid id, TreeNodeChange change, CancellationToken ct)
    {
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

    private static void RequireAdmin(Actor actor) => actor.Require(Role.Admin, new Text("维护基础数据", "change reference data"));
}
