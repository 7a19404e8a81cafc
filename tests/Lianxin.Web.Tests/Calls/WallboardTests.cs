using System.Security.Claims;
using Bunit;
using Lianxin.Core.Calls;
using Lianxin.Core.Common;
using Lianxin.Web.Calls;
using Lianxin.Web.Components;
using Lianxin.Web.Identity;
using Lianxin.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Lianxin.Web.Tests.Calls;

/// <summary>
/// The wallboard page (大屏) on the app's real database and writer, at the fake clock: live on events, and its
/// "today" starts again at local midnight with no event — its one-second tick reads again when the day turns.
/// </summary>
public abstract class WallboardTests(LianxinApp app) : BunitContext
{
    private static readonly TimeZoneInfo Zone = new CentreOptions().Zone;

    [Fact]
    public async Task TheBoard_ShowsEventsLive_AndStartsANewDayAtLocalMidnight()
    {
        var token = await CtiHttp.TokenAsync(app);
        using var pbx = app.Anonymous();

        // A day of its own: the class's other tests may have posted calls earlier today.
        SetTo(new TimeOnly(0, 30));
        SetTo(new TimeOnly(23, 40));
        var (phone, callId) = CtiHttp.Fresh();
        (await pbx.NewCall(token, callId, phone)).Expect(200);
        app.Clock.Advance(TimeSpan.FromSeconds(6));
        (await pbx.Answer(token, callId, "8001")).Expect(200);
        app.Clock.Advance(TimeSpan.FromSeconds(60));
        (await pbx.Hangup(token, callId)).Expect(200);
        SetTo(new TimeOnly(23, 59, 57));

        var board = await RenderBoardAsync();
        board.WaitForAssertion(() => Assert.Equal("1", board.Find("#answered").TextContent.Trim()), TimeSpan.FromSeconds(10));
        Assert.Equal("1", board.Find("#offered").TextContent.Trim());
        Assert.Equal("100.0%", board.Find("#service-level").TextContent.Trim());
        Assert.Equal("1:00", board.Find("#average-talk").TextContent.Trim());
        Assert.Single(board.FindAll("#curve g[data-answered='1']"));

        // Midnight passes with no event: the tick notices the new day and the figures start from zero.
        var reloads = Reloads(board);
        for (var i = 0; i < 5; i++)
        {
            app.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        board.WaitForAssertion(() => Assert.True(Reloads(board) > reloads, "the board read again at midnight"), TimeSpan.FromSeconds(5));
        board.WaitForAssertion(() => Assert.Equal("0", board.Find("#offered").TextContent.Trim()), TimeSpan.FromSeconds(5));
        Assert.Equal("0", board.Find("#answered").TextContent.Trim());
        Assert.Equal("—", board.Find("#service-level").TextContent.Trim());
        Assert.Empty(board.FindAll("#curve g[data-answered='1']"));
        var api = (await (await app.AsAsync("supervisor")).Get("/api/v1/wallboard")).Expect(200);
        Assert.Equal(0, api["offeredToday"].GetInt32());
        Assert.Equal(1, api["curve"].GetArrayLength());

        // A ticking second with nothing new reads nothing.
        var settled = Reloads(board);
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        await Task.Delay(600, Xunit.TestContext.Current.CancellationToken);
        Assert.Equal(settled, Reloads(board));

        // The new day's first caller is on the board as soon as the event is stored, waiting and ticking.
        var (phone2, call2) = CtiHttp.Fresh();
        (await pbx.NewCall(token, call2, phone2)).Expect(200);
        board.WaitForAssertion(() => Assert.Equal("1", board.Find("#calls-waiting").TextContent.Trim()), TimeSpan.FromSeconds(5));
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        board.WaitForAssertion(() => Assert.Equal("0:02", board.Find("#longest-wait").TextContent.Trim()), TimeSpan.FromSeconds(5));
        for (var i = 0; i < 14; i++)
        {
            app.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        board.WaitForAssertion(() => Assert.Contains("late", board.Find("#longest-wait").ParentElement!.ClassName, StringComparison.Ordinal), TimeSpan.FromSeconds(5));
        Assert.Equal("0:16", board.Find("#longest-wait").TextContent.Trim());
        (await pbx.Hangup(token, call2)).Expect(200);
        board.WaitForAssertion(() => Assert.Equal("1", board.Find("#abandoned").TextContent.Trim()), TimeSpan.FromSeconds(5));
        Assert.Equal("0", board.Find("#calls-waiting").TextContent.Trim());
    }

    [Fact]
    public async Task CallersWaiting_AreCountedPerQueue_LongestFirst()
    {
        var token = await CtiHttp.TokenAsync(app);
        using var pbx = app.Anonymous();
        var (p1, c1) = CtiHttp.Fresh();
        var (p2, c2) = CtiHttp.Fresh();
        var (p3, c3) = CtiHttp.Fresh();
        (await pbx.NewCall(token, c1, p1, queue: "企业专线")).Expect(200);
        app.Clock.Advance(TimeSpan.FromSeconds(5));
        (await pbx.NewCall(token, c2, p2, queue: "热线")).Expect(200);
        (await pbx.NewCall(token, c3, p3, queue: "热线")).Expect(200);
        app.Clock.Advance(TimeSpan.FromSeconds(3));

        var board = (await (await app.AsAsync("supervisor")).Get("/api/v1/wallboard")).Expect(200);
        var queues = board["queues"].EnumerateArray().ToList();
        Assert.Equal(["企业专线", "热线"], queues.Select(q => q.GetProperty("queue").GetString()));
        Assert.Equal([1, 2], queues.Select(q => q.GetProperty("waiting").GetInt32()));
        Assert.Equal([8.0, 3.0], queues.Select(q => q.GetProperty("longestWaitSeconds").GetDouble()));
        Assert.Equal(8.0, board["longestWaitSeconds"].GetDouble());

        var page = await RenderBoardAsync();
        page.WaitForAssertion(() => Assert.Equal("企业专线 1 · 热线 2", page.Find("#queues").TextContent), TimeSpan.FromSeconds(10));
        foreach (var c in new[] { c1, c2, c3 })
        {
            (await pbx.Hangup(token, c)).Expect(200);
        }

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("#queues")), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task AUnitHandler_SeesTheRefusal_NotTheFigures()
    {
        var board = await RenderBoardAsync("water");
        board.WaitForAssertion(() => Assert.Contains("查看话务数据", board.Find(".wall-message").TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(5));
        Assert.Empty(board.FindAll("#offered"));
    }

    private static int Reloads(IRenderedComponent<WallboardPage> board) =>
        int.Parse(board.Find("#wallboard").GetAttribute("data-reloads")!, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Moves the fake clock forward to the next <paramref name="local"/> time of day in the centre's zone.</summary>
    private void SetTo(TimeOnly local)
    {
        var now = TimeZoneInfo.ConvertTimeFromUtc(app.Clock.GetUtcNow().UtcDateTime, Zone);
        var target = now.Date + local.ToTimeSpan();
        if (target <= now)
        {
            target = target.AddDays(1);
        }

        app.Clock.Advance(target - now);
    }

    private async Task<IRenderedComponent<WallboardPage>> RenderBoardAsync(string user = "supervisor")
    {
        var account = await app.Db(db => db.Users.AsNoTracking().SingleAsync(u => u.UserName == user));
        var session = new ConsoleSession(Options.Create(new CentreOptions()));
        session.Start(new ClaimsPrincipal(new ClaimsIdentity(ClaimsActor.ClaimsFor(account), "test")), english: false);
        Services.AddSingleton(session);
        Services.AddSingleton(new ConsoleRunner(app.Services.GetRequiredService<IServiceScopeFactory>(), NullLogger<ConsoleRunner>.Instance));
        Services.AddSingleton(app.Services.GetRequiredService<CallCentreChanges>());
        Services.AddSingleton<TimeProvider>(app.Clock);
        return Render<WallboardPage>();
    }
}

public sealed class WallboardTestsOnSqlite(SqliteApp app) : WallboardTests(app), IClassFixture<SqliteApp>;

public sealed class WallboardTestsOnPostgres(PostgresApp app) : WallboardTests(app), IClassFixture<PostgresApp>;

/// <summary>What the board shows, apart from its markup: labels, clocks, when to read again, the curve's shape.</summary>
public sealed class WallboardViewTests
{
    private static readonly TimeZoneInfo Zone = new CentreOptions().Zone;

    [Theory]
    [InlineData(0, "0:00")]
    [InlineData(7.9, "0:07")]
    [InlineData(765, "12:45")]
    [InlineData(3723, "1:02:03")]
    [InlineData(-3, "0:00")]
    public void Clock_TicksInMinutesAndSeconds_NeverNegative(double seconds, string shown) =>
        Assert.Equal(shown, WallboardView.Clock(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void Rates_WithoutADenominator_ShowADash_NotZero()
    {
        Assert.Equal("—", WallboardView.Percent(null));
        Assert.Equal("87.5%", WallboardView.Percent(0.875));
        Assert.Equal("0.0%", WallboardView.Percent(0));
        Assert.Equal("—", WallboardView.Seconds(null));
        Assert.Equal("13", WallboardView.Seconds(12.6));
    }

    [Fact]
    public void LongestWait_IsLate_OnlyPastTheTarget()
    {
        Assert.False(WallboardView.PastTarget(TimeSpan.FromSeconds(15), 15));
        Assert.True(WallboardView.PastTarget(TimeSpan.FromSeconds(15.5), 15));
    }

    [Fact]
    public void EveryStateHasAChineseAndEnglishLabel_AndAColour()
    {
        foreach (var state in Enum.GetValues<AgentState>())
        {
            Assert.NotEqual(WallboardView.StateLabel(state, false), WallboardView.StateLabel(state, true));
            Assert.StartsWith("s-", WallboardView.StateClass(state), StringComparison.Ordinal);
        }

        Assert.Equal("话后整理", WallboardView.StateLabel(AgentState.WrapUp, false));
        Assert.Equal(6, Enum.GetValues<AgentState>().Select(WallboardView.StateClass).Distinct().Count());
    }

    [Fact]
    public void Slot_ChangesEveryLocalHalfHour_AndAtLocalMidnight_NotUtcMidnight()
    {
        // Beijing midnight is 16:00 UTC.
        var beforeMidnight = new DateTime(2026, 11, 30, 15, 59, 59, DateTimeKind.Utc);
        Assert.NotEqual(WallboardView.Slot(beforeMidnight, Zone), WallboardView.Slot(beforeMidnight.AddSeconds(1), Zone));
        Assert.Equal(WallboardView.Slot(beforeMidnight.AddSeconds(1), Zone), WallboardView.Slot(beforeMidnight.AddMinutes(30), Zone));
        Assert.NotEqual(WallboardView.Slot(beforeMidnight.AddMinutes(30), Zone), WallboardView.Slot(beforeMidnight.AddMinutes(30).AddSeconds(1), Zone));
        var utcMidnight = new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc);
        Assert.Equal(WallboardView.Slot(utcMidnight.AddSeconds(-1), Zone) / WallboardView.SlotsPerDay, WallboardView.Slot(utcMidnight.AddSeconds(1), Zone) / WallboardView.SlotsPerDay);
    }

    [Fact]
    public void Stale_AtANewHalfHour_OrWhenACallbackTurnsOverdue_NotOtherwise()
    {
        var loaded = new DateTime(2026, 11, 30, 2, 10, 0, DateTimeKind.Utc);
        var figures = Figures(loaded, nextCallbackDue: loaded.AddMinutes(5));
        Assert.False(WallboardView.Stale(figures, loaded, loaded.AddMinutes(4), Zone));
        Assert.True(WallboardView.Stale(figures, loaded, loaded.AddMinutes(5).AddSeconds(1), Zone));
        var quiet = Figures(loaded, null);
        Assert.False(WallboardView.Stale(quiet, loaded, loaded.AddMinutes(19), Zone));
        Assert.True(WallboardView.Stale(quiet, loaded, loaded.AddMinutes(20), Zone));
    }

    [Fact]
    public void Curve_StacksAbandonedOnAnswered_AtTheLocalHalfHour_ScaledToTheBusiest()
    {
        var eight = new DateTime(2026, 11, 30, 0, 0, 0, DateTimeKind.Utc); // 08:00 in Beijing: slot 16
        WallboardInterval[] intervals =
        [
            new(eight, 30, 27, 3, 0.9),
            new(eight.AddMinutes(30), 0, 0, 0, null),
            new(eight.AddMinutes(60), 10, 10, 0, 0.5),
        ];
        var bars = WallboardView.Curve(intervals, Zone, out var top);
        Assert.Equal(40, top);
        Assert.Equal([16, 17, 18], bars.Select(b => b.Slot));
        var bottom = WallboardView.CurveTop + WallboardView.CurveHeight;
        Assert.Equal(bottom - (WallboardView.CurveHeight * 27 / 40), bars[0].AnsweredY, 6);
        Assert.Equal(bars[0].AnsweredY - (WallboardView.CurveHeight * 3 / 40), bars[0].AbandonedY, 6);
        Assert.Null(bars[1].ServiceLevelY);
        Assert.Equal(bottom - (WallboardView.CurveHeight * 0.5), bars[2].ServiceLevelY!.Value, 6);

        // The service-level line breaks where nothing was answered.
        Assert.Equal(2, WallboardView.ServiceLevelLines(bars).Count);
        Assert.Single(WallboardView.ServiceLevelLines([bars[0], bars[2] with { Slot = 17 }]));
    }

    [Theory]
    [InlineData(0, 4)]
    [InlineData(4, 4)]
    [InlineData(5, 6)]
    [InlineData(30, 40)]
    [InlineData(85, 100)]
    [InlineData(101, 200)]
    [InlineData(1234, 2000)]
    public void CallsAxis_EndsAtARoundNumber_WithAWholeHalf(int busiest, int top)
    {
        Assert.Equal(top, WallboardView.NiceMax(busiest));
        Assert.Equal(0, top % 2);
    }

    [Theory]
    [InlineData(3, "")]
    [InlineData(17, "crowded")]
    [InlineData(60, "packed")]
    [InlineData(150, "dense")]
    public void AgentGrid_PacksTighter_AsTheShiftGrows(int agents, string density) =>
        Assert.Equal(density, WallboardView.GridDensity(agents));

    private static WallboardFigures Figures(DateTime at, DateTime? nextCallbackDue) => new(
        at, 0, 0, 0, 0, 0, 0, 0, null, CallKpiFigures.Compute([], CallKpiRules.Default), 0, 0, [], [], 15, nextCallbackDue);
}
