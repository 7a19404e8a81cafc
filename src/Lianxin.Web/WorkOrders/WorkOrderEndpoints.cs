using System.Security.Claims;
using Lianxin.Core.Common;
using Lianxin.Core.Data;
using Lianxin.Core.Dispatch;
using Lianxin.Core.Identity;
using Lianxin.Core.Organization;
using Lianxin.Core.ReturnVisits;
using Lianxin.Core.Supervision;
using Lianxin.Core.WorkOrders;
using Lianxin.Web.Api;
using Lianxin.Web.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Lianxin.Web.WorkOrders;

public static class WorkOrderEndpoints
{
    public static IEndpointRouteBuilder MapWorkOrderEndpoints(this IEndpointRouteBuilder app)
    {
        var orders = app.MapGroup("/api/v1/work-orders").WithTags("Work orders").RequireAuthorization();

        orders.MapPost("/", Register).WithIdempotency()
            .WithSummary("Register an order (受理)").WithDescription("agent, dispatcher or supervisor. Answers 201 with the order and a Location header.");
        orders.MapGet("/", List).WithSummary("List orders, newest first, keyset-paged")
            .WithDescription("Filters: status, unitId, q (number prefix, or text in title/description/address), phone, categoryId, regionCode, demandType, urgency, channel, from/to (yyyy-MM-dd in the centre's time zone, or ISO 8601 instants; `to` dates are inclusive). A unit's handlers see only their unit's orders.");
        orders.MapGet("/export.csv", Export).Produces(200, contentType: "text/csv")
            .WithSummary("Export the listed orders as CSV (导出), with the list's filters")
            .WithDescription("UTF-8 with BOM for spreadsheets; column names in Chinese (English with Accept-Language: en). At most 10,000 rows, newest first; when cut short the response carries X-Lianxin-Truncated: true. A unit's handlers export only their unit's orders, with confidential requesters masked; cells starting with =, +, - or @ are prefixed with an apostrophe.");
        orders.MapGet("/{id:guid}", Get).WithSummary("One order with its assignments and pending requests; ETag is its version");
        orders.MapGet("/{id:guid}/history", History).WithSummary("The order's immutable history, oldest first");
        orders.MapGet("/{id:guid}/visits", Visits).WithSummary("Return-visit attempts and ratings");
        orders.MapGet("/{id:guid}/supervisions", Supervisions).WithSummary("催办 and 督办 records of the order");

        Action(orders, "answer-directly", "Answer on the call and close (直接答复); agent or dispatcher",
            (AnswerRequest r) => new Validator().Required("answer", r.Answer, WorkOrder.MaxTextLength),
            (o, a, now, r) => o.AnswerDirectly(a, now, r.Answer!.Trim()));
        Action(orders, "not-accept", "Refuse as out of scope (不予受理); agent or dispatcher",
            (NotAcceptRequest r) => new Validator().Required("reason", r.Reason, WorkOrder.MaxTextLength),
            (o, a, now, r) => o.NotAccept(a, now, r.Reason!.Trim()));
        orders.MapPost("/{id:guid}/dispatch", Dispatch).WithIdempotency().WithSummary("Dispatch to one lead unit and any assist units (派单); dispatcher");
        Action(orders, "accept", "Sign for the order (签收); handler of an assigned unit",
            (EmptyBody _) => new Validator(), (o, a, now, _) => o.Accept(a, now), allowEmptyBody: true);
        orders.MapPost("/{id:guid}/return", RequestReturn).WithIdempotency()
            .WithSummary("Ask to return the order (退回) with reason and basis; handler of an assigned unit")
            .WithDescription("reasonCode, when given, is one of the centre's active return reasons (GET /api/v1/return-reasons). A first-level hop's return goes to the centre's dispatcher; a lower hop's to the unit that passed it down.");
        Action(orders, "return/decision", "Approve or reject a pending return; the dispatcher for a first-level hop, the handler of the unit above for a lower hop",
            (DecisionRequest r) => Checked(() => r.Validated()),
            (o, a, now, r) => o.DecideReturn(a, now, r.Approve!.Value, r.Note, r.AssignmentId));
        ActionWithId(orders, "extension", "Ask for more working days (延期); handler of an assigned unit",
            (ExtensionRequestBody r) => new Validator().Required("workingDays", r.WorkingDays).Range("workingDays", r.WorkingDays, 1, ExtensionRequest.MaxWorkingDays)
                .Required("reason", r.Reason, ExtensionRequest.MaxReasonLength),
            (o, a, now, r, newId) => o.RequestExtension(a, now, r.WorkingDays!.Value, r.Reason!.Trim(), newId));
        Action(orders, "extension/decision", "Approve or reject a pending extension; dispatcher",
            (DecisionRequest r) => Checked(() => r.Validated()),
            (o, a, now, r) => o.DecideExtension(a, now, r.Approve!.Value, r.Note, r.AssignmentId));
        Action(orders, "reply", "Reply with the result (答复); handler of the lead or an assist unit",
            (ReplyRequest r) => new Validator().Required("result", r.Result, WorkOrder.MaxTextLength).Required("solved", r.Solved),
            (o, a, now, r) => o.Reply(a, now, r.Result!.Trim(), r.Solved!.Value));
        Action(orders, "review", "Approve the reply (closed) or send it back to the unit (审核); dispatcher",
            (DecisionRequest r) => Checked(() => r.Validated(noteRequiredOnReject: true)),
            (o, a, now, r) => o.Review(a, now, r.Approve!.Value, r.Note));
        ActionWithId(orders, "visit", "Record a return visit (回访); visitor",
            (VisitRequest r) => new Validator().Required("reached", r.Reached).MaxLength("comment", r.Comment, ReturnVisit.MaxCommentLength)
                .When(r.Reached == true && r.Solved is null, "solved", new Text("联系上市民时必填。", "Required when the requester was reached."))
                .When(r.Reached == true && r.Satisfaction is null, "satisfaction", new Text("联系上市民时必填。", "Required when the requester was reached.")),
            (o, a, now, r, newId) => o.RecordVisit(a, now, r.Reached!.Value, r.Solved, r.Satisfaction, r.Comment?.Trim(), newId));
        Action(orders, "archive", "Archive a closed order that needs no visit, or a refused one (归档); visitor, dispatcher or supervisor",
            (NoteRequest r) => new Validator().MaxLength("note", r.Note, WorkOrder.MaxNoteLength),
            (o, a, now, r) => o.Archive(a, now, r.Note?.Trim()), allowEmptyBody: true);
        ActionWithId(orders, "urge", "Urge the unit holding the order (催办); supervisor or dispatcher",
            (NoteRequest r) => new Validator().Required("note", r.Note, SupervisionRecord.MaxNoteLength),
            (o, a, now, r, newId) => o.Urge(a, now, r.Note!.Trim(), newId));
        orders.MapPost("/{id:guid}/supervise", Supervise).WithIdempotency()
            .WithSummary("Open a supervision needing the unit's written reply (督办); supervisor")
            .WithDescription("The reply is due at replyDueAt, or by default at the end of the second working day.");
        Action(orders, "contact", "Record that the unit contacted the requester (联系; meets the contact deadline); handler of an assigned unit",
            (NoteRequest r) => new Validator().MaxLength("note", r.Note, WorkOrder.MaxNoteLength),
            (o, a, now, r) => o.RecordContact(a, now, r.Note?.Trim()), allowEmptyBody: true);
        ActionWithId(orders, "suspend", "Pause the clocks while waiting for the requester (挂起); dispatcher or supervisor",
            (ReasonRequest r) => new Validator().Required("reason", r.Reason, WorkOrderSuspension.MaxReasonLength),
            (o, a, now, r, newId) => o.Suspend(a, now, r.Reason!.Trim(), newId));
        Action(orders, "resume", "Start the clocks again; every deadline moves by the paused time (恢复); dispatcher or supervisor",
            (NoteRequest r) => new Validator().MaxLength("note", r.Note, WorkOrder.MaxNoteLength),
            (o, a, now, r) => o.Resume(a, now, r.Note?.Trim()), allowEmptyBody: true);
        orders.MapPost("/{id:guid}/supervisions/{supervisionId:guid}/reply", ReplyToSupervision).WithIdempotency()
            .WithSummary("The unit's written reply to a 督办; handler of the addressed unit");
        orders.MapPost("/{id:guid}/redispatch", Redispatch).WithIdempotency()
            .WithSummary("Pass your unit's part down to a unit below it (转派); handler of a sub-centre or street office")
            .WithDescription("role lead (default): the unit below takes over your part and replies to you; role assist: it helps with your part. A pending hop passed down counts as signed for.");
        Action(orders, "send-back", "Send a lower hop's reply back down to it (发回重办); handler of the unit that passed it down",
            (AssignmentNoteRequest r) => new Validator().Required("assignmentId", r.AssignmentId).Required("note", r.Note, WorkOrder.MaxNoteLength),
            (o, a, now, r) => o.SendBack(a, now, r.AssignmentId!.Value, r.Note!.Trim()));
        Action(orders, "recall", "Take back a hop your unit passed down (收回); handler of the unit that passed it down",
            (AssignmentNoteRequest r) => new Validator().Required("assignmentId", r.AssignmentId).Required("note", r.Note, WorkOrder.MaxNoteLength),
            (o, a, now, r) => o.Recall(a, now, r.AssignmentId!.Value, r.Note!.Trim()));
        Action(orders, "release-assists", "Let the lead reply without waiting for its assists (解除等待协办); dispatcher",
            (NoteRequest r) => new Validator().MaxLength("note", r.Note, WorkOrder.MaxNoteLength),
            (o, a, now, r) => o.ReleaseAssists(a, now, r.Note?.Trim()), allowEmptyBody: true);
        orders.MapPost("/{id:guid}/merge", Merge).WithIdempotency().WithSummary("Merge this order into another (并单); dispatcher");
        return app;
    }

    /// <summary>Stands for "no body needed" on actions such as accept; an empty or {} body is fine.</summary>
    public sealed record EmptyBody;

    private delegate void Apply<TBody>(WorkOrder order, Actor actor, DateTime now, TBody body);

    private delegate void ApplyWithId<TBody>(WorkOrder order, Actor actor, DateTime now, TBody body, Guid newId);

    private static Validator Checked(Action validate)
    {
        validate();
        return new Validator();
    }

    private static void Action<TBody>(RouteGroupBuilder group, string route, string summary, Func<TBody, Validator> validate, Apply<TBody> apply, bool allowEmptyBody = false)
        where TBody : class =>
        ActionWithId<TBody>(group, route, summary, validate, (o, a, now, body, _) => apply(o, a, now, body), allowEmptyBody);

    private static void ActionWithId<TBody>(RouteGroupBuilder group, string route, string summary, Func<TBody, Validator> validate, ApplyWithId<TBody> apply, bool allowEmptyBody = false)
        where TBody : class
    {
        var handler = async Task<Ok<WorkOrderResponse>> (
            Guid id, HttpContext http, ClaimsPrincipal principal, ActOnWorkOrder act, Responses responses, TimeProvider clock, CancellationToken ct) =>
        {
            var body = await ReadBodyAsync<TBody>(http, allowEmptyBody, ct);
            validate(body).ThrowIfInvalid();
            var actor = principal.ToActor();
            var order = await act.ExecuteAsync(id, actor, Versions.FromIfMatch(http), (o, now) => apply(o, actor, now, body, Ids.New(clock)), ct);
            return await responses.OrderAsync(http, order, actor, ct);
        };
        group.MapPost($"/{{id:guid}}/{route}", handler)
            .Accepts<TBody>("application/json")
            .WithIdempotency()
            .WithSummary(summary);
    }

    /// <summary>
    /// Reads the JSON body through the same serializer and error path as bound bodies; actions like
    /// accept may come with no body at all.
    /// </summary>
    internal static async Task<TBody> ReadBodyAsync<TBody>(HttpContext http, bool allowEmpty, CancellationToken ct)
        where TBody : class
    {
        var request = http.Request;
        var hasBody = request.ContentLength > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);
        if (!hasBody)
        {
            return allowEmpty
                ? (TBody)(typeof(TBody) == typeof(EmptyBody) ? new EmptyBody() : Activator.CreateInstance(typeof(TBody), new object?[typeof(TBody).GetConstructors()[0].GetParameters().Length])!)
                : throw new BadHttpRequestException("Required request body is missing or empty.", 400);
        }

        if (!request.HasJsonContentType())
        {
            throw new BadHttpRequestException("Expected a supported JSON media type.", 415);
        }

        var options = http.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        try
        {
            return await request.ReadFromJsonAsync<TBody>(options, ct)
                ?? throw new BadHttpRequestException("Required request body is missing or empty.", 400);
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw new BadHttpRequestException("Failed to read the request body as JSON.", 400, ex);
        }
    }

    private static async Task<Created<WorkOrderResponse>> Register(
        CreateWorkOrderRequest request, HttpContext http, ClaimsPrincipal principal, RegisterWorkOrder register, Responses responses, CancellationToken ct)
    {
        var actor = principal.ToActor();
        var order = await register.ExecuteAsync(request.Validated(), actor, ct);
        var body = await responses.OrderAsync(http, order, actor, ct);
        return TypedResults.Created($"/api/v1/work-orders/{order.Id}", body.Value);
    }

    private static async Task<Ok<WorkOrderResponse>> Get(Guid id, HttpContext http, ClaimsPrincipal principal, GetWorkOrder get, Responses responses, CancellationToken ct)
    {
        var actor = principal.ToActor();
        var order = await get.ExecuteAsync(id, actor, ct);
        return await responses.OrderAsync(http, order, actor, ct);
    }

    private static async Task<Ok<List<HistoryEventResponse>>> History(
        Guid id, ClaimsPrincipal principal, GetWorkOrder get, ReferenceData refs, LianxinDbContext db, CancellationToken ct)
    {
        var events = await get.HistoryAsync(id, principal.ToActor(), ct);
        var snapshot = await refs.GetAsync(db, ct);
        return TypedResults.Ok(events.Select(e => HistoryEventResponse.From(e, snapshot)).ToList());
    }

    private static async Task<Ok<List<VisitResponse>>> Visits(Guid id, ClaimsPrincipal principal, GetWorkOrder get, LianxinDbContext db, CancellationToken ct)
    {
        await get.ExecuteAsync(id, principal.ToActor(), ct);
        var visits = await db.ReturnVisits.AsNoTracking().Where(v => v.WorkOrderId == id).OrderBy(v => v.At).ToListAsync(ct);
        return TypedResults.Ok(visits.Select(VisitResponse.From).ToList());
    }

    private static async Task<Ok<List<SupervisionResponse>>> Supervisions(
        Guid id, ClaimsPrincipal principal, GetWorkOrder get, ReferenceData refs, LianxinDbContext db, TimeProvider clock, CancellationToken ct)
    {
        await get.ExecuteAsync(id, principal.ToActor(), ct);
        var snapshot = await refs.GetAsync(db, ct);
        var records = await db.SupervisionRecords.AsNoTracking().Where(s => s.WorkOrderId == id).OrderBy(s => s.CreatedAt).ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        return TypedResults.Ok(records.Select(s => SupervisionResponse.From(s, snapshot, now)).ToList());
    }

    private static async Task<Ok<Page<WorkOrderListItem>>> List(
        HttpContext http, ClaimsPrincipal principal, ListWorkOrders list, ReferenceData refs, LianxinDbContext db, IOptions<CentreOptions> centre, TimeProvider clock, CancellationToken ct,
        string? status = null, Guid? unitId = null, string? q = null, string? from = null, string? to = null, Guid? categoryId = null,
        string? regionCode = null, string? demandType = null, string? urgency = null, string? channel = null, string? phone = null,
        string? deadline = null, int? limit = null, string? cursor = null)
    {
        var v = new Validator();
        var now = clock.GetUtcNow().UtcDateTime;
        var filter = ParseFilter(v, centre.Value.Zone, now, status, unitId, q, from, to, categoryId, regionCode, demandType, urgency, channel, phone, deadline);
        v.Range("limit", limit, 1, ListWorkOrders.MaxLimit);
        v.ThrowIfInvalid();
        var actor = principal.ToActor();
        var page = await list.ExecuteAsync(filter, actor, limit ?? 50, cursor, ct);
        var snapshot = await refs.GetAsync(db, ct);
        return TypedResults.Ok(new Page<WorkOrderListItem>(page.Items.Select(s => WorkOrderListItem.From(s, snapshot, now)).ToList(), page.NextCursor));
    }

    private static async Task<IResult> Export(
        HttpContext http, ClaimsPrincipal principal, ListWorkOrders list, ReferenceData refs, LianxinDbContext db, IOptions<CentreOptions> centre, TimeProvider clock, CancellationToken ct,
        string? status = null, Guid? unitId = null, string? q = null, string? from = null, string? to = null, Guid? categoryId = null,
        string? regionCode = null, string? demandType = null, string? urgency = null, string? channel = null, string? phone = null,
        string? deadline = null)
    {
        var v = new Validator();
        var now = clock.GetUtcNow().UtcDateTime;
        var filter = ParseFilter(v, centre.Value.Zone, now, status, unitId, q, from, to, categoryId, regionCode, demandType, urgency, channel, phone, deadline);
        v.ThrowIfInvalid();
        var rows = await list.ExportAsync(filter, principal.ToActor(), ct);
        if (rows.Count > ListWorkOrders.MaxExport)
        {
            // Cut short: said in a header, so a spreadsheet full of rows is not mistaken for all of them.
            rows.RemoveAt(rows.Count - 1);
            http.Response.Headers["X-Lianxin-Truncated"] = "true";
        }

        var snapshot = await refs.GetAsync(db, ct);
        var csv = Lianxin.Core.Common.Csv.Write(WorkOrderExport.Rows(rows, snapshot, centre.Value.Zone, Components.Ui.English(http)), guardFormulas: true);
        var body = System.Text.Encoding.UTF8.GetPreamble().Concat(System.Text.Encoding.UTF8.GetBytes(csv)).ToArray();
        var name = $"work-orders-{TimeZoneInfo.ConvertTimeFromUtc(now, centre.Value.Zone):yyyyMMdd-HHmm}.csv";
        return TypedResults.File(body, "text/csv; charset=utf-8", name);
    }

    /// <summary>The list's filters, shared by the list and the export.</summary>
    private static WorkOrderFilter ParseFilter(
        Validator v, TimeZoneInfo zone, DateTime now, string? status, Guid? unitId, string? q, string? from, string? to, Guid? categoryId,
        string? regionCode, string? demandType, string? urgency, string? channel, string? phone, string? deadline)
    {
        DeadlineFilter? deadlineFilter = deadline switch
        {
            null or "" => null,
            "approaching" => DeadlineFilter.Approaching,
            "overdue" => DeadlineFilter.Overdue,
            _ => null,
        };
        v.When(deadline is { Length: > 0 } && deadlineFilter is null, "deadline", new Text("可选：approaching、overdue。", "Use approaching or overdue."));
        return new WorkOrderFilter(
            Status: ParseEnum<WorkOrderStatus>(v, "status", status),
            UnitId: unitId,
            Query: q is { Length: > 100 } ? q[..100] : q,
            FromUtc: Periods.ParseInstant(v, "from", from, zone, endOfDay: false),
            ToUtc: Periods.ParseInstant(v, "to", to, zone, endOfDay: true),
            CategoryId: categoryId,
            RegionCode: regionCode,
            DemandType: ParseEnum<DemandType>(v, "demandType", demandType),
            Urgency: ParseEnum<Urgency>(v, "urgency", urgency),
            Channel: ParseEnum<Channel>(v, "channel", channel),
            Phone: phone is null ? null : CreateWorkOrderRequest.NormalizePhone(phone),
            Deadline: deadlineFilter,
            NowUtc: now);
    }

    private static async Task<Ok<WorkOrderResponse>> Dispatch(
        Guid id, DispatchRequest request, HttpContext http, ClaimsPrincipal principal, DispatchWorkOrder dispatch, Responses responses, CancellationToken ct)
    {
        var targets = request.Validated();
        var actor = principal.ToActor();
        var order = await dispatch.ExecuteAsync(id, actor, Versions.FromIfMatch(http), targets, request.Note?.Trim(), ct);
        return await responses.OrderAsync(http, order, actor, ct);
    }

    private static async Task<Ok<WorkOrderResponse>> Redispatch(
        Guid id, RedispatchRequest request, HttpContext http, ClaimsPrincipal principal, RedispatchWorkOrder redispatch, Responses responses, CancellationToken ct)
    {
        new Validator().Required("unitId", request.UnitId).MaxLength("note", request.Note, WorkOrder.MaxNoteLength).ThrowIfInvalid();
        var actor = principal.ToActor();
        var order = await redispatch.ExecuteAsync(id, actor, Versions.FromIfMatch(http), request.UnitId!.Value, request.Role ?? AssignmentRole.Lead, request.Note?.Trim(), ct);
        return await responses.OrderAsync(http, order, actor, ct);
    }

    private static async Task<Ok<WorkOrderResponse>> RequestReturn(
        Guid id, ReturnRequestBody request, HttpContext http, ClaimsPrincipal principal, ActOnWorkOrder act, Responses responses, LianxinDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var v = new Validator().Required("reason", request.Reason, ReturnRequest.MaxReasonLength).Required("basis", request.Basis, ReturnRequest.MaxBasisLength)
            .MaxLength("reasonCode", request.ReasonCode, ReturnReason.MaxCodeLength);
        var code = string.IsNullOrWhiteSpace(request.ReasonCode) ? null : request.ReasonCode.Trim();
        if (code is { Length: <= ReturnReason.MaxCodeLength } && !await db.ReturnReasons.AnyAsync(r => r.Code == code && r.IsActive, ct))
        {
            v.Add("reasonCode", new Text($"没有启用的退单原因“{code}”。", $"No active return reason '{code}'."));
        }

        v.ThrowIfInvalid();
        var actor = principal.ToActor();
        var order = await act.ExecuteAsync(id, actor, Versions.FromIfMatch(http),
            (o, now) => o.RequestReturn(actor, now, request.Reason!.Trim(), request.Basis!.Trim(), Ids.New(clock), code), ct);
        return await responses.OrderAsync(http, order, actor, ct);
    }

    private static async Task<Ok<WorkOrderResponse>> Supervise(
        Guid id, SuperviseRequest request, HttpContext http, ClaimsPrincipal principal, ActOnWorkOrder act, Responses responses,
        Lianxin.Core.Calendars.CentreCalendar calendar, LianxinDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        new Validator().Required("note", request.Note, SupervisionRecord.MaxNoteLength)
            .When(request.ReplyDueAt is { } d && d.UtcDateTime <= now, "replyDueAt", new Text("答复期限应晚于当前时间。", "The reply deadline must be in the future."))
            .ThrowIfInvalid();
        var rules = await calendar.GetAsync(db, ct);
        var due = request.ReplyDueAt?.UtcDateTime ?? SupervisionRecord.DefaultReplyDue(now, rules.Calendar);
        var actor = principal.ToActor();
        var order = await act.ExecuteAsync(id, actor, Versions.FromIfMatch(http), (o, at) => o.Supervise(actor, at, request.Note!.Trim(), Ids.New(clock), due), ct);
        return await responses.OrderAsync(http, order, actor, ct);
    }

    private static async Task<Ok<WorkOrderResponse>> Merge(
        Guid id, MergeRequest request, HttpContext http, ClaimsPrincipal principal, MergeWorkOrder merge, Responses responses, CancellationToken ct)
    {
        new Validator().Required("intoId", request.IntoId).MaxLength("note", request.Note, WorkOrder.MaxNoteLength).ThrowIfInvalid();
        var actor = principal.ToActor();
        var order = await merge.ExecuteAsync(id, request.IntoId!.Value, actor, Versions.FromIfMatch(http), request.Note?.Trim(), ct);
        return await responses.OrderAsync(http, order, actor, ct);
    }

    private static async Task<Ok<WorkOrderResponse>> ReplyToSupervision(
        Guid id, Guid supervisionId, TextRequest request, HttpContext http, ClaimsPrincipal principal, ActOnWorkOrder act, Responses responses, CancellationToken ct)
    {
        var text = request.Validated("text", WorkOrder.MaxTextLength);
        var actor = principal.ToActor();
        var order = await act.ExecuteAsync(id, actor, Versions.FromIfMatch(http), (o, now) => o.ReplyToSupervision(actor, now, supervisionId, text), ct, withSupervisions: true);
        return await responses.OrderAsync(http, order, actor, ct);
    }

    internal static T? ParseEnum<T>(Validator v, string field, string? text)
        where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (!int.TryParse(text, out _) && Enum.TryParse<T>(text, ignoreCase: true, out var value))
        {
            return value;
        }

        var allowed = string.Join(", ", Enum.GetNames<T>().Select(System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName));
        v.Add(field, new Text($"未知取值“{text}”，可选：{allowed}。", $"Unknown value '{text}'; use one of {allowed}."));
        return null;
    }
}

/// <summary>Builds order responses: names and paths from the reference snapshot, masking, ETag.</summary>
public sealed class Responses(ReferenceData refs, LianxinDbContext db, TimeProvider clock)
{
    public async Task<Ok<WorkOrderResponse>> OrderAsync(HttpContext http, WorkOrder order, Actor actor, CancellationToken ct)
    {
        var snapshot = await refs.GetAsync(db, ct);
        http.Response.Headers.ETag = Versions.ETag(order.Version);
        return TypedResults.Ok(WorkOrderResponse.From(order, actor, snapshot, clock.GetUtcNow().UtcDateTime));
    }
}
