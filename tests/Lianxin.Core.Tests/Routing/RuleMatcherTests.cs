using Lianxin.Core.Routing;

namespace Lianxin.Core.Tests.Routing;

/// <summary>The order of precedence of routing rules (ADR 0008), without a database.</summary>
public class RuleMatcherTests
{
    private static readonly DateTime T0 = new(2026, 11, 23, 2, 0, 0, DateTimeKind.Utc);
    private static readonly Guid[] Category = [Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid()]; // 公用事业 / 供水 / 漏水
    private static readonly Guid[] Region = [Guid.NewGuid(), Guid.NewGuid()];                     // 江北区 / 新华路街道
    private static readonly Guid Water = Guid.NewGuid();
    private static readonly Guid Crew = Guid.NewGuid();
    private static readonly Guid Street = Guid.NewGuid();
    private static readonly Guid Housing = Guid.NewGuid();

    private static RuleCandidate Rule(int categoryDepth, int regionDepth, Guid lead, int minutes = 0, Guid? id = null, params Guid[] assists) =>
        new(id ?? Guid.NewGuid(), categoryDepth, regionDepth, T0.AddMinutes(minutes), lead, assists);

    private static RuleMatch Match(IEnumerable<RuleCandidate> rules, Guid[]? returned = null, Func<Guid, bool>? active = null, Func<Guid, bool>? scope = null) =>
        RuleMatcher.Match(rules, (returned ?? []).ToHashSet(), active ?? (_ => true), scope);

    [Fact]
    public void Cover_RuleOnAnAncestor_CoversWithThatDepth()
    {
        Assert.Equal((1, 0), RuleMatcher.Cover(Category[1], Region[0], Category, Region));
        Assert.Equal((-1, -1), RuleMatcher.Cover(null, null, Category, Region));
        Assert.Equal((2, -1), RuleMatcher.Cover(Category[2], null, Category, []));
    }

    [Fact]
    public void Cover_RuleOutsideTheOrdersChains_DoesNotCover()
    {
        Assert.Null(RuleMatcher.Cover(Guid.NewGuid(), null, Category, Region));
        Assert.Null(RuleMatcher.Cover(Category[0], Guid.NewGuid(), Category, Region));

        // An order without a region is covered only by rules for any region.
        Assert.Null(RuleMatcher.Cover(Category[0], Region[0], Category, []));
    }

    [Fact]
    public void Match_DeeperCategory_BeatsShallowerCategoryWithDeeperRegion()
    {
        var deepCategory = Rule(2, -1, Crew);
        var deepRegion = Rule(1, 1, Street);
        Assert.Equal(deepCategory, Match([deepRegion, deepCategory]).Chosen);
    }

    [Fact]
    public void Match_SameCategoryDepth_DeeperRegionWins()
    {
        var district = Rule(1, 0, Water);
        var street = Rule(1, 1, Street);
        var anywhere = Rule(1, -1, Housing);
        Assert.Equal(street, Match([district, anywhere, street]).Chosen);
    }

    [Fact]
    public void Match_EqualSpecificity_NewestRuleWins_ThenGreaterId()
    {
        var older = Rule(1, 0, Water, minutes: 0);
        var newer = Rule(1, 0, Crew, minutes: 5);
        Assert.Equal(newer, Match([newer, older]).Chosen);
        Assert.Equal(newer, Match([older, newer]).Chosen);

        var low = Rule(1, 0, Water, id: Guid.Parse("00000000-0000-0000-0000-000000000001"));
        var high = Rule(1, 0, Crew, id: Guid.Parse("00000000-0000-0000-0000-000000000002"));
        Assert.Equal(high, Match([low, high]).Chosen);
        Assert.Equal(high, Match([high, low]).Chosen);
    }

    [Fact]
    public void Match_ReturnedLeadUnit_FallsBackToNextRuleAndSaysWhy()
    {
        var best = Rule(2, -1, Crew);
        var next = Rule(1, -1, Water);
        var m = Match([best, next], returned: [Crew]);
        Assert.Equal(next, m.Chosen);
        var skipped = Assert.Single(m.Skipped);
        Assert.Equal((best, SkipReason.UnitReturned, (Guid?)Crew), (skipped.Rule, skipped.Reason, skipped.UnitId));
    }

    [Fact]
    public void Match_ReturnedAssistUnit_PassesOverTheWholeRule()
    {
        var best = Rule(2, -1, Crew, assists: Housing);
        var next = Rule(1, -1, Water);
        Assert.Equal(next, Match([best, next], returned: [Housing]).Chosen);
    }

    [Fact]
    public void Match_InactiveUnitCategoryOrRegion_MakesTheRuleInert()
    {
        var inactiveAssist = Rule(2, 1, Crew, assists: Housing);
        var inactiveCategory = inactiveAssist with { RuleId = Guid.NewGuid(), LeadUnitId = Water, AssistUnitIds = [], RegionDepth = 0, CategoryActive = false };
        var inactiveRegion = inactiveCategory with { RuleId = Guid.NewGuid(), CategoryDepth = 1, CategoryActive = true, RegionActive = false };
        var fallback = Rule(0, -1, Street);
        var m = Match([inactiveAssist, inactiveCategory, inactiveRegion, fallback], active: u => u != Housing);
        Assert.Equal(fallback, m.Chosen);
        Assert.Equal([SkipReason.UnitInactive, SkipReason.CategoryInactive, SkipReason.RegionInactive], m.Skipped.Select(s => s.Reason));
    }

    [Fact]
    public void Match_NothingUsable_IsNull()
    {
        Assert.Null(Match([]).Chosen);
        var only = Rule(1, 0, Water);
        var m = Match([only], returned: [Water]);
        Assert.Null(m.Chosen);
        Assert.Empty(m.AssistUnitIds);
        Assert.Single(m.Skipped);
    }

    [Fact]
    public void Match_WithScope_SkipsLeadsOutsideAndDropsAssistsOutside()
    {
        var outside = Rule(2, 1, Water);
        var inside = Rule(1, 1, Street, assists: [Crew, Housing]);
        var m = Match([outside, inside], scope: u => u == Street || u == Crew);
        Assert.Equal(inside, m.Chosen);
        Assert.Equal([Crew], m.AssistUnitIds);
        Assert.Equal(SkipReason.LeadOutsideScope, Assert.Single(m.Skipped).Reason);
    }
}
