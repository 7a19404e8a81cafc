using Lianxin.Core.Common;
using Lianxin.Core.Data;
using Lianxin.Core.Identity;
using Lianxin.Core.Organization;
using Lianxin.Core.WorkOrders;
using Microsoft.EntityFrameworkCore;

namespace Lianxin.Core.Routing;

/// <summary>A better rule that was passed over, and why.</summary>
public sealed record SkippedRuleExplained(Guid RuleId, Guid LeadUnitId, SkipReason Reason, Text Why);

/// <summary>What the catalogue suggests for one order; <see cref="Rule"/> is null when no usable rule covers it.</summary>
public sealed record RoutingSuggestion(
    Guid WorkOrderId, Guid CategoryId, string? RegionCode, Guid? UnderUnitId, RoutingRule? Rule, Guid? LeadUnitId, IReadOnlyList<Guid> AssistUnitIds,
    IReadOnlyList<SkippedRuleExplained> Skipped, IReadOnlyList<Guid> ReturnedUnitIds, Text Why);

/// <summary>
/// 派单建议: the unit the routing catalogue suggests for an order. Dispatchers and supervisors ask about
/// any order; a handler of a unit that passes orders down asks about an order it holds, restricted to
/// units below its own (<c>underUnitId</c>), to redispatch it.
/// </summary>
public sealed class SuggestRouting(LianxinDbContext db, ReferenceData refs, WorkOrderStore orders)
{
    public async Task<RoutingSuggestion> ExecuteAsync(Guid workOrderId, Actor actor, Guid? underUnitId, CancellationToken ct)
    {
        // Visibility first: an order the actor cannot see is 404 whatever their role (ADR 0004).
        var order = await orders.LoadAsync(workOrderId, actor, ct);
        var scope = await ScopeAsync(actor, underUnitId, ct);
        var answer = await RoutingCatalogue.SuggestAsync(db, order, scope, ct);
        var snapshot = await refs.GetAsync(db, ct);
        var names = new Names(snapshot);
        var skipped = answer.Match.Skipped.Select(s => new SkippedRuleExplained(s.Rule.RuleId, s.Rule.LeadUnitId, s.Reason, Explain(s, answer.Rules[s.Rule.RuleId], scope, names))).ToList();
        return new RoutingSuggestion(order.Id, order.CategoryId, order.RegionCode, scope?.Id, answer.Rule, answer.LeadUnitId, answer.Match.AssistUnitIds,
            skipped, [.. answer.Returned], Why(answer, skipped, names));
    }

    private async Task<Unit?> ScopeAsync(Actor actor, Guid? underUnitId, CancellationToken ct)
    {
        var action = new Text("查看派单建议", "see routing suggestions");
        if (actor.Has(Role.Dispatcher | Role.Supervisor))
        {
            return underUnitId is { } any ? await UnitAsync(any, ct) : null;
        }

        actor.Require(Role.Handler, action);
        if (underUnitId is not { } id)
        {
            throw ValidationFailedException.For("underUnitId", new Text(
                "承办人须以本单位查询（underUnitId），只建议本单位之下的单位。", "A handler asks for their own unit (underUnitId); only units below it are suggested."));
        }

        if (id != actor.UnitId)
        {
            throw new ForbiddenActionException(new Text("只能为本单位查询转派建议。", "You may ask for redispatch suggestions for your own unit only."));
        }

        var unit = await UnitAsync(id, ct);
        if (!unit.CanRedispatch)
        {
            throw new ForbiddenActionException(new Text(
                "只有分中心、街道等可转派的单位能查询转派建议。", "Only units that pass orders down (sub-centres, street offices) ask for redispatch suggestions."));
        }

        return unit;
    }

    private async Task<Unit> UnitAsync(Guid id, CancellationToken ct) =>
        await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, ct)
            ?? throw ValidationFailedException.For("underUnitId", new Text("单位不存在。", "No such unit."));

    private static Text Why(CatalogueAnswer answer, List<SkippedRuleExplained> skipped, Names names)
    {
        var reasons = new Text(string.Join("；", skipped.Select(s => s.Why.Zh)), string.Join("; ", skipped.Select(s => s.Why.En)));
        if (answer.Rule is not { } rule)
        {
            return skipped.Count == 0
                ? new Text("派单目录中没有覆盖该问题分类和区域的有效规则。", "No active rule of the routing catalogue covers this category and region.")
                : new Text($"覆盖本工单的 {skipped.Count} 条规则均不可用：{reasons.Zh}。", $"None of the {skipped.Count} rule(s) covering this order can be used: {reasons.En}.");
        }

        var passed = skipped.Count == 0
            ? new Text("", "")
            : new Text($"更具体的 {skipped.Count} 条规则未采用：{reasons.Zh}。", $" {skipped.Count} more specific rule(s) passed over: {reasons.En}.");
        var chosen = answer.Match.Chosen!;
        var category = rule.CategoryId is { } c
            ? new Text($"问题分类“{names.Category(c)}”（第 {chosen.CategoryDepth + 1} 级）", $"category '{names.Category(c)}' (level {chosen.CategoryDepth + 1})")
            : new Text("问题分类不限", "any category");
        var region = rule.RegionId is { } r
            ? new Text($"区域“{names.Region(r)}”（第 {chosen.RegionDepth + 1} 级）", $"region '{names.Region(r)}' (level {chosen.RegionDepth + 1})")
            : new Text("区域不限", "any region");
        return new Text(
            $"覆盖本工单的最具体规则：{category.Zh}、{region.Zh} → 主办“{names.Unit(rule.LeadUnitId)}”。{passed.Zh}",
            $"The most specific rule covering this order: {category.En}, {region.En} → lead '{names.Unit(rule.LeadUnitId)}'.{passed.En}");
    }

    private static Text Explain(SkippedRule skip, RoutingRule rule, Unit? scope, Names names)
    {
        var unit = skip.UnitId is { } u ? names.Unit(u) : "";
        return skip.Reason switch
        {
            SkipReason.CategoryInactive => new Text($"规则的问题分类“{names.Category(rule.CategoryId!.Value)}”已停用", $"its category '{names.Category(rule.CategoryId!.Value)}' is deactivated"),
            SkipReason.RegionInactive => new Text($"规则的区域“{names.Region(rule.RegionId!.Value)}”已停用", $"its region '{names.Region(rule.RegionId!.Value)}' is deactivated"),
            SkipReason.UnitInactive => new Text($"规则中的单位“{unit}”已停用", $"its unit '{unit}' is deactivated"),
            SkipReason.UnitReturned => new Text($"“{unit}”已退回本工单", $"'{unit}' returned this order"),
            _ => new Text($"主办“{unit}”不在“{scope?.Name}”之下", $"lead '{unit}' is not below '{scope?.Name}'"),
        };
    }

    private sealed class Names(ReferenceSnapshot snapshot)
    {
        public string Category(Guid id) => snapshot.Categories.Find(id) is { } n ? snapshot.Categories.PathName(n) : id.ToString();

        public string Region(Guid id) => snapshot.Regions.Find(id) is { } n ? snapshot.Regions.PathName(n) : id.ToString();

        public string Unit(Guid id) => snapshot.Units.Find(id)?.Name ?? id.ToString();
    }
}
