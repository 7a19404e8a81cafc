using Lianxin.Core.Common;
using Lianxin.Core.Data;
using Lianxin.Core.Identity;
using Lianxin.Core.Organization;
using Microsoft.EntityFrameworkCore;

namespace Lianxin.Core.Routing;

/// <summary>A rule as an admin submits it, before validation.</summary>
public sealed record RuleInput(Guid? CategoryId, string? RegionCode, Guid? LeadUnitId, IReadOnlyList<Guid>? AssistUnitIds, string? Note);

/// <summary>
/// 派单目录维护: admins create, change, deactivate and reactivate rules; nothing is deleted. At most one
/// active rule per (category, region) pair, so two rules never compete at equal specificity.
/// </summary>
public sealed class ManageRoutingRules(LianxinDbContext db, TimeProvider clock)
{
    public async Task<RoutingRule> CreateAsync(Actor actor, RuleInput input, CancellationToken ct)
    {
        RequireAdmin(actor);
        var target = await ValidateAsync(input, ct);
        await CheckUniqueAsync(target, exceptId: null, ct);
        var rule = new RoutingRule(Ids.New(clock), target, Now, By(actor));
        db.RoutingRules.Add(rule);
        await db.SaveChangesAsync(ct);
        return rule;
    }

    public async Task<RoutingRule> ChangeAsync(Actor actor, Guid id, RuleInput input, CancellationToken ct)
    {
        RequireAdmin(actor);
        var rule = await FindAsync(id, ct);
        var target = await ValidateAsync(input, ct);
        if (rule.IsActive)
        {
            await CheckUniqueAsync(target, rule.Id, ct);
        }

        rule.Change(target, Now, By(actor));
        await db.SaveChangesAsync(ct);
        return rule;
    }

    public async Task<RoutingRule> SetActiveAsync(Actor actor, Guid id, bool active, CancellationToken ct)
    {
        RequireAdmin(actor);
        var rule = await FindAsync(id, ct);
        if (rule.IsActive == active)
        {
            return rule;
        }

        if (active)
        {
            await CheckUniqueAsync(new RuleTarget(rule.CategoryId, rule.RegionId, rule.LeadUnitId, rule.AssistUnitIds, rule.Note), rule.Id, ct);
            rule.Activate(Now, By(actor));
        }
        else
        {
            rule.Deactivate(Now, By(actor));
        }

        await db.SaveChangesAsync(ct);
        return rule;
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private static Guid? By(Actor actor) => actor.UserId == Guid.Empty ? null : actor.UserId;

    private static void RequireAdmin(Actor actor) => actor.Require(Role.Admin, new Text("维护派单目录", "change the routing catalogue"));

    private async Task<RoutingRule> FindAsync(Guid id, CancellationToken ct) =>
        await db.RoutingRules.SingleOrDefaultAsync(r => r.Id == id, ct)
            ?? throw new NotFoundException(new Text("派单规则不存在。", "No such routing rule."));

    /// <summary>Everything a rule names must exist and be active, and no unit may be the centre itself (as at dispatch).</summary>
    private async Task<RuleTarget> ValidateAsync(RuleInput input, CancellationToken ct)
    {
        var v = new Validator();
        v.Required("leadUnitId", input.LeadUnitId);
        v.MaxLength("regionCode", input.RegionCode, TreeNode.MaxCodeLength);
        v.MaxLength("note", input.Note, RoutingRule.MaxNoteLength);
        var assists = input.AssistUnitIds ?? [];
        v.When(assists.Count > RoutingRule.MaxAssists, "assistUnitIds",
            new Text($"协办单位最多 {RoutingRule.MaxAssists} 个。", $"At most {RoutingRule.MaxAssists} assist units."));
        v.When(assists.Distinct().Count() != assists.Count, "assistUnitIds", new Text("协办单位不能重复。", "An assist unit may appear only once."));
        v.When(input.LeadUnitId is { } lead && assists.Contains(lead), "assistUnitIds", new Text("主办单位不能同时是协办单位。", "The lead unit cannot also assist."));
        v.ThrowIfInvalid();

        if (input.CategoryId is { } categoryId)
        {
            var category = await db.Categories.AsNoTracking().Where(c => c.Id == categoryId).Select(c => new { c.IsActive }).SingleOrDefaultAsync(ct);
            v.When(category is null, "categoryId", new Text("问题分类不存在。", "No such category."));
            v.When(category is { IsActive: false }, "categoryId", new Text("该问题分类已停用。", "That category is deactivated."));
        }

        var regionCode = string.IsNullOrWhiteSpace(input.RegionCode) ? null : input.RegionCode.Trim();
        Guid? regionId = null;
        if (regionCode is not null)
        {
            var region = await db.Regions.AsNoTracking().Where(r => r.Code == regionCode).Select(r => new { r.Id, r.IsActive }).SingleOrDefaultAsync(ct);
            v.When(region is null, "regionCode", new Text("区域编码不存在。", "No such region code."));
            v.When(region is { IsActive: false }, "regionCode", new Text("该区域已停用。", "That region is deactivated."));
            regionId = region?.Id;
        }

        var unitIds = assists.Prepend(input.LeadUnitId!.Value).Distinct().ToList();
        var units = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).Select(u => new { u.Id, u.IsActive, u.Kind }).ToListAsync(ct);
        void CheckUnit(string field, Guid id)
        {
            var unit = units.FirstOrDefault(u => u.Id == id);
            v.When(unit is null, field, new Text("单位不存在。", "No such unit."));
            v.When(unit is { IsActive: false }, field, new Text("该单位已停用。", "That unit is deactivated."));
            v.When(unit is { Kind: UnitKind.Centre }, field, new Text("不能派给热线中心本身。", "An order cannot be dispatched to the centre itself."));
        }

        CheckUnit("leadUnitId", input.LeadUnitId.Value);
        for (var i = 0; i < assists.Count; i++)
        {
            CheckUnit($"assistUnitIds[{i}]", assists[i]);
        }

        v.ThrowIfInvalid();
        var note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim();
        return new RuleTarget(input.CategoryId, regionId, input.LeadUnitId.Value, assists, note);
    }

    private async Task CheckUniqueAsync(RuleTarget target, Guid? exceptId, CancellationToken ct)
    {
        var clash = await db.RoutingRules.AsNoTracking()
            .Where(r => r.IsActive && r.CategoryId == target.CategoryId && r.RegionId == target.RegionId && r.Id != exceptId)
            .Select(r => (Guid?)r.Id)
            .FirstOrDefaultAsync(ct);
        if (clash is { } other)
        {
            throw new RuleViolationException(
                new Text($"已有同一问题分类和区域的有效规则（{other}），请修改它。",
                    $"An active rule for this category and region exists ({other}); change that one."),
                "rule-exists");
        }
    }
}
