using System.Text.Json;
using Lianxin.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Lianxin.Web.Tests.Supervision;

/// <summary>催办 and 督办 over HTTP on each provider: records, the unit's written reply, the reply due.</summary>
public abstract class SupervisionTests(LianxinApp app)
{
    private readonly Orders _orders = new(app);

    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private Baseline Data => app.Data;

    private async Task<List<JsonElement>> History(Guid id) => await _orders.HistoryListAsync(id);

    private static void LastEvent(List<JsonElement> history, string type, string from, string to) => Orders.AssertLastEvent(history, type, from, to);

    [Fact]
    public async Task UrgeAndSupervise_RecordsAndUnitReply()
    {
        var id = await _orders.InProgressAsync(Data.Water);
        (await _orders.ActAsync("supervisor", id, "urge", new { note = "市民再次来电催促，请加快处理。" })).Expect(200);
        var supervised = (await _orders.ActAsync("supervisor", id, "supervise", new { note = "已超期，请于明日12时前书面说明。" })).Expect(200);
        Assert.Equal(1, supervised["urgeCount"].GetInt32());
        Assert.Equal(1, supervised["superviseCount"].GetInt32());

        var water = await app.AsAsync("water");
        var records = (await water.Get($"/api/v1/work-orders/{id}/supervisions")).Expect(200).Json.EnumerateArray().ToList();
        Assert.Equal(["urge", "supervise"], records.Select(r => r.GetProperty("kind").GetString()));
        var supervisionId = records[1].GetProperty("id").GetGuid();

        (await water.Post($"/api/v1/work-orders/{id}/supervisions/{supervisionId}/reply", new { text = "已安排抢修队今晚施工，明早恢复供水。" })).Expect(200);
        (await water.Post($"/api/v1/work-orders/{id}/supervisions/{supervisionId}/reply", new { text = "再答一次" })).ExpectProblem(409);
        (await (await app.AsAsync("heating")).Post($"/api/v1/work-orders/{id}/supervisions/{supervisionId}/reply", new { text = "x" })).ExpectProblem(404);
        var history = await History(id);
        Assert.Equal(["urged", "supervised", "supervisionReplied"], history.TakeLast(3).Select(e => e.GetProperty("type").GetString()));
    }

    [Fact]
    public async Task Supervise_WithoutReplyDue_IsDueAtTheEndOfTheSecondWorkingDay()
    {
        var id = await _orders.InProgressAsync(Data.Water);
        (await _orders.ActAsync("supervisor", id, "supervise", new { note = "请书面说明处理进展。" })).Expect(200);

        var record = (await (await app.AsAsync("supervisor")).Get($"/api/v1/work-orders/{id}/supervisions")).Expect(200).Json.EnumerateArray().Single();
        var due = record.GetProperty("replyDueAt").GetDateTimeOffset();
        var today = TimeZoneInfo.ConvertTime(app.Clock.GetUtcNow(), Shanghai);
        var second = (await (await app.AsAsync("supervisor")).Get($"/api/v1/calendar/working-days?from={today:yyyy-MM-dd}&add=2")).Expect(200).Str("date");
        Assert.Equal(second, TimeZoneInfo.ConvertTime(due, Shanghai).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        Assert.False(record.GetProperty("replyOverdue").GetBoolean());
    }

    [Fact]
    public async Task Supervise_ReplyDueInThePast_Is400AndNothingChanges()
    {
        var id = await _orders.InProgressAsync(Data.Water);
        var before = (await _orders.GetAsync(id)).Expect(200)["version"].GetInt32();

        (await _orders.ActAsync("supervisor", id, "supervise", new { note = "请说明。", replyDueAt = app.Clock.GetUtcNow().AddHours(-1) })).ExpectProblem(400, "replyDueAt");

        var after = (await _orders.GetAsync(id)).Expect(200);
        Assert.Equal(before, after["version"].GetInt32());
        Assert.Equal(0, after["superviseCount"].GetInt32());
    }

    [Fact]
    public async Task Urge_ByHandler_Is403AndNothingChanges()
    {
        var id = await _orders.InProgressAsync(Data.Water);
        (await _orders.ActAsync("water", id, "urge", new { note = "自己催自己" })).ExpectProblem(403);
        Assert.Equal(0, (await _orders.GetAsync(id)).Expect(200)["urgeCount"].GetInt32());
    }
}

public sealed class SupervisionTestsOnSqlite(SqliteApp app) : SupervisionTests(app), IClassFixture<SqliteApp>;

public sealed class SupervisionTestsOnPostgres(PostgresApp app) : SupervisionTests(app), IClassFixture<PostgresApp>;
