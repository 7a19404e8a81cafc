using System.Net.Http.Json;
using System.Text.Json;
using Lianxin.Web.Tests.Calls;
using Lianxin.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Lianxin.Web.Tests.Reports;

/// <summary>
/// KPIs across the life of orders over HTTP: an extension, a paused clock, a redo with its second visit, an unreachable
/// requester, an archive without a visit; the call figures; the ranking; every drill-down total equal to its figure;
/// a rebuilt day equal to the kept one.
/// </summary>
public abstract class KpiLifecycleTests(LianxinApp app)
{
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static int _phone = 500;

    private readonly Orders _orders = new(app);

    private Baseline Data => app.Data;

    /// <summary>A Monday at least a week on, <paramref name="hour"/>:00 local (so no earlier test's deadline falls in its week).</summary>
    private DateOnly FreshMonday(int hour = 9)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(app.Clock.GetUtcNow().UtcDateTime, Zone).Date.AddDays(7);
        while (local.DayOfWeek != DayOfWeek.Monday)
        {
            local = local.AddDays(1);
        }

        app.Clock.SetUtcNow(new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local.AddHours(hour), Zone)));
        return DateOnly.FromDateTime(local);
    }

    private void AtLocal(DateOnly day, int hour) =>
        app.Clock.SetUtcNow(new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(new TimeOnly(hour, 0)), Zone)));

    private async Task<Guid> Register(string title)
    {
        var body = new
        {
            channel = "phone", demandType = "help", urgency = "urgent",
            requester = new { name = "王先生", phone = $"137{Interlocked.Increment(ref _phone):D8}", confidential = false, wantsReply = true },
            categoryId = Data.CategoryLeak, regionCode = "330201001", title, description = $"{title}：请求处理。{_phone}",
        };
        return (await _orders.RegisterAsync(body)).Expect(201).Id;
    }

    private async Task<Guid> Accepted(string title, Guid unit)
    {
        var id = await Register(title);
        await _orders.DispatchAsync(id, unit);
        (await _orders.ActAsync(Data.HandlerOf[unit], id, "accept")).Expect(200);
        return id;
    }

    private async Task Reply(Guid id, Guid unit, bool approve = true)
    {
        (await _orders.ActAsync(Data.HandlerOf[unit], id, "reply", new { result = "已处理完毕。", solved = "yes" })).Expect(200);
        if (approve)
        {
            (await _orders.ActAsync("dispatcher", id, "review", new { approve = true })).Expect(200);
        }
    }

    private async Task<JsonElement> Kpis(DateOnly from, DateOnly to, string extra = "")
    {
        await app.RefreshKpisAsync();
        return (await (await app.AsAsync("supervisor")).Get($"/api/v1/reports/kpis?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}{extra}")).Expect(200).Json;
    }

    private static int C(JsonElement k, string name) => k.GetProperty("counts").GetProperty(name).GetInt32();

    private static double? R(JsonElement k, string name) => k.GetProperty(name).ValueKind == JsonValueKind.Null ? null : k.GetProperty(name).GetDouble();

    private async Task<int> Drill(DateOnly from, DateOnly to, string figure, string extra = "") =>
        (await (await app.AsAsync("supervisor")).Get($"/api/v1/reports/kpis/orders?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}&figure={figure}{extra}"))
            .Expect(200)["total"].GetInt32();

    /// <summary>
    /// Monday 09:00: P replied and approved at once (due Tuesday 09:00, met); Q gets one more working day (never replies: late);
    /// S is paused 30 hours (its due moves 30 hours; replied before it: on time); R is approved, visited at 10:00 unsatisfied
    /// and unsolved (redo: the clock restarts), approved again Tuesday 08:00 (not a second closure) and visited satisfied
    /// (final); T approved and unreachable three times on Tuesday; P archived without a visit on Tuesday.
    /// Over the week: received 5, closed 4 (R once); due 5, on time 4; visits reached 2 (all: solved 1 of 2, satisfied 1 of 2;
    /// final only: 1 of 1); redos 1; unreachable 1; ended 3 (P, T first time; R not) → 一次办结率 2/3.
    /// </summary>
    [Fact]
    public async Task Week_ExtensionPauseRedoUnreachable_AsHandComputed()
    {
        var monday = FreshMonday();
        var p = await Accepted("P 水表漏水", Data.Water);
        await Reply(p, Data.Water);
        var q = await Accepted("Q 管网改造", Data.Water);
        (await _orders.ActAsync("water", q, "extension", new { workingDays = 1, reason = "需协调停水。" })).Expect(200);
        (await _orders.ActAsync("dispatcher", q, "extension/decision", new { approve = true })).Expect(200);
        var s = await Accepted("S 等待市民提供材料", Data.Water);
        (await _orders.ActAsync("dispatcher", s, "suspend", new { reason = "等待市民提供房产证明。" })).Expect(200);
        var r = await Accepted("R 水压低", Data.Water);
        await Reply(r, Data.Water);
        var t = await Accepted("T 消火栓漏水", Data.Water);
        await Reply(t, Data.Water);

        AtLocal(monday, 10);
        (await _orders.ActAsync("visitor", r, "visit", new { reached = true, solved = "no", satisfaction = "unsatisfied" })).Expect(200);
        var day1 = await Kpis(monday, monday);
        Assert.Equal((5, 3, 1), (day1.GetProperty("received").GetInt32(), day1.GetProperty("closed").GetInt32(), C(day1, "redos")));
        Assert.Equal((1, 0, 1, 0), (C(day1, "visitsReached"), C(day1, "visitsSolved"), C(day1, "visitsRated"), C(day1, "finalReached")));
        Assert.Equal(0.0, R(day1, "satisfactionRate"));

        var tuesday = monday.AddDays(1);
        AtLocal(tuesday, 8);
        await Reply(r, Data.Water);
        (await _orders.ActAsync("visitor", r, "visit", new { reached = true, solved = "yes", satisfaction = "satisfied" })).Expect(200);
        for (var i = 0; i < 3; i++)
        {
            (await _orders.ActAsync("visitor", t, "visit", new { reached = false })).Expect(200);
        }

        (await _orders.ActAsync("visitor", p, "archive", new { note = "市民表示无需回访。" })).Expect(200);
        AtLocal(tuesday, 15);
        (await _orders.ActAsync("dispatcher", s, "resume")).Expect(200);
        await Reply(s, Data.Water);

        // The dues as the orders record them: Q one working day later, S 30 hours later (paused 09:00 → 15:00 Tuesday).
        var dues = await app.Db(db => db.WorkOrders.Where(o => o.Id == q || o.Id == s).Select(o => new { o.Id, o.Completion!.DueAt }).ToDictionaryAsync(o => o.Id, o => o.DueAt));
        Assert.Equal(DateTime.SpecifyKind(TimeZoneInfo.ConvertTimeToUtc(monday.ToDateTime(new TimeOnly(9, 0)), Zone), DateTimeKind.Utc).AddHours(24 + 30), dues[s], TimeSpan.FromMinutes(1));
        Assert.True(dues[q] > TimeZoneInfo.ConvertTimeToUtc(tuesday.ToDateTime(new TimeOnly(9, 0)), Zone));

        var sunday = monday.AddDays(6);
        AtLocal(sunday.AddDays(1), 12);
        var week = await Kpis(monday, sunday);
        Assert.Equal((5, 4), (week.GetProperty("received").GetInt32(), week.GetProperty("closed").GetInt32()));
        Assert.Equal((5, 4), (C(week, "completionDue"), C(week, "completionOnTime")));
        Assert.Equal(0.8, R(week, "onTimeCompletionRate")!.Value, 9);
        Assert.Equal((2, 1, 2, 1), (C(week, "visitsReached"), C(week, "visitsSolved"), C(week, "visitsRated"), C(week, "visitsSatisfied")));
        Assert.Equal(0.5, R(week, "resolutionRate")!.Value, 9);
        Assert.Equal(0.5, R(week, "satisfactionRate")!.Value, 9);
        Assert.Equal((1, 1, 3, 2), (C(week, "redos"), C(week, "unreachable"), C(week, "ended"), C(week, "endedFirstTime")));
        Assert.Equal(2.0 / 3, R(week, "firstContactResolutionRate")!.Value, 9);
        Assert.Equal(1, await Drill(monday, sunday, "completionLate"));
        Assert.Equal(1, await Drill(monday, sunday, "notFirstTime"));
        Assert.Equal(1, await Drill(monday, sunday, "unreachable"));

        // Only final ratings: R's first round (which caused the redo) drops out.
        var admin = await app.AsAsync("admin");
        await Put(admin, new { visitsCounted = "finalOnly" });
        var final = await Kpis(monday, sunday);
        Assert.Equal(1.0, R(final, "resolutionRate"));
        Assert.Equal(1.0, R(final, "satisfactionRate"));
        Assert.Equal(1, await Drill(monday, sunday, "reached"));
        await Put(admin, new { visitsCounted = "all" });

        // By unit: all five are water's.
        var byUnit = await Kpis(monday, sunday, $"&unitId={Data.Water}");
        Assert.Equal((5, 4, 5, 4), (byUnit.GetProperty("received").GetInt32(), byUnit.GetProperty("closed").GetInt32(), C(byUnit, "completionDue"), C(byUnit, "completionOnTime")));
        await EveryDrillEqualsItsFigure(monday, sunday, week, "");
        await EveryDrillEqualsItsFigure(monday, sunday, byUnit, $"&by=unit&key={Data.Water}");
        await RebuiltEqualsKept(monday, sunday);
    }

    private static async Task Put(HttpClient client, object body)
    {
        var put = new HttpRequestMessage(HttpMethod.Put, "/api/v1/reports/settings") { Content = JsonContent.Create(body) };
        (await client.Exchange(put)).Expect(200);
    }

    /// <summary>Each drill-down's total is the figure it opens.</summary>
    private async Task EveryDrillEqualsItsFigure(DateOnly from, DateOnly to, JsonElement k, string key)
    {
        var expected = new Dictionary<string, int>
        {
            ["received"] = C(k, "received"),
            ["closed"] = C(k, "closed"),
            ["notAccepted"] = C(k, "notAccepted"),
            ["answeredDirectly"] = C(k, "answeredDirectly"),
            ["merged"] = C(k, "merged"),
            ["signDue"] = C(k, "signDue"),
            ["signLate"] = C(k, "signDue") - C(k, "signOnTime"),
            ["completionDue"] = C(k, "completionDue"),
            ["completionLate"] = C(k, "completionDue") - C(k, "completionOnTime"),
            ["visitDue"] = C(k, "visitDue"),
            ["notVisited"] = C(k, "visitDue") - C(k, "visited"),
            ["reached"] = C(k, "visitsReached"),
            ["unsolved"] = C(k, "visitsReached") - C(k, "visitsSolved"),
            ["unsatisfied"] = C(k, "visitsRated") - C(k, "visitsSatisfied") - C(k, "visitsBasicallySatisfied"),
            ["unreachable"] = C(k, "unreachable"),
            ["repeats"] = C(k, "repeats"),
            ["ended"] = C(k, "ended"),
            ["notFirstTime"] = C(k, "ended") - C(k, "endedFirstTime"),
            ["redos"] = C(k, "redos"),
            ["returns"] = C(k, "returns"),
        };
        foreach (var (figure, count) in expected)
        {
            Assert.True(count == await Drill(from, to, figure, key), $"{figure}{key}: the figure is {count}");
        }
    }

    /// <summary>Each day rebuilt from the orders gives the rows it had (every dimension).</summary>
    private async Task RebuiltEqualsKept(DateOnly from, DateOnly to)
    {
        async Task<List<string>> Rows() => await app.Db(async db => (await db.DailyFigures.AsNoTracking().Where(f => f.Day >= from && f.Day <= to).ToListAsync())
            .Select(f => $"{f.Day} {f.Dimension} {f.Key} {JsonSerializer.Serialize(f.Counts)}").Order(StringComparer.Ordinal).ToList());
        var kept = await Rows();
        Assert.NotEmpty(kept);
        var admin = await app.AsAsync("admin");
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            (await admin.Post($"/api/v1/reports/days/{day:yyyy-MM-dd}/rebuild")).Expect(200);
        }

        Assert.Equal(kept, await Rows());
    }

    /// <summary>
    /// Calls of a morning: answered after 8 s, abandoned after 40 s, a short abandon after 2 s, answered after 30 s.
    /// 接通率 2/3 (short abandons out), 2/4 when they count; 及时应答率 1/2. The drill opens the call log.
    /// </summary>
    [Fact]
    public async Task Calls_AnswerRateAndServiceLevel_ShortAbandonsVariant()
    {
        var monday = FreshMonday();
        var token = await CtiHttp.TokenAsync(app, "报表测试话务平台");
        using var pbx = app.Anonymous();
        var agent = await app.AsAsync("agent");
        (await agent.Post("/api/v1/agents/me/state", new { state = "ready" })).Expect(200);
        foreach (var (wait, answered) in new[] { (8, true), (40, false), (2, false), (30, true) })
        {
            var (phone, call) = CtiHttp.Fresh();
            (await pbx.NewCall(token, call, phone)).Expect(200);
            app.Clock.Advance(TimeSpan.FromSeconds(wait));
            if (answered)
            {
                (await pbx.Answer(token, call, "8001")).Expect(200);
                app.Clock.Advance(TimeSpan.FromSeconds(60));
            }

            (await pbx.Hangup(token, call)).Expect(200);
            app.Clock.Advance(TimeSpan.FromSeconds(70));
            await app.SweepCallsAsync();
            (await agent.Post("/api/v1/agents/me/state", new { state = "ready" })).Expect(200);
        }

        var k = await Kpis(monday, monday);
        Assert.Equal((4, 2, 1, 1, 1), (C(k, "offered"), C(k, "answered"), C(k, "answeredIn15s"), C(k, "abandoned"), C(k, "shortAbandons")));
        Assert.Equal(2.0 / 3, R(k, "answerRate")!.Value, 9);
        Assert.Equal(0.5, R(k, "serviceLevel15s")!.Value, 9);
        var drill = (await (await app.AsAsync("supervisor")).Get($"/api/v1/reports/kpis/orders?from={monday:yyyy-MM-dd}&to={monday:yyyy-MM-dd}&figure=offered")).Expect(200);
        Assert.Equal(3, drill["total"].GetInt32());
        Assert.Equal("in", drill["calls"].GetProperty("direction").GetString());

        var admin = await app.AsAsync("admin");
        await Put(admin, new { countShortAbandons = true });
        Assert.Equal(0.5, R(await Kpis(monday, monday), "answerRate")!.Value, 9);
        await Put(admin, new { countShortAbandons = false });
        (await agent.Post("/api/v1/agents/me/state", new { state = "loggedOut" })).Expect(200);
    }

    /// <summary>
    /// 考核 of a day: water signs for at once and its order is closed and visited satisfied; heating signs late and returns
    /// one order. Water ranks first; heating's line shows its penalty; heating's staff see only their own line.
    /// </summary>
    [Fact]
    public async Task Ranking_OfADay_UnitSeesItsOwnLine()
    {
        var monday = FreshMonday();
        var w = await Accepted("W 水管漏水", Data.Water);
        await Reply(w, Data.Water);
        var h = await Register("H 暖气不热");
        await _orders.DispatchAsync(h, Data.Heating);
        var h2 = await Register("H2 暖气漏水");
        await _orders.DispatchAsync(h2, Data.Heating);
        app.Clock.Advance(TimeSpan.FromHours(3));
        (await _orders.ActAsync("heating", h, "accept")).Expect(200);
        (await _orders.ActAsync("heating", h2, "return", new { reason = "不属于本单位职责。", basis = "供热条例第十条" })).Expect(200);
        (await _orders.ActAsync("visitor", w, "visit", new { reached = true, solved = "yes", satisfaction = "satisfied" })).Expect(200);

        await app.RefreshKpisAsync();
        var ranking = (await (await app.AsAsync("supervisor")).Get($"/api/v1/reports/ranking?from={monday:yyyy-MM-dd}&to={monday:yyyy-MM-dd}")).Expect(200).Json.EnumerateArray().ToList();
        Assert.Equal(Data.Water, ranking[0].GetProperty("unit").GetProperty("id").GetGuid());
        Assert.Equal(1, ranking[0].GetProperty("rank").GetInt32());
        Assert.Equal(100, ranking[0].GetProperty("score").GetDouble(), 6);
        var heating = ranking.Single(r => r.GetProperty("unit").GetProperty("id").GetGuid() == Data.Heating);
        Assert.Equal(0.5, heating.GetProperty("penalty").GetDouble(), 6);
        Assert.Equal(-0.5, heating.GetProperty("score").GetDouble(), 6); // signed late (0 %) and one return
        Assert.Equal(1, C(heating.GetProperty("figures"), "returns"));

        var own = (await (await app.AsAsync("heating")).Get($"/api/v1/reports/ranking?from={monday:yyyy-MM-dd}&to={monday:yyyy-MM-dd}")).Expect(200).Json.EnumerateArray().ToList();
        Assert.Equal(Data.Heating, Assert.Single(own).GetProperty("unit").GetProperty("id").GetGuid());
        Assert.Equal(heating.GetProperty("rank").GetInt32(), own[0].GetProperty("rank").GetInt32());
    }
}

public sealed class KpiLifecycleTestsOnSqlite(SqliteApp app) : KpiLifecycleTests(app), IClassFixture<SqliteApp>;

public sealed class KpiLifecycleTestsOnPostgres(PostgresApp app) : KpiLifecycleTests(app), IClassFixture<PostgresApp>;
