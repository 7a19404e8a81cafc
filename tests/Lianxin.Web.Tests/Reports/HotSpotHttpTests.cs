using System.Text.Json;
using Lianxin.Web.Tests.Infrastructure;

namespace Lianxin.Web.Tests.Reports;

/// <summary>
/// 热点 in the daily briefing and the monthly report, on a day of its own: five phones about 漏水 in two communities
/// of one street (one of them calling twice) make a cluster of 供水 in 新华路街道; four phones about 管道堵塞 stay under
/// the five-phone threshold, as do orders without a region.
/// </summary>
public abstract class HotSpotHttpTests(LianxinApp app)
{
    private static readonly SemaphoreSlim Once = new(1, 1);
    private static readonly HashSet<LianxinApp> Arranged = [];

    private static object Order(Guid categoryId, string? regionCode, string phone, string title) => new
    {
        channel = "phone",
        demandType = "help",
        urgency = "normal",
        requester = new { name = "李女士", phone, confidential = false, wantsReply = true },
        categoryId,
        regionCode,
        address = "新华路 12 号",
        title,
        description = "来电人反映的问题，请相关单位处理。",
    };

    /// <summary>Monday 2026-11-23 from 10:00 local; then the clock moves to Tuesday 08:00.</summary>
    private async Task ArrangeAsync()
    {
        await Once.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            if (!Arranged.Add(app))
            {
                return;
            }

            var agent = await app.AsAsync("agent");
            async Task Register(object body) => (await agent.Post("/api/v1/work-orders", body)).Expect(201);
            for (var i = 1; i <= 5; i++)
            {
                // The street itself and one of its communities: one place.
                await Register(Order(app.Data.CategoryLeak, i % 2 == 0 ? "330201001001" : "330201001", $"1390000000{i}", "家中停水"));
            }

            await Register(Order(app.Data.CategoryLeak, "330201001", "13900000001", "仍然停水")); // the same caller again
            for (var i = 1; i <= 4; i++)
            {
                await Register(Order(app.Data.CategoryDrain, "330201001", $"1370000000{i}", "下水道堵塞"));
            }

            for (var i = 6; i <= 9; i++)
            {
                await Register(Order(app.Data.CategoryLeak, null, $"1390000000{i}", "停水，地址不详")); // no place: no hot spot
            }

            app.Clock.Advance(TimeSpan.FromHours(22));
        }
        finally
        {
            Once.Release();
        }
    }

    private static void AssertTheCluster(JsonElement spots)
    {
        var spot = Assert.Single(spots.EnumerateArray());
        Assert.Equal("330201001", spot.GetProperty("regionCode").GetString());
        Assert.Contains("新华路街道", spot.GetProperty("place").GetString(), StringComparison.Ordinal);
        Assert.Contains("供水", spot.GetProperty("matter").GetString(), StringComparison.Ordinal);
        Assert.Equal(5, spot.GetProperty("phones").GetInt32());
        Assert.Equal(6, spot.GetProperty("orders").GetInt32());
        Assert.Equal(6, spot.GetProperty("numbers").GetArrayLength());
    }

    [Fact]
    public async Task Briefing_ListsTheStreetWithFivePhones_NotTheSmallerGroups()
    {
        await ArrangeAsync();
        var boss = await app.AsAsync("supervisor");
        var b = (await boss.Get("/api/v1/reports/briefing?date=2026-11-23&refresh=true")).Expect(200);
        AssertTheCluster(b["hotSpots"]);

        // The count opens the orders behind it: the street's received orders within the matter, as many as it says.
        var spot = b["hotSpots"][0];
        var drill = (await boss.Get("/api/v1/reports/kpis/orders?figure=received&from=2026-11-23&to=2026-11-23&by=region"
            + $"&key={spot.GetProperty("regionCode").GetString()}&categoryId={spot.GetProperty("categoryId").GetGuid()}")).Expect(200);
        Assert.Equal(6, drill["total"].GetInt32());
        Assert.Equal(
            spot.GetProperty("numbers").EnumerateArray().Select(n => n.GetString()).Order(StringComparer.Ordinal),
            drill["items"].EnumerateArray().Select(i => i.GetProperty("number").GetString()).Order(StringComparer.Ordinal));
        (await boss.Get("/api/v1/reports/kpis/orders?figure=received&from=2026-11-23&to=2026-11-23&categoryId=water")).ExpectProblem(400, "categoryId");

        // The day before had none.
        var before = (await boss.Get("/api/v1/reports/briefing?date=2026-11-22")).Expect(200);
        Assert.Empty(before["hotSpots"].EnumerateArray());
    }

    [Fact]
    public async Task Monthly_ListsTheMonthsHotSpots_AsTheDayDid()
    {
        await ArrangeAsync();
        var boss = await app.AsAsync("supervisor");
        var m = (await boss.Get("/api/v1/reports/monthly?month=2026-11")).Expect(200);
        AssertTheCluster(m["hotSpots"]);
        var october = (await boss.Get("/api/v1/reports/monthly?month=2026-10")).Expect(200);
        Assert.Empty(october["hotSpots"].EnumerateArray());
    }
}

public sealed class HotSpotHttpTestsOnSqlite(SqliteApp app) : HotSpotHttpTests(app), IClassFixture<SqliteApp>;

public sealed class HotSpotHttpTestsOnPostgres(PostgresApp app) : HotSpotHttpTests(app), IClassFixture<PostgresApp>;
