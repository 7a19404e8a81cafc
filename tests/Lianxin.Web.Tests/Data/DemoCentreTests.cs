using System.Text.Json;
using Lianxin.Web.Demo;
using Lianxin.Web.Tests.Infrastructure;

namespace Lianxin.Web.Tests.Data;

/// <summary>The demo centre a fresh `dotnet run` loads: every status, every README login, real history.</summary>
public abstract class DemoCentreTests(LianxinApp app)
{
    [Theory]
    [InlineData("agent")]
    [InlineData("dispatcher")]
    [InlineData("visitor")]
    [InlineData("supervisor")]
    [InlineData("admin")]
    [InlineData("water")]
    [InlineData("heating")]
    [InlineData("repair-crew")]
    [InlineData("xinhua")]
    public async Task ReadmeLogin_Works(string user)
    {
        using var anonymous = app.Anonymous();
        (await anonymous.Post("/api/v1/auth/token", new { username = user, password = DemoCentre.Password })).Expect(200);
    }

    [Fact]
    public async Task Orders_CoverEveryStatus_WithHistory()
    {
        var dispatcher = await app.AsAsync("dispatcher", DemoCentre.Password);
        string[] statuses = ["registered", "dispatched", "inProgress", "returnRequested", "replied", "closed", "notAccepted", "archived", "merged"];
        var total = 0;
        foreach (var status in statuses)
        {
            var page = (await dispatcher.Get($"/api/v1/work-orders?status={status}&limit=200")).Expect(200);
            var items = page["items"].EnumerateArray().ToList();
            Assert.True(items.Count >= 3, $"only {items.Count} demo orders are {status}");
            total += items.Count;
            var history = (await dispatcher.Get($"/api/v1/work-orders/{items[0].GetProperty("id").GetGuid()}/history")).Expect(200);
            Assert.Equal("registered", history.Json[0].GetProperty("type").GetString());
        }

        Assert.True(total >= 200, $"expected a few hundred demo orders, found {total}");
    }

    [Fact]
    public async Task Handler_SeesOnlyTheirUnitsDemoOrders()
    {
        var water = await app.AsAsync("water", DemoCentre.Password);
        var units = (await water.Get("/api/v1/units")).Expect(200).Json.EnumerateArray().ToList();
        var allowed = units.Where(u => u.GetProperty("path").GetString()!.Contains("临江水务集团", StringComparison.Ordinal))
            .Select(u => u.GetProperty("name").GetString()).ToHashSet();
        var page = (await water.Get("/api/v1/work-orders?limit=200")).Expect(200);
        var items = page["items"].EnumerateArray().ToList();
        Assert.NotEmpty(items);
        foreach (var order in items)
        {
            var detail = (await water.Get($"/api/v1/work-orders/{order.GetProperty("id").GetGuid()}")).Expect(200);
            Assert.Contains(detail["assignments"].EnumerateArray(), a => allowed.Contains(a.GetProperty("unit").GetProperty("name").GetString()));
        }
    }

    [Fact]
    public async Task Texts_AreChineseAndFilledIn()
    {
        var agent = await app.AsAsync("agent", DemoCentre.Password);
        var items = (await agent.Get("/api/v1/work-orders?limit=100")).Expect(200)["items"].EnumerateArray().ToList();
        foreach (var item in items.Take(30))
        {
            var order = (await agent.Get($"/api/v1/work-orders/{item.GetProperty("id").GetGuid()}")).Expect(200);
            var description = order.Str("description")!;
            Assert.DoesNotContain("{", description, StringComparison.Ordinal);
            Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", description);
            Assert.NotEqual(JsonValueKind.Null, order["category"].GetProperty("path").ValueKind);
        }
    }
}

public sealed class DemoCentreTestsOnSqlite(SqliteDemoApp app) : DemoCentreTests(app), IClassFixture<SqliteDemoApp>;

public sealed class DemoCentreTestsOnPostgres(PostgresDemoApp app) : DemoCentreTests(app), IClassFixture<PostgresDemoApp>;
