using System.Text.Json;
using Lianxin.Web.Tests.Infrastructure;

namespace Lianxin.Web.Tests.Repeats;

/// <summary>
/// 并单 (DOMAIN.md): the merged order ends merged with mergedInto; the master gains the requester and is
/// otherwise unchanged; both histories say so; every refusal changes nothing; only dispatchers merge;
/// confidential extra requesters are masked for units.
/// </summary>
public abstract class MergeTests(LianxinApp app)
{
    private readonly RepeatSteps _steps = new(app);
    private readonly Orders _orders = new(app);

    private Baseline Data => app.Data;

    private async Task<Guid> NewAsync(string? phone = null, bool confidential = false, string name = "李女士") =>
        (await _steps.RegisterAsync(RepeatSteps.Order(Data.CategoryLeak, phone ?? RepeatSteps.Phone(), "小区主管道爆裂", "来电人反映和平社区3栋门口主水管爆裂，水冒到路面，整栋楼停水，请求抢修。",
            confidential: confidential, name: name))).Expect(201).Id;

    private async Task<JsonElement> GetAsync(Guid id, string user = "dispatcher") => (await _orders.GetAsync(id, user)).Expect(200).Json;

    private async Task<Guid> InProgressAsync(Guid unit)
    {
        var id = await NewAsync();
        await _orders.DispatchAsync(id, unit);
        (await _orders.ActAsync(Data.HandlerOf[unit], id, "accept")).Expect(200);
        return id;
    }

    /// <summary>Asserts the order is exactly as before: same version, status and history length.</summary>
    private async Task AssertUnchangedAsync(Guid id, JsonElement before)
    {
        var after = await GetAsync(id);
        Assert.Equal(before.GetProperty("version").GetInt32(), after.GetProperty("version").GetInt32());
        Assert.Equal(before.GetProperty("status").GetString(), after.GetProperty("status").GetString());
        Assert.Equal(before.GetProperty("extraRequesters").GetArrayLength(), after.GetProperty("extraRequesters").GetArrayLength());
        Assert.Equal(before.GetProperty("version").GetInt32(), (await _steps.HistoryAsync(id)).Count);
    }

    [Fact]
    public async Task Merge_RepeatIntoOpenMaster_MergedPointsToMaster_MasterGainsRequesterOnly()
    {
        var master = await InProgressAsync(Data.Water);
        var repeatPhone = RepeatSteps.Phone();
        var repeat = await NewAsync(repeatPhone, name: "赵先生");
        var masterBefore = await GetAsync(master);

        var merged = (await _orders.ActAsync("dispatcher", repeat, "merge", new { intoId = master, note = "同一爆管点" })).Expect(200);

        Assert.Equal("merged", merged.Str("status"));
        Assert.Equal(master, merged["mergedInto"].GetGuid());
        var masterAfter = await GetAsync(master);
        var extra = Assert.Single(masterAfter.GetProperty("extraRequesters").EnumerateArray());
        Assert.Equal(repeatPhone, extra.GetProperty("phone").GetString());
        Assert.Equal("赵先生", extra.GetProperty("name").GetString());
        Assert.Equal(repeat, extra.GetProperty("fromOrderId").GetGuid());

        // Otherwise unchanged: status, unit, deadlines, texts; one version more for the history line.
        Assert.Equal(masterBefore.GetProperty("version").GetInt32() + 1, masterAfter.GetProperty("version").GetInt32());
        foreach (var field in new[] { "status", "title", "description", "requester", "deadlines", "assignments", "mergedInto", "repeatOf" })
        {
            Assert.Equal(masterBefore.GetProperty(field).GetRawText(), masterAfter.GetProperty(field).GetRawText());
        }

        var masterEvent = (await _steps.HistoryAsync(master))[^1];
        Assert.Equal("mergedFrom", masterEvent.GetProperty("type").GetString());
        Assert.Equal(repeat, masterEvent.GetProperty("data").GetProperty("fromId").GetGuid());
        Assert.Equal("同一爆管点", masterEvent.GetProperty("note").GetString());
        Assert.Equal("inProgress", masterEvent.GetProperty("toStatus").GetString());
        var repeatEvent = (await _steps.HistoryAsync(repeat))[^1];
        Assert.Equal("merged", repeatEvent.GetProperty("type").GetString());
        Assert.Equal("registered", repeatEvent.GetProperty("fromStatus").GetString());
        Assert.Equal("merged", repeatEvent.GetProperty("toStatus").GetString());
        Assert.Equal(master, repeatEvent.GetProperty("data").GetProperty("intoId").GetGuid());
    }

    [Fact]
    public async Task Merge_DispatchedOrder_ItsHopsAreCancelled()
    {
        var master = await NewAsync();
        var repeat = await InProgressAsync(Data.Heating);

        (await _orders.ActAsync("dispatcher", repeat, "merge", new { intoId = master })).Expect(200);

        var order = await GetAsync(repeat);
        Assert.All(order.GetProperty("assignments").EnumerateArray(), a => Assert.Equal("cancelled", a.GetProperty("status").GetString()));
        Assert.Equal(0, (await (await app.AsAsync("heating")).Get("/api/v1/work-orders?status=inProgress")).Expect(200)["items"].EnumerateArray()
            .Count(i => i.GetProperty("id").GetGuid() == repeat));
    }

    [Fact]
    public async Task Merge_OrderThatAbsorbedOthers_ItsRequestersMoveOnToTheNewMaster()
    {
        var first = RepeatSteps.Phone();
        var second = RepeatSteps.Phone();
        var a = await NewAsync(first);
        var b = await NewAsync(second);
        var master = await NewAsync();
        (await _orders.ActAsync("dispatcher", a, "merge", new { intoId = b })).Expect(200);

        (await _orders.ActAsync("dispatcher", b, "merge", new { intoId = master })).Expect(200);

        var phones = (await GetAsync(master)).GetProperty("extraRequesters").EnumerateArray().Select(r => r.GetProperty("phone").GetString()).ToList();
        Assert.Equal([second, first], phones);
    }

    [Fact]
    public async Task Merge_IntoItself_Is400_NothingChanges()
    {
        var id = await NewAsync();
        var before = await GetAsync(id);
        (await _orders.ActAsync("dispatcher", id, "merge", new { intoId = id })).ExpectProblem(400, "intoId");
        await AssertUnchangedAsync(id, before);
    }

    [Fact]
    public async Task Merge_IntoUnknownOrder_Is400_NothingChanges()
    {
        var id = await NewAsync();
        var before = await GetAsync(id);
        (await _orders.ActAsync("dispatcher", id, "merge", new { intoId = Guid.NewGuid() })).ExpectProblem(400, "intoId");
        (await _orders.ActAsync("dispatcher", id, "merge", new { note = "漏了目标" })).ExpectProblem(400, "intoId");
        await AssertUnchangedAsync(id, before);
    }

    [Theory]
    [InlineData("merged")]
    [InlineData("archived")]
    [InlineData("notAccepted")]
    [InlineData("closed")]
    public async Task Merge_IntoFinishedMaster_Is409_NothingChanges(string masterStatus)
    {
        var master = await NewAsync();
        switch (masterStatus)
        {
            case "merged":
                (await _orders.ActAsync("dispatcher", master, "merge", new { intoId = await NewAsync() })).Expect(200);
                break;
            case "archived":
                (await _orders.ActAsync("agent", master, "not-accept", new { reason = "属于法院管辖" })).Expect(200);
                (await _orders.ActAsync("dispatcher", master, "archive")).Expect(200);
                break;
            case "closed":
                master = await InProgressAsync(Data.Water);
                (await _orders.ActAsync("water", master, "reply", new { result = "已抢修", solved = "yes" })).Expect(200);
                (await _orders.ActAsync("dispatcher", master, "review", new { approve = true })).Expect(200);
                break;
            default:
                (await _orders.ActAsync("agent", master, "not-accept", new { reason = "属于法院管辖" })).Expect(200);
                break;
        }

        var repeat = await NewAsync();
        var before = await GetAsync(repeat);
        var masterBefore = await GetAsync(master);
        Assert.Equal(masterStatus, masterBefore.GetProperty("status").GetString());

        (await _orders.ActAsync("dispatcher", repeat, "merge", new { intoId = master })).ExpectProblem(409);

        await AssertUnchangedAsync(repeat, before);
        await AssertUnchangedAsync(master, masterBefore);
    }

    [Theory]
    [InlineData("closed")]
    [InlineData("notAccepted")]
    [InlineData("merged")]
    public async Task Merge_OrderNotOpen_Is409_NothingChanges(string status)
    {
        var id = await NewAsync();
        switch (status)
        {
            case "closed":
                (await _orders.ActAsync("agent", id, "answer-directly", new { answer = "已告知抢修电话。" })).Expect(200);
                break;
            case "notAccepted":
                (await _orders.ActAsync("agent", id, "not-accept", new { reason = "属于法院管辖" })).Expect(200);
                break;
            default:
                (await _orders.ActAsync("dispatcher", id, "merge", new { intoId = await NewAsync() })).Expect(200);
                break;
        }

        var master = await NewAsync();
        var before = await GetAsync(id);
        var masterBefore = await GetAsync(master);

        var refused = (await _orders.ActAsync("dispatcher", id, "merge", new { intoId = master })).ExpectProblem(409);
        Assert.Equal("status-not-allowed", refused.Str("code"));

        await AssertUnchangedAsync(id, before);
        await AssertUnchangedAsync(master, masterBefore);
    }

    [Theory]
    [InlineData("agent", 403)]
    [InlineData("supervisor", 403)]
    [InlineData("visitor", 403)]
    [InlineData("admin", 403)]
    [InlineData("water", 403)] // the order is theirs to see, not to merge
    [InlineData("heating", 404)] // another unit's order does not exist for them
    public async Task Merge_ByAnyoneButADispatcher_IsRefused_NothingChanges(string user, int status)
    {
        var id = await InProgressAsync(Data.Water);
        var master = await InProgressAsync(Data.Water);
        var before = await GetAsync(id);

        (await _orders.ActAsync(user, id, "merge", new { intoId = master })).ExpectProblem(status);

        await AssertUnchangedAsync(id, before);
    }

    [Fact]
    public async Task Merge_PendingRequestsLapse_AndOpenSupervisionsGoWithTheMaster()
    {
        var master = await InProgressAsync(Data.Water);
        var repeat = await InProgressAsync(Data.Heating);
        (await _orders.ActAsync("heating", repeat, "extension", new { workingDays = 3, reason = "等待配件" })).Expect(200);
        (await _orders.ActAsync("supervisor", repeat, "supervise", new { note = "请说明进展" })).Expect(200);

        (await _orders.ActAsync("dispatcher", repeat, "merge", new { intoId = master })).Expect(200);

        var merged = await GetAsync(repeat);
        Assert.Equal(JsonValueKind.Null, merged.GetProperty("pendingExtension").ValueKind);
        var open = (await (await app.AsAsync("supervisor")).Get($"/api/v1/supervisions?open=true&unitId={Data.Heating}&limit=500")).Expect(200).Json.EnumerateArray();
        Assert.DoesNotContain(open, r => r.GetProperty("workOrderId").GetGuid() == repeat);
        var record = (await (await app.AsAsync("supervisor")).Get($"/api/v1/work-orders/{repeat}/supervisions")).Expect(200).Json.EnumerateArray()
            .Single(r => r.GetProperty("kind").GetString() == "supervise");
        Assert.Contains("并入", record.GetProperty("replyText").GetString(), StringComparison.Ordinal);
        (await _orders.ActAsync("dispatcher", repeat, "extension/decision", new { approve = true })).ExpectProblem(409);
    }

    [Fact]
    public async Task Merge_WithoutToken_Is401()
    {
        var id = await NewAsync();
        using var anonymous = app.Anonymous();
        Assert.Equal(401, (await anonymous.Post($"/api/v1/work-orders/{id}/merge", new { intoId = Guid.NewGuid() })).Code);
    }

    [Fact]
    public async Task Merge_WithStaleIfMatch_Is412_NothingChanges()
    {
        var id = await NewAsync();
        var master = await NewAsync();
        var before = await GetAsync(id);
        (await _orders.ActAsync("dispatcher", id, "merge", new { intoId = master }, ifMatch: "\"7\"")).ExpectProblem(412);
        await AssertUnchangedAsync(id, before);
        (await _orders.ActAsync("dispatcher", id, "merge", new { intoId = master }, ifMatch: "\"1\"")).Expect(200);
    }

    [Fact]
    public async Task Merge_ConfidentialRequester_IsMaskedForTheMastersUnit_NotForTheCentre()
    {
        var master = await InProgressAsync(Data.Water);
        var phone = RepeatSteps.Phone();
        var repeat = await NewAsync(phone, confidential: true, name: "钱女士");
        (await _orders.ActAsync("dispatcher", repeat, "merge", new { intoId = master })).Expect(200);

        var forUnit = Assert.Single((await GetAsync(master, "water")).GetProperty("extraRequesters").EnumerateArray());
        Assert.Equal($"{phone[..3]}****{phone[^4..]}", forUnit.GetProperty("phone").GetString());
        Assert.Equal("钱**", forUnit.GetProperty("name").GetString());
        Assert.DoesNotContain(phone, (await (await app.AsAsync("water")).Get($"/api/v1/work-orders/{master}")).Body, StringComparison.Ordinal);
        Assert.DoesNotContain(phone, (await (await app.AsAsync("water")).Get($"/api/v1/work-orders/{master}/history")).Body, StringComparison.Ordinal);

        var forCentre = Assert.Single((await GetAsync(master, "dispatcher")).GetProperty("extraRequesters").EnumerateArray());
        Assert.Equal(phone, forCentre.GetProperty("phone").GetString());
        Assert.Equal("钱女士", forCentre.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Merge_ProblemInEnglish_WhenAsked()
    {
        var id = await NewAsync();
        var client = await app.AsAsync("dispatcher");
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/work-orders/{id}/merge") { Content = System.Net.Http.Json.JsonContent.Create(new { intoId = id }) };
        request.Headers.AcceptLanguage.ParseAdd("en");
        var refused = (await client.Exchange(request)).ExpectProblem(400, "intoId");
        Assert.Contains("itself", refused["errors"].GetProperty("intoId")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Merge_RepeatIntoMaster_BothHistoriesSaySoAndMasterGainsRequester()
    {
        var master = await _orders.InProgressAsync(Data.Water);
        var repeat = await _orders.RegisteredAsync(Orders.NewOrder(Data.CategoryLeak, phone: "13900001111", title: "楼下漏水"));

        var merged = (await _orders.ActAsync("dispatcher", repeat, "merge", new { intoId = master, note = "同一漏水点" })).Expect(200);
        Assert.Equal("merged", merged.Str("status"));
        Assert.Equal(master, merged["mergedInto"].GetGuid());

        var masterOrder = (await _orders.GetAsync(master)).Expect(200);
        Assert.Equal("13900001111", masterOrder["extraRequesters"][0].GetProperty("phone").GetString());
        Assert.Equal("mergedFrom", (await _orders.HistoryListAsync(master))[^1].GetProperty("type").GetString());
        Orders.AssertLastEvent(await _orders.HistoryListAsync(repeat), "merged", "registered", "merged");

        // Into itself, or into a merged order: refused, nothing changes.
        (await _orders.ActAsync("dispatcher", master, "merge", new { intoId = master })).ExpectProblem(400, "intoId");
        var third = await _orders.RegisteredAsync();
        (await _orders.ActAsync("dispatcher", third, "merge", new { intoId = repeat })).ExpectProblem(409);
        Assert.Equal("registered", (await _orders.GetAsync(third)).Str("status"));
    }
}

public sealed class MergeTestsOnSqlite(SqliteApp app) : MergeTests(app), IClassFixture<SqliteApp>;

public sealed class MergeTestsOnPostgres(PostgresApp app) : MergeTests(app), IClassFixture<PostgresApp>;
