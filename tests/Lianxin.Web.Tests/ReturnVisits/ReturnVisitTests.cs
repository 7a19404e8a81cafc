using System.Text.Json;
using Lianxin.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Lianxin.Web.Tests.ReturnVisits;

/// <summary>Return visits (回访) over HTTP on each provider: redo, the final second round, unreachable requesters.</summary>
public abstract class ReturnVisitTests(LianxinApp app)
{
    private readonly Orders _orders = new(app);

    private Baseline Data => app.Data;

    private async Task<List<JsonElement>> History(Guid id) => await _orders.HistoryListAsync(id);

    private static void LastEvent(List<JsonElement> history, string type, string from, string to) => Orders.AssertLastEvent(history, type, from, to);

    [Fact]
    public async Task Visit_UnsatisfiedFirstRound_RedoThenSecondVisitIsFinal()
    {
        var id = await _orders.ClosedAsync(Data.Water);
        var redo = (await _orders.ActAsync("visitor", id, "visit", new { reached = true, solved = "no", satisfaction = "unsatisfied", comment = "水压还是很低" })).Expect(200);
        Assert.Equal("inProgress", redo.Str("status"));
        Assert.Equal(1, redo["redoCount"].GetInt32());
        LastEvent(await History(id), "redo", "closed", "inProgress");

        (await _orders.ActAsync("water", id, "reply", new { result = "已更换减压阀。", solved = "partly" })).Expect(200);
        (await _orders.ActAsync("dispatcher", id, "review", new { approve = true })).Expect(200);
        var final = (await _orders.ActAsync("visitor", id, "visit", new { reached = true, solved = "partly", satisfaction = "unsatisfied" })).Expect(200);

        Assert.Equal("archived", final.Str("status"));
        Assert.Equal(1, final["redoCount"].GetInt32());
        var visits = (await (await app.AsAsync("dispatcher")).Get($"/api/v1/work-orders/{id}/visits")).Expect(200);
        Assert.Equal([1, 2], visits.Json.EnumerateArray().Select(v => v.GetProperty("round").GetInt32()));
    }

    [Fact]
    public async Task Visit_UnreachedThreeTimes_ArchivesAsUnreachable()
    {
        var id = await _orders.ClosedAsync(Data.Water);
        (await _orders.ActAsync("visitor", id, "visit", new { reached = false })).Expect(200);
        (await _orders.ActAsync("visitor", id, "visit", new { reached = false })).Expect(200);
        Assert.Equal("closed", (await _orders.GetAsync(id)).Str("status"));
        (await _orders.ActAsync("visitor", id, "visit", new { reached = false, comment = "三次无人接听" })).Expect(200);

        Assert.Equal("archived", (await _orders.GetAsync(id)).Str("status"));
        var last = (await History(id))[^1];
        Assert.True(last.GetProperty("data").GetProperty("unreachable").GetBoolean());
    }

    [Fact]
    public async Task Visit_ReachedWithoutRating_Is400()
    {
        var id = await _orders.ClosedAsync(Data.Water);
        (await _orders.ActAsync("visitor", id, "visit", new { reached = true })).ExpectProblem(400, "satisfaction");
        Assert.Equal("closed", (await _orders.GetAsync(id)).Str("status"));
    }
}

public sealed class ReturnVisitTestsOnSqlite(SqliteApp app) : ReturnVisitTests(app), IClassFixture<SqliteApp>;

public sealed class ReturnVisitTestsOnPostgres(PostgresApp app) : ReturnVisitTests(app), IClassFixture<PostgresApp>;
