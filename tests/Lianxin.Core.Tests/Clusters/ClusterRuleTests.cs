using Lianxin.Core.Clusters;
using Lianxin.Core.Organization;

namespace Lianxin.Core.Tests.Clusters;

public class ClusterRuleTests
{
    private static readonly DateTime T0 = new(2026, 11, 23, 2, 0, 0, DateTimeKind.Utc);
    private static readonly Guid Water = Guid.NewGuid();
    private static readonly Guid Power = Guid.NewGuid();

    private static ClusterOrder Order(int minute, string phone, string place = "330201001", Guid? matter = null, string? number = null) =>
        new(Guid.NewGuid(), number ?? $"RX261123{minute:0000}", T0.AddMinutes(minute), phone, place, matter ?? Water);

    private static IEnumerable<ClusterOrder> Phones(int count, string place = "330201001", Guid? matter = null, int from = 0) =>
        Enumerable.Range(0, count).Select(i => Order(from + i, $"1390000{i:0000}", place, matter));

    [Fact]
    public void Find_FivePhones_SamePlaceAndMatter_IsACluster()
    {
        var cluster = Assert.Single(ClusterRule.Find(Phones(5), minPhones: 5, maxNumbers: 20));
        Assert.Equal(5, cluster.Phones);
        Assert.Equal(5, cluster.Orders);
        Assert.Equal("330201001", cluster.PlaceCode);
        Assert.Equal(Water, cluster.MatterId);
        Assert.Equal(T0, cluster.FirstAt);
        Assert.Equal(T0.AddMinutes(4), cluster.LastAt);
    }

    [Fact]
    public void Find_FourPhones_IsNotACluster() => Assert.Empty(ClusterRule.Find(Phones(4), minPhones: 5, maxNumbers: 20));

    [Fact]
    public void Find_FiveOrdersFromOnePhone_IsNotACluster() =>
        Assert.Empty(ClusterRule.Find(Enumerable.Range(0, 5).Select(i => Order(i, "13900000001")), minPhones: 5, maxNumbers: 20));

    [Fact]
    public void Find_RepeatCallers_CountOncePerPhoneButEveryOrder()
    {
        var orders = Phones(5).Concat([Order(30, "13900000000"), Order(31, "13900000001")]);
        var cluster = Assert.Single(ClusterRule.Find(orders, minPhones: 5, maxNumbers: 20));
        Assert.Equal(5, cluster.Phones);
        Assert.Equal(7, cluster.Orders);
    }

    [Fact]
    public void Find_OtherPlaceOrMatter_AreSeparateGroups()
    {
        var orders = Phones(3).Concat(Phones(2, place: "330201002", from: 10)).Concat(Phones(2, matter: Power, from: 20));
        Assert.Empty(ClusterRule.Find(orders, minPhones: 5, maxNumbers: 20));
        Assert.Equal(3, ClusterRule.Find(orders, minPhones: 2, maxNumbers: 20).Count);
    }

    [Fact]
    public void Find_LargestFirst_ThenMostRecent()
    {
        var orders = Phones(5, matter: Power, from: 100) // 5 phones, recent
            .Concat(Phones(6, place: "330201002", from: 0)) // 6 phones, older
            .Concat(Phones(5, place: "330201003", from: 200)); // 5 phones, newest
        var clusters = ClusterRule.Find(orders, minPhones: 5, maxNumbers: 20);
        Assert.Equal(["330201002", "330201003", "330201001"], clusters.Select(c => c.PlaceCode));
    }

    [Fact]
    public void Find_ListsTheNewestNumbersUpToTheBound()
    {
        var cluster = Assert.Single(ClusterRule.Find(Phones(30), minPhones: 5, maxNumbers: 20));
        Assert.Equal(30, cluster.Orders);
        Assert.Equal(20, cluster.Numbers.Count);
        Assert.Equal("RX2611230029", cluster.Numbers[0]);
        Assert.Equal("RX2611230010", cluster.Numbers[^1]);
    }

    [Fact]
    public void Find_NoOrders_NoClusters() => Assert.Empty(ClusterRule.Find([], minPhones: 5, maxNumbers: 20));

    [Fact]
    public void AncestorAt_WalksUpToTheDepth()
    {
        var at = T0;
        var district = new Region(Guid.NewGuid(), "江北区", "330201", null, at);
        var street = new Region(Guid.NewGuid(), "新华路街道", "330201001", district, at);
        var community = new Region(Guid.NewGuid(), "和平社区", "330201001001", street, at);
        var tree = new TreeIndex<Region>([district, street, community]);

        Assert.Same(street, ClusterRule.AncestorAt(tree, community, 1));
        Assert.Same(street, ClusterRule.AncestorAt(tree, street, 1));
        Assert.Same(district, ClusterRule.AncestorAt(tree, district, 1)); // shallower: itself
        Assert.Same(district, ClusterRule.AncestorAt(tree, community, 0));
    }

    [Theory]
    [InlineData(6, 5, true)]
    [InlineData(0, 5, false)]
    [InlineData(73, 5, false)]
    [InlineData(6, 1, false)]
    public void Options_Ranges(int hours, int minPhones, bool valid) =>
        Assert.Equal(valid, new ClusterOptions { WindowHours = hours, MinPhones = minPhones }.Invalid() is null);
}
