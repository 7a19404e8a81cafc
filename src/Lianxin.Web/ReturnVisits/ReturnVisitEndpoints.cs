using System.Globalization;
using System.Security.Claims;
using System.Text;
using Lianxin.Core.Common;
using Lianxin.Core.Data;
using Lianxin.Core.Identity;
using Lianxin.Core.ReturnVisits;
using Lianxin.Core.WorkOrders;
using Lianxin.Web.Identity;
using Lianxin.Web.WorkOrders;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace Lianxin.Web.ReturnVisits;

public sealed record VisitResponse(Guid Id, int Round, int Attempt, bool Reached, Solved? Solved, Satisfaction? Satisfaction, string? Comment, DateTimeOffset At)
{
    public static VisitResponse From(ReturnVisit v) => new(v.Id, v.Round, v.Attempt, v.Reached, v.Solved, v.Satisfaction, v.Comment, WorkOrderResponse.Utc(v.At));
}

/// <summary>One order of the return-visit queue: due from <c>dueAt</c>, to be visited by <c>deadline</c>.</summary>
public sealed record VisitQueueItem(
    Guid Id, string Number, string Title, DemandType DemandType, Urgency Urgency, Guid CategoryId, DateTimeOffset? ClosedAt,
    bool Sampled, int Attempts, int Round, DateTimeOffset DueAt, DateTimeOffset Deadline, bool Overdue)
{
    public static VisitQueueItem From(VisitQueueRow r, DateTime now) => new(
        r.Id, r.Number, r.Title, r.DemandType, r.Urgency, r.CategoryId, WorkOrderResponse.Utc(r.ClosedAt), r.Sampled, r.Attempts, r.Round,
        WorkOrderResponse.Utc(r.DueAt), WorkOrderResponse.Utc(r.Deadline), r.Deadline <= now);
}

/// <summary>The 回访 settings as the API reads and writes them; a field left out keeps its value.</summary>
public sealed record ReturnVisitSettingsDto(double? SampleShare, IReadOnlyList<DemandType>? AlwaysVisited, int? DeadlineWorkingDays, IReadOnlyList<VisitQuestion>? Script)
{
    public static ReturnVisitSettingsDto From(ReturnVisitSettings s) => new(s.SampleShare, s.AlwaysVisited, s.DeadlineWorkingDays, s.Script);

    public ReturnVisitSettings Over(ReturnVisitSettings s) => new()
    {
        SampleShare = SampleShare ?? s.SampleShare,
        AlwaysVisited = AlwaysVisited ?? s.AlwaysVisited,
        DeadlineWorkingDays = DeadlineWorkingDays ?? s.DeadlineWorkingDays,
        Script = Script ?? s.Script,
    };
}

/// <summary>Return visits (回访): the queue, the settings, the visits of an order, and archiving without one.</summary>
public static class ReturnVisitEndpoints
{
    public const int MaxLimit = 500;

    public static IEndpointRouteBuilder MapReturnVisitEndpoints(this IEndpointRouteBuilder app)
    {
        var orders = app.MapOrderGroup();
        orders.MapGet("/{id:guid}/visits", Visits).WithSummary("Return-visit attempts and ratings");
        orders.MapOrderAction<RecordReturnVisit, VisitRequest>("visit", "Record a return visit (回访); visitor");
        orders.MapOrderAction<ArchiveWorkOrder, NoteRequest>("archive", "Archive a closed order that needs no visit, or a refused one (归档); visitor, dispatcher or supervisor", optionalBody: true);

        var queue = app.MapGroup("/api/v1/return-visits").WithTags("Return visits").RequireAuthorization();
        queue.MapGet("", Queue).WithSummary("Orders due a return visit, oldest deadline first (visitor, dispatcher, supervisor, admin)")
            .WithDescription("?state=due (default: due now, including redials) | overdue (past the deadline, not visited) | all (also those not yet due); "
                + "limit (1–500, default 100), cursor (nextCursor of the previous page). Each row has dueAt (start of the first working day after closure) "
                + "and deadline (end of the Nth working day), whether the sample chose it, the attempts of this round and the round (2 after a redo).");
        queue.MapGet("/settings", Settings).WithSummary("Sample share, demand types always visited, deadline working days, the visit script (centre staff)");
        queue.MapPut("/settings", SetSettings).WithSummary("Change the return-visit settings (admin); fields left out keep their value; errors by field; applies to closures from now on");
        return app;
    }

    private static async Task<Ok<List<VisitResponse>>> Visits(Guid id, ClaimsPrincipal principal, GetWorkOrder get, LianxinDbContext db, CancellationToken ct)
    {
        await get.ExecuteAsync(id, principal.ToActor(), ct);
        var visits = await db.ReturnVisits.AsNoTracking().Where(v => v.WorkOrderId == id).OrderBy(v => v.At).ToListAsync(ct);
        return TypedResults.Ok(visits.Select(VisitResponse.From).ToList());
    }

    private static async Task<Ok<Page<VisitQueueItem>>> Queue(HttpRequest http, ClaimsPrincipal principal, VisitQueue queue, TimeProvider clock, CancellationToken ct)
    {
        var q = http.Query;
        var v = new Validator();
        var state = v.Enum<VisitState>("state", q["state"]) ?? VisitState.Due;
        var limit = 100;
        v.When(!string.IsNullOrEmpty(q["limit"]) && (!int.TryParse(q["limit"], CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > MaxLimit),
            "limit", new Text($"应为 1–{MaxLimit}。", $"Must be 1–{MaxLimit}."));
        var after = Cursor(v, q["cursor"]);
        v.ThrowIfInvalid();
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await queue.RowsAsync(principal.ToActor(), state, now, limit + 1, after, ct);
        var page = rows.Take(limit).Select(r => VisitQueueItem.From(r, now)).ToList();
        var next = rows.Count > limit ? NextCursor(rows[limit - 1]) : null;
        return TypedResults.Ok(new Page<VisitQueueItem>(page, next));
    }

    private static string NextCursor(VisitQueueRow last) =>
        WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes($"{last.Deadline.Ticks.ToString(CultureInfo.InvariantCulture)}|{last.Number}"));

    private static (DateTime, string)? Cursor(Validator v, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        try
        {
            var parts = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(text)).Split('|', 2);
            if (parts.Length == 2 && long.TryParse(parts[0], CultureInfo.InvariantCulture, out var ticks) && ticks >= 0 && ticks <= DateTime.MaxValue.Ticks)
            {
                return (new DateTime(ticks, DateTimeKind.Utc), parts[1]);
            }
        }
        catch (FormatException)
        {
            // Falls through to the field error.
        }

        v.Add("cursor", new Text("分页游标无效，请从第一页重新开始。", "Unknown cursor; start again from the first page."));
        return null;
    }

    private static async Task<Ok<ReturnVisitSettingsDto>> Settings(ClaimsPrincipal principal, LianxinDbContext db, CancellationToken ct)
    {
        principal.ToActor().Require(Roles.CentreStaff, new Text("查看回访设置", "read the return-visit settings"));
        return TypedResults.Ok(ReturnVisitSettingsDto.From(await ReturnVisitSettings.ReadAsync(db, ct)));
    }

    private static async Task<Ok<ReturnVisitSettingsDto>> SetSettings(ReturnVisitSettingsDto? request, ClaimsPrincipal principal, LianxinDbContext db, CancellationToken ct)
    {
        principal.ToActor().Require(Role.Admin, new Text("修改回访设置", "change the return-visit settings"));
        new Validator().Required("body", request).ThrowIfInvalid();
        var changed = request!.Over(await ReturnVisitSettings.ReadAsync(db, ct));
        changed.Validate();
        await ReturnVisitSettings.SaveAsync(db, principal.ToActor(), changed.Normalized(), ct);
        return TypedResults.Ok(ReturnVisitSettingsDto.From(await ReturnVisitSettings.ReadAsync(db, ct)));
    }
}
