using Lianxin.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Lianxin.Web.Tests.Calls;

/// <summary>
/// Phone-system events over HTTP (API.md, DOMAIN.md "Call centre"): stored exactly once whatever their order,
/// calls rebuilt from them, agents moved by them, callbacks opened, blocked numbers turned away, bad input refused.
/// </summary>
public abstract class CtiTests(LianxinApp app)
{
    [Fact]
    public async Task AnsweredCall_IsLogged_AgentGoesOnCall_ThenWrapUp_ThenReady()
    {
        var token = await CtiHttp.TokenAsync(app);
        var (phone, callId) = CtiHttp.Fresh();
        using var pbx = app.Anonymous();
        var staff = await app.AsAsync("supervisor");

        // Wang signs in ready (another test may have left her 示忙).
        var me = await app.AsAsync("agent");
        (await me.Post("/api/v1/agents/me/state", new { state = "ready" })).Expect(200);
        (await pbx.NewCall(token, callId, "+86 " + phone)).Expect(200);
        app.Clock.Advance(TimeSpan.FromSeconds(8));
        (await pbx.Json(token, new { @event = "answer", direction = "in", callId, answeringNumber = "8001" })).Expect(200);
        var agents = (await staff.Get("/api/v1/agents")).Expect(200);
        var wang = agents.Json.EnumerateArray().Single(a => a.GetProperty("extension").GetString() == "8001");
        Assert.Equal("onCall", wang.GetProperty("state").GetString());

        app.Clock.Advance(TimeSpan.FromSeconds(95));
        var hangup = (await pbx.Hangup(token, callId)).Expect(200);
        Assert.Equal("{}", hangup.Body);

        var call = await staff.CallAsync(phone);
        Assert.Equal("answered", call.GetProperty("outcome").GetString());
        Assert.Equal(phone, call.GetProperty("from").GetString());
        Assert.Equal(8.0, call.GetProperty("waitSeconds").GetDouble());
        Assert.Equal(95.0, call.GetProperty("talkSeconds").GetDouble());
        Assert.Equal("王晓雯", call.GetProperty("agent").GetProperty("name").GetString());
        Assert.Equal("热线", call.GetProperty("queue").GetString());

        // The screen pop's caller history lists the call, in any spelling of the number; a unit's handler gets no calls.
        var history = (await staff.Get($"/api/v1/requesters/{Uri.EscapeDataString("0086" + phone)}/history")).Expect(200);
        var listed = Assert.Single(history["calls"].EnumerateArray());
        Assert.Equal(callId, listed.GetProperty("callId").GetString());
        Assert.Equal("answered", listed.GetProperty("outcome").GetString());
        Assert.Equal("王晓雯", listed.GetProperty("agent").GetString());
        Assert.Equal(0, (await (await app.AsAsync("water")).Get($"/api/v1/requesters/{phone}/history")).Expect(200)["calls"].GetArrayLength());

        Assert.Equal("wrapUp", (await me.Get("/api/v1/agents/me")).Expect(200).Str("state"));

        // Wrap-up ends by itself at its maximum (60 s by default); the agent is ready again.
        app.Clock.Advance(TimeSpan.FromSeconds(61));
        await app.SweepCallsAsync();
        Assert.Equal("ready", (await me.Get("/api/v1/agents/me")).Expect(200).Str("state"));
    }

    [Fact]
    public async Task HangupBeforeAnswer_IsAbandoned_AndOpensOneCallback_RepeatCallsCollapse_GettingThroughClosesIt()
    {
        var token = await CtiHttp.TokenAsync(app);
        var (phone, first) = CtiHttp.Fresh();
        using var pbx = app.Anonymous();
        var staff = await app.AsAsync("supervisor");

        // An agent is signed in, so a caller who gives up was lost in the queue (not for want of agents).
        (await (await app.AsAsync("agent")).Post("/api/v1/agents/me/state", new { state = "notReady" })).Expect(200);

        (await pbx.NewCall(token, first, phone)).Expect(200);
        app.Clock.Advance(TimeSpan.FromSeconds(40));
        (await pbx.Hangup(token, first)).Expect(200);
        var call = await staff.CallAsync(phone);
        Assert.Equal("abandoned", call.GetProperty("outcome").GetString());
        Assert.Equal("inQueue", call.GetProperty("lossCategory").GetString());

        var second = "again-" + first;
        (await pbx.NewCall(token, second, "0" + phone)).Expect(200);
        app.Clock.Advance(TimeSpan.FromSeconds(3));
        (await pbx.Hangup(token, second)).Expect(200);
        var calls = (await staff.Get($"/api/v1/calls?phone={phone}")).Expect(200)["items"].EnumerateArray().ToList();
        Assert.Equal("shortAbandon", calls[0].GetProperty("outcome").GetString());

        var items = (await staff.Get("/api/v1/callbacks")).Expect(200).Json.EnumerateArray().Where(c => c.GetProperty("phone").GetString() == phone).ToList();
        var item = Assert.Single(items);
        Assert.Equal(2, item.GetProperty("missedCalls").GetInt32());

        // The caller tries a third time and an agent answers: nobody needs to ring back.
        var third = "third-" + first;
        (await pbx.NewCall(token, third, phone)).Expect(200);
        (await pbx.Answer(token, third, "8002")).Expect(200);
        (await pbx.Hangup(token, third)).Expect(200);
        var done = (await staff.Get("/api/v1/callbacks?open=false")).Expect(200).Json.EnumerateArray().Single(c => c.GetProperty("phone").GetString() == phone);
        Assert.Equal("calledAgain", done.GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task RepeatedAndOutOfOrderEvents_AreStoredOnce_AndLandInTheirPlace()
    {
        var token = await CtiHttp.TokenAsync(app);
        var (phone, callId) = CtiHttp.Fresh();
        using var pbx = app.Anonymous();
        var staff = await app.AsAsync("supervisor");

        // The answer arrives first, then the newCall (late), then the hangup twice, then the answer again.
        app.Clock.Advance(TimeSpan.FromSeconds(5));
        (await pbx.Answer(token, callId, "8002")).Expect(200);
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        (await pbx.NewCall(token, callId, phone)).Expect(200);
        app.Clock.Advance(TimeSpan.FromSeconds(30));
        (await pbx.Hangup(token, callId)).Expect(200);
        (await pbx.Hangup(token, callId)).Expect(200);
        (await pbx.Answer(token, callId, "8002")).Expect(200);

        Assert.Equal(3, await app.Db(db => db.CtiEvents.CountAsync(e => e.CallId == callId)));
        var call = await staff.CallAsync(phone);
        Assert.Equal("answered", call.GetProperty("outcome").GetString());
        Assert.Equal(0.0, call.GetProperty("waitSeconds").GetDouble());
        Assert.Equal(31.0, call.GetProperty("talkSeconds").GetDouble());
        Assert.Equal("李婷", call.GetProperty("agent").GetProperty("name").GetString());

        // A hangup with no newCall before it: a call of its own, abandoned at once.
        var (_, lonely) = CtiHttp.Fresh();
        (await pbx.Hangup(token, lonely)).Expect(200);
        var lone = await app.Db(db => db.PhoneCalls.SingleAsync(c => c.ExternalId == lonely));
        Assert.Equal(Lianxin.Core.Calls.CallOutcome.ShortAbandon, lone.Outcome);
    }

    [Fact]
    public async Task UnknownAgent_CallStillAnswered_WithoutAnAgent()
    {
        var token = await CtiHttp.TokenAsync(app);
        var (phone, callId) = CtiHttp.Fresh();
        using var pbx = app.Anonymous();
        (await pbx.NewCall(token, callId, phone)).Expect(200);
        (await pbx.Answer(token, callId, "9999")).Expect(200);
        (await pbx.Hangup(token, callId)).Expect(200);
        var call = await (await app.AsAsync("supervisor")).CallAsync(phone);
        Assert.Equal("answered", call.GetProperty("outcome").GetString());
        Assert.Equal("9999", call.GetProperty("extension").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, call.GetProperty("agent").ValueKind);
    }

    [Fact]
    public async Task UnknownToken_Is404_AndStoresNothing()
    {
        using var pbx = app.Anonymous();
        var (phone, callId) = CtiHttp.Fresh();
        var before = await app.Db(db => db.CtiEvents.CountAsync());
        (await pbx.NewCall("not-a-token", callId, phone)).ExpectProblem(404);
        Assert.Equal(before, await app.Db(db => db.CtiEvents.CountAsync()));
        Assert.False(await app.Db(db => db.PhoneCalls.AnyAsync(c => c.ExternalId == callId)));
    }

    [Fact]
    public async Task BadEvents_Are400WithTheField_AndStoreNothing()
    {
        var token = await CtiHttp.TokenAsync(app);
        using var pbx = app.Anonymous();
        var before = await app.Db(db => db.CtiEvents.CountAsync());
        (await pbx.Form(token, ("direction", "in"), ("callId", "x1"))).ExpectProblem(400, "event");
        (await pbx.Form(token, ("event", "ring"), ("callId", "x1"))).ExpectProblem(400, "event");
        (await pbx.Form(token, ("event", "newCall"), ("callId", "x1"), ("from", "1"))).ExpectProblem(400, "direction");
        (await pbx.Form(token, ("event", "newCall"), ("direction", "in"), ("callId", "x1"))).ExpectProblem(400, "from");
        (await pbx.Form(token, ("event", "hangup"))).ExpectProblem(400, "callId");
        (await pbx.Form(token, ("event", "hangup"), ("callId", new string('x', 251)))).ExpectProblem(400, "callId");
        (await pbx.PostRaw($"/api/v1/cti/{token}", "[1,2]", "application/json")).ExpectProblem(400);
        (await pbx.PostRaw($"/api/v1/cti/{token}", "{\"event\":", "application/json")).ExpectProblem(400);
        (await pbx.PostRaw($"/api/v1/cti/{token}", "event=hangup", "text/plain")).ExpectProblem(415);
        var english = (await pbx.PostRaw($"/api/v1/cti/{token}", "event=ring&callId=x", "application/x-www-form-urlencoded", "en")).ExpectProblem(400, "event");
        Assert.Contains("newCall", english.Body, StringComparison.Ordinal);
        Assert.Equal(before, await app.Db(db => db.CtiEvents.CountAsync()));
    }

    [Fact]
    public async Task BlockedNumber_IsRejected_EvenWhenTheEventIsRetried()
    {
        var token = await CtiHttp.TokenAsync(app);
        var (phone, callId) = CtiHttp.Fresh();
        var supervisor = await app.AsAsync("supervisor");
        (await supervisor.Post("/api/v1/blocked-numbers", new { phone = "+86-" + phone, note = "骚扰电话" })).Expect(201);
        (await supervisor.Post("/api/v1/blocked-numbers", new { phone })).ExpectProblem(409);
        (await (await app.AsAsync("agent")).Post("/api/v1/blocked-numbers", new { phone = "13800000000" })).ExpectProblem(403);

        using var pbx = app.Anonymous();
        var reply = (await pbx.NewCall(token, callId, phone)).Expect(200);
        Assert.Equal("reject", reply.Str("action"));
        Assert.Equal("busy", reply.Str("reason"));
        Assert.Equal("reject", (await pbx.NewCall(token, callId, phone)).Expect(200).Str("action"));
        (await pbx.Hangup(token, callId)).Expect(200);
        var call = await supervisor.CallAsync(phone);
        Assert.Equal("rejected", call.GetProperty("outcome").GetString());
        Assert.DoesNotContain((await supervisor.Get("/api/v1/callbacks")).Expect(200).Json.EnumerateArray(), c => c.GetProperty("phone").GetString() == phone);

        (await supervisor.Exchange(new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/blocked-numbers/{phone}"))).Expect(204);
        var (_, next) = CtiHttp.Fresh();
        Assert.Equal("{}", (await pbx.NewCall(token, next, phone)).Expect(200).Body);
    }

    [Fact]
    public async Task StuckCall_IsClosedByTimeout()
    {
        var token = await CtiHttp.TokenAsync(app);
        var (phone, callId) = CtiHttp.Fresh();
        using var pbx = app.Anonymous();
        (await pbx.NewCall(token, callId, phone)).Expect(200);
        (await pbx.Answer(token, callId, "8002")).Expect(200);
        app.Clock.Advance(TimeSpan.FromHours(2) + TimeSpan.FromSeconds(1));
        await app.SweepCallsAsync();
        var call = await (await app.AsAsync("supervisor")).CallAsync(phone);
        Assert.Equal("timeout", call.GetProperty("cause").GetString());
        Assert.Equal(7200.0, call.GetProperty("talkSeconds").GetDouble());
    }

    [Fact]
    public async Task Tokens_AreForAdmins_AndNamed()
    {
        (await (await app.AsAsync("agent")).Post("/api/v1/cti/tokens", new { name = "x" })).ExpectProblem(403);
        (await (await app.AsAsync("admin")).Post("/api/v1/cti/tokens", new { name = " " })).ExpectProblem(400, "name");
        var list = (await (await app.AsAsync("admin")).Get("/api/v1/cti/tokens")).Expect(200);
        Assert.All(list.Json.EnumerateArray(), s => Assert.Equal(System.Text.Json.JsonValueKind.Null, s.GetProperty("token").ValueKind));
    }

    [Fact]
    public async Task AgentState_ChosenByTheAgent_WaitsDuringACall()
    {
        var token = await CtiHttp.TokenAsync(app);
        var agent = await app.AsAsync("agent2");
        (await agent.Post("/api/v1/agents/me/state", new { state = "ready" })).Expect(200);
        (await agent.Post("/api/v1/agents/me/state", new { state = "break" })).ExpectProblem(400, "reason");
        (await agent.Post("/api/v1/agents/me/state", new { state = "onCall" })).ExpectProblem(400, "state");
        (await agent.Post("/api/v1/agents/me/state", new { state = "dancing" })).ExpectProblem(400, "state");
        (await (await app.AsAsync("dispatcher")).Post("/api/v1/agents/me/state", new { state = "ready" })).ExpectProblem(403);

        var (phone, callId) = CtiHttp.Fresh();
        using var pbx = app.Anonymous();
        (await pbx.NewCall(token, callId, phone)).Expect(200);
        (await pbx.Answer(token, callId, "8002")).Expect(200);
        var chosen = (await agent.Post("/api/v1/agents/me/state", new { state = "break", reason = "用餐" })).Expect(200);
        Assert.Equal("onCall", chosen.Str("state"));
        Assert.Equal("break", chosen.Str("next"));
        app.Clock.Advance(TimeSpan.FromSeconds(40));
        (await pbx.Hangup(token, callId)).Expect(200);
        app.Clock.Advance(TimeSpan.FromSeconds(61));
        await app.SweepCallsAsync();
        var me = (await agent.Get("/api/v1/agents/me")).Expect(200);
        Assert.Equal("break", me.Str("state"));
        Assert.Equal("用餐", me.Str("reason"));
        (await agent.Post("/api/v1/agents/me/state", new { state = "loggedOut" })).Expect(200);
        var agentId = (await agent.Get("/api/v1/agents/me")).Expect(200)["userId"].GetGuid();
        var spans = await app.Db(db => db.AgentStateSpans.Where(s => s.UserId == agentId).OrderBy(s => s.From).ThenBy(s => s.Id).Select(s => new { s.State, s.From, s.To }).ToListAsync());
        var onCall = spans.Last(s => s.State == Lianxin.Core.Calls.AgentState.OnCall);
        Assert.Equal(TimeSpan.FromSeconds(40), onCall.To - onCall.From);
        Assert.Equal(TimeSpan.FromSeconds(60), spans.Last(s => s.State == Lianxin.Core.Calls.AgentState.WrapUp).To - onCall.To);
    }

    [Fact]
    public async Task Callback_TakenByOne_RecordedAttempts_UntilReached()
    {
        var token = await CtiHttp.TokenAsync(app);
        var (phone, callId) = CtiHttp.Fresh();
        using var pbx = app.Anonymous();
        (await pbx.NewCall(token, callId, phone)).Expect(200);
        app.Clock.Advance(TimeSpan.FromSeconds(30));
        (await pbx.Hangup(token, callId)).Expect(200);
        var wang = await app.AsAsync("agent");
        var li = await app.AsAsync("agent2");
        var id = (await wang.Get("/api/v1/callbacks")).Expect(200).Json.EnumerateArray().Single(c => c.GetProperty("phone").GetString() == phone).GetProperty("id").GetGuid();

        var taken = (await wang.Post($"/api/v1/callbacks/{id}/take")).Expect(200);
        Assert.Equal("王晓雯", taken["takenBy"].GetProperty("name").GetString());
        (await li.Post($"/api/v1/callbacks/{id}/take")).ExpectProblem(409);
        (await li.Post($"/api/v1/callbacks/{id}/attempts", new { reached = false })).ExpectProblem(409);
        (await wang.Post($"/api/v1/callbacks/{id}/attempts", new { })).ExpectProblem(400, "reached");
        var missed = (await wang.Post($"/api/v1/callbacks/{id}/attempts", new { reached = false, note = "无人接听" })).Expect(200);
        Assert.Equal("open", missed.Str("status"));
        var reached = (await li.Post($"/api/v1/callbacks/{id}/attempts", new { reached = true, note = "已告知来电人办理进度" })).Expect(200);
        Assert.Equal("reached", reached.Str("outcome"));
        Assert.Equal(2, reached["attempts"].GetArrayLength());
        (await li.Post($"/api/v1/callbacks/{id}/attempts", new { reached = true })).ExpectProblem(409);
        (await (await app.AsAsync("water")).Get("/api/v1/callbacks")).ExpectProblem(403);
    }

    [Fact]
    public async Task Wallboard_CountsTodaysCalls_AndAgents()
    {
        var token = await CtiHttp.TokenAsync(app);
        using var pbx = app.Anonymous();
        var staff = await app.AsAsync("supervisor");
        var before = (await staff.Get("/api/v1/wallboard")).Expect(200);
        var (phone, callId) = CtiHttp.Fresh();
        (await pbx.NewCall(token, callId, phone)).Expect(200);
        var waiting = (await staff.Get("/api/v1/wallboard")).Expect(200);
        Assert.Equal(before["callsWaiting"].GetInt32() + 1, waiting["callsWaiting"].GetInt32());
        app.Clock.Advance(TimeSpan.FromSeconds(4));
        (await pbx.Answer(token, callId, "8001")).Expect(200);
        (await pbx.Hangup(token, callId)).Expect(200);
        var after = (await staff.Get("/api/v1/wallboard")).Expect(200);
        Assert.Equal(before["offeredToday"].GetInt32() + 1, after["offeredToday"].GetInt32());
        Assert.Equal(before["answeredToday"].GetInt32() + 1, after["answeredToday"].GetInt32());
        Assert.True(after["agentsOnline"].GetInt32() >= 1);
        Assert.True(after["curve"].GetArrayLength() >= 1);
        (await (await app.AsAsync("water")).Get("/api/v1/wallboard")).ExpectProblem(403);
    }

    [Fact]
    public async Task CallLog_FiltersAndPages_AndRefusesBadQueries()
    {
        var staff = await app.AsAsync("supervisor");
        (await staff.Get("/api/v1/calls?from=yesterday")).ExpectProblem(400, "from");
        (await staff.Get("/api/v1/calls?outcome=lost")).ExpectProblem(400, "outcome");
        (await staff.Get("/api/v1/calls?limit=0")).ExpectProblem(400, "limit");
        (await staff.Get("/api/v1/calls?cursor=abc")).ExpectProblem(400, "cursor");
        (await (await app.AsAsync("water")).Get("/api/v1/calls")).ExpectProblem(403);

        var token = await CtiHttp.TokenAsync(app);
        using var pbx = app.Anonymous();
        var (phone, _) = CtiHttp.Fresh();
        for (var i = 0; i < 3; i++)
        {
            var id = $"page-{i}-{Guid.NewGuid():N}";
            (await pbx.NewCall(token, id, phone)).Expect(200);
            app.Clock.Advance(TimeSpan.FromSeconds(20));
            (await pbx.Hangup(token, id)).Expect(200);
        }

        var first = (await staff.Get($"/api/v1/calls?phone=%2B86{phone}&limit=2&outcome=abandoned")).Expect(200);
        Assert.Equal(2, first["items"].GetArrayLength());
        var second = (await staff.Get($"/api/v1/calls?phone={phone}&limit=2&cursor={Uri.EscapeDataString(first.Str("nextCursor")!)}")).Expect(200);
        Assert.Single(second["items"].EnumerateArray());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, second["nextCursor"].ValueKind);
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().AddHours(8).DateTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(3, (await staff.Get($"/api/v1/calls?phone={phone}&from={today}&to={today}")).Expect(200)["items"].GetArrayLength());
    }
}

public sealed class CtiTestsOnSqlite(SqliteApp app) : CtiTests(app), IClassFixture<SqliteApp>;

public sealed class CtiTestsOnPostgres(PostgresApp app) : CtiTests(app), IClassFixture<PostgresApp>;
