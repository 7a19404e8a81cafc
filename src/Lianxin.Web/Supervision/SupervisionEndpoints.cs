using System.Security.Claims;
using Lianxin.Core.Common;
using Lianxin.Core.Data;
using Lianxin.Core.Organization;
using Lianxin.Core.Supervision;
using Lianxin.Core.WorkOrders;
using Lianxin.Web.Api;
using Lianxin.Web.Identity;
using Lianxin.Web.WorkOrders;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Lianxin.Web.Supervision;

public sealed record SupervisionResponse(
    Guid Id, Guid WorkOrderId, SupervisionKind Kind, UnitRef? Unit, string Note, bool Automatic, DateTimeOffset CreatedAt,
    DateTimeOffset? ReplyDueAt, bool ReplyOverdue, string? ReplyText, DateTimeOffset? RepliedAt)
{
    public static SupervisionResponse From(SupervisionRecord s, ReferenceSnapshot refs, DateTime now) =>
        new(s.Id, s.WorkOrderId, s.Kind, s.UnitId is { } u ? WorkOrderResponse.Unit(refs, u) : null, s.Note, s.Automatic, WorkOrderResponse.Utc(s.CreatedAt),
            WorkOrderResponse.Utc(s.ReplyDueAt), s.IsOpen && s.ReplyDueAt is { } due && due <= now, s.ReplyText, WorkOrderResponse.Utc(s.RepliedAt));
}

/// <summary>催办 and 督办: raising them, the unit's written reply, and the lists supervisors read.</summary>
public static class SupervisionEndpoints
{
    public static IEndpointRouteBuilder MapSupervisionEndpoints(this IEndpointRouteBuilder app)
    {
        var orders = app.MapOrderGroup();
        orders.MapGet("/{id:guid}/supervisions", OrderSupervisions).WithSummary("催办 and 督办 records of the order");
        orders.MapOrderAction<UrgeWorkOrder, UrgeRequest>("urge", "Urge the unit holding the order (催办); supervisor or dispatcher");
        orders.MapOrderAction<SuperviseWorkOrder, SuperviseRequest>("supervise", "Open a supervision needing the unit's written reply (督办); supervisor")
            .WithDescription("The reply is due at replyDueAt, or by default at the end of the second working day.");
        orders.MapPost("/{id:guid}/supervisions/{supervisionId:guid}/reply", Reply).Accepts<SupervisionReplyRequest>("application/json").WithIdempotency()
            .WithSummary("The unit's written reply to a 督办; handler of the addressed unit");

        var supervisions = app.MapGroup("/api/v1/supervisions").WithTags("Deadlines").RequireAuthorization();
        supervisions.MapGet("/", ListSupervisions).WithSummary("催办/督办 records: open=true for supervisions still awaiting the unit's reply; filter by kind, unitId, overdue");
        return app;
    }

    private static async Task<Ok<WorkOrderResponse>> Reply(
        Guid id, Guid supervisionId, HttpContext http, ClaimsPrincipal principal, ReplyToSupervision reply, Responses responses, CancellationToken ct)
    {
        var body = await RequestBodies.ReadAsync<SupervisionReplyRequest>(http, optional: false, ct);
        var actor = principal.ToActor();
        var order = await reply.ExecuteAsync(actor, body with { OrderId = id, Version = Versions.FromIfMatch(http), SupervisionId = supervisionId }, ct);
        return await responses.OrderAsync(http, order, actor, ct);
    }

    private static async Task<Ok<List<SupervisionResponse>>> OrderSupervisions(
        Guid id, ClaimsPrincipal principal, GetWorkOrder get, ReferenceData refs, LianxinDbContext db, TimeProvider clock, CancellationToken ct)
    {
        await get.ExecuteAsync(id, principal.ToActor(), ct);
        var snapshot = await refs.GetAsync(db, ct);
        var records = await db.SupervisionRecords.AsNoTracking().Where(s => s.WorkOrderId == id).OrderBy(s => s.CreatedAt).ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        return TypedResults.Ok(records.Select(s => SupervisionResponse.From(s, snapshot, now)).ToList());
    }

    private static async Task<Ok<List<SupervisionResponse>>> ListSupervisions(
        ClaimsPrincipal principal, LianxinDbContext db, ReferenceData refs, TimeProvider clock, CancellationToken ct,
        bool? open = null, string? kind = null, Guid? unitId = null, bool? overdue = null, int? limit = null)
    {
        var actor = principal.ToActor();
        var v = new Validator();
        SupervisionKind? k = kind switch { null or "" => null, "urge" => SupervisionKind.Urge, "supervise" => SupervisionKind.Supervise, _ => null };
        v.When(kind is { Length: > 0 } && k is null, "kind", new Text("可选：urge、supervise。", "Use urge or supervise."));
        v.Range("limit", limit, 1, 500);
        v.ThrowIfInvalid();
        var snapshot = await refs.GetAsync(db, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var query = db.SupervisionRecords.AsNoTracking();
        if (!actor.IsCentreStaff)
        {
            var units = actor.UnitId is { } u ? snapshot.VisibleUnitIds(u).ToList() : [];
            query = query.Where(s => s.UnitId != null && units.Contains(s.UnitId.Value));
        }

        if (open == true)
        {
            query = query.Where(s => s.Kind == SupervisionKind.Supervise && s.RepliedAt == null);
        }

        if (k is { } kk)
        {
            query = query.Where(s => s.Kind == kk);
        }

        if (unitId is { } uid)
        {
            query = query.Where(s => s.UnitId == uid);
        }

        if (overdue == true)
        {
            query = query.Where(s => s.Kind == SupervisionKind.Supervise && s.RepliedAt == null && s.ReplyDueAt <= now);
        }

        var rows = await query.OrderByDescending(s => s.CreatedAt).Take(limit ?? 100).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(s => SupervisionResponse.From(s, snapshot, now)).ToList());
    }
}
