using Lianxin.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Lianxin.Web.Tests.WorkOrders;

/// <summary>Retries, races and parallel intake: nothing acknowledged is lost, nothing is written twice.</summary>
public abstract class ConcurrencyTests(LianxinApp app)
{
    [Fact]
    public async Task Register_RetriedWithSameIdempotencyKey_ReturnsFirstResultAndCreatesOne()
    {
        var agent = await app.AsAsync("agent");
        var key = Guid.NewGuid().ToString();
        var body = Orders.NewOrder(app.Data.CategoryDrain, phone: "13700000001");

        var first = (await agent.Post("/api/v1/work-orders", body, idempotencyKey: key)).Expect(201);
        var retry = (await agent.Post("/api/v1/work-orders", body, idempotencyKey: key)).Expect(201);

        Assert.Equal(first.Id, retry.Id);
        Assert.Equal(first.Str("number"), retry.Str("number"));
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        Assert.Equal(1, await app.Db(db => db.WorkOrders.CountAsync(o => o.Requester.Phone == "13700000001")));
    }

    [Fact]
    public async Task Register_SameKeyDifferentBody_Is422AndCreatesNothing()
    {
        var agent = await app.AsAsync("agent");
        var key = Guid.NewGuid().ToString();
        (await agent.Post("/api/v1/work-orders", Orders.NewOrder(app.Data.CategoryDrain, phone: "13700000002"), idempotencyKey: key)).Expect(201);
        (await agent.Post("/api/v1/work-orders", Orders.NewOrder(app.Data.CategoryDrain, phone: "13700000003"), idempotencyKey: key)).ExpectProblem(422);
        Assert.Equal(0, await app.Db(db => db.WorkOrders.CountAsync(o => o.Requester.Phone == "13700000003")));
    }

    [Fact]
    public async Task Register_SameKeyFromTwoUsers_AreIndependent()
    {
        var key = Guid.NewGuid().ToString();
        var body = Orders.NewOrder(app.Data.CategoryDrain, phone: "13700000004");
        var a = (await (await app.AsAsync("agent")).Post("/api/v1/work-orders", body, idempotencyKey: key)).Expect(201);
        var b = (await (await app.AsAsync("agent2")).Post("/api/v1/work-orders", body, idempotencyKey: key)).Expect(201);
        Assert.NotEqual(a.Id, b.Id);
    }

    [Fact]
    public async Task Register_SameKeyInParallel_CreatesExactlyOne()
    {
        var agent = await app.AsAsync("agent");
        var key = Guid.NewGuid().ToString();
        var body = Orders.NewOrder(app.Data.CategoryDrain, phone: "13700000005");
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => agent.Post("/api/v1/work-orders", body, idempotencyKey: key)));

        Assert.All(responses, r => r.Expect(201));
        Assert.Single(responses.Select(r => r.Id).Distinct());
        Assert.Equal(1, await app.Db(db => db.WorkOrders.CountAsync(o => o.Requester.Phone == "13700000005")));
    }

    [Fact]
    public async Task Action_RetriedWithSameKey_IsAppliedOnce()
    {
        var orders = new Orders(app);
        var id = await orders.DispatchedAsync(app.Data.Water);
        var water = await app.AsAsync("water");
        var key = Guid.NewGuid().ToString();
        var first = (await water.Post($"/api/v1/work-orders/{id}/accept", new { }, idempotencyKey: key)).Expect(200);
        var retry = (await water.Post($"/api/v1/work-orders/{id}/accept", new { }, idempotencyKey: key)).Expect(200);
        Assert.Equal(first["version"].GetInt32(), retry["version"].GetInt32());
        Assert.Equal(3, (await orders.HistoryAsync(id)).Json.GetArrayLength());
    }

    [Fact]
    public async Task Register_FiftyInParallel_GetFiftyDistinctNumbers()
    {
        var agent = await app.AsAsync("agent");
        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            agent.Post("/api/v1/work-orders", Orders.NewOrder(app.Data.CategoryDrain, phone: $"1360000{i:0000}"))));

        Assert.All(responses, r => r.Expect(201));
        var numbers = responses.Select(r => r.Str("number")).ToList();
        Assert.Equal(50, numbers.Distinct().Count());
        Assert.All(numbers, n => Assert.Matches("^RX261123[0-9]{4,}$", n));
    }

    [Fact]
    public async Task TwoDispatchersRacing_OneWinsTheOtherIsRefused()
    {
        var orders = new Orders(app);
        for (var round = 0; round < 5; round++)
        {
            var id = await orders.RegisteredAsync();
            var one = await app.AsAsync("dispatcher");
            var two = await app.AsAsync("dispatcher2");
            var results = await Task.WhenAll(
                one.Post($"/api/v1/work-orders/{id}/dispatch", new { assignments = new[] { new { unitId = app.Data.Water, role = "lead" } } }, ifMatch: "\"1\""),
                two.Post($"/api/v1/work-orders/{id}/dispatch", new { assignments = new[] { new { unitId = app.Data.Heating, role = "lead" } } }, ifMatch: "\"1\""));

            Assert.Single(results, r => r.Code == 200);
            Assert.Single(results, r => r.Code is 409 or 412);
            var order = (await orders.GetAsync(id)).Expect(200);
            Assert.Equal(2, order["version"].GetInt32());
            Assert.Single(order["assignments"].EnumerateArray());
            Assert.Equal(2, (await orders.HistoryAsync(id)).Json.GetArrayLength());
        }
    }

    [Fact]
    public async Task TwoDispatchersRacing_WithoutIfMatch_StillOnlyOneWins()
    {
        var orders = new Orders(app);
        for (var round = 0; round < 5; round++)
        {
            var id = await orders.RegisteredAsync();
            var results = await Task.WhenAll(
                (await app.AsAsync("dispatcher")).Post($"/api/v1/work-orders/{id}/dispatch", new { assignments = new[] { new { unitId = app.Data.Water, role = "lead" } } }),
                (await app.AsAsync("dispatcher2")).Post($"/api/v1/work-orders/{id}/dispatch", new { assignments = new[] { new { unitId = app.Data.Heating, role = "lead" } } }));

            Assert.Single(results, r => r.Code == 200);
            Assert.Single(results, r => r.Code == 409);
            Assert.Single((await orders.GetAsync(id)).Expect(200)["assignments"].EnumerateArray());
        }
    }

    [Fact]
    public async Task TwoUnitsSigningAtOnce_WithoutIfMatch_BothAreApplied()
    {
        // Neither caller pinned a version, and signing for one's own hop does not depend on the
        // other's: whoever saves second has the action applied again to the fresh order.
        var orders = new Orders(app);
        for (var round = 0; round < 8; round++)
        {
            var id = await orders.DispatchedAsync(app.Data.Water, app.Data.Heating);
            var results = await Task.WhenAll(orders.ActAsync("water", id, "accept"), orders.ActAsync("heating", id, "accept"));

            Assert.All(results, r => r.Expect(200));
            var history = (await orders.HistoryAsync(id)).Json.EnumerateArray().ToList();
            Assert.Equal(2, history.Count(e => e.GetProperty("type").GetString() == "accepted"));
            Assert.Equal(Enumerable.Range(1, history.Count), history.Select(e => e.GetProperty("version").GetInt32()));
            var order = (await orders.GetAsync(id)).Expect(200);
            Assert.All(order["assignments"].EnumerateArray(), a => Assert.Equal("accepted", a.GetProperty("status").GetString()));
        }
    }

    [Fact]
    public async Task Action_WithStaleIfMatch_Is412AndNothingChanges()
    {
        var orders = new Orders(app);
        var id = await orders.DispatchedAsync(app.Data.Water);
        var response = await orders.ActAsync("water", id, "accept", ifMatch: "\"1\"");
        response.ExpectProblem(412);
        Assert.Equal("dispatched", (await orders.GetAsync(id)).Str("status"));

        (await orders.ActAsync("water", id, "accept", ifMatch: "\"2\"")).Expect(200);
    }

    [Fact]
    public async Task Get_SendsETagOfTheVersion()
    {
        var orders = new Orders(app);
        var id = await orders.InProgressAsync(app.Data.Water);
        var order = (await orders.GetAsync(id)).Expect(200);
        Assert.Equal($"\"{order["version"].GetInt32()}\"", order.Headers.ETag?.Tag);
    }
}

public sealed class ConcurrencyTestsOnSqlite(SqliteApp app) : ConcurrencyTests(app), IClassFixture<SqliteApp>;

public sealed class ConcurrencyTestsOnPostgres(PostgresApp app) : ConcurrencyTests(app), IClassFixture<PostgresApp>;
