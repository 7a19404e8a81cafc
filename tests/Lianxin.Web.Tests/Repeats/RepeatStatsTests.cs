using System.Globalization;
using System.Text.Json;
using Lianxin.Web.Tests.Infrastructure;

namespace Lianxin.Web.Tests.Repeats;

/// <summary>
/// GET /api/v1/repeats/stats: repeats per lead unit and for the centre. Each test first moves the clock
/// to a period of its own, so the orders of the class's other tests are outside it.
/// </summary>
public abstract class RepeatStatsTests(LianxinApp app)
{
    private readonly RepeatSteps _steps = new(app);
    private readonly Orders _orders = new(app);

    private Baseline Data => app.Data;

    private static string Iso(DateTimeOffset at) => Uri.EscapeDataString(at.ToString("O", CultureInfo.InvariantCulture));

    private DateTimeOffset FreshPeriod()
    {
        app.Clock.Advance(TimeSpan.FromDays(60));
        return app.Clock.GetUtcNow();
    }

    private object Burst(string phone, string title = "小区主管道爆裂", string text = "来电人反映和平社区3栋门口主水管爆裂，水冒到路面，整栋楼停水，请求抢修。") =>
        RepeatSteps.Order(Data.CategoryLeak, phone, title, text);

    private async Task<Guid> RegisteredAsync(object body) => (await _steps.RegisterAsync(body)).Expect(201).Id;

    private static JsonElement Row(JsonElement stats, Guid? unit) => stats.GetProperty("units").EnumerateArray().Single(u =>
        unit is null ? u.GetProperty("unit").ValueKind == JsonValueKind.Null
            : u.GetProperty("unit").ValueKind != JsonValueKind.Null && u.GetProperty("unit").GetProperty("id").GetGuid() == unit);

    [Fact]
    public async Task Stats_CountRepeatsPerLeadUnit_AndForTheCentre()
    {
        var from = FreshPeriod();
        var caller = RepeatSteps.Phone();
        var original = await RegisteredAsync(Burst(caller));
        await _orders.DispatchAsync(original, Data.Water);
        app.Clock.Advance(TimeSpan.FromHours(2));

        // The same caller again: a repeat, dispatched to the same unit.
        var again = (await _steps.RegisterAsync(Burst(caller, "主水管爆裂还在冒水", "来电人称和平社区3栋门口主水管爆裂到现在还在冒水，整栋楼还是停水，要求马上抢修。"))).Expect(201);
        Assert.Equal(original, again["repeatOf"].GetGuid());
        await _orders.DispatchAsync(again.Id, Data.Water);

        // A third call, merged into the original before any dispatch: counted for the original's unit.
        var third = (await _steps.RegisterAsync(Burst(caller))).Expect(201);
        Assert.NotNull(RepeatSteps.RepeatOf(third.Json));
        (await _orders.ActAsync("dispatcher", third.Id, "merge", new { intoId = original })).Expect(200);

        // Other callers: one more water order, one heating order, one never dispatched.
        await _orders.DispatchAsync(await RegisteredAsync(Burst(RepeatSteps.Phone())), Data.Water);
        await _orders.DispatchAsync(await RegisteredAsync(RepeatSteps.Order(Data.CategoryDrain, RepeatSteps.Phone(), "暖气不热", "来电人反映家中暖气片温度很低。")), Data.Heating);
        await RegisteredAsync(RepeatSteps.Order(Data.CategoryDrain, RepeatSteps.Phone(), "咨询停水时间", "来电人询问明天计划停水的时间。"));
        var to = app.Clock.GetUtcNow().AddMinutes(1);

        var stats = (await (await app.AsAsync("supervisor")).Get($"/api/v1/repeats/stats?from={Iso(from)}&to={Iso(to)}")).Expect(200).Json;

        Assert.Equal(6, stats.GetProperty("centre").GetProperty("received").GetInt32());
        Assert.Equal(2, stats.GetProperty("centre").GetProperty("repeats").GetInt32());
        Assert.Equal(0.3333, stats.GetProperty("centre").GetProperty("repeatRate").GetDouble());
        var water = Row(stats, Data.Water);
        Assert.Equal("市水务集团", water.GetProperty("unit").GetProperty("name").GetString());
        Assert.Equal(4, water.GetProperty("received").GetInt32());
        Assert.Equal(2, water.GetProperty("repeats").GetInt32());
        Assert.Equal(0.5, water.GetProperty("repeatRate").GetDouble());
        var heating = Row(stats, Data.Heating);
        Assert.Equal(1, heating.GetProperty("received").GetInt32());
        Assert.Equal(0, heating.GetProperty("repeats").GetInt32());
        Assert.Equal(0.0, heating.GetProperty("repeatRate").GetDouble());
        var none = Row(stats, null);
        Assert.Equal(1, none.GetProperty("received").GetInt32());
        Assert.Equal(3, stats.GetProperty("units").GetArrayLength());
        Assert.Equal(Data.Water, stats.GetProperty("units")[0].GetProperty("unit").GetProperty("id").GetGuid()); // most repeats first
    }

    [Fact]
    public async Task Stats_OrdersOutsideThePeriod_AreNotCounted()
    {
        FreshPeriod();
        var caller = RepeatSteps.Phone();
        await RegisteredAsync(Burst(caller));
        app.Clock.Advance(TimeSpan.FromDays(1));
        var from = app.Clock.GetUtcNow();
        var repeat = (await _steps.RegisterAsync(Burst(caller))).Expect(201);
        Assert.NotNull(RepeatSteps.RepeatOf(repeat.Json));
        var to = app.Clock.GetUtcNow().AddSeconds(1);

        var stats = (await (await app.AsAsync("dispatcher")).Get($"/api/v1/repeats/stats?from={Iso(from)}&to={Iso(to)}")).Expect(200).Json;
        Assert.Equal(1, stats.GetProperty("centre").GetProperty("received").GetInt32());
        Assert.Equal(1, stats.GetProperty("centre").GetProperty("repeats").GetInt32());

        var earlier = (await (await app.AsAsync("dispatcher")).Get($"/api/v1/repeats/stats?from={Iso(from.AddDays(-1))}&to={Iso(from)}")).Expect(200).Json;
        Assert.Equal(1, earlier.GetProperty("centre").GetProperty("received").GetInt32());
        Assert.Equal(0, earlier.GetProperty("centre").GetProperty("repeats").GetInt32());
    }

    [Fact]
    public async Task Stats_EmptyPeriod_HasNoRate()
    {
        var from = FreshPeriod();
        var stats = (await (await app.AsAsync("admin")).Get($"/api/v1/repeats/stats?from={Iso(from)}&to={Iso(from.AddHours(1))}")).Expect(200).Json;
        Assert.Equal(0, stats.GetProperty("centre").GetProperty("received").GetInt32());
        Assert.Equal(JsonValueKind.Null, stats.GetProperty("centre").GetProperty("repeatRate").ValueKind);
        Assert.Equal(0, stats.GetProperty("units").GetArrayLength());
    }

    [Fact]
    public async Task Stats_DatesAreLocalDaysWithToInclusive_AndDefaultIsTheLast30Days()
    {
        var supervisor = await app.AsAsync("supervisor");
        var local = (await supervisor.Get("/api/v1/repeats/stats?from=2026-11-01&to=2026-11-30")).Expect(200).Json;
        Assert.Equal(new DateTimeOffset(2026, 10, 31, 16, 0, 0, TimeSpan.Zero), local.GetProperty("from").GetDateTimeOffset());
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 16, 0, 0, TimeSpan.Zero), local.GetProperty("to").GetDateTimeOffset());

        var byDefault = (await supervisor.Get("/api/v1/repeats/stats")).Expect(200).Json;
        Assert.Equal(app.Clock.GetUtcNow(), byDefault.GetProperty("to").GetDateTimeOffset());
        Assert.Equal(app.Clock.GetUtcNow().AddDays(-30), byDefault.GetProperty("from").GetDateTimeOffset());
    }

    [Theory]
    [InlineData("from=2026-11-30&to=2026-11-01", "to")]
    [InlineData("from=yesterday", "from")]
    [InlineData("to=2026-13-45", "to")]
    [InlineData("from=2024-01-01&to=2026-01-01", "from")]
    public async Task Stats_BadPeriod_Is400WithTheField(string query, string field) =>
        (await (await app.AsAsync("supervisor")).Get($"/api/v1/repeats/stats?{query}")).ExpectProblem(400, field);

    [Fact]
    public async Task Stats_BadPeriod_InEnglish_WhenAsked()
    {
        var client = await app.AsAsync("supervisor");
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/repeats/stats?from=2026-11-30&to=2026-11-01");
        request.Headers.AcceptLanguage.ParseAdd("en");
        var problem = (await client.Exchange(request)).ExpectProblem(400, "to");
        Assert.Contains("after the start", problem["errors"].GetProperty("to")[0].GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("supervisor", 200)]
    [InlineData("dispatcher", 200)]
    [InlineData("admin", 200)]
    [InlineData("agent", 403)]
    [InlineData("visitor", 403)]
    [InlineData("water", 403)]
    public async Task Stats_ByRole(string user, int status)
    {
        var response = await (await app.AsAsync(user)).Get("/api/v1/repeats/stats");
        if (status == 200)
        {
            response.Expect(200);
        }
        else
        {
            response.ExpectProblem(status);
        }
    }

    [Fact]
    public async Task Stats_WithoutToken_Is401()
    {
        using var anonymous = app.Anonymous();
        Assert.Equal(401, (await anonymous.Get("/api/v1/repeats/stats")).Code);
    }
}

public sealed class RepeatStatsTestsOnSqlite(SqliteApp app) : RepeatStatsTests(app), IClassFixture<SqliteApp>;

public sealed class RepeatStatsTestsOnPostgres(PostgresApp app) : RepeatStatsTests(app), IClassFixture<PostgresApp>;
