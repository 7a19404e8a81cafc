using System.Text.Json;
using Lianxin.Web.Tests.Infrastructure;

namespace Lianxin.Web.Tests.Repeats;

/// <summary>
/// GET /api/v1/clusters: many distinct phones about one street and one kind of problem within hours.
/// Each test first moves the clock a week on, so the class's earlier orders are out of every window.
/// </summary>
public abstract class ClusterTests(LianxinApp app)
{
    private readonly RepeatSteps _steps = new(app);

    private Baseline Data => app.Data;

    private void FreshWindow() => app.Clock.Advance(TimeSpan.FromDays(7));

    private async Task<List<string>> CallAsync(int phones, string regionCode = "330201001001", Guid? category = null, string? samePhone = null)
    {
        var numbers = new List<string>();
        for (var i = 0; i < phones; i++)
        {
            var body = RepeatSteps.Order(category ?? Data.CategoryLeak, samePhone ?? RepeatSteps.Phone(), "小区停水", "来电人反映小区从中午开始停水，没有接到通知，请求尽快恢复供水。", regionCode);
            numbers.Add((await _steps.RegisterAsync(body)).Expect(201).Str("number")!);
            app.Clock.Advance(TimeSpan.FromMinutes(7));
        }

        return numbers;
    }

    private async Task<List<JsonElement>> ClustersAsync(string query = "", string user = "supervisor") =>
        (await (await app.AsAsync(user)).Get($"/api/v1/clusters{query}")).Expect(200)["clusters"].EnumerateArray().ToList();

    [Fact]
    public async Task FivePhones_SameStreetAndKindOfProblem_AreACluster()
    {
        FreshWindow();
        var subtype = await _steps.CategoryAsync("水压低", (await ParentOfAsync(Data.CategoryLeak)));

        // Communities of one street, and two leaves under 供水: one street, one kind of problem.
        var numbers = await CallAsync(3, "330201001001");
        numbers.AddRange(await CallAsync(1, "330201001"));
        numbers.AddRange(await CallAsync(1, "330201001001", subtype));

        var cluster = Assert.Single(await ClustersAsync());
        Assert.Equal("330201001", cluster.GetProperty("region").GetProperty("code").GetString());
        Assert.Equal("江北区 / 新华路街道", cluster.GetProperty("region").GetProperty("path").GetString());
        Assert.Equal("公用事业 / 供水", cluster.GetProperty("category").GetProperty("path").GetString());
        Assert.Equal(5, cluster.GetProperty("phones").GetInt32());
        Assert.Equal(5, cluster.GetProperty("orders").GetInt32());
        Assert.Equal(Enumerable.Reverse(numbers), cluster.GetProperty("numbers").EnumerateArray().Select(n => n.GetString()));
        Assert.True(cluster.GetProperty("firstAt").GetDateTimeOffset() < cluster.GetProperty("lastAt").GetDateTimeOffset());

        var dispatcherView = Assert.Single(await ClustersAsync(user: "dispatcher"));
        Assert.Equal(5, dispatcherView.GetProperty("phones").GetInt32());
    }

    [Fact]
    public async Task FiveOrdersFromOnePhone_AreNotACluster()
    {
        FreshWindow();
        await CallAsync(5, samePhone: RepeatSteps.Phone());
        Assert.Empty(await ClustersAsync());
        Assert.Empty(await ClustersAsync("?minPhones=2"));
    }

    [Fact]
    public async Task FourPhones_AreNotACluster_UnlessTheMinimumIsLower()
    {
        FreshWindow();
        await CallAsync(4);
        Assert.Empty(await ClustersAsync());
        Assert.Equal(4, Assert.Single(await ClustersAsync("?minPhones=4")).GetProperty("phones").GetInt32());
    }

    [Fact]
    public async Task OldOrders_OutOfTheWindow_AreNotCounted()
    {
        FreshWindow();
        await CallAsync(3);
        app.Clock.Advance(TimeSpan.FromHours(6));
        await CallAsync(3);

        Assert.Empty(await ClustersAsync()); // 6 hours: only the last three are in
        var wider = Assert.Single(await ClustersAsync("?hours=8"));
        Assert.Equal(6, wider.GetProperty("phones").GetInt32());
    }

    [Fact]
    public async Task OtherStreetOrOtherKindOfProblem_AreSeparate()
    {
        FreshWindow();
        var otherStreet = await _steps.RegionAsync("滨江街道", "330201");
        await CallAsync(3);
        await CallAsync(2, otherStreet);
        await CallAsync(2, category: Data.CategoryDrain);
        Assert.Empty(await ClustersAsync());

        var all = await ClustersAsync("?minPhones=2");
        Assert.Equal(3, all.Count);
        Assert.Equal(3, all[0].GetProperty("phones").GetInt32()); // the largest first
    }

    [Fact]
    public async Task OrdersWithoutRegion_AreNotGrouped()
    {
        FreshWindow();
        for (var i = 0; i < 5; i++)
        {
            (await _steps.RegisterAsync(RepeatSteps.Order(Data.CategoryLeak, RepeatSteps.Phone(), "小区停水", "来电人反映小区停水。", regionCode: null))).Expect(201);
        }

        Assert.Empty(await ClustersAsync());
    }

    [Theory]
    [InlineData("?hours=0", "hours")]
    [InlineData("?hours=73", "hours")]
    [InlineData("?hours=abc", "hours")]
    [InlineData("?minPhones=1", "minPhones")]
    [InlineData("?minPhones=-5", "minPhones")]
    public async Task BadParameters_Are400WithTheField(string query, string field) =>
        (await (await app.AsAsync("supervisor")).Get($"/api/v1/clusters{query}")).ExpectProblem(400, field);

    [Theory]
    [InlineData("agent")]
    [InlineData("visitor")]
    [InlineData("admin")]
    [InlineData("water")]
    public async Task OtherRoles_Are403(string user) =>
        (await (await app.AsAsync(user)).Get("/api/v1/clusters")).ExpectProblem(403);

    [Fact]
    public async Task WithoutToken_Is401()
    {
        using var anonymous = app.Anonymous();
        Assert.Equal(401, (await anonymous.Get("/api/v1/clusters")).Code);
    }

    private async Task<Guid> ParentOfAsync(Guid category)
    {
        var all = (await (await app.AsAsync("admin")).Get("/api/v1/categories")).Expect(200).Json.EnumerateArray();
        return all.Single(c => c.GetProperty("id").GetGuid() == category).GetProperty("parentId").GetGuid();
    }
}

public sealed class ClusterTestsOnSqlite(SqliteApp app) : ClusterTests(app), IClassFixture<SqliteApp>;

public sealed class ClusterTestsOnPostgres(PostgresApp app) : ClusterTests(app), IClassFixture<PostgresApp>;
