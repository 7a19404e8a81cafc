using System.Text.Json;
using Lianxin.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Lianxin.Web.Tests.WorkOrders;

/// <summary>Intake and the whole hotline loop over HTTP, every transition with its history event, on each provider.</summary>
public abstract class LifecycleTests(LianxinApp app)
{
    private readonly Orders _orders = new(app);

    private Baseline Data => app.Data;

    private async Task<List<JsonElement>> History(Guid id) => await _orders.HistoryListAsync(id);

    private static void LastEvent(List<JsonElement> history, string type, string from, string to) => Orders.AssertLastEvent(history, type, from, to);

    [Fact]
    public async Task Register_ByAgent_Returns201WithNumberLocationAndETag()
    {
        var response = (await _orders.RegisterAsync()).Expect(201);

        Assert.Matches("^RX261123[0-9]{4}$", response.Str("number"));
        Assert.Equal("registered", response.Str("status"));
        Assert.Equal(1, response["version"].GetInt32());
        Assert.Equal($"/api/v1/work-orders/{response.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
        Assert.Equal("房屋修缮 / 管道堵塞", response["category"].GetProperty("path").GetString());
        Assert.Equal("江北区 / 新华路街道", response["region"].GetProperty("path").GetString());
        Assert.Equal("王晓雯", response["createdBy"].GetProperty("name").GetString());
        var history = await History(response.Id);
        LastEvent(history, "registered", "registered", "registered");
    }

    [Fact]
    public async Task FullLoop_DispatchAcceptReplyReviewVisit_EndsArchivedWithOneEventPerStep()
    {
        var id = await _orders.RegisteredAsync();
        await _orders.DispatchAsync(id, Data.Crew, Data.Property);
        var order = (await _orders.GetAsync(id)).Expect(200);
        Assert.Equal("dispatched", order.Str("status"));
        Assert.Equal(2, order["assignments"].GetArrayLength());

        (await _orders.ActAsync("crew", id, "accept")).Expect(200);
        Assert.Equal("inProgress", (await _orders.GetAsync(id)).Str("status"));
        (await _orders.ActAsync("sunshine", id, "accept")).Expect(200);

        // The lead waits for its assist (DOMAIN.md: assist units must finish first).
        (await _orders.ActAsync("crew", id, "reply", new { result = "已疏通", solved = "yes" })).ExpectProblem(409);
        (await _orders.ActAsync("sunshine", id, "reply", new { result = "已配合关闭楼栋总阀", solved = "yes" })).Expect(200);
        (await _orders.ActAsync("crew", id, "reply", new { result = "立管堵塞已疏通，排水正常。", solved = "yes" })).Expect(200);
        Assert.Equal("replied", (await _orders.GetAsync(id)).Str("status"));

        (await _orders.ActAsync("dispatcher", id, "review", new { approve = true })).Expect(200);
        Assert.Equal("closed", (await _orders.GetAsync(id)).Str("status"));

        var visited = (await _orders.ActAsync("visitor", id, "visit", new { reached = true, solved = "yes", satisfaction = "satisfied", comment = "很及时" })).Expect(200);
        Assert.Equal("archived", visited.Str("status"));
        Assert.Equal("satisfied", visited["visit"].GetProperty("satisfaction").GetString());

        var types = (await History(id)).Select(e => e.GetProperty("type").GetString()).ToList();
        Assert.Equal(["registered", "dispatched", "accepted", "accepted", "assistReplied", "replied", "reviewApproved", "visited"], types);
    }

    [Fact]
    public async Task AnswerDirectly_ByAgent_ClosesAtOnce()
    {
        var id = await _orders.RegisteredAsync();
        var response = (await _orders.ActAsync("agent", id, "answer-directly", new { answer = "已指导市民复位空气开关，恢复供电。" })).Expect(200);

        Assert.Equal("closed", response.Str("status"));
        Assert.Equal("已指导市民复位空气开关，恢复供电。", response.Str("answer"));
        LastEvent(await History(id), "answeredDirectly", "registered", "closed");
    }

    [Fact]
    public async Task NotAccept_ThenArchive_EndsArchived()
    {
        var id = await _orders.RegisteredAsync();
        (await _orders.ActAsync("agent", id, "not-accept", new { reason = "属于110报警范围，已告知市民拨打110。" })).Expect(200);
        LastEvent(await History(id), "notAccepted", "registered", "notAccepted");

        (await _orders.ActAsync("visitor", id, "archive", new { })).Expect(200);
        LastEvent(await History(id), "archived", "notAccepted", "archived");
    }

    [Fact]
    public async Task Transition_InWrongStatus_Is409WithReasonAndNothingChanges()
    {
        var id = await _orders.RegisteredAsync();
        var before = (await _orders.GetAsync(id)).Expect(200);

        var refused = (await _orders.ActAsync("dispatcher", id, "review", new { approve = true })).ExpectProblem(409);
        Assert.Contains("已受理", refused.Str("detail"));

        var after = (await _orders.GetAsync(id)).Expect(200);
        Assert.Equal(before["version"].GetInt32(), after["version"].GetInt32());
        Assert.Single(await History(id));
    }

    [Fact]
    public async Task Problem_InEnglish_WhenAcceptLanguageAsksForIt()
    {
        var id = await _orders.RegisteredAsync();
        var client = await app.AsAsync("dispatcher");
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/work-orders/{id}/review") { Content = System.Net.Http.Json.JsonContent.Create(new { approve = true }) };
        request.Headers.AcceptLanguage.ParseAdd("en-US");
        var refused = (await client.Exchange(request)).ExpectProblem(409);
        Assert.Contains("registered", refused.Str("detail"));
    }
}

public sealed class LifecycleTestsOnSqlite(SqliteApp app) : LifecycleTests(app), IClassFixture<SqliteApp>;

public sealed class LifecycleTestsOnPostgres(PostgresApp app) : LifecycleTests(app), IClassFixture<PostgresApp>;
