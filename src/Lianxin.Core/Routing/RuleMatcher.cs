namespace Lianxin.Core.Routing;

/// <summary>
/// A rule that covers an order, with how specifically: the depth of the rule's category and region in
/// their trees (0 = a root), or -1 where the rule says "any".
/// </summary>
public sealed record RuleCandidate(
    Guid RuleId, int CategoryDepth, int RegionDepth, DateTime CreatedAt, Guid LeadUnitId, IReadOnlyList<Guid> AssistUnitIds,
    bool CategoryActive = true, bool RegionActive = true);

public enum SkipReason
{
    /// <summary>The rule's category was deactivated: the rule is inert.</summary>
    CategoryInactive,

    /// <summary>The rule's region was deactivated: the rule is inert.</summary>
    RegionInactive,

    /// <summary>A unit the rule names was deactivated (or no longer exists): the rule is inert.</summary>
    UnitInactive,

    /// <summary>A unit the rule names returned this very order and the return was approved.</summary>
    UnitReturned,

    /// <summary>The lead unit is outside the subtree the caller asked about (redispatch by a sub-centre).</summary>
    LeadOutsideScope,
}

public sealed record SkippedRule(RuleCandidate Rule, SkipReason Reason, Guid? UnitId);

/// <summary>The winning rule (null when none is usable), the assists to suggest with it, and the better rules passed over.</summary>
public sealed record RuleMatch(RuleCandidate? Chosen, IReadOnlyList<Guid> AssistUnitIds, IReadOnlyList<SkippedRule> Skipped);

/// <summary>
/// Picks the rule for an order: pure, so the order of precedence (ADR 0008) is tested without a
/// database. The most specific covering rule wins: deeper category first, then deeper region, then
/// the newest rule, then the greater id, so every set of rules has exactly one winner.
/// </summary>
public static class RuleMatcher
{
    /// <summary>Most specific first.</summary>
    public static IComparer<RuleCandidate> Specificity { get; } = Comparer<RuleCandidate>.Create((a, b) =>
    {
        var c = b.CategoryDepth.CompareTo(a.CategoryDepth);
        if (c == 0)
        {
            c = b.RegionDepth.CompareTo(a.RegionDepth);
        }

        if (c == 0)
        {
            c = b.CreatedAt.CompareTo(a.CreatedAt);
        }

        return c != 0 ? c : b.RuleId.CompareTo(a.RuleId);
    });

    /// <summary>
    /// How a rule covers an order whose category is the last of <paramref name="categoryChain"/> (ids from
    /// the root down) and whose region is the last of <paramref name="regionChain"/> (empty when the order
    /// has none); null when it does not cover it.
    /// </summary>
    public static (int CategoryDepth, int RegionDepth)? Cover(Guid? ruleCategory, Guid? ruleRegion, IReadOnlyList<Guid> categoryChain, IReadOnlyList<Guid> regionChain)
    {
        var categoryDepth = ruleCategory is { } c ? IndexOf(categoryChain, c) : -1;
        var regionDepth = ruleRegion is { } r ? IndexOf(regionChain, r) : -1;
        if ((ruleCategory is not null && categoryDepth < 0) || (ruleRegion is not null && regionDepth < 0))
        {
            return null;
        }

        return (categoryDepth, regionDepth);
    }

    /// <param name="covering">Rules that cover the order, in any order.</param>
    /// <param name="returned">Units whose return of this order was approved: never suggested again for it.</param>
    /// <param name="isActiveUnit">Whether a unit exists and is active.</param>
    /// <param name="inScope">For a redispatch, the units the caller may pass the order to; null for any unit.</param>
    public static RuleMatch Match(IEnumerable<RuleCandidate> covering, IReadOnlySet<Guid> returned, Func<Guid, bool> isActiveUnit, Func<Guid, bool>? inScope = null)
    {
        var skipped = new List<SkippedRule>();
        foreach (var rule in covering.Order(Specificity))
        {
            var skip = Check(rule, returned, isActiveUnit, inScope);
            if (skip is null)
            {
                // Assists outside the caller's subtree cannot be given the order by that caller; the lead still can.
                var assists = inScope is null ? rule.AssistUnitIds : rule.AssistUnitIds.Where(inScope).ToList();
                return new RuleMatch(rule, assists, skipped);
            }

            skipped.Add(skip);
        }

        return new RuleMatch(null, [], skipped);
    }

    private static SkippedRule? Check(RuleCandidate rule, IReadOnlySet<Guid> returned, Func<Guid, bool> isActiveUnit, Func<Guid, bool>? inScope)
    {
        if (!rule.CategoryActive)
        {
            return new SkippedRule(rule, SkipReason.CategoryInactive, null);
        }

        if (!rule.RegionActive)
        {
            return new SkippedRule(rule, SkipReason.RegionInactive, null);
        }

        var units = rule.AssistUnitIds.Prepend(rule.LeadUnitId).ToList();
        if (units.FirstOrDefault(u => !isActiveUnit(u)) is var inactive && inactive != Guid.Empty)
        {
            return new SkippedRule(rule, SkipReason.UnitInactive, inactive);
        }

        // A rule naming a unit that has already refused this order is wrong for this order as a whole.
        if (units.FirstOrDefault(returned.Contains) is var back && back != Guid.Empty)
        {
            return new SkippedRule(rule, SkipReason.UnitReturned, back);
        }

        if (inScope is not null && !inScope(rule.LeadUnitId))
        {
            return new SkippedRule(rule, SkipReason.LeadOutsideScope, rule.LeadUnitId);
        }

        return null;
    }

    private static int IndexOf(IReadOnlyList<Guid> chain, Guid id)
    {
        for (var i = 0; i < chain.Count; i++)
        {
            if (chain[i] == id)
            {
                return i;
            }
        }

        return -1;
    }
}
