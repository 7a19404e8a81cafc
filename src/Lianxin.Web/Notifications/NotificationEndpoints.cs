using System.Security.Claims;
using Lianxin.Core.Common;
using Lianxin.Core.Data;
using Lianxin.Core.Identity;
using Lianxin.Core.Notifications;
using Lianxin.Core.Organization;
using Lianxin.Web.Components;
using Lianxin.Web.Identity;
using Lianxin.Web.WorkOrders;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Lianxin.Web.Notifications;

/// <summary><c>text</c> is in the caller's language (the <c>lianxin.lang</c> cookie, else Accept-Language), Chinese by default.</summary>
public sealed record NotificationResponse(Guid Id, DateTimeOffset CreatedAt, Guid? WorkOrderId, string? WorkOrderNumber, string Kind, string Text, bool Read);

/// <summary>In-app notifications: the deadline sweep's and the dispatch desk's messages to units and roles.</summary>
public static class NotificationEndpoints
{
    public static IEndpointRouteBuilder MapNotificationEndpoints(this IEndpointRouteBuilder app)
    {
        var notifications = app.MapGroup("/api/v1/notifications").WithTags("Notifications").RequireAuthorization();
        notifications.MapGet("/", ListNotifications).WithSummary("Notifications for the signed-in user: their unit's, and their roles' (supervisors)");
        notifications.MapPost("/{id:guid}/read", MarkRead).WithSummary("Mark a notification read");
        return app;
    }

    private static async Task<Ok<List<NotificationResponse>>> ListNotifications(
        ClaimsPrincipal principal, HttpContext http, LianxinDbContext db, ReferenceData refs, CancellationToken ct, bool? unread = null, int? limit = null)
    {
        new Validator().Range("limit", limit, 1, 500).ThrowIfInvalid();
        var actor = principal.ToActor();
        var query = await Inbox(db, refs, actor, unread == true, ct);
        var reads = db.NotificationReads.Where(r => r.UserId == actor.UserId);

        var rows = await query.OrderByDescending(n => n.CreatedAt).Take(limit ?? 100)
            .Select(n => new { n, Read = reads.Any(r => r.NotificationId == n.Id) })
            .ToListAsync(ct);
        var english = Ui.EnglishForApi(http);
        return TypedResults.Ok(rows.Select(x => new NotificationResponse(
            x.n.Id, WorkOrderResponse.Utc(x.n.CreatedAt), x.n.WorkOrderId, x.n.WorkOrderNumber, x.n.Kind, x.n.TextIn(english), x.Read)).ToList());
    }

    /// <summary>
    /// The notifications <paramref name="actor"/> receives: their unit's (and the units below it, for a
    /// handler) and their roles' — the API's list and the console's bell read the same inbox.
    /// </summary>
    public static async Task<IQueryable<Notification>> Inbox(LianxinDbContext db, ReferenceData refs, Actor actor, bool unreadOnly, CancellationToken ct)
    {
        var snapshot = await refs.GetAsync(db, ct);
        var units = actor.Has(Role.Handler) && actor.UnitId is { } u ? snapshot.VisibleUnitIds(u).ToList() : [];
        var roles = Roles.All.Where(r => actor.Has(r)).Cast<Role?>().ToList();
        var query = db.Notifications.AsNoTracking()
            .Where(n => (n.UnitId != null && units.Contains(n.UnitId.Value)) || (n.Role != null && roles.Contains(n.Role)));
        if (unreadOnly)
        {
            var reads = db.NotificationReads.Where(r => r.UserId == actor.UserId);
            query = query.Where(n => !reads.Any(r => r.NotificationId == n.Id));
        }

        return query;
    }

    private static async Task<NoContent> MarkRead(Guid id, ClaimsPrincipal principal, LianxinDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var actor = principal.ToActor();
        if (!await db.Notifications.AnyAsync(n => n.Id == id, ct))
        {
            throw new NotFoundException(new Text("通知不存在。", "No such notification."));
        }

        if (!await db.NotificationReads.AnyAsync(r => r.NotificationId == id && r.UserId == actor.UserId, ct))
        {
            db.NotificationReads.Add(new NotificationRead { NotificationId = id, UserId = actor.UserId, ReadAt = clock.GetUtcNow().UtcDateTime });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Marked read twice at once: the first one stands.
                db.ChangeTracker.Clear();
            }
        }

        return TypedResults.NoContent();
    }
}
