using System.Text.Json;
using Lianxin.Web.Tests.Infrastructure;

namespace Lianxin.Web.Tests.WorkOrders;

/// <summary>The order list: keyset paging, filters, visibility.</summary>
public abstract class ListTests(LianxinApp app)
{
    private static async Task<List<JsonElement>> All(HttpClient client, string query, int limit)
    {
        var items = new List<JsonElement>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var url = $"/api/v1/work-orders?{query}&limit={limit}" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
            var page = (await client.Get(url)).Expect(200);
            items.AddRange(page["items"].EnumerateArray());
            cursor = page["nextCursor"].ValueKind == JsonValueKind.Null ? null : page["nextCursor"].GetString();
            Assert.True(++pages < 100);
        }
        while (cursor is not null);
        return items;
    }

    [Fact]
    public async Task Paging_WalksEveryOrderOnceNewestFirst_EvenWithEqualTimestamps()
    {
        var agent = await app.AsAsync("agent");
        var phone = "1351111" + Random.Shared.Next(1000, 9999);

        // The fake clock does not move: all 23 orders share one created_at, so the number breaks ties.
        var created = new List<Guid>();
        for (var i = 0; i < 23; i++)
        {
            created.Add((await agent.Post("/api/v1/work-orders", Orders.NewOrder(app.Data.CategoryLeak, phone: phone))).Expect(201).Id);
        }

        var listed = await All(agent, $"phone={phone}", limit: 5);

        Assert.Equal(23, listed.Count);
        Assert.Equal(created.OrderBy(x => x).ToList(), listed.Select(o => o.GetProperty("id").GetGuid()).OrderBy(x => x).ToList());
        var numbers = listed.Select(o => o.GetProperty("number").GetString()!).ToList();
        Assert.Equal(numbers.OrderDescending(StringComparer.Ordinal).ToList(), numbers);
    }

    [Fact]
    public async Task Filters_ByStatusUnitQueryAndDates()
    {
        var orders = new Orders(app);
        app.Clock.Advance(TimeSpan.FromDays(2));
        var dispatcher = await app.AsAsync("dispatcher");
        var day = app.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd");
        var marker = "编号" + Guid.NewGuid().ToString("N")[..6];
        var registered = await orders.RegisteredAsync(Orders.NewOrder(app.Data.CategoryDrain, title: "下水道堵塞" + marker));
        var atHeating = await orders.DispatchedAsync(app.Data.Heating);

        var byQuery = (await dispatcher.Get($"/api/v1/work-orders?q={marker}")).Expect(200)["items"].EnumerateArray().ToList();
        Assert.Equal([registered], byQuery.Select(o => o.GetProperty("id").GetGuid()));

        var byUnit = (await dispatcher.Get($"/api/v1/work-orders?unitId={app.Data.Heating}&from={day}&to={day}")).Expect(200)["items"].EnumerateArray().ToList();
        Assert.Contains(byUnit, o => o.GetProperty("id").GetGuid() == atHeating);
        Assert.All(byUnit, o => Assert.Equal("市热力公司", o.GetProperty("leadUnit").GetProperty("name").GetString()));

        var byStatus = await All(dispatcher, $"status=dispatched&from={day}", 50);
        Assert.All(byStatus, o => Assert.Equal("dispatched", o.GetProperty("status").GetString()));
        Assert.Contains(byStatus, o => o.GetProperty("id").GetGuid() == atHeating);

        var number = (await orders.GetAsync(registered)).Str("number")!;
        var byNumber = (await dispatcher.Get($"/api/v1/work-orders?q={number.ToLowerInvariant()}")).Expect(200)["items"].EnumerateArray();
        Assert.Equal([registered], byNumber.Select(o => o.GetProperty("id").GetGuid()));

        var before = (await dispatcher.Get($"/api/v1/work-orders?to=2026-11-01")).Expect(200)["items"].GetArrayLength();
        Assert.Equal(0, before);
    }

    [Fact]
    public async Task Handler_ListsOnlyOrdersOfTheirUnit()
    {
        var orders = new Orders(app);
        var mine = await orders.DispatchedAsync(app.Data.Crew);
        var theirs = await orders.DispatchedAsync(app.Data.Water);
        var crewOrders = await All(await app.AsAsync("crew"), "", 100);
        Assert.Contains(crewOrders, o => o.GetProperty("id").GetGuid() == mine);
        Assert.DoesNotContain(crewOrders, o => o.GetProperty("id").GetGuid() == theirs);
    }
}

public sealed class ListTestsOnSqlite(SqliteApp app) : ListTests(app), IClassFixture<SqliteApp>;

public sealed class ListTestsOnPostgres(PostgresApp app) : ListTests(app), IClassFixture<PostgresApp>;
