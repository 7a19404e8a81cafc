using System.Text.Json;
using Lianxin.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Lianxin.Web.Tests.Calendars;

public abstract class CalendarEndpointTests(LianxinApp app)
{
    [Theory]
    [InlineData("2026-02-14", true, "makeUpWorkday")]
    [InlineData("2026-02-16", false, "holiday")]
    [InlineData("2026-11-23", true, "weekday")]
    [InlineData("2026-11-22", false, "weekend")]
    [InlineData("2022-12-31", false, "holiday")]
    public async Task Day_SaysWhetherItIsAWorkdayAndWhy(string date, bool isWorkday, string kind)
    {
        var day = (await (await app.AsAsync("agent")).Get($"/api/v1/calendar/days/{date}")).Expect(200);
        Assert.Equal(isWorkday, day["isWorkday"].GetBoolean());
        Assert.Equal(kind, day.Str("kind"));
    }

    [Theory]
    [InlineData("2026-02-13", 5, "2026-02-27")]
    [InlineData("2025-09-26", 2, "2025-09-29")]
    [InlineData("2024-09-30", 1, "2024-10-08")]
    [InlineData("2022-12-30", 1, "2023-01-03")]
    public async Task WorkingDays_TheFourResearchCases(string from, int add, string expected) =>
        Assert.Equal(expected, (await (await app.AsAsync("dispatcher")).Get($"/api/v1/calendar/working-days?from={from}&add={add}")).Expect(200).Str("date"));

    [Theory]
    [InlineData("/api/v1/calendar/days/2026-13-40", "date")]
    [InlineData("/api/v1/calendar/working-days?from=tomorrow&add=1", "from")]
    [InlineData("/api/v1/calendar/working-days?from=2026-11-23&add=-2", "add")]
    [InlineData("/api/v1/calendar/working-days?from=2026-11-23", "add")]
    public async Task BadQueries_Are400(string url, string field) =>
        (await (await app.AsAsync("agent")).Get(url)).ExpectProblem(400, field);

    [Fact]
    public async Task Import_NewYear_ChangesTheCalendar()
    {
        var admin = await app.AsAsync("admin");
        const string json = """{"year": 2027, "papers": [], "days": [{"name": "元旦", "date": "2027-01-01", "isOffDay": true}, {"name": "春节", "date": "2027-02-06", "isOffDay": false}]}""";
        var result = (await admin.PostRaw("/api/v1/calendar/import", json, "application/json")).Expect(200);
        Assert.Equal(2027, result["year"].GetInt32());
        Assert.Equal(2, result["days"].GetInt32());

        var saturday = (await admin.Get("/api/v1/calendar/days/2027-02-06")).Expect(200);
        Assert.True(saturday["isWorkday"].GetBoolean());
        Assert.Equal("春节", saturday.Str("name"));
        Assert.False((await admin.Get("/api/v1/calendar/days/2027-01-01")).Expect(200)["isWorkday"].GetBoolean());
    }

    [Theory]
    [InlineData("{\"year\": 2028, \"days\": [", "$")]
    [InlineData("{\"year\": 2028, \"days\": [{\"name\": \"x\", \"date\": \"2028-02-30\", \"isOffDay\": true}]}", "days[0].date")]
    [InlineData("{\"year\": 2028, \"days\": [{\"name\": \"x\", \"date\": \"2028-01-01\", \"isOffDay\": true}, {\"name\": \"x\", \"date\": \"2028-01-01\", \"isOffDay\": true}]}", "days[1].date")]
    [InlineData("{\"days\": []}", "year")]
    [InlineData("", "$")]
    public async Task Import_Malformed_Is400AndChangesNothing(string json, string field)
    {
        var admin = await app.AsAsync("admin");
        (await admin.PostRaw("/api/v1/calendar/import", json, "application/json")).ExpectProblem(400, field);
        Assert.Equal(0, await app.Db(db => db.ImportedHolidayYears.CountAsync(y => y.Year == 2028)));
    }

    [Fact]
    public async Task Import_ByNonAdmin_Is403() =>
        (await (await app.AsAsync("dispatcher")).PostRaw("/api/v1/calendar/import", "{\"year\": 2029, \"days\": []}", "application/json")).ExpectProblem(403);

    [Fact]
    public async Task Overrides_LocalDayOffAndExtraWorkday_ThenRemoved()
    {
        var admin = await app.AsAsync("admin");
        (await admin.Exchange(Put("/api/v1/calendar/overrides", new { date = "2026-12-02", isWorkday = false, name = "台风停工" }))).Expect(200);
        (await admin.Exchange(Put("/api/v1/calendar/overrides", new { date = "2026-12-05", isWorkday = true, name = "集中办公" }))).Expect(200);

        var off = (await admin.Get("/api/v1/calendar/days/2026-12-02")).Expect(200);
        Assert.Equal("localDayOff", off.Str("kind"));
        // Wednesday is off, Saturday works: Thursday, Friday, Saturday.
        Assert.Equal("2026-12-05", (await admin.Get("/api/v1/calendar/working-days?from=2026-12-01&add=3")).Expect(200).Str("date"));

        (await admin.Exchange(new HttpRequestMessage(HttpMethod.Delete, "/api/v1/calendar/overrides/2026-12-02"))).Expect(204);
        Assert.True((await admin.Get("/api/v1/calendar/days/2026-12-02")).Expect(200)["isWorkday"].GetBoolean());
        (await admin.Exchange(new HttpRequestMessage(HttpMethod.Delete, "/api/v1/calendar/overrides/2026-12-02"))).ExpectProblem(404);
        (await admin.Exchange(new HttpRequestMessage(HttpMethod.Delete, "/api/v1/calendar/overrides/2026-12-05"))).Expect(204);
    }

    [Fact]
    public async Task Settings_DefaultsAndValidation()
    {
        var admin = await app.AsAsync("admin");
        var settings = (await admin.Get("/api/v1/calendar/settings")).Expect(200);
        Assert.Equal("Asia/Shanghai", settings.Str("timeZone"));
        Assert.Equal("13:30", settings["workingHours"][1].GetProperty("start").GetString());

        (await admin.Exchange(Put("/api/v1/calendar/settings", new { workingHours = new[] { new { start = "12:00", end = "09:00" } } }))).ExpectProblem(400, "workingHours");
        (await admin.Exchange(Put("/api/v1/calendar/settings", new { timeZone = "Mars/Olympus" }))).ExpectProblem(400, "timeZone");
        (await admin.Exchange(Put("/api/v1/calendar/settings", new { approachingFraction = 1.5 }))).ExpectProblem(400, "approachingFraction");
        (await (await app.AsAsync("supervisor")).Exchange(Put("/api/v1/calendar/settings", new { timeZone = "Asia/Shanghai" }))).ExpectProblem(403);
        Assert.Equal("Asia/Shanghai", (await admin.Get("/api/v1/calendar/settings")).Expect(200).Str("timeZone"));
    }

    [Fact]
    public async Task Settings_ApplyToDeadlinesComputedAfterwards_ExistingOnesKeepTheirs()
    {
        var admin = await app.AsAsync("admin");
        var orders = new Orders(app);
        var shanghai = TimeSpan.FromHours(8);
        static JsonElement SignFor(ApiResponse order) => order["deadlines"].GetProperty("signFor");
        var normalBefore = await orders.RegisteredAsync(Orders.NewOrder(app.Data.CategoryDrain, urgency: "normal"));
        var urgentBefore = await orders.RegisteredAsync(Orders.NewOrder(app.Data.CategoryDrain, urgency: "urgent"));
        try
        {
            (await admin.Exchange(Put("/api/v1/calendar/settings", new
            {
                workingHours = new[] { new { start = "08:00", end = "12:00" }, new { start = "13:00", end = "18:30" } },
                approachingFraction = 0.8m,
                approachingMinimumMinutes = 0,
            }))).Expect(200);
            var normalAfter = (await orders.RegisterAsync(Orders.NewOrder(app.Data.CategoryDrain, urgency: "normal"))).Expect(201);
            var urgentAfter = await orders.RegisteredAsync(Orders.NewOrder(app.Data.CategoryDrain, urgency: "urgent"));

            // 一般: sign-for by the end of the next working day, which now ends at 18:30; the earlier order keeps 17:30.
            Assert.Equal(new TimeSpan(18, 30, 0), SignFor(normalAfter).GetProperty("dueAt").GetDateTimeOffset().ToOffset(shanghai).TimeOfDay);
            Assert.Equal(new TimeSpan(17, 30, 0), SignFor((await orders.GetAsync(normalBefore)).Expect(200)).GetProperty("dueAt").GetDateTimeOffset().ToOffset(shanghai).TimeOfDay);

            // 紧急: sign-for in 2 hours; 30 minutes on, 90 minutes are left: 临期 under "80% of the span", not under the default "25% or an hour".
            app.Clock.Advance(TimeSpan.FromMinutes(30));
            Assert.Equal("approaching", SignFor((await orders.GetAsync(urgentAfter)).Expect(200)).GetProperty("state").GetString());
            Assert.Equal("onTime", SignFor((await orders.GetAsync(urgentBefore)).Expect(200)).GetProperty("state").GetString());
        }
        finally
        {
            (await admin.Exchange(Put("/api/v1/calendar/settings", new
            {
                workingHours = new[] { new { start = "09:00", end = "12:00" }, new { start = "13:30", end = "17:30" } },
                approachingFraction = 0.25m,
                approachingMinimumMinutes = 60,
            }))).Expect(200);
        }
    }

    [Fact]
    public async Task Settings_BadPeriodsAndRule_NameTheirFields_AndChangeNothing()
    {
        var admin = await app.AsAsync("admin");
        var before = (await admin.Get("/api/v1/calendar/settings")).Expect(200).Body;

        var bad = (await admin.Exchange(Put("/api/v1/calendar/settings", new
        {
            workingHours = new[] { new { start = "8:3", end = "12:00" }, new { start = "13:00", end = "25:00" } },
            approachingMinimumMinutes = 5000,
        }))).ExpectProblem(400, "workingHours[0]");
        Assert.True(bad["errors"].TryGetProperty("workingHours[1]", out _));
        Assert.True(bad["errors"].TryGetProperty("approachingMinimumMinutes", out _));
        (await admin.Exchange(Put("/api/v1/calendar/settings", new { workingHours = Array.Empty<object>() }))).ExpectProblem(400, "workingHours");
        (await admin.Exchange(Put("/api/v1/calendar/settings", new { workingHours = new[] { new { start = "09:00", end = "12:00" }, new { start = "11:00", end = "17:00" } } })))
            .ExpectProblem(400, "workingHours");

        Assert.Equal(before, (await admin.Get("/api/v1/calendar/settings")).Expect(200).Body);
    }

    private static HttpRequestMessage Put(string url, object body) =>
        new(HttpMethod.Put, url) { Content = System.Net.Http.Json.JsonContent.Create(body, body.GetType()) };
}

public sealed class CalendarEndpointTestsOnSqlite(SqliteApp app) : CalendarEndpointTests(app), IClassFixture<SqliteApp>;

public sealed class CalendarEndpointTestsOnPostgres(PostgresApp app) : CalendarEndpointTests(app), IClassFixture<PostgresApp>;
