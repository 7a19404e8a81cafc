using System.Globalization;
using System.Text;
using Lianxin.Core.Calls;
using Lianxin.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Lianxin.Web.Tests.Staffing;

/// <summary>
/// The roster and the staffing plan over HTTP (issue 10, "Staffing"): shifts added, changed, removed, imported
/// and exported; overlaps and bad files refused with problem details and nothing written; a plan from a log.
/// Each test uses days of its own, since the tests of a class share one database.
/// </summary>
public abstract class RosterTests(LianxinApp app)
{
    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private async Task<int> ShiftsOnAsync(DateOnly from, DateOnly to) => await app.Db(db => db.RosterShifts.CountAsync(s => s.Date >= from && s.Date <= to));

    [Fact]
    public async Task AShift_IsAdded_Listed_Changed_AndRemoved_AnOverlapIsRefused()
    {
        var sup = await app.AsAsync("supervisor");
        var date = new DateOnly(2027, 1, 5);
        var added = (await sup.Post("/api/v1/roster", new { login = "agent", date = Day(date), start = "22:00", end = "06:00", kind = "夜班", note = "带班" })).Expect(201);
        Assert.Equal("王晓雯", added["agent"].GetProperty("name").GetString());
        Assert.True(added["endsNextDay"].GetBoolean());
        Assert.Equal("22:00", added.Str("start"));
        Assert.Equal($"/api/v1/roster/{added.Id}", added.Headers.Location?.OriginalString);

        // The next morning's early shift would start before this night ends.
        var clash = (await sup.Post("/api/v1/roster", new { login = "agent", date = Day(date.AddDays(1)), start = "05:00", end = "13:00" })).ExpectProblem(409);
        Assert.Equal("shift-overlap", clash.Str("code"));
        Assert.Contains("王晓雯", clash.Str("detail"), StringComparison.Ordinal);
        (await sup.Post("/api/v1/roster", new { login = "agent", date = Day(date.AddDays(1)), start = "06:00", end = "14:00" })).Expect(201);
        (await sup.Post("/api/v1/roster", new { login = "agent2", date = Day(date.AddDays(1)), start = "05:00", end = "13:00" })).Expect(201);

        var list = (await sup.Get($"/api/v1/roster?from={Day(date)}&to={Day(date.AddDays(1))}")).Expect(200);
        Assert.Equal(3, list["shifts"].GetArrayLength());
        Assert.Contains(list["agents"].EnumerateArray(), a => a.GetProperty("login").GetString() == "agent2");
        Assert.DoesNotContain(list["agents"].EnumerateArray(), a => a.GetProperty("login").GetString() == "dispatcher");

        // Moved an hour later it now overlaps the 06:00 shift; moved to 李婷 it overlaps hers.
        (await sup.Exchange(Put($"/api/v1/roster/{added.Id}", new { date = Day(date), start = "23:00", end = "07:00" }))).ExpectProblem(409);
        (await sup.Exchange(Put($"/api/v1/roster/{added.Id}", new { login = "agent2", date = Day(date), start = "22:00", end = "06:00" }))).ExpectProblem(409);
        var changed = (await sup.Exchange(Put($"/api/v1/roster/{added.Id}", new { date = Day(date), start = "21:00", end = "05:00", kind = "应急坐席" }))).Expect(200);
        Assert.Equal("应急坐席", changed.Str("kind"));
        Assert.Equal(JsonNull, changed["note"].ValueKind);
        Assert.Equal("王晓雯", changed["agent"].GetProperty("name").GetString());

        (await sup.Exchange(new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/roster/{added.Id}"))).Expect(204);
        (await sup.Exchange(new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/roster/{added.Id}"))).ExpectProblem(404);
        Assert.Equal(2, await ShiftsOnAsync(date, date.AddDays(1)));
    }

    private const System.Text.Json.JsonValueKind JsonNull = System.Text.Json.JsonValueKind.Null;

    private static HttpRequestMessage Put(string url, object body) => new(HttpMethod.Put, url) { Content = System.Net.Http.Json.JsonContent.Create(body, body.GetType()) };

    [Theory]
    [InlineData("{\"date\":\"2027-01-10\",\"start\":\"08:00\",\"end\":\"16:00\"}", "agentId")]
    [InlineData("{\"login\":\"dispatcher\",\"date\":\"2027-01-10\",\"start\":\"08:00\",\"end\":\"16:00\"}", "login")]
    [InlineData("{\"login\":\"agent\",\"date\":\"10/01/2027\",\"start\":\"08:00\",\"end\":\"16:00\"}", "date")]
    [InlineData("{\"login\":\"agent\",\"date\":\"2027-01-10\",\"start\":\"8am\",\"end\":\"16:00\"}", "start")]
    [InlineData("{\"login\":\"agent\",\"date\":\"2027-01-10\",\"start\":\"08:00\"}", "end")]
    [InlineData("{\"agentId\":\"00000000-0000-0000-0000-000000000001\",\"date\":\"2027-01-10\",\"start\":\"08:00\",\"end\":\"16:00\"}", "agentId")]
    [InlineData("{\"login\":\"agent\",\"date\":\"2027-01-10\",\"start\":\"08:00\",\"end\":\"16:00\",\"kind\":\"一二三四五六七八九十一二三四五六七八九十一\"}", "kind")]
    public async Task ABadShift_Is400NamingTheField_AndWritesNothing(string body, string field)
    {
        var sup = await app.AsAsync("supervisor");
        var problem = (await sup.PostRaw("/api/v1/roster", body, "application/json", "en")).ExpectProblem(400, field);
        Assert.DoesNotMatch("[\u4e00-\u9fff]", problem.Str("detail")!);
        Assert.Equal(0, await ShiftsOnAsync(new DateOnly(2027, 1, 10), new DateOnly(2027, 1, 10)));
    }

    [Fact]
    public async Task Roles_AgentsRead_OnlySupervisorsAndAdminsChange_UnitsNeitherRead()
    {
        var agent = await app.AsAsync("agent");
        (await agent.Get("/api/v1/roster?from=2027-01-11&to=2027-01-17")).Expect(200);
        (await agent.Post("/api/v1/roster", new { login = "agent", date = "2027-01-11", start = "08:00", end = "16:00" })).ExpectProblem(403);
        (await agent.PostRaw("/api/v1/roster/import", "login,date,start,end\nagent,2027-01-11,08:00,16:00\n", "text/csv")).ExpectProblem(403);
        (await agent.Get("/api/v1/staffing/plan?date=2027-01-11")).ExpectProblem(403);
        (await (await app.AsAsync("water")).Get("/api/v1/roster")).ExpectProblem(403);
        (await (await app.AsAsync("admin")).Post("/api/v1/roster", new { login = "agent2", date = "2027-01-11", start = "08:00", end = "16:00" })).Expect(201);
        using var anonymous = app.Anonymous();
        (await anonymous.Get("/api/v1/roster")).ExpectProblem(401);
    }

    [Theory]
    [InlineData("?from=2027-01-01&to=2027-03-31", "to")]
    [InlineData("?from=2027-01-10&to=2027-01-01", "to")]
    [InlineData("?from=yesterday", "from")]
    public async Task ABadPeriod_Is400(string query, string field)
    {
        var sup = await app.AsAsync("supervisor");
        (await sup.Get("/api/v1/roster" + query)).ExpectProblem(400, field);
        (await sup.Get("/api/v1/roster.csv" + query)).ExpectProblem(400, field);
    }

    [Fact]
    public async Task Import_AddsAFile_ReimportingItsExportChangesNothing_ReplaceMakesItTheDaysRoster()
    {
        var sup = await app.AsAsync("supervisor");
        var csv = "\uFEFF工号,日期,开始,结束,类型,备注\r\n"
            + "agent,2027-02-01,08:00,16:00,,\r\n"
            + "agent2,2027-02-01,16:00,24:00,应急坐席,\"备班, 可电话叫回\"\r\n"
            + "agent,2027-02-02,22:00,06:00,夜班,\r\n";
        var imported = (await sup.PostRaw("/api/v1/roster/import", csv, "text/csv", "zh")).Expect(200);
        Assert.Equal(3, imported["created"].GetInt32());

        var export = await sup.GetAsync("/api/v1/roster.csv?from=2027-02-01&to=2027-02-07", TestContext.Current.CancellationToken);
        Assert.Equal("text/csv", export.Content.Headers.ContentType?.MediaType);
        var bytes = await export.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        Assert.StartsWith("login,name,date,start,end,kind,note\r\nagent,王晓雯,2027-02-01,08:00,16:00,,\r\n", text, StringComparison.Ordinal);
        Assert.Contains("agent2,李婷,2027-02-01,16:00,00:00,应急坐席,\"备班, 可电话叫回\"", text, StringComparison.Ordinal);

        var again = (await sup.PostRaw("/api/v1/roster/import", text, "text/csv")).Expect(200);
        Assert.Equal(0, again["created"].GetInt32());
        Assert.Equal(3, again["unchanged"].GetInt32());

        // Replacing 02-01 alone: 王晓雯 now works late, 李婷's shift goes; 02-02 is not in the file and stays.
        var replaced = (await sup.PostRaw("/api/v1/roster/import?mode=replace", "login,date,start,end\nagent,2027-02-01,12:00,20:00\n", "text/csv")).Expect(200);
        Assert.Equal(1, replaced["created"].GetInt32());
        Assert.Equal(2, replaced["removed"].GetInt32());
        var list = (await sup.Get("/api/v1/roster?from=2027-02-01&to=2027-02-02")).Expect(200)["shifts"].EnumerateArray().ToList();
        Assert.Equal(["2027-02-01 12:00 agent", "2027-02-02 22:00 agent"], list.Select(s => $"{s.GetProperty("date").GetString()} {s.GetProperty("start").GetString()} {s.GetProperty("agent").GetProperty("login").GetString()}"));
    }

    [Fact]
    public async Task Import_ABadFile_Is400WithEveryBadRow_InTheCallersLanguage_AndImportsNothing()
    {
        var sup = await app.AsAsync("supervisor");
        (await sup.Post("/api/v1/roster", new { login = "agent2", date = "2027-03-01", start = "08:00", end = "16:00" })).Expect(201);
        var csv = "login,date,start,end\n"
            + "agent,2027-03-01,08:00,16:00\n"     // fine
            + "ghost,2027-03-01,08:00,16:00\n"     // row 3: unknown
            + "agent2,2027-03-01,12:00,20:00\n"    // row 4: overlaps the shift already there
            + "agent,2027-03-02,25:00,08:00\n";    // row 5: start
        var problem = (await sup.PostRaw("/api/v1/roster/import", csv, "text/csv", "en")).ExpectProblem(400);
        Assert.Equal("import-invalid", problem.Str("code"));
        var rows = problem["rows"].EnumerateArray().Select(r => (r.GetProperty("row").GetInt32(), r.GetProperty("column").GetString())).ToList();
        Assert.Contains((3, "login"), rows);
        Assert.Contains((5, "start"), rows);
        Assert.True(problem["errors"].TryGetProperty("rows[3].login", out _));
        Assert.DoesNotMatch("[\u4e00-\u9fff]", problem.Str("detail")!);
        Assert.Equal(1, await ShiftsOnAsync(new DateOnly(2027, 3, 1), new DateOnly(2027, 3, 2)));

        // Row 4 is only found once the file itself is clean: then it is the one error.
        var overlap = (await sup.PostRaw("/api/v1/roster/import", "login,date,start,end\nagent2,2027-03-01,12:00,20:00\n", "text/csv", "zh")).ExpectProblem(400);
        var issue = Assert.Single(overlap["rows"].EnumerateArray());
        Assert.Equal(2, issue.GetProperty("row").GetInt32());
        Assert.Contains("重叠", issue.GetProperty("message").GetString(), StringComparison.Ordinal);

        (await sup.PostRaw("/api/v1/roster/import", "login,date,start,end\n", "text/csv")).ExpectProblem(400);
        (await sup.PostRaw("/api/v1/roster/import", "{}", "application/json")).ExpectProblem(415);
        (await sup.PostRaw("/api/v1/roster/import?mode=merge", "login,date,start,end\n", "text/csv")).ExpectProblem(400, "mode");
        Assert.Equal(1, await ShiftsOnAsync(new DateOnly(2027, 3, 1), new DateOnly(2027, 3, 2)));
    }

    [Fact]
    public async Task Plan_FromTheLog_ForecastsEstimatesAndShowsTheGapAgainstTheRoster()
    {
        // Tuesday 2027-04-06 (the clock is moved there): six weeks and more of working mornings in the log,
        // 12 calls per half hour 09:00–12:00, answered after 5 s with 170 s of talk; every sixth caller hangs up after 60 s.
        var date = new DateOnly(2027, 4, 6);
        var start = new DateOnly(2027, 2, 1);
        await app.Db(async db =>
        {
            var (system, _) = PhoneSystem.Create("历史话务", app.Clock);
            db.PhoneSystems.Add(system);
            var n = 0;
            for (var d = start; d < date; d = d.AddDays(1))
            {
                if (d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
                {
                    continue; // weekends had no calls: days missing from the log are not used
                }

                for (var half = 18; half < 24; half++)
                {
                    for (var k = 0; k < 12; k++)
                    {
                        var at = new DateTime(d.Year, d.Month, d.Day, 0, 0, 0, DateTimeKind.Utc).AddHours(-8).AddMinutes((half * 30) + (k * 2));
                        var id = $"hist-{n++}";
                        var call = PhoneCall.Start(system.Id, new CtiEvent(CtiEventKind.NewCall, id, CallDirection.In, "13800000000", "12345", null, "热线", null, null, at), CallRules.Default);
                        if (k % 6 == 5)
                        {
                            call.Apply(new CtiEvent(CtiEventKind.Hangup, id, CallDirection.In, null, null, null, null, null, "normalClearing", at.AddSeconds(60)), CallRules.Default);
                        }
                        else
                        {
                            call.Apply(new CtiEvent(CtiEventKind.Answer, id, CallDirection.In, null, null, null, null, "8001", null, at.AddSeconds(5)), CallRules.Default);
                            call.Apply(new CtiEvent(CtiEventKind.Hangup, id, CallDirection.In, null, null, null, null, null, "normalClearing", at.AddSeconds(175)), CallRules.Default);
                        }

                        db.PhoneCalls.Add(call);
                    }
                }
            }

            return await db.SaveChangesAsync();
        });

        var sup = await app.AsAsync("supervisor");
        (await sup.PostRaw("/api/v1/roster/import", "login,date,start,end\nagent,2027-04-06,08:00,16:00\nagent2,2027-04-05,22:00,10:00\n", "text/csv")).Expect(200);
        var plan = (await sup.Get($"/api/v1/staffing/plan?date={Day(date)}&shrinkage=0.3&emergencyLines=3")).Expect(200);

        Assert.Equal("weekday", plan.Str("dayType"));
        var inputs = plan["inputs"];
        Assert.Equal("default", inputs.GetProperty("ahtSource").GetString()); // the log is in the future of the test clock's four weeks
        Assert.Equal(180, inputs.GetProperty("ahtSeconds").GetDouble());
        Assert.Equal(3, inputs.GetProperty("emergencyLines").GetInt32());
        var intervals = plan["intervals"].EnumerateArray().ToList();
        Assert.Equal(48, intervals.Count);
        Assert.Equal("09:00", intervals[18].GetProperty("start").GetString());
        Assert.Equal(12, intervals[18].GetProperty("calls").GetDouble(), 1);
        Assert.Equal(0, intervals[30].GetProperty("calls").GetDouble());

        // 李婷's night shift reaches into the morning until 10:00; 王晓雯 from 08:00.
        Assert.Equal(1, intervals[16].GetProperty("rostered").GetInt32() - intervals[15].GetProperty("rostered").GetInt32());
        Assert.Equal(2, intervals[18].GetProperty("rostered").GetInt32());
        Assert.Equal(2, intervals[19].GetProperty("rostered").GetInt32());
        Assert.Equal(1, intervals[20].GetProperty("rostered").GetInt32());
        var morning = intervals[20];
        Assert.True(morning.GetProperty("gap").GetInt32() > 0);
        Assert.Equal(morning.GetProperty("scheduledNeeded").GetInt32() - 1, morning.GetProperty("gap").GetInt32());
        Assert.InRange(morning.GetProperty("emergencyLines").GetInt32(), 1, 3);
        Assert.Contains(plan["emergencySpans"].EnumerateArray(), s => s.GetProperty("from").GetString() == "09:00");
        Assert.Equal(2, plan["rosteredAgents"].GetInt32());

        // Once the clock stands on the day, the four weeks before it are the log: AHT = talk (170 s), patience = waits ÷ abandons.
        app.Clock.SetUtcNow(new DateTimeOffset(2027, 4, 6, 0, 0, 0, TimeSpan.Zero));
        sup = await app.AsAsync("supervisor");
        var live = (await sup.Get($"/api/v1/staffing/plan?date={Day(date)}")).Expect(200)["inputs"];
        Assert.Equal("estimated", live.GetProperty("ahtSource").GetString());
        Assert.Equal(170, live.GetProperty("ahtSeconds").GetDouble(), 1);
        Assert.Equal("estimated", live.GetProperty("patienceSource").GetString());
        Assert.Equal(((5 * 5) + 60) / 1.0, live.GetProperty("patienceSeconds").GetDouble(), 1);
        var given = (await sup.Get($"/api/v1/staffing/plan?date={Day(date)}&ahtSeconds=300&patienceSeconds=90")).Expect(200)["inputs"];
        Assert.Equal("given", given.GetProperty("ahtSource").GetString());
        Assert.Equal(300, given.GetProperty("ahtSeconds").GetDouble());
    }

    [Theory]
    [InlineData("date=2027-13-01", "date")]
    [InlineData("date=2027-04-06&serviceLevel=80", "serviceLevel")]
    [InlineData("date=2027-04-06&shrinkage=1", "shrinkage")]
    [InlineData("date=2027-04-06&ahtSeconds=abc", "ahtSeconds")]
    [InlineData("date=2027-04-06&patienceSeconds=0", "patienceSeconds")]
    [InlineData("date=2027-04-06&emergencyLines=1.5", "emergencyLines")]
    [InlineData("date=2027-04-06&maxAbandonment=0", "maxAbandonment")]
    public async Task Plan_BadInput_Is400NamingTheField(string query, string field) =>
        (await (await app.AsAsync("supervisor")).Get($"/api/v1/staffing/plan?{query}")).ExpectProblem(400, field);

    [Fact]
    public async Task Plan_WithNoHistory_ForecastsNothing_AndSaysTheDefaultsWereUsed()
    {
        var plan = (await (await app.AsAsync("admin")).Get("/api/v1/staffing/plan?date=2026-06-02")).Expect(200);
        Assert.Equal(0, plan["forecast"].GetProperty("total").GetDouble());
        Assert.Equal("default", plan["inputs"].GetProperty("patienceSource").GetString());
        Assert.Equal(120, plan["inputs"].GetProperty("patienceSeconds").GetDouble());
        Assert.All(plan["intervals"].EnumerateArray(), i => Assert.Equal(0, i.GetProperty("gap").GetInt32()));
        Assert.Empty(plan["emergencySpans"].EnumerateArray());
    }
}

public sealed class RosterTestsOnSqlite(SqliteApp app) : RosterTests(app), IClassFixture<SqliteApp>;

public sealed class RosterTestsOnPostgres(PostgresApp app) : RosterTests(app), IClassFixture<PostgresApp>;
