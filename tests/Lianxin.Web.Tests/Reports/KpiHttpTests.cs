using System.Net.Http.Json;
using System.Text.Json;
using Lianxin.Web.Tests.Infrastructure;

namespace Lianxin.Web.Tests.Reports;

/// <summary>
/// KPIs over HTTP on each provider, on hand-computed days: every test moves the clock to a day of its own (a week on,
/// so no earlier test's deadline falls in it) and checks the figures, the breakdowns and the drill-down's totals.
/// </summary>
public abstract class KpiHttpTests(LianxinApp app)
{
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static int _phone;

    private readonly Orders _orders = new(app);

    private Baseline Data => app.Data;

    /// <summary>Moves the clock a week on, to <paramref name="hour"/>:00 local; returns that local day.</summary>
    private DateOnly FreshDay(int hour = 9)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(app.Clock.GetUtcNow().UtcDateTime, Zone).Date.AddDays(7).AddHours(hour);
        app.Clock.SetUtcNow(new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, Zone)));
        return DateOnly.FromDateTime(local);
    }

    private static object Order(Guid category, string title, string channel = "phone", string demandType = "help") => new
    {
        channel,
        demandType,
        urgency = "urgent",
        requester = new { name = "李女士", phone = $"139{Interlocked.Increment(ref _phone):D8}", confidential = false, wantsReply = true },
        categoryId = category,
        regionCode = "330201001",
        title,
        description = $"{title}：来电人反映情况，请求处理。编号{_phone}",
    };

    private async Task<Guid> Register(string title, string channel = "phone", string demandType = "help") =>
        (await _orders.RegisterAsync(Order(Data.CategoryDrain, title, channel, demandType))).Expect(201).Id;

    private async Task<JsonElement> Kpis(string query, string user = "supervisor")
    {
        await app.RefreshKpisAsync();
        return (await (await app.AsAsync(user)).Get($"/api/v1/reports/kpis?{query}")).Expect(200).Json;
    }

    private async Task<int> DrillTotal(DateOnly day, string figure, string extra = "")
    {
        var page = (await (await app.AsAsync("supervisor")).Get($"/api/v1/reports/kpis/orders?from={day:yyyy-MM-dd}&to={day:yyyy-MM-dd}&figure={figure}{extra}")).Expect(200);
        return page["total"].GetInt32();
    }

    private static int Count(JsonElement k, string name) => k.GetProperty("counts").GetProperty(name).GetInt32();

    private static double? Rate(JsonElement k, string name) => k.GetProperty(name).ValueKind == JsonValueKind.Null ? null : k.GetProperty(name).GetDouble();

    /// <summary>
    /// One day: A dispatched to water and signed at once, replied and approved (closed); B answered on the call (closed);
    /// C not accepted; D dispatched to heating and never signed; E merged into D. Three hours later both hops are past
    /// their 2-hour sign-for. Received 5, closed 2 (40 %), sign-for 1 of 2 on time; nothing due to complete yet (null).
    /// </summary>
    [Fact]
    public async Task Day_ClosuresNotAcceptedAnsweredMerged_AsHandComputed()
    {
        var day = FreshDay();
        var a = await Register("A 供水管爆裂");
        await _orders.DispatchAsync(a, Data.Water);
        (await _orders.ActAsync("water", a, "accept")).Expect(200);
        (await _orders.ActAsync("water", a, "reply", new { result = "已抢修。", solved = "yes" })).Expect(200);
        (await _orders.ActAsync("dispatcher", a, "review", new { approve = true })).Expect(200);
        var b = await Register("B 咨询停水时间", demandType: "consultation");
        (await _orders.ActAsync("agent", b, "answer-directly", new { answer = "预计今晚 8 点恢复供水。" })).Expect(200);
        var c = await Register("C 邻里纠纷");
        (await _orders.ActAsync("agent", c, "not-accept", new { reason = "属民事纠纷，建议通过人民调解处理。" })).Expect(200);
        var d = await Register("D 暖气不热", channel: "web");
        await _orders.DispatchAsync(d, Data.Heating);
        var e = await Register("E 暖气不热（同一楼栋）", channel: "web");
        (await _orders.ActAsync("dispatcher", e, "merge", new { intoId = d, note = "同一事项" })).Expect(200);
        app.Clock.Advance(TimeSpan.FromHours(3));

        var k = await Kpis($"from={day:yyyy-MM-dd}&to={day:yyyy-MM-dd}");
        Assert.Equal((5, 2, 1, 1, 1), (k.GetProperty("received").GetInt32(), k.GetProperty("closed").GetInt32(), Count(k, "notAccepted"), Count(k, "answeredDirectly"), Count(k, "merged")));
        Assert.Equal(0.4, Rate(k, "closureRate")!.Value, 9);
        Assert.Equal((2, 1), (Count(k, "signDue"), Count(k, "signOnTime")));
        Assert.Equal(0.5, Rate(k, "onTimeSignRate")!.Value, 9);
        Assert.Null(Rate(k, "onTimeCompletionRate"));
        Assert.Null(Rate(k, "satisfactionRate"));
        Assert.Null(Rate(k, "answerRate"));
        Assert.Equal(0.0, Rate(k, "repeatRate"));

        // The drill-down lists exactly the orders each figure counts.
        Assert.Equal(5, await DrillTotal(day, "received"));
        Assert.Equal(2, await DrillTotal(day, "closed"));
        Assert.Equal(2, await DrillTotal(day, "signDue"));
        Assert.Equal(1, await DrillTotal(day, "signLate"));
        Assert.Equal(1, await DrillTotal(day, "merged"));

        // By unit: each lead unit's received and its hop's sign-for; by channel: phone 3, web 2.
        var byUnit = await Kpis($"from={day:yyyy-MM-dd}&to={day:yyyy-MM-dd}&by=unit");
        var rows = byUnit.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("key").GetString()!, r => r.GetProperty("figures"));
        Assert.Equal((1, 1, 1, 1), (rows[Data.Water.ToString()].GetProperty("received").GetInt32(), rows[Data.Water.ToString()].GetProperty("closed").GetInt32(),
            Count(rows[Data.Water.ToString()], "signDue"), Count(rows[Data.Water.ToString()], "signOnTime")));
        Assert.Equal((1, 1, 0), (rows[Data.Heating.ToString()].GetProperty("received").GetInt32(), Count(rows[Data.Heating.ToString()], "signDue"), Count(rows[Data.Heating.ToString()], "signOnTime")));
        Assert.Equal(1, await DrillTotal(day, "signLate", $"&by=unit&key={Data.Heating}"));
        var byChannel = await Kpis($"from={day:yyyy-MM-dd}&to={day:yyyy-MM-dd}&by=channel");
        var channels = byChannel.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("key").GetString()!, r => r.GetProperty("figures").GetProperty("received").GetInt32());
        Assert.Equal(3, channels["phone"]);
        Assert.Equal(2, channels["web"]);
        Assert.Equal(2, await DrillTotal(day, "received", "&by=channel&key=web"));
    }

    /// <summary>An order at 23:59:59 local (15:59:59Z) and one at 00:00:00 (16:00:00Z) fall on different local days.</summary>
    [Fact]
    public async Task Midnight_UtcPlus8_SplitsDays()
    {
        var day = FreshDay(23);
        app.Clock.Advance(TimeSpan.FromMinutes(59) + TimeSpan.FromSeconds(59));
        Assert.Equal(15, app.Clock.GetUtcNow().Hour);
        await Register("午夜前");
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(16, app.Clock.GetUtcNow().Hour);
        await Register("午夜后");
        var next = day.AddDays(1);

        Assert.Equal(1, (await Kpis($"from={day:yyyy-MM-dd}&to={day:yyyy-MM-dd}")).GetProperty("received").GetInt32());
        Assert.Equal(1, (await Kpis($"from={next:yyyy-MM-dd}&to={next:yyyy-MM-dd}")).GetProperty("received").GetInt32());
        Assert.Equal(2, (await Kpis($"from={day:yyyy-MM-dd}&to={next:yyyy-MM-dd}")).GetProperty("received").GetInt32());
        Assert.Equal(1, await DrillTotal(next, "received"));
    }

    [Fact]
    public async Task BadInput_Is400WithFieldInBothLanguages()
    {
        var boss = await app.AsAsync("supervisor");
        (await boss.Get("/api/v1/reports/kpis?from=2026-13-01")).ExpectProblem(400, "from");
        (await boss.Get("/api/v1/reports/kpis?from=2026-11-10&to=2026-11-01")).ExpectProblem(400, "to");
        (await boss.Get("/api/v1/reports/kpis?by=planet")).ExpectProblem(400, "by");
        (await boss.Get("/api/v1/reports/kpis?unitId=nope")).ExpectProblem(400, "unitId");
        (await boss.Get($"/api/v1/reports/kpis?unitId={Data.Water}&by=channel")).ExpectProblem(400, "by");
        (await boss.Get("/api/v1/reports/kpis/orders?figure=everything")).ExpectProblem(400, "figure");
        (await boss.Get("/api/v1/reports/kpis/orders?figure=received&by=unit")).ExpectProblem(400, "key");
        (await boss.Get("/api/v1/reports/kpis/orders?figure=received&page=0")).ExpectProblem(400, "page");
        (await boss.Get("/api/v1/reports/kpis/orders?figure=offered&by=channel&key=phone")).ExpectProblem(400, "dimension");
        (await boss.Get("/api/v1/reports/ranking?from=2020-01-01&to=2026-01-01")).ExpectProblem(400, "to");
        var admin = await app.AsAsync("admin");
        (await admin.Post("/api/v1/reports/days/yesterday/rebuild")).ExpectProblem(400, "date");
        (await admin.Post("/api/v1/reports/days/2099-01-01/rebuild")).ExpectProblem(400, "date");
        var put = new HttpRequestMessage(HttpMethod.Put, "/api/v1/reports/settings") { Content = JsonContent.Create(new { signWeight = 2.0 }) };
        put.Headers.AcceptLanguage.ParseAdd("en");
        var en = await admin.Exchange(put);
        en.ExpectProblem(400, "signWeight");
        Assert.Contains("weight", en.Body, StringComparison.Ordinal);
        Assert.Contains("日期", (await boss.Get("/api/v1/reports/kpis?from=2026-13-01")).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnitStaff_SeeOnlyTheirUnit()
    {
        var water = await app.AsAsync("water");
        (await water.Get($"/api/v1/reports/kpis?unitId={Data.Heating}")).ExpectProblem(403);
        var own = (await water.Get("/api/v1/reports/kpis")).Expect(200);
        Assert.Equal(Data.Water, own["unitId"].GetGuid());
        (await water.Get("/api/v1/reports/kpis/orders?figure=received")).ExpectProblem(403);
    }
}

public sealed class KpiHttpTestsOnSqlite(SqliteApp app) : KpiHttpTests(app), IClassFixture<SqliteApp>;

public sealed class KpiHttpTestsOnPostgres(PostgresApp app) : KpiHttpTests(app), IClassFixture<PostgresApp>;
