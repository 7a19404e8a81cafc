using Lianxin.Core.Common;
using Lianxin.Core.Data;
using Lianxin.Core.Identity;
using Lianxin.Core.Organization;
using Lianxin.Core.WorkOrders;
using Microsoft.EntityFrameworkCore;

namespace Lianxin.Core.Deadlines;

/// <summary>One time limit as submitted: an amount and its unit, before validation.</summary>
public sealed record LimitInput(decimal? Amount, DurationUnit? Unit);

/// <summary>A new policy as submitted (API body or console form), before validation.</summary>
public sealed record PolicyInput(string? Name, Urgency? Urgency, DemandType? DemandType, Guid? CategoryId, LimitInput? SignFor, LimitInput? Contact, LimitInput? Completion);

/// <summary>A policy's next version as submitted: a new name (null keeps it) and all three limits.</summary>
public sealed record PolicyChange(string? Name, LimitInput? SignFor, LimitInput? Contact, LimitInput? Completion);

/// <summary>
/// Chooses the policy for a new order and lets admins change policies. The most specific active policy
/// wins: a category override (the deepest one on the order's category path) before the default, and
/// within each, an exact demand type before "any demand type". Without any matching row, the presets
/// of DOMAIN.md apply.
/// </summary>
public sealed class DeadlinePolicies(LianxinDbContext db, ReferenceData refs, ActivePolicies active, TimeProvider clock)
{
    public async Task<(DeadlineTargets Targets, Guid? PolicyId)> ChooseAsync(DemandType demandType, Urgency urgency, Guid categoryId, CancellationToken ct)
    {
        var candidates = (await active.GetAsync(db, ct))
            .Where(p => p.Urgency == urgency && (p.DemandType == null || p.DemandType == demandType))
            .ToList();
        if (candidates.Count == 0)
        {
            return (DeadlinePresets.For(demandType, urgency), null);
        }

        var snapshot = await refs.GetAsync(db, ct);
        var path = new List<Guid?>();
        for (var node = snapshot.Categories.Find(categoryId); node is not null; node = node.ParentId is { } p ? snapshot.Categories.Find(p) : null)
        {
            path.Add(node.Id);
        }

        path.Add(null);
        var best = candidates
            .Select(p => (Policy: p, Depth: path.IndexOf(p.CategoryId)))
            .Where(x => x.Depth >= 0)
            .OrderBy(x => x.Depth)
            .ThenBy(x => x.Policy.DemandType is null ? 1 : 0)
            .Select(x => x.Policy)
            .FirstOrDefault();
        return best is null ? (DeadlinePresets.For(demandType, urgency), null) : (best.Targets, best.Id);
    }

    public async Task<DeadlinePolicy> CreateAsync(Actor actor, PolicyInput input, CancellationToken ct)
    {
        // The form is checked before the role, as the API always answered.
        var v = new Validator();
        v.Required("name", input.Name, DeadlinePolicy.MaxNameLength).Required("urgency", input.Urgency);
        var targets = Targets(v, input.SignFor, input.Contact, input.Completion);
        v.ThrowIfInvalid();
        var name = input.Name!.Trim();
        var urgency = input.Urgency!.Value;

        actor.Require(Role.Admin, new Text("维护时限标准", "change deadline policies"));
        await CheckCategoryAsync(input.CategoryId, ct);
        var clash = await db.DeadlinePolicies.AnyAsync(p => p.IsActive && p.Urgency == urgency && p.DemandType == input.DemandType && p.CategoryId == input.CategoryId, ct);
        if (clash)
        {
            throw new RuleViolationException(
                new Text("已有同一紧急程度、诉求类型和分类的有效时限标准，请修改它。", "An active policy for this urgency, demand type and category exists; change that one."),
                "policy-exists");
        }

        var policy = new DeadlinePolicy(Ids.New(clock), name, urgency, input.DemandType, input.CategoryId, targets, 1, null, clock.GetUtcNow().UtcDateTime, actor.UserId);
        db.DeadlinePolicies.Add(policy);
        await db.SaveChangesAsync(ct);
        active.Invalidate();
        return policy;
    }

    /// <summary>A change retires the row and writes its next version: existing orders keep their limits.</summary>
    public async Task<DeadlinePolicy> ChangeAsync(Actor actor, Guid id, PolicyChange change, CancellationToken ct)
    {
        var v = new Validator();
        v.When(change.Name is not null && string.IsNullOrWhiteSpace(change.Name), "name", new Text("不能为空。", "Must not be empty."));
        v.MaxLength("name", change.Name, DeadlinePolicy.MaxNameLength);
        var targets = Targets(v, change.SignFor, change.Contact, change.Completion);
        v.ThrowIfInvalid();
        var name = change.Name?.Trim();

        actor.Require(Role.Admin, new Text("维护时限标准", "change deadline policies"));
        var current = await db.DeadlinePolicies.SingleOrDefaultAsync(p => p.Id == id, ct)
            ?? throw new NotFoundException(new Text("时限标准不存在。", "No such policy."));
        if (!current.IsActive)
        {
            throw new RuleViolationException(new Text("该版本已停用，请修改最新版本。", "This version is retired; change the current one."), "policy-retired");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        current.Retire(now);
        var next = new DeadlinePolicy(Ids.New(clock), name ?? current.Name, current.Urgency, current.DemandType, current.CategoryId, targets, current.Version + 1, current.Id, now, actor.UserId);
        db.DeadlinePolicies.Add(next);
        await db.SaveChangesAsync(ct);
        active.Invalidate();
        return next;
    }

    public async Task<DeadlinePolicy> RetireAsync(Actor actor, Guid id, CancellationToken ct)
    {
        actor.Require(Role.Admin, new Text("维护时限标准", "change deadline policies"));
        var current = await db.DeadlinePolicies.SingleOrDefaultAsync(p => p.Id == id, ct)
            ?? throw new NotFoundException(new Text("时限标准不存在。", "No such policy."));
        current.Retire(clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        active.Invalidate();
        return current;
    }

    /// <summary>On a new database: the presets as editable rows (7 normal ones by demand type, one urgent, one critical).</summary>
    public async Task SeedPresetsAsync(CancellationToken ct)
    {
        if (await db.DeadlinePolicies.AnyAsync(ct))
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var type in Enum.GetValues<DemandType>())
        {
            db.DeadlinePolicies.Add(new DeadlinePolicy(Ids.New(clock), $"一般·{OrderNames.Zh(type)}", Urgency.Normal, type, null, DeadlinePresets.For(type, Urgency.Normal), 1, null, now, null));
        }

        db.DeadlinePolicies.Add(new DeadlinePolicy(Ids.New(clock), "紧急", Urgency.Urgent, null, null, DeadlinePresets.For(DemandType.Help, Urgency.Urgent), 1, null, now, null));
        db.DeadlinePolicies.Add(new DeadlinePolicy(Ids.New(clock), "特急", Urgency.Critical, null, null, DeadlinePresets.For(DemandType.Help, Urgency.Critical), 1, null, now, null));
        await db.SaveChangesAsync(ct);
        active.Invalidate();
    }

    private static DeadlineTargets Targets(Validator v, LimitInput? signFor, LimitInput? contact, LimitInput? completion) =>
        new(Limit(v, "signFor", signFor), Limit(v, "contact", contact), Limit(v, "completion", completion));

    private static TimeLimit Limit(Validator v, string field, LimitInput? input)
    {
        if (input?.Amount is not { } amount || input.Unit is not { } unit)
        {
            v.Add(field, new Text("须给出 amount 和 unit（naturalHours、workingHours、workingDays）。", "Give amount and unit (naturalHours, workingHours, workingDays)."));
            return default;
        }

        if (!TimeLimit.TryFrom(amount, unit, out var limit, out _))
        {
            v.Add(field, new Text($"时限须大于零：小时按整分钟计、最多 {TimeLimit.MaxHours} 小时，工作日为整数、最多 {TimeLimit.MaxDays} 天。",
                $"Must be positive: hours in whole minutes up to {TimeLimit.MaxHours}, working days whole up to {TimeLimit.MaxDays}."));
        }

        return limit;
    }

    private async Task CheckCategoryAsync(Guid? categoryId, CancellationToken ct)
    {
        if (categoryId is { } id && !await db.Categories.AnyAsync(c => c.Id == id, ct))
        {
            throw ValidationFailedException.For("categoryId", new Text("问题分类不存在。", "No such category."));
        }
    }
}

/// <summary>The active policies, cached like the reference trees (a change elsewhere shows within 30 s).</summary>
public sealed class ActivePolicies(TimeProvider clock)
{
    private (IReadOnlyList<DeadlinePolicy> Policies, DateTimeOffset LoadedAt)? _cached;

    public void Invalidate() => _cached = null;

    public async Task<IReadOnlyList<DeadlinePolicy>> GetAsync(LianxinDbContext db, CancellationToken ct)
    {
        if (_cached is { } c && clock.GetUtcNow() - c.LoadedAt < ReferenceData.MaxAge)
        {
            return c.Policies;
        }

        var policies = await db.DeadlinePolicies.AsNoTracking().Where(p => p.IsActive).ToListAsync(ct);
        _cached = (policies, clock.GetUtcNow());
        return policies;
    }
}
