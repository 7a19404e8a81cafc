using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Lianxin.Core.Calendars;
using Lianxin.Core.Calls;
using Lianxin.Core.Common;
using Lianxin.Core.Data;
using Lianxin.Core.Identity;
using Lianxin.Web.Api;
using Lianxin.Web.Identity;
using Lianxin.Web.WorkOrders;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lianxin.Web.Calls;

public sealed record PhoneSystemRequest(string? Name);

public sealed record PhoneSystemResponse(Guid Id, string Name, DateTimeOffset CreatedAt, bool IsActive, string? Token);

public sealed record CallResponse(
    Guid Id, string CallId, CallDirection Direction, string? From, string? To, string? Queue, DateTimeOffset OfferedAt, DateTimeOffset? AnsweredAt,
    DateTimeOffset? EndedAt, double? WaitSeconds, double? TalkSeconds, string? Cause, string? Extension, ActorRefOrNull? Agent, CallOutcome? Outcome,
    LossCategory? LossCategory, IReadOnlyList<LinkedOrder> WorkOrders)
{
    public static CallResponse Of(CallRow c) => new(
        c.Id, c.ExternalId, c.Direction, c.From, c.To, c.Queue, WorkOrderResponse.Utc(c.OfferedAt), WorkOrderResponse.Utc(c.AnsweredAt), WorkOrderResponse.Utc(c.EndedAt),
        c.WaitSeconds is { } w ? Math.Round(w, 1) : null, c.TalkSeconds is { } t ? Math.Round(t, 1) : null, c.Cause, c.Extension,
        c.AgentId is { } a ? new ActorRefOrNull(a, c.AgentName) : null, c.Outcome, c.Loss, c.Orders);
}

public sealed record ActorRefOrNull(Guid Id, string? Name);

public sealed record CallPageResponse(IReadOnlyList<CallResponse> Items, string? NextCursor);

public sealed record AgentResponse(Guid UserId, string Name, string? Extension, AgentState State, string? Reason, DateTimeOffset Since, DateTimeOffset? WrapUpEndsAt, AgentState? Next)
{
    public static AgentResponse From(AgentRow a) =>
        new(a.UserId, a.Name, a.Extension, a.State, a.Reason, WorkOrderResponse.Utc(a.Since), WorkOrderResponse.Utc(a.WrapUpEndsAt), a.Next);
}

public sealed record AgentStateRequest(string? State, string? Reason);

public sealed record CallbackResponse(
    Guid Id, string Phone, DateTimeOffset FirstMissedAt, DateTimeOffset LastMissedAt, int MissedCalls, DateTimeOffset DueAt, bool Overdue, CallbackStatus Status,
    CallbackOutcome? Outcome, DateTimeOffset? DoneAt, ActorRefOrNull? TakenBy, DateTimeOffset? TakenUntil, IReadOnlyList<CallbackAttemptResponse> Attempts, int Version)
{
    public static CallbackResponse From(CallbackRow c) => new(
        c.Id, c.Phone, WorkOrderResponse.Utc(c.FirstMissedAt), WorkOrderResponse.Utc(c.LastMissedAt), c.MissedCalls, WorkOrderResponse.Utc(c.DueAt), c.Overdue, c.Status,
        c.Outcome, WorkOrderResponse.Utc(c.DoneAt), c.TakenBy is { } t ? new ActorRefOrNull(t, c.TakenByName) : null, WorkOrderResponse.Utc(c.TakenUntil),
        [.. c.Attempts.Select(a => new CallbackAttemptResponse(new ActorRefOrNull(a.AgentId, a.AgentName), WorkOrderResponse.Utc(a.At), a.Reached, a.Note))], c.Version);
}

public sealed record CallbackAttemptResponse(ActorRefOrNull Agent, DateTimeOffset At, bool Reached, string? Note);

public sealed record CallbackAttemptRequest(bool? Reached, string? Note);

public sealed record QueueWaitingResponse(string? Queue, int Waiting, double LongestWaitSeconds);

public sealed record WallboardIntervalResponse(DateTimeOffset Start, int Offered, int Answered, int Abandoned, double? ServiceLevel);

/// <summary>API.md's wallboard figures, then what the board page draws.</summary>
public sealed record WallboardResponse(
    int AgentsOnline, int OnCall, int WrapUp, int Ready, int CallsWaiting, int OfferedToday, int AnsweredToday, int AbandonedToday,
    double? AnswerRate, double? ServiceLevel15s, double? AverageWaitSeconds, double? AverageTalkSeconds,
    int NotReady, int OnBreak, double? LongestWaitSeconds, int ShortAbandonsToday, int CallbacksOpen, int CallbacksOverdue, int ServiceTargetSeconds,
    DateTimeOffset At, IReadOnlyList<WallboardIntervalResponse> Curve, IReadOnlyList<AgentResponse> Agents, IReadOnlyList<QueueWaitingResponse> Queues)
{
    public static WallboardResponse From(WallboardFigures w) => new(
        w.AgentsOnline, w.OnCall, w.WrapUp, w.Ready, w.CallsWaiting, w.Today.Offered, w.Today.Answered, w.Today.Abandoned,
        w.Today.AnswerRate, w.Today.ServiceLevel, w.Today.AverageSpeedOfAnswerSeconds, w.Today.AverageTalkSeconds,
        w.NotReady, w.OnBreak, w.LongestWaitSeconds, w.Today.ShortAbandons, w.CallbacksOpen, w.CallbacksOverdue, w.ServiceTargetSeconds,
        WorkOrderResponse.Utc(w.At), [.. w.Curve.Select(i => new WallboardIntervalResponse(WorkOrderResponse.Utc(i.Start), i.Offered, i.Answered, i.Abandoned, i.ServiceLevel))],
        [.. w.Agents.Select(AgentResponse.From)], [.. (w.Queues ?? []).Select(q => new QueueWaitingResponse(q.Queue, q.Waiting, q.LongestWaitSeconds))]);
}

public sealed record CallOrderRequest(Guid? WorkOrderId);

public sealed record BlockedNumberRequest(string? Phone, string? Note);

public sealed record BlockedNumberResponse(string Phone, string? Note, DateTimeOffset CreatedAt);

/// <summary>The call centre over HTTP (API.md): phone-system events, the call log, agents, callbacks and the board.</summary>
public static class CallCentreEndpoints
{
    public static IEndpointRouteBuilder MapCallCentreEndpoints(this IEndpointRouteBuilder app)
    {
        var cti = app.MapGroup("/api/v1/cti").WithTags("Call centre");
        cti.MapPost("/tokens", CreateToken).RequireAuthorization().WithSummary("Add a phone system and get its CTI token, shown once (admin)")
            .WithDescription("Body: {name} (≤ 64). Answers 201 {id, name, token}: the phone system posts its events to /api/v1/cti/{token}.");
        cti.MapGet("/tokens", ListTokens).RequireAuthorization().WithSummary("The phone systems (admin); tokens are not shown again");
        cti.MapPost("/{token}", Ingest).AllowAnonymous().DisableAntiforgery()
            .WithSummary("A phone-system event in Zammad's generic CTI shape (form-encoded or JSON)")
            .WithDescription("Fields: event=newCall|answer|hangup, callId (≤ 250), direction=in|out (required on newCall), from and to (required on newCall), "
                + "user (or user[]), queue, answeringNumber, cause. Numbers are normalised for China. The agent is the user whose extension, login or name "
                + "answeringNumber (else user) gives. Answers 200 {} once the event is stored; a repeated event changes nothing and answers the same; "
                + "a newCall from a blocked number answers {\"action\":\"reject\",\"reason\":\"busy\"}. An unknown token is 404 and stores nothing.");

        var calls = app.MapGroup("/api/v1/calls").WithTags("Call centre").RequireAuthorization();
        calls.MapGet("/", List).WithSummary("The call log, newest first (centre staff)")
            .WithDescription("?from=&to= (yyyy-MM-dd local days, or ISO instants; to is exclusive for instants, inclusive for days), phone=, agentId=, "
                + "outcome=answered|abandoned|shortAbandon|unanswered|rejected, direction=in|out, limit (1–200, default 50), cursor.");
        calls.MapPost("/{id:guid}/work-orders", Link).WithSummary("Link a work order to the call it was registered or answered in (centre staff)");

        var agents = app.MapGroup("/api/v1/agents").WithTags("Call centre").RequireAuthorization();
        agents.MapGet("/", Agents).WithSummary("Every agent and their state (centre staff)");
        agents.MapGet("/me", Me).WithSummary("The signed-in agent's own state");
        agents.MapPost("/me/state", ChooseState).WithSummary("Set your own state: ready (示闲), notReady (示忙), break (小休, with a reason), loggedOut (签出)")
            .WithDescription("Body: {state, reason?}. During a call or its wrap-up the choice waits until the call's work is done (ready ends wrap-up at once). "
                + "Signing in is choosing ready or notReady. onCall and wrapUp are set by the phone system. Agents only.");

        var callbacks = app.MapGroup("/api/v1/callbacks").WithTags("Call centre").RequireAuthorization();
        callbacks.MapGet("/", Callbacks).WithSummary("漏接回拨: open items, most urgent first (?open=false: the done ones, newest first); limit ≤ 500");
        callbacks.MapPost("/{id:guid}/take", Take).WithSummary("Take an item to ring back: others see it taken for 5 minutes (agent, supervisor)");
        callbacks.MapPost("/{id:guid}/attempts", Attempt).WithSummary("Record a ring-back: {reached, note?} (agent, supervisor)")
            .WithDescription("Reached closes the item; not reached leaves it for another try 10 minutes later, until the attempts (3) run out (unreachable).");

        app.MapGet("/api/v1/wallboard", Wallboard).WithTags("Call centre").RequireAuthorization().WithSummary("The live board's figures (centre staff)")
            .WithDescription("API.md's figures for today (since local midnight), then what the board draws: agents not ready and on break, the longest wait, "
                + "short abandons, callbacks open and overdue, the curve per 30 minutes, the agents, and callers waiting per queue (queues: [{queue, waiting, longestWaitSeconds}]).");

        var blocked = app.MapGroup("/api/v1/blocked-numbers").WithTags("Call centre").RequireAuthorization();
        blocked.MapGet("/", Blocked).WithSummary("Numbers turned away at newCall (admin, supervisor)");
        blocked.MapPost("/", Block).WithSummary("Block a number: {phone, note?} (admin, supervisor)");
        blocked.MapDelete("/{phone}", Unblock).WithSummary("Unblock a number (admin, supervisor)");
        return app;
    }

    private static async Task<IResult> Ingest(string token, HttpContext http, PhoneSystemTokens tokens, CtiIngest ingest, LianxinDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (await tokens.FindAsync(db, token, ct) is not { } system)
        {
            return Problems.Result(http, 404, new Text("未知的话务系统令牌。", "Unknown phone-system token."), "unknown-token");
        }

        var fields = await ReadFieldsAsync(http, ct);
        var e = CtiEvent.Parse(fields, clock.GetUtcNow().UtcDateTime, await tokens.LocalAreaCodeAsync(db, ct));
        var reply = await ingest.SubmitAsync(system, e, JsonSerializer.Serialize(fields), ct);
        return reply.Reject ? TypedResults.Ok(new { action = "reject", reason = "busy" }) : TypedResults.Ok(new { });
    }

    /// <summary>The posted fields as strings, from a form or a flat JSON object (numbers and booleans as their text, a list as its first item).</summary>
    private static async Task<Dictionary<string, string?>> ReadFieldsAsync(HttpContext http, CancellationToken ct)
    {
        var request = http.Request;
        var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (request.HasFormContentType)
        {
            foreach (var (key, value) in await request.ReadFormAsync(ct))
            {
                fields[key] = value.Count > 0 ? value[0] : null;
            }

            return fields;
        }

        if (!request.HasJsonContentType())
        {
            throw new BadHttpRequestException("Expected form-encoded fields or a JSON object.", 415);
        }

        JsonDocument doc;
        try
        {
            doc = await JsonDocument.ParseAsync(request.Body, default, ct);
        }
        catch (JsonException ex)
        {
            throw new BadHttpRequestException("Failed to read the request body as JSON.", 400, ex);
        }

        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw ValidationFailedException.For("body", new Text("请求体应为 JSON 对象。", "The body must be a JSON object."));
            }

            foreach (var p in doc.RootElement.EnumerateObject())
            {
                var value = p.Value.ValueKind == JsonValueKind.Array ? p.Value.EnumerateArray().FirstOrDefault() : p.Value;
                fields[p.Name] = value.ValueKind switch
                {
                    JsonValueKind.String => value.GetString(),
                    JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
                    _ => null,
                };
            }
        }

        return fields;
    }

    private static async Task<Created<PhoneSystemResponse>> CreateToken(PhoneSystemRequest? request, ClaimsPrincipal principal, CreatePhoneSystem create, CancellationToken ct)
    {
        var (system, token) = await create.ExecuteAsync(principal.ToActor(), request?.Name, ct);
        return TypedResults.Created($"/api/v1/cti/tokens/{system.Id}", new PhoneSystemResponse(system.Id, system.Name, WorkOrderResponse.Utc(system.CreatedAt), system.IsActive, token));
    }

    private static async Task<Ok<List<PhoneSystemResponse>>> ListTokens(ClaimsPrincipal principal, LianxinDbContext db, CancellationToken ct)
    {
        principal.ToActor().Require(Role.Admin, new Text("查看话务系统", "see the phone systems"));
        var systems = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(db.PhoneSystems.OrderBy(s => s.CreatedAt), ct);
        return TypedResults.Ok(systems.Select(s => new PhoneSystemResponse(s.Id, s.Name, WorkOrderResponse.Utc(s.CreatedAt), s.IsActive, null)).ToList());
    }

    private static async Task<Ok<CallPageResponse>> List(
        HttpRequest http, ClaimsPrincipal principal, ListCalls list, CentreCalendar calendar, LianxinDbContext db, CancellationToken ct)
    {
        var q = http.Query;
        var zone = TimeZoneInfo.FindSystemTimeZoneById((await calendar.SettingsAsync(db, ct)).TimeZone);
        var v = new Validator();
        var from = Instant(v, q["from"], "from", zone, endOfDay: false);
        var to = Instant(v, q["to"], "to", zone, endOfDay: true);
        Guid? agent = null;
        if (!string.IsNullOrEmpty(q["agentId"]))
        {
            v.When(!Guid.TryParse(q["agentId"], out var a), "agentId", new Text("应为用户 ID。", "Must be a user id."));
            agent = a == Guid.Empty ? null : a;
        }

        var outcome = Enum<CallOutcome>(v, q["outcome"], "outcome");
        var direction = Enum<CallDirection>(v, q["direction"], "direction");
        var limit = 50;
        v.When(!string.IsNullOrEmpty(q["limit"]) && (!int.TryParse(q["limit"], CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > ListCalls.MaxLimit),
            "limit", new Text($"应为 1–{ListCalls.MaxLimit}。", $"Must be 1–{ListCalls.MaxLimit}."));
        v.MaxLength("phone", q["phone"], 40);
        v.ThrowIfInvalid();
        var page = await list.ExecuteAsync(principal.ToActor(), new CallFilter(from, to, q["phone"], agent, outcome, direction), limit, q["cursor"], ct);
        return TypedResults.Ok(new CallPageResponse([.. page.Items.Select(CallResponse.Of)], page.NextCursor));
    }

    private static DateTime? Instant(Validator v, string? text, string field, TimeZoneInfo zone, bool endOfDay)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            var local = (endOfDay ? day.AddDays(1) : day).ToDateTime(TimeOnly.MinValue);
            return TimeZoneInfo.ConvertTimeToUtc(local, zone);
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) && text.Contains('T', StringComparison.Ordinal))
        {
            return at.UtcDateTime;
        }

        v.Add(field, new Text("应为 yyyy-MM-dd 日期或 ISO 8601 时间。", "Must be a yyyy-MM-dd date or an ISO 8601 instant."));
        return null;
    }

    private static T? Enum<T>(Validator v, string? text, string field)
        where T : struct, System.Enum
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (System.Enum.TryParse<T>(text, ignoreCase: true, out var value) && !int.TryParse(text, out _))
        {
            return value;
        }

        var names = string.Join(", ", System.Enum.GetNames<T>().Select(JsonNamingPolicy.CamelCase.ConvertName));
        v.Add(field, new Text($"应为 {names} 之一。", $"Must be one of {names}."));
        return null;
    }

    private static async Task<IResult> Link(Guid id, CallOrderRequest? request, ClaimsPrincipal principal, LinkCallToOrder link, CancellationToken ct)
    {
        new Validator().Required("workOrderId", request?.WorkOrderId).ThrowIfInvalid();
        await link.ExecuteAsync(principal.ToActor(), id, request!.WorkOrderId!.Value, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<List<AgentResponse>>> Agents(ClaimsPrincipal principal, ListAgents agents, CancellationToken ct) =>
        TypedResults.Ok((await agents.ExecuteAsync(principal.ToActor(), ct)).Select(AgentResponse.From).ToList());

    private static async Task<IResult> Me(HttpContext http, ClaimsPrincipal principal, GetMyPresence me, CancellationToken ct) =>
        await me.ExecuteAsync(principal.ToActor(), ct) is { } row
            ? TypedResults.Ok(AgentResponse.From(row))
            : Problems.Result(http, 403, new Text("您不是坐席，没有话务状态。", "You are not an agent and have no phone state."), "not-an-agent");

    private static async Task<Ok<AgentResponse>> ChooseState(AgentStateRequest? request, ClaimsPrincipal principal, CtiIngest ingest, GetMyPresence me, CancellationToken ct)
    {
        var v = new Validator();
        var state = Enum<AgentState>(v, request?.State, "state");
        v.When(request?.State is null, "state", new Text("必填：ready、notReady、break 或 loggedOut。", "Required: ready, notReady, break or loggedOut."));
        v.ThrowIfInvalid();
        var actor = principal.ToActor();
        await ingest.ChooseStateAsync(actor, state!.Value, request!.Reason, ct);
        return TypedResults.Ok(AgentResponse.From((await me.ExecuteAsync(actor, ct))!));
    }

    private static async Task<Ok<List<CallbackResponse>>> Callbacks(HttpRequest http, ClaimsPrincipal principal, ListCallbacks list, CancellationToken ct)
    {
        var v = new Validator();
        var open = true;
        v.When(!string.IsNullOrEmpty(http.Query["open"]) && !bool.TryParse(http.Query["open"], out open), "open", new Text("应为 true 或 false。", "Must be true or false."));
        var limit = 200;
        v.When(!string.IsNullOrEmpty(http.Query["limit"]) && (!int.TryParse(http.Query["limit"], CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > 500),
            "limit", new Text("应为 1–500。", "Must be 1–500."));
        v.ThrowIfInvalid();
        return TypedResults.Ok((await list.ExecuteAsync(principal.ToActor(), open, limit, ct)).Select(CallbackResponse.From).ToList());
    }

    private static async Task<Ok<CallbackResponse>> Take(Guid id, ClaimsPrincipal principal, WorkCallback work, CancellationToken ct) =>
        TypedResults.Ok(CallbackResponse.From(await work.TakeAsync(principal.ToActor(), id, ct)));

    private static async Task<Ok<CallbackResponse>> Attempt(Guid id, CallbackAttemptRequest? request, ClaimsPrincipal principal, WorkCallback work, CancellationToken ct)
    {
        new Validator().Required("reached", request?.Reached).ThrowIfInvalid();
        return TypedResults.Ok(CallbackResponse.From(await work.RecordAttemptAsync(principal.ToActor(), id, request!.Reached!.Value, request.Note, ct)));
    }

    private static async Task<Ok<WallboardResponse>> Wallboard(ClaimsPrincipal principal, GetWallboard board, CancellationToken ct) =>
        TypedResults.Ok(WallboardResponse.From(await board.ExecuteAsync(principal.ToActor(), ct)));

    private static async Task<Ok<List<BlockedNumberResponse>>> Blocked(ClaimsPrincipal principal, BlockedNumbers numbers, CancellationToken ct) =>
        TypedResults.Ok((await numbers.ListAsync(principal.ToActor(), ct)).Select(b => new BlockedNumberResponse(b.Phone, b.Note, WorkOrderResponse.Utc(b.CreatedAt))).ToList());

    private static async Task<Created<BlockedNumberResponse>> Block(BlockedNumberRequest? request, ClaimsPrincipal principal, BlockedNumbers numbers, CancellationToken ct)
    {
        var b = await numbers.BlockAsync(principal.ToActor(), request?.Phone, request?.Note, ct);
        return TypedResults.Created($"/api/v1/blocked-numbers/{b.Phone}", new BlockedNumberResponse(b.Phone, b.Note, WorkOrderResponse.Utc(b.CreatedAt)));
    }

    private static async Task<NoContent> Unblock(string phone, ClaimsPrincipal principal, BlockedNumbers numbers, CancellationToken ct)
    {
        await numbers.UnblockAsync(principal.ToActor(), phone, ct);
        return TypedResults.NoContent();
    }
}
