using System.Text.Json;
using Lianxin.Core.Calendars;
using Lianxin.Core.Dispatch;
using Lianxin.Core.Supervision;
using Lianxin.Core.WorkOrders;
using Lianxin.Web.Demo;
using Lianxin.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lianxin.Web.Tests.Data;

/// <summary>
/// The demo centre a fresh `dotnet run` loads: every status, every README login, and a history that went
/// through the real use cases at their own instants (the demo's clock), not written by hand.
/// </summary>
public abstract class DemoCentreTests(LianxinApp app)
{
    [Theory]
    [InlineData("agent")]
    [InlineData("dispatcher")]
    [InlineData("visitor")]
    [InlineData("supervisor")]
    [InlineData("admin")]
    [InlineData("water")]
    [InlineData("heating")]
    [InlineData("repair-crew")]
    [InlineData("xinhua")]
    public async Task ReadmeLogin_Works(string user)
    {
        using var anonymous = app.Anonymous();
        (await anonymous.Post("/api/v1/auth/token", new { username = user, password = DemoCentre.Password })).Expect(200);
    }

    [Fact]
    public async Task Orders_CoverEveryStatus_WithHistory()
    {
        var dispatcher = await app.AsAsync("dispatcher", DemoCentre.Password);
        string[] statuses = ["registered", "dispatched", "inProgress", "returnRequested", "replied", "closed", "notAccepted", "archived", "merged"];
        var total = 0;
        foreach (var status in statuses)
        {
            var page = (await dispatcher.Get($"/api/v1/work-orders?status={status}&limit=200")).Expect(200);
            var items = page["items"].EnumerateArray().ToList();
            Assert.True(items.Count >= 3, $"only {items.Count} demo orders are {status}");
            total += items.Count;
            var history = (await dispatcher.Get($"/api/v1/work-orders/{items[0].GetProperty("id").GetGuid()}/history")).Expect(200);
            Assert.Equal("registered", history.Json[0].GetProperty("type").GetString());
        }

        Assert.True(total >= 200, $"expected a few hundred demo orders, found {total}");
    }

    [Fact]
    public async Task Handler_SeesOnlyTheirUnitsDemoOrders()
    {
        var water = await app.AsAsync("water", DemoCentre.Password);
        var units = (await water.Get("/api/v1/units")).Expect(200).Json.EnumerateArray().ToList();
        var allowed = units.Where(u => u.GetProperty("path").GetString()!.Contains("临江水务集团", StringComparison.Ordinal))
            .Select(u => u.GetProperty("name").GetString()).ToHashSet();
        var page = (await water.Get("/api/v1/work-orders?limit=200")).Expect(200);
        var items = page["items"].EnumerateArray().ToList();
        Assert.NotEmpty(items);
        foreach (var order in items)
        {
            var detail = (await water.Get($"/api/v1/work-orders/{order.GetProperty("id").GetGuid()}")).Expect(200);
            Assert.Contains(detail["assignments"].EnumerateArray(), a => allowed.Contains(a.GetProperty("unit").GetProperty("name").GetString()));
        }
    }

    [Fact]
    public async Task Texts_AreChineseAndFilledIn()
    {
        var agent = await app.AsAsync("agent", DemoCentre.Password);
        var items = (await agent.Get("/api/v1/work-orders?limit=100")).Expect(200)["items"].EnumerateArray().ToList();
        foreach (var item in items.Take(30))
        {
            var order = (await agent.Get($"/api/v1/work-orders/{item.GetProperty("id").GetGuid()}")).Expect(200);
            var description = order.Str("description")!;
            Assert.DoesNotContain("{", description, StringComparison.Ordinal);
            Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", description);
            Assert.NotEqual(JsonValueKind.Null, order["category"].GetProperty("path").ValueKind);
        }
    }

    [Fact]
    public async Task EveryHistory_CountsUpFromVersionOne_WithoutGaps_AndRunsForwardInTime()
    {
        var orders = await app.Db(db => db.WorkOrders.AsNoTracking().Select(o => new { o.Id, o.Number, o.Version }).ToListAsync());
        var events = (await app.Db(db => db.WorkOrderEvents.AsNoTracking().Select(e => new { e.WorkOrderId, e.Version, e.At }).ToListAsync()))
            .ToLookup(e => e.WorkOrderId);
        Assert.True(orders.Count >= 300, $"only {orders.Count} demo orders");
        foreach (var order in orders)
        {
            var history = events[order.Id].OrderBy(e => e.Version).ToList();
            Assert.True(history.Select(e => e.Version).SequenceEqual(Enumerable.Range(1, order.Version)),
                $"{order.Number} is version {order.Version} but its history has versions {string.Join(",", history.Select(e => e.Version))}");
            for (var i = 1; i < history.Count; i++)
            {
                Assert.True(history[i].At >= history[i - 1].At, $"{order.Number}: version {history[i].Version} at {history[i].At:O} comes before version {history[i - 1].Version} at {history[i - 1].At:O}");
            }
        }

        // Walked on the demo's clock over the month before the app's now, and nothing after it.
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var all = events.SelectMany(e => e).ToList();
        Assert.All(all, e => Assert.True(e.At <= now, $"an event at {e.At:O}, after the app's now {now:O}"));
        Assert.True(all.Min(e => e.At) < now.AddDays(-25), $"the demo's month starts at {all.Min(e => e.At):O}");
        Assert.True(all.Count(e => e.At > now.AddDays(-1)) < all.Count / 2, "most of the demo's steps are older than a day");
    }

    [Fact]
    public async Task EveryStep_WasTakenByADemoLogin_OrByTheSweep()
    {
        var users = (await app.Db(db => db.Users.AsNoTracking().Select(u => u.Id).ToListAsync())).ToHashSet();
        var actors = await app.Db(db => db.WorkOrderEvents.AsNoTracking().Select(e => new { e.ActorId, e.Type }).Distinct().ToListAsync());
        Assert.All(actors, a => Assert.True(a.ActorId is { } id ? users.Contains(id) : a.Type is EventTypes.DeadlineApproaching or EventTypes.DeadlineOverdue,
            $"a {a.Type} event by {a.ActorId?.ToString() ?? "nobody"}"));
    }

    [Fact]
    public async Task Month_HasEveryKindOfStep()
    {
        var types = (await app.Db(db => db.WorkOrderEvents.AsNoTracking().Select(e => e.Type).Distinct().ToListAsync())).ToHashSet();
        string[] expected =
        [
            EventTypes.Dispatched, EventTypes.Redispatched, EventTypes.HopReplied, EventTypes.AssistReplied, EventTypes.ReturnApproved, EventTypes.ReturnRejected,
            EventTypes.ExtensionApproved, EventTypes.Urged, EventTypes.Supervised, EventTypes.ReviewRejected, EventTypes.Redo, EventTypes.Merged,
            EventTypes.AnsweredDirectly, EventTypes.HelpClaimed, EventTypes.DeadlineApproaching, EventTypes.DeadlineOverdue,
        ];
        Assert.All(expected, t => Assert.Contains(t, types));

        var offers = await app.Db(db => db.HelpRequests.AsNoTracking().Select(h => h.Status).ToListAsync());
        Assert.Contains(HelpRequestStatus.Open, offers);
        Assert.Contains(HelpRequestStatus.Claimed, offers);
    }

    [Fact]
    public async Task EverySupervision_HasAReplyDue_TheManualOnesByTheDefaultRule()
    {
        var records = await app.Db(db => db.SupervisionRecords.AsNoTracking().Where(s => s.Kind == SupervisionKind.Supervise).ToListAsync());
        Assert.Contains(records, r => !r.Automatic);
        Assert.Contains(records, r => r.Automatic);
        var rules = await app.Db(db => app.Services.GetRequiredService<CentreCalendar>().GetAsync(db, CancellationToken.None));
        Assert.All(records, r =>
        {
            Assert.NotNull(r.ReplyDueAt);
            Assert.True(r.ReplyDueAt > r.CreatedAt);
            if (!r.Automatic)
            {
                Assert.Equal(SupervisionRecord.DefaultReplyDue(r.CreatedAt, rules.Calendar), r.ReplyDueAt);
            }
        });
    }

    [Fact]
    public async Task ReturnVisits_FallOnAWorkingDay_AfterTheDayTheOrderClosed()
    {
        string[] closing = [EventTypes.ReviewApproved, EventTypes.AnsweredDirectly];
        string[] visiting = [EventTypes.Visited, EventTypes.Redo];
        var events = await app.Db(db => db.WorkOrderEvents.AsNoTracking().Where(e => closing.Contains(e.Type) || visiting.Contains(e.Type))
            .OrderBy(e => e.Version).Select(e => new { e.WorkOrderId, e.Type, e.At }).ToListAsync());
        var calendar = (await app.Db(db => app.Services.GetRequiredService<CentreCalendar>().GetAsync(db, CancellationToken.None))).Calendar;
        var visits = 0;
        foreach (var order in events.GroupBy(e => e.WorkOrderId))
        {
            DateTime? closedAt = null;
            foreach (var e in order)
            {
                if (closing.Contains(e.Type))
                {
                    closedAt = e.At;
                    continue;
                }

                visits++;
                var day = calendar.LocalDate(e.At);
                Assert.True(calendar.IsWorkday(day), $"a visit on {day}, not a working day");
                Assert.True(closedAt is { } c && day > calendar.LocalDate(c), $"a visit on {day}, the order closed at {closedAt:O}");
            }
        }

        Assert.True(visits >= 50, $"only {visits} return visits");
    }

    [Fact]
    public async Task History_SpansNineWeeks_OverNationalDay_ShapedByTheCalendar_WithVisitsAndCalls()
    {
        var calendar = (await app.Db(db => app.Services.GetRequiredService<CentreCalendar>().GetAsync(db, CancellationToken.None))).Calendar;
        var today = calendar.LocalDate(app.Clock.GetUtcNow().UtcDateTime);
        var created = await app.Db(db => db.WorkOrders.AsNoTracking().Select(o => o.CreatedAt).ToListAsync());
        var perDay = created.GroupBy(calendar.LocalDate).ToDictionary(g => g.Key, g => g.Count());
        Assert.True(perDay.Keys.Min() <= today.AddDays(-DemoMonth.HistoryDays + 1), $"the history starts on {perDay.Keys.Min()}");
        Assert.True(perDay.Count >= DemoMonth.HistoryDays - 3, $"orders on only {perDay.Count} days");

        // Whole past days only (today is not over): working days busier than weekends, 国庆 quieter still.
        double Mean(params CalendarDayKind[] kinds)
        {
            var days = Enumerable.Range(1, DemoMonth.HistoryDays - 1).Select(d => today.AddDays(-d)).Where(d => kinds.Contains(calendar.Describe(d).Kind)).ToList();
            Assert.NotEmpty(days);
            return days.Average(d => perDay.GetValueOrDefault(d));
        }

        var workdays = Mean(CalendarDayKind.Weekday, CalendarDayKind.MakeUpWorkday);
        var weekends = Mean(CalendarDayKind.Weekend);
        var holidays = Mean(CalendarDayKind.Holiday);
        Assert.True(workdays > weekends && weekends > holidays, $"orders a day: working days {workdays:0.0}, weekends {weekends:0.0}, holidays {holidays:0.0}");
        Assert.InRange(workdays, 8, 16);
        Assert.Contains(perDay.Keys, d => calendar.Describe(d) is { Kind: CalendarDayKind.Holiday, Name: "国庆节" });

        // Visits: unreachable only after the third attempt, and second visits after a redo.
        var visits = await app.Db(db => db.ReturnVisits.AsNoTracking().Select(v => new { v.WorkOrderId, v.Round, v.Attempt, v.Reached }).ToListAsync());
        Assert.Contains(visits, v => !v.Reached && v.Attempt == 3);
        Assert.Contains(visits, v => v.Round == 2 && v.Reached);
        Assert.True(visits.Count(v => v.Reached) > 10 * visits.Count(v => !v.Reached && v.Attempt == 3), "most visits reach the citizen");

        // Calls on every past day, answered and given up, through the ingest.
        var calls = await app.Db(db => db.PhoneCalls.AsNoTracking().Select(c => new { c.OfferedAt, c.Outcome }).ToListAsync());
        var callDays = calls.Select(c => calendar.LocalDate(c.OfferedAt)).Distinct().Count();
        Assert.True(callDays >= DemoMonth.HistoryDays - 1, $"calls on only {callDays} days");
        Assert.Contains(calls, c => c.Outcome == Lianxin.Core.Calls.CallOutcome.Abandoned && calendar.LocalDate(c.OfferedAt) < today.AddDays(-30));
    }

    [Fact]
    public async Task AfterLoading_TheAppTellsTimeByItsOwnClock()
    {
        var agent = await app.AsAsync("agent", DemoCentre.Password);
        var sample = (await agent.Get("/api/v1/work-orders?limit=1")).Expect(200)["items"][0];
        var created = (await agent.Post("/api/v1/work-orders", new
        {
            channel = "phone", demandType = "consultation", urgency = "normal", requester = new { name = "测试", phone = "13800000000" },
            categoryId = sample.GetProperty("category").GetProperty("id").GetGuid(), regionCode = sample.GetProperty("region").GetProperty("code").GetString(),
            title = "咨询办理时间", description = "市民咨询窗口办理时间。",
        })).Expect(201);
        Assert.Equal(app.Clock.GetUtcNow(), created["createdAt"].GetDateTimeOffset());
    }
}

[Collection(SqliteDemoFixture.Name)]
public sealed class DemoCentreTestsOnSqlite(SqliteDemoApp app) : DemoCentreTests(app);

[Collection(PostgresDemoFixture.Name)]
public sealed class DemoCentreTestsOnPostgres(PostgresDemoApp app) : DemoCentreTests(app);
