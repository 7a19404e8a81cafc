using System.Text;
using System.Text.Json;
using Lianxin.Core.Common;
using Lianxin.Web.Tests.Infrastructure;

namespace Lianxin.Web.Tests.Calls;

/// <summary>
/// 话务统计 over HTTP: calls posted as a PBX would, the figures by day, agent and interval (wrap-up from the agent's
/// state log, occupancy from signed-in time), the CSV read back, bad input refused by field.
/// </summary>
public abstract class CallKpiHttpTests(LianxinApp app)
{
    private static DateOnly Today(LianxinApp app) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(app.Clock.GetUtcNow().UtcDateTime, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")));

    /// <summary>
    /// 王晓雯 signs in; call 1 waits 8 s, talks 95 s, she wraps up 20 s and says ready; call 2 is abandoned after 40 s;
    /// call 3 is a short abandon after 2 s; call 4 waits 30 s, talks 60 s, wrap-up runs out at 60 s. 316 s signed in.
    /// </summary>
    private async Task<DateOnly> MorningAsync()
    {
        var token = await CtiHttp.TokenAsync(app);
        using var pbx = app.Anonymous();
        var wang = await app.AsAsync("agent");
        (await wang.Post("/api/v1/agents/me/state", new { state = "ready" })).Expect(200);
        var day = Today(app);

        var (p1, c1) = CtiHttp.Fresh();
        (await pbx.NewCall(token, c1, p1)).Expect(200);
        app.Clock.Advance(TimeSpan.FromSeconds(8));
        (await pbx.Answer(token, c1, "8001")).Expect(200);
        app.Clock.Advance(TimeSpan.FromSeconds(95));
        (await pbx.Hangup(token, c1)).Expect(200);
        app.Clock.Advance(TimeSpan.FromSeconds(20));
        (await wang.Post("/api/v1/agents/me/state", new { state = "ready" })).Expect(200);

        var (p2, c2) = CtiHttp.Fresh();
        (await pbx.NewCall(token, c2, p2)).Expect(200);
        app.Clock.Advance(TimeSpan.FromSeconds(40));
        (await pbx.Hangup(token, c2)).Expect(200);

        var (p3, c3) = CtiHttp.Fresh();
        (await pbx.NewCall(token, c3, p3)).Expect(200);
        app.Clock.Advance(TimeSpan.FromSeconds(2));
        (await pbx.Hangup(token, c3)).Expect(200);

        var (p4, c4) = CtiHttp.Fresh();
        (await pbx.NewCall(token, c4, p4)).Expect(200);
        app.Clock.Advance(TimeSpan.FromSeconds(30));
        (await pbx.Answer(token, c4, "8001")).Expect(200);
        app.Clock.Advance(TimeSpan.FromSeconds(60));
        (await pbx.Hangup(token, c4)).Expect(200);
        app.Clock.Advance(TimeSpan.FromSeconds(61));
        await app.SweepCallsAsync();
        (await wang.Post("/api/v1/agents/me/state", new { state = "loggedOut" })).Expect(200);
        return day;
    }

    [Fact]
    public async Task Morning_ByDayAgentAndInterval_FiguresAsHandComputed()
    {
        var day = await MorningAsync();
        var boss = await app.AsAsync("supervisor");

        var byDay = (await boss.Get($"/api/v1/calls/kpis?from={day:yyyy-MM-dd}&to={day:yyyy-MM-dd}&by=day")).Expect(200);
        var k = Assert.Single(byDay["rows"].EnumerateArray()).GetProperty("figures");
        Assert.Equal((3, 2, 1, 1, 1), (Int(k, "offered"), Int(k, "answered"), Int(k, "abandoned"), Int(k, "shortAbandons"), Int(k, "answeredInTarget")));
        Assert.Equal(2.0 / 3, k.GetProperty("answerRate").GetDouble(), 9);
        Assert.Equal(1.0 / 3, k.GetProperty("lossRate").GetDouble(), 9);
        Assert.Equal(0.5, k.GetProperty("serviceLevel").GetDouble(), 9);
        Assert.Equal(19, k.GetProperty("averageSpeedOfAnswerSeconds").GetDouble(), 6);
        Assert.Equal(77.5, k.GetProperty("averageTalkSeconds").GetDouble(), 6);
        Assert.Equal(117.5, k.GetProperty("averageHandleSeconds").GetDouble(), 6); // (95 + 20 + 60 + 60) / 2
        Assert.Equal(235.0 / 316, k.GetProperty("occupancy").GetDouble(), 6);
        Assert.Equal("day", byDay.Str("by"));
        Assert.Equal("合计", byDay["total"].GetProperty("label").GetString());

        var byAgent = (await boss.Get($"/api/v1/calls/kpis?from={day:yyyy-MM-dd}&by=agent")).Expect(200);
        var rows = byAgent["rows"].EnumerateArray().ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal("王晓雯", rows[0].GetProperty("agent").GetProperty("name").GetString());
        Assert.Equal(2, Int(rows[0].GetProperty("figures"), "answered"));
        Assert.Equal(316, rows[0].GetProperty("time").GetProperty("signedIn").GetDouble(), 6);
        Assert.Equal(80, rows[0].GetProperty("time").GetProperty("wrapUp").GetDouble(), 6);
        Assert.Equal(JsonValueKind.Null, rows[1].GetProperty("agent").ValueKind);
        Assert.Equal((1, 0, 1), (Int(rows[1].GetProperty("figures"), "offered"), Int(rows[1].GetProperty("figures"), "answered"), Int(rows[1].GetProperty("figures"), "shortAbandons")));

        var byInterval = (await boss.Get($"/api/v1/calls/kpis?from={day:yyyy-MM-dd}&by=interval")).Expect(200);
        var intervals = byInterval["rows"].EnumerateArray().ToList();
        Assert.Equal(48, intervals.Count);
        Assert.Equal(3, intervals.Sum(i => Int(i.GetProperty("figures"), "offered")));
        Assert.Equal($"{day:yyyy-MM-dd} 10:00", intervals[20].GetProperty("label").GetString());
        Assert.Equal(JsonValueKind.Null, intervals[0].GetProperty("figures").GetProperty("answerRate").ValueKind);

        var byQueue = (await boss.Get($"/api/v1/calls/kpis?from={day:yyyy-MM-dd}&by=queue")).Expect(200);
        var hotline = Assert.Single(byQueue["rows"].EnumerateArray());
        Assert.Equal("热线", hotline.GetProperty("queue").GetString());
        Assert.Equal(JsonValueKind.Null, hotline.GetProperty("figures").GetProperty("occupancy").ValueKind);

        // The CSV: UTF-8 with a BOM, the same figures, a total line.
        var csv = await boss.GetAsync(new Uri($"/api/v1/calls/kpis.csv?from={day:yyyy-MM-dd}&by=agent", UriKind.Relative));
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var records = Csv.Parse(Encoding.UTF8.GetString(bytes[3..]));
        Assert.Equal(["坐席", "呼入", "接通", "放弃", "短时放弃", "15秒内接通", "接通率", "及时应答率", "呼损率"], records[0].Fields.Take(9));
        Assert.Equal(4, records.Count);
        Assert.Equal(["王晓雯", "2", "2", "0", "0", "1", "100.0%", "50.0%", "0.0%", "19.0", "77.5", "117.5", "74.4%", "316.0"], records[1].Fields.Take(14));
        Assert.Equal(["合计", "3", "2", "1", "1", "1", "66.7%", "50.0%", "33.3%"], records[3].Fields.Take(9));
    }

    [Theory]
    [InlineData("by=week", "by")]
    [InlineData("from=2026-13-01", "from")]
    [InlineData("from=2026-11-20&to=2026-11-19", "to")]
    [InlineData("from=2026-01-01&to=2026-12-31", "to")]
    [InlineData("from=2026-10-01&to=2026-11-30&by=interval", "by")]
    public async Task BadQuery_IsRefusedByField(string query, string field)
    {
        var boss = await app.AsAsync("supervisor");
        var zh = (await boss.Get("/api/v1/calls/kpis?" + query)).ExpectProblem(400, field);
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", zh["errors"].GetProperty(field)[0].GetString());
        (await boss.Get("/api/v1/calls/kpis.csv?" + query)).ExpectProblem(400, field);
    }

    [Fact]
    public async Task Agent_MayNotReadTheKpis()
    {
        var agent = await app.AsAsync("agent");
        (await agent.Get("/api/v1/calls/kpis")).ExpectProblem(403);
    }

    private static int Int(JsonElement e, string name) => e.GetProperty(name).GetInt32();
}

public sealed class CallKpiHttpTestsOnSqlite(SqliteApp app) : CallKpiHttpTests(app), IClassFixture<SqliteApp>;

public sealed class CallKpiHttpTestsOnPostgres(PostgresApp app) : CallKpiHttpTests(app), IClassFixture<PostgresApp>;

/// <summary>话务设置 over HTTP: read, change some fields, bad input refused by field with nothing changed.</summary>
public abstract class CallCentreSettingsHttpTests(LianxinApp app)
{
    private static Task<ApiResponse> Put(HttpClient client, string json) =>
        client.Exchange(new HttpRequestMessage(HttpMethod.Put, "/api/v1/call-centre/settings") { Content = new StringContent(json, Encoding.UTF8, "application/json") });

    [Fact]
    public async Task Settings_ChangeSomeFields_OthersKept_BadInputChangesNothing()
    {
        var admin = await app.AsAsync("admin");
        var before = (await admin.Get("/api/v1/call-centre/settings")).Expect(200);
        Assert.Equal(15, before["serviceTargetSeconds"].GetInt32());
        Assert.Equal(5, before["shortAbandonSeconds"].GetInt32());

        var bad = (await Put(admin, """{"shortAbandonSeconds": 99, "serviceHoursStart": "25:00", "localAreaCode": "571", "serviceTargetSeconds": 20}""")).ExpectProblem(400);
        foreach (var field in new[] { "shortAbandonSeconds", "serviceHoursStart", "localAreaCode" })
        {
            Assert.True(bad["errors"].TryGetProperty(field, out _), bad.Body);
        }

        Assert.False(bad["errors"].TryGetProperty("serviceTargetSeconds", out _));
        (await Put(admin, """{"callbackAttempts": "three"}""")).ExpectProblem(400);
        (await Put(admin, "[1, 2]")).ExpectProblem(400);
        Assert.Equal(before.Body, (await admin.Get("/api/v1/call-centre/settings")).Expect(200).Body);

        var boss = await app.AsAsync("supervisor");
        (await Put(boss, """{"serviceTargetSeconds": 20}""")).ExpectProblem(403);

        var changed = (await Put(admin, """{"serviceTargetSeconds": 20, "localAreaCode": "0571", "serviceHoursStart": "08:00", "serviceHoursEnd": "20:00"}""")).Expect(200);
        Assert.Equal(20, changed["serviceTargetSeconds"].GetInt32());
        Assert.Equal("0571", changed.Str("localAreaCode"));
        Assert.Equal(5, changed["shortAbandonSeconds"].GetInt32());
        Assert.Equal("08:00", (await boss.Get("/api/v1/call-centre/settings")).Expect(200).Str("serviceHoursStart"));

        // An empty area code clears it; back to the defaults for the other tests of this app.
        var restored = (await Put(admin, """{"serviceTargetSeconds": 15, "localAreaCode": "", "serviceHoursStart": "00:00", "serviceHoursEnd": "24:00"}""")).Expect(200);
        Assert.Equal(JsonValueKind.Null, restored["localAreaCode"].ValueKind);
        Assert.Equal(before.Body, restored.Body);
    }
}

public sealed class CallCentreSettingsHttpTestsOnSqlite(SqliteApp app) : CallCentreSettingsHttpTests(app), IClassFixture<SqliteApp>;

public sealed class CallCentreSettingsHttpTestsOnPostgres(PostgresApp app) : CallCentreSettingsHttpTests(app), IClassFixture<PostgresApp>;
