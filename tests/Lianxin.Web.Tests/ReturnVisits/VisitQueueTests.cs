using System.Net.Http.Json;
using System.Text.Json;
using Lianxin.Core.Dispatch;
using Lianxin.Core.ReturnVisits;
using Lianxin.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Lianxin.Web.Tests.ReturnVisits;

/// <summary>
/// The return-visit queue on each provider (the tests share one app and one clock, so each follows its own
/// orders and moves the clock relative to their plans): the tabs through the days, the API with dueAt and
/// deadline, orders not due a visit (visitable, then archived when the window ends), and the settings.
/// </summary>
public abstract class VisitQueueTests(LianxinApp app)
{
    private readonly Orders _orders = new(app);

    private Baseline Data => app.Data;

    private DateTime Now => app.Clock.GetUtcNow().UtcDateTime;

    private async Task<IReadOnlyList<DeskRow>> List(VisitTab tab)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<VisitQueue>().ListAsync(tab, Now, 0, CancellationToken.None);
    }

    private async Task<VisitTab[]> TabsOf(Guid id)
    {
        var found = new List<VisitTab>();
        foreach (var tab in Enum.GetValues<VisitTab>())
        {
            if ((await List(tab)).Any(r => r.Id == id))
            {
                found.Add(tab);
            }
        }

        return [.. found];
    }

    private async Task<List<JsonElement>> Api(string state, string user = "visitor") =>
        [.. (await (await app.AsAsync(user)).Get($"/api/v1/return-visits?state={state}&limit=500")).Expect(200)["items"].EnumerateArray()];

    private async Task<JsonElement> Plan(Guid id) => (await _orders.GetAsync(id)).Expect(200)["visitPlan"];

    private void MoveTo(DateTimeOffset at)
    {
        if (at > app.Clock.GetUtcNow())
        {
            app.Clock.SetUtcNow(at);
        }
    }

    /// <summary>Registered with its own requester wish, dispatched to the water company, replied and approved.</summary>
    private async Task<Guid> ClosedAsync(bool wantsReply, string demandType = "consultation")
    {
        var body = new
        {
            channel = "phone", demandType, urgency = "normal",
            requester = new { name = "王女士", phone = "13900001111", confidential = false, wantsReply },
            categoryId = Data.CategoryDrain, regionCode = "330201001", address = "新华路 88 弄", title = "咨询停水安排",
            description = "来电人询问小区停水安排，请供水公司答复。",
        };
        var id = await _orders.RegisteredAsync(body);
        await _orders.DispatchAsync(id, Data.Water);
        (await _orders.ActAsync("water", id, "accept")).Expect(200);
        (await _orders.ActAsync("water", id, "reply", new { result = "已告知停水时间。", solved = "yes" })).Expect(200);
        (await _orders.ActAsync("dispatcher", id, "review", new { approve = true })).Expect(200);
        return id;
    }

    [Fact]
    public async Task AHelpRequest_IsNotYetDue_ThenDue_ThenRedial_ThenOverdue_OldestDeadlineFirst()
    {
        var id = await _orders.ClosedAsync(Data.Water);
        var plan = await Plan(id);
        Assert.True(plan.GetProperty("required").GetBoolean());
        Assert.False(plan.GetProperty("sampled").GetBoolean());
        var dueAt = plan.GetProperty("dueAt").GetDateTimeOffset();
        var deadline = plan.GetProperty("deadline").GetDateTimeOffset();

        // Due from local midnight (UTC+8) of the next working day, by 17:30 local of the third.
        Assert.Equal(TimeSpan.FromHours(16), dueAt.UtcDateTime.TimeOfDay);
        Assert.Equal(TimeSpan.FromHours(9.5), deadline.UtcDateTime.TimeOfDay);
        Assert.True(dueAt > app.Clock.GetUtcNow());

        // The closing event says so too.
        var closing = (await _orders.HistoryListAsync(id))[^1];
        Assert.True(closing.GetProperty("data").GetProperty("visitRequired").GetBoolean());
        Assert.Equal(deadline, closing.GetProperty("data").GetProperty("visitDeadline").GetDateTimeOffset());

        Assert.Equal([VisitTab.NotYetDue], await TabsOf(id));
        Assert.DoesNotContain(await Api("due"), r => r.GetProperty("id").GetGuid() == id);
        var row = Assert.Single(await Api("all"), r => r.GetProperty("id").GetGuid() == id);
        Assert.Equal(dueAt, row.GetProperty("dueAt").GetDateTimeOffset());
        Assert.Equal(deadline, row.GetProperty("deadline").GetDateTimeOffset());
        Assert.Equal(1, row.GetProperty("round").GetInt32());

        MoveTo(dueAt.AddHours(9));
        Assert.Equal([VisitTab.Due], await TabsOf(id));
        Assert.Contains(await Api("due"), r => r.GetProperty("id").GetGuid() == id);

        (await _orders.ActAsync("visitor", id, "visit", new { reached = false, comment = "无人接听" })).Expect(200);
        Assert.Equal([VisitTab.Redial], await TabsOf(id));
        var redial = Assert.Single(await Api("due"), r => r.GetProperty("id").GetGuid() == id);
        Assert.Equal(1, redial.GetProperty("attempts").GetInt32());

        MoveTo(deadline.AddMinutes(1));
        Assert.Equal([VisitTab.Overdue], await TabsOf(id));
        var overdue = Assert.Single(await Api("overdue"), r => r.GetProperty("id").GetGuid() == id);
        Assert.True(overdue.GetProperty("overdue").GetBoolean());
        Assert.DoesNotContain(await Api("due"), r => r.GetProperty("id").GetGuid() == id);

        // Every list is oldest deadline first.
        foreach (var tab in Enum.GetValues<VisitTab>())
        {
            var rows = await List(tab);
            Assert.Equal(rows.Select(r => r.NoteDueAt).Order(), rows.Select(r => r.NoteDueAt));
        }

        var all = await Api("all");
        Assert.Equal(all.Select(r => r.GetProperty("deadline").GetDateTimeOffset()).Order(), all.Select(r => r.GetProperty("deadline").GetDateTimeOffset()));

        // Reached now, past the deadline: the visit still counts, the round ends and the order leaves the queue.
        (await _orders.ActAsync("visitor", id, "visit", new { reached = true, solved = "yes", satisfaction = "satisfied" })).Expect(200);
        Assert.Empty(await TabsOf(id));
        Assert.Equal(Now, (await Plan(id)).GetProperty("visitedAt").GetDateTimeOffset().UtcDateTime);
    }

    [Fact]
    public async Task AnOrderNotDueAVisit_IsNotQueued_MayStillBeVisited_AndIsArchivedWhenItsWindowEnds()
    {
        var quiet = await ClosedAsync(wantsReply: false);
        var calledBack = await ClosedAsync(wantsReply: false);
        var plan = await Plan(quiet);
        Assert.False(plan.GetProperty("required").GetBoolean());
        Assert.Empty(await TabsOf(quiet));
        Assert.DoesNotContain(await Api("all"), r => r.GetProperty("id").GetGuid() == quiet);

        // The requester called the centre back: the visitor records it although no visit was planned, before the due day.
        var visited = (await _orders.ActAsync("visitor", calledBack, "visit", new { reached = true, solved = "yes", satisfaction = "basicallySatisfied" })).Expect(200);
        Assert.Equal("archived", visited.Str("status"));

        // Nothing happens to it before the window ends (other tests' orders may be archived meanwhile).
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ArchiveUnvisitedOrders>().RunOnceAsync(CancellationToken.None);
        }

        Assert.Equal("closed", (await _orders.GetAsync(quiet)).Str("status"));

        MoveTo(plan.GetProperty("deadline").GetDateTimeOffset().AddSeconds(1));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<ArchiveUnvisitedOrders>().RunOnceAsync(CancellationToken.None) >= 1);
        }

        var archived = await _orders.GetAsync(quiet);
        Assert.Equal("archived", archived.Str("status"));
        var last = (await _orders.HistoryListAsync(quiet))[^1];
        Assert.Equal("archived", last.GetProperty("type").GetString());
        Assert.True(last.GetProperty("data").GetProperty("automatic").GetBoolean());
        Assert.Equal("visited", (await _orders.HistoryListAsync(calledBack))[^1].GetProperty("type").GetString());
    }

    [Fact]
    public async Task Api_RefusesBadInput_AndPages()
    {
        var visitor = await app.AsAsync("visitor");
        (await visitor.Get("/api/v1/return-visits?state=tomorrow")).ExpectProblem(400, "state");
        (await visitor.Get("/api/v1/return-visits?state=due&limit=0")).ExpectProblem(400, "limit");
        (await visitor.Get("/api/v1/return-visits?state=due&limit=abc")).ExpectProblem(400, "limit");
        (await visitor.Get("/api/v1/return-visits?cursor=%%%")).ExpectProblem(400, "cursor");
        (await (await app.AsAsync("water")).Get("/api/v1/return-visits")).ExpectProblem(403);
        (await app.Anonymous().Get("/api/v1/return-visits")).Expect(401);

        await _orders.ClosedAsync(Data.Water);
        await _orders.ClosedAsync(Data.Water);
        var first = (await visitor.Get("/api/v1/return-visits?state=all&limit=1")).Expect(200);
        Assert.Single(first["items"].EnumerateArray());
        var cursor = first.Str("nextCursor");
        Assert.NotNull(cursor);
        var second = (await visitor.Get($"/api/v1/return-visits?state=all&limit=1&cursor={cursor}")).Expect(200);
        var a = first["items"][0];
        var b = second["items"][0];
        Assert.NotEqual(a.GetProperty("id").GetGuid(), b.GetProperty("id").GetGuid());
        Assert.True(a.GetProperty("deadline").GetDateTimeOffset() <= b.GetProperty("deadline").GetDateTimeOffset());
    }

    [Fact]
    public async Task Settings_AreReadByStaff_ChangedByAdmins_CheckedByField_AndPlanLaterClosures()
    {
        var admin = await app.AsAsync("admin");
        var before = (await (await app.AsAsync("visitor")).Get("/api/v1/return-visits/settings")).Expect(200);
        Assert.Equal(0.3, before["sampleShare"].GetDouble());
        Assert.Equal(["complaint", "help"], before["alwaysVisited"].EnumerateArray().Select(t => t.GetString()).Order());
        Assert.Equal(3, before["deadlineWorkingDays"].GetInt32());
        Assert.NotEmpty(before["script"].EnumerateArray());
        (await (await app.AsAsync("water")).Get("/api/v1/return-visits/settings")).ExpectProblem(403);

        static HttpRequestMessage Put(object body) => new(HttpMethod.Put, "/api/v1/return-visits/settings") { Content = JsonContent.Create(body) };
        (await (await app.AsAsync("visitor")).Exchange(Put(new { deadlineWorkingDays = 5 }))).ExpectProblem(403);
        (await admin.Exchange(Put(new { sampleShare = 1.5 }))).ExpectProblem(400, "sampleShare");
        (await admin.Exchange(Put(new { deadlineWorkingDays = 0 }))).ExpectProblem(400, "deadlineWorkingDays");
        (await admin.Exchange(Put(new { script = Array.Empty<object>() }))).ExpectProblem(400, "script");
        (await admin.Exchange(Put(new { script = new[] { new { zh = " ", en = "Solved?" } } }))).ExpectProblem(400, "script");
        (await admin.Exchange(Put(new { alwaysVisited = new[] { "lawsuit" } }))).ExpectProblem(400);
        (await admin.Exchange(new HttpRequestMessage(HttpMethod.Put, "/api/v1/return-visits/settings")
        {
            Content = new StringContent("""{"sampleShare":"many"}""", System.Text.Encoding.UTF8, "application/json"),
        })).ExpectProblem(400);
        Assert.Equal(before.Body, (await admin.Get("/api/v1/return-visits/settings")).Expect(200).Body);

        try
        {
            var changed = (await admin.Exchange(Put(new { deadlineWorkingDays = 5, script = new[] { new { zh = "问题解决了吗？", en = "" } } }))).Expect(200);
            Assert.Equal(5, changed["deadlineWorkingDays"].GetInt32());
            Assert.Equal(0.3, changed["sampleShare"].GetDouble());
            Assert.Equal("问题解决了吗？", Assert.Single(changed["script"].EnumerateArray()).GetProperty("zh").GetString());

            var id = await _orders.ClosedAsync(Data.Water);
            var plan = await Plan(id);
            var workingDays = 0;
            await using var scope = app.Services.CreateAsyncScope();
            var calendar = (await scope.ServiceProvider.GetRequiredService<Lianxin.Core.Calendars.CentreCalendar>()
                .GetAsync(scope.ServiceProvider.GetRequiredService<Lianxin.Core.Data.LianxinDbContext>(), CancellationToken.None)).Calendar;
            var closedOn = calendar.LocalDate(Now);
            var lastDay = calendar.LocalDate(plan.GetProperty("deadline").GetDateTimeOffset().UtcDateTime);
            for (var d = closedOn.AddDays(1); d <= lastDay; d = d.AddDays(1))
            {
                workingDays += calendar.IsWorkday(d) ? 1 : 0;
            }

            Assert.Equal(5, workingDays);
        }
        finally
        {
            (await admin.Exchange(Put(new { deadlineWorkingDays = 3, script = before["script"] }))).Expect(200);
        }

        Assert.Equal(before.Body, (await admin.Get("/api/v1/return-visits/settings")).Expect(200).Body);
    }
}

public sealed class VisitQueueTestsOnSqlite(SqliteApp app) : VisitQueueTests(app), IClassFixture<SqliteApp>;

public sealed class VisitQueueTestsOnPostgres(PostgresApp app) : VisitQueueTests(app), IClassFixture<PostgresApp>;
