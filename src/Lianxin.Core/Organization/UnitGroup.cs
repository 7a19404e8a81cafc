using Lianxin.Core.Common;
using Lianxin.Core.Data;
using Lianxin.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace Lianxin.Core.Organization;

/// <summary>
/// 单位组: units a centre offers hard cases to together, e.g. "the 29 property companies of a town" for a
/// help request (专家会诊). Deactivated, never deleted.
/// </summary>
public sealed class UnitGroup
{
    public const int MaxNameLength = 100;
    public const int MaxDescriptionLength = 500;
    public const int MaxMembers = 500;

    private readonly List<UnitGroupMember> _members = [];

    private UnitGroup()
    {
    }

    public UnitGroup(Guid id, string name, string? description, IEnumerable<Guid> unitIds, DateTime createdAt)
    {
        Id = id;
        Name = name;
        Description = description;
        IsActive = true;
        CreatedAt = createdAt;
        SetMembers(unitIds);
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; } = "";

    public string? Description { get; private set; }

    public bool IsActive { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public IReadOnlyList<UnitGroupMember> Members => _members;

    public void Change(string? name, string? description, IEnumerable<Guid>? unitIds, bool? active)
    {
        Name = name ?? Name;
        Description = description ?? Description;
        IsActive = active ?? IsActive;
        if (unitIds is not null)
        {
            SetMembers(unitIds);
        }
    }

    private void SetMembers(IEnumerable<Guid> unitIds)
    {
        var wanted = unitIds.Distinct().ToHashSet();
        _members.RemoveAll(m => !wanted.Contains(m.UnitId));
        foreach (var id in wanted.Where(id => _members.All(m => m.UnitId != id)))
        {
            _members.Add(new UnitGroupMember(Id, id));
        }
    }
}

public sealed class UnitGroupMember
{
    private UnitGroupMember()
    {
    }

    internal UnitGroupMember(Guid groupId, Guid unitId)
    {
        GroupId = groupId;
        UnitId = unitId;
    }

    public Guid GroupId { get; private set; }

    public Guid UnitId { get; private set; }
}

/// <summary>Unit groups: create, change, list (admin); members must be active units that take orders.</summary>
public sealed class ManageUnitGroups(LianxinDbContext db, TimeProvider clock)
{
    private static readonly Text Manage = new("管理单位组", "manage unit groups");

    /// <summary>Centre staff read the groups (a dispatcher offers orders to them).</summary>
    public Task<List<UnitGroup>> ListAsync(Actor actor, CancellationToken ct)
    {
        actor.Require(Roles.CentreStaff, new Text("查看单位组", "read unit groups"));
        return db.UnitGroups.AsNoTracking().Include(g => g.Members).OrderBy(g => g.Name).ToListAsync(ct);
    }

    public async Task<UnitGroup> CreateAsync(Actor actor, string? name, string? description, IReadOnlyList<Guid>? unitIds, CancellationToken ct)
    {
        // The form is checked before the role, as the API always answered.
        var v = Form(name, description, unitIds).Required("name", name, UnitGroup.MaxNameLength);
        v.When(unitIds is null || unitIds.Count == 0, "unitIds", new Text("至少要有一个单位。", "At least one unit is required."));
        v.ThrowIfInvalid();
        name = name!.Trim();
        description = Blank(description);

        actor.Require(Role.Admin, Manage);
        await CheckAsync(null, name, unitIds, ct);
        var group = new UnitGroup(Ids.New(clock), name, description, unitIds!, clock.GetUtcNow().UtcDateTime);
        db.UnitGroups.Add(group);
        await db.SaveChangesAsync(ct);
        return group;
    }

    public async Task<UnitGroup> ChangeAsync(Actor actor, Guid id, string? name, string? description, IReadOnlyList<Guid>? unitIds, bool? active, CancellationToken ct)
    {
        var v = Form(name, description, unitIds);
        v.When(name is not null && string.IsNullOrWhiteSpace(name), "name", new Text("名称不能为空。", "The name cannot be blank."));
        v.When(unitIds is { Count: 0 }, "unitIds", new Text("至少要有一个单位。", "At least one unit is required."));
        v.ThrowIfInvalid();
        name = name?.Trim();
        description = Blank(description);

        actor.Require(Role.Admin, Manage);
        var group = await db.UnitGroups.Include(g => g.Members).SingleOrDefaultAsync(g => g.Id == id, ct)
            ?? throw new NotFoundException(new Text("没有该单位组。", "No such unit group."));
        await CheckAsync(id, name, unitIds, ct);
        group.Change(name, description, unitIds, active);
        await db.SaveChangesAsync(ct);
        return group;
    }

    private static Validator Form(string? name, string? description, IReadOnlyList<Guid>? unitIds)
    {
        var v = new Validator().MaxLength("name", name, UnitGroup.MaxNameLength).MaxLength("description", description, UnitGroup.MaxDescriptionLength);
        v.When(unitIds is { Count: > UnitGroup.MaxMembers }, "unitIds", new Text($"一个组最多 {UnitGroup.MaxMembers} 个单位。", $"At most {UnitGroup.MaxMembers} units in a group."));
        return v;
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private async Task CheckAsync(Guid? id, string? name, IReadOnlyList<Guid>? unitIds, CancellationToken ct)
    {
        var v = new Validator();
        if (name is not null && await db.UnitGroups.AnyAsync(g => g.Name == name && g.Id != id, ct))
        {
            v.Add("name", new Text("已有同名的单位组。", "A unit group with that name exists."));
        }

        if (unitIds is not null)
        {
            var found = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).Select(u => new { u.Id, u.IsActive, u.Kind }).ToListAsync(ct);
            for (var i = 0; i < unitIds.Count; i++)
            {
                var unit = found.FirstOrDefault(u => u.Id == unitIds[i]);
                v.When(unit is null, $"unitIds[{i}]", new Text("单位不存在。", "No such unit."));
                v.When(unit is { IsActive: false }, $"unitIds[{i}]", new Text("该单位已停用。", "That unit is deactivated."));
                v.When(unit is { Kind: UnitKind.Centre }, $"unitIds[{i}]", new Text("热线中心本身不能入组。", "The centre itself cannot be a member."));
            }
        }

        v.ThrowIfInvalid();
    }
}
