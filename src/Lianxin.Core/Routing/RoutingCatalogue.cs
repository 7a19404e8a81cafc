using Lianxin.Core.Data;
using Lianxin.Core.Organization;
using Lianxin.Core.WorkOrders;
using Microsoft.EntityFrameworkCore;

namespace Lianxin.Core.Routing;

/// <summary>The rules covering one order and the one that wins, read from the database as it is now.</summary>
internal sealed record CatalogueAnswer(RuleMatch Match, IReadOnlyDictionary<Guid, RoutingRule> Rules, IReadOnlySet<Guid> Returned)
{
    public RoutingRule? Rule => Match.Chosen is { } c ? Rules[c.RuleId] : null;

    public Guid? LeadUnitId => Match.Chosen?.LeadUnitId;
}

/// <summary>
/// Reads the catalogue for one order. Everything that decides the answer (the order's category and
/// region ancestry, which categories, regions and units are active) comes from the database, not the
/// cached reference snapshot: a suggestion must never name a unit deactivated a moment ago.
/// </summary>
internal static class RoutingCatalogue
{
    public static async Task<CatalogueAnswer> SuggestAsync(LianxinDbContext db, WorkOrder order, Unit? scope, CancellationToken ct)
    {
        var categoryPath = await db.Categories.AsNoTracking().Where(c => c.Id == order.CategoryId).Select(c => c.Path).SingleOrDefaultAsync(ct);
        var regionPath = order.RegionCode is { } code
            ? await db.Regions.AsNoTracking().Where(r => r.Code == code).Select(r => r.Path).SingleOrDefaultAsync(ct)
            : null;
        var categoryChain = Chain(categoryPath);
        var regionChain = Chain(regionPath);
        var returned = order.Hops.ReturnedUnitIds.ToHashSet();
        if (categoryChain.Count == 0)
        {
            return new CatalogueAnswer(new RuleMatch(null, [], []), new Dictionary<Guid, RoutingRule>(), returned);
        }

        var categoryIds = categoryChain.Select(id => (Guid?)id).ToList();
        var regionIds = regionChain.Select(id => (Guid?)id).ToList();
        var rules = await db.RoutingRules.AsNoTracking()
            .Where(r => r.IsActive
                && (r.CategoryId == null || categoryIds.Contains(r.CategoryId))
                && (r.RegionId == null || regionIds.Contains(r.RegionId)))
            .ToListAsync(ct);
        if (rules.Count == 0)
        {
            return new CatalogueAnswer(new RuleMatch(null, [], []), new Dictionary<Guid, RoutingRule>(), returned);
        }

        var inactiveCategories = (await db.Categories.AsNoTracking().Where(c => categoryChain.Contains(c.Id) && !c.IsActive).Select(c => c.Id).ToListAsync(ct)).ToHashSet();
        var inactiveRegions = regionChain.Count == 0
            ? []
            : (await db.Regions.AsNoTracking().Where(r => regionChain.Contains(r.Id) && !r.IsActive).Select(r => r.Id).ToListAsync(ct)).ToHashSet();
        var unitIds = rules.SelectMany(r => r.UnitIds).Distinct().ToList();
        var units = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id))
            .Select(u => new { u.Id, u.IsActive, u.Path })
            .ToDictionaryAsync(u => u.Id, ct);

        var candidates = new List<RuleCandidate>();
        foreach (var rule in rules)
        {
            if (RuleMatcher.Cover(rule.CategoryId, rule.RegionId, categoryChain, regionChain) is { } depth)
            {
                candidates.Add(new RuleCandidate(rule.Id, depth.CategoryDepth, depth.RegionDepth, rule.CreatedAt, rule.LeadUnitId, rule.AssistUnitIds,
                    CategoryActive: rule.CategoryId is not { } c || !inactiveCategories.Contains(c),
                    RegionActive: rule.RegionId is not { } r || !inactiveRegions.Contains(r)));
            }
        }

        // Redispatch passes an order down: to units strictly below the caller's own.
        Func<Guid, bool>? inScope = scope is null
            ? null
            : id => id != scope.Id && units.TryGetValue(id, out var u) && u.Path.StartsWith(scope.Path, StringComparison.Ordinal);
        var match = RuleMatcher.Match(candidates, returned, id => units.TryGetValue(id, out var u) && u.IsActive, inScope);
        return new CatalogueAnswer(match, rules.ToDictionary(r => r.Id), returned);
    }

    /// <summary>Ids from the root down, from a materialised path <c>/root/child/self/</c>.</summary>
    internal static IReadOnlyList<Guid> Chain(string? path) =>
        path is null ? [] : path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(s => Guid.ParseExact(s, "N")).ToList();
}
