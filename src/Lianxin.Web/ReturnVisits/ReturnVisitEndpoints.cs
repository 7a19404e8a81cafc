using System.Security.Claims;
using Lianxin.Core.Data;
using Lianxin.Core.ReturnVisits;
using Lianxin.Core.WorkOrders;
using Lianxin.Web.Identity;
using Lianxin.Web.WorkOrders;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Lianxin.Web.ReturnVisits;

public sealed record VisitResponse(Guid Id, int Round, int Attempt, bool Reached, Solved? Solved, Satisfaction? Satisfaction, string? Comment, DateTimeOffset At)
{
    public static VisitResponse From(ReturnVisit v) => new(v.Id, v.Round, v.Attempt, v.Reached, v.Solved, v.Satisfaction, v.Comment, WorkOrderResponse.Utc(v.At));
}

/// <summary>Return visits (回访) and archiving without one.</summary>
public static class ReturnVisitEndpoints
{
    public static IEndpointRouteBuilder MapReturnVisitEndpoints(this IEndpointRouteBuilder app)
    {
        var orders = app.MapOrderGroup();
        orders.MapGet("/{id:guid}/visits", Visits).WithSummary("Return-visit attempts and ratings");
        orders.MapOrderAction<RecordReturnVisit, VisitRequest>("visit", "Record a return visit (回访); visitor");
        orders.MapOrderAction<ArchiveWorkOrder, NoteRequest>("archive", "Archive a closed order that needs no visit, or a refused one (归档); visitor, dispatcher or supervisor", optionalBody: true);
        return app;
    }

    private static async Task<Ok<List<VisitResponse>>> Visits(Guid id, ClaimsPrincipal principal, GetWorkOrder get, LianxinDbContext db, CancellationToken ct)
    {
        await get.ExecuteAsync(id, principal.ToActor(), ct);
        var visits = await db.ReturnVisits.AsNoTracking().Where(v => v.WorkOrderId == id).OrderBy(v => v.At).ToListAsync(ct);
        return TypedResults.Ok(visits.Select(VisitResponse.From).ToList());
    }
}
