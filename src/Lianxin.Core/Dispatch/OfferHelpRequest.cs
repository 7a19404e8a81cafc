using Lianxin.Core.Calendars;
using Lianxin.Core.Common;
using Lianxin.Core.Data;
using Lianxin.Core.Identity;
using Lianxin.Core.Notifications;
using Lianxin.Core.Organization;
using Lianxin.Core.WorkOrders;
using Microsoft.EntityFrameworkCore;

namespace Lianxin.Core.Dispatch;

public sealed record OfferHelpRequestBody(Guid? GroupId, string? Note, int? Hours) : OrderActionRequest;

/// <summary>专家会诊: the dispatcher offers an order to a unit group for a while; every member unit is told.</summary>
public sealed class OfferHelpRequest(WorkOrderStore orders, LianxinDbContext db, CentreCalendar calendar, TimeProvider clock) : IOrderAction<OfferHelpRequestBody>
{
    /// <summary>How much of the note a notification repeats: with the title it stays well inside a notification's text.</summary>
    private const int NoteInNotification = 200;

    public async Task<WorkOrder> ExecuteAsync(Actor actor, OfferHelpRequestBody request, CancellationToken ct)
    {
        new Validator().Required("groupId", request.GroupId).Required("note", request.Note, HelpRequest.MaxNoteLength)
            .Range("hours", request.Hours, 1, HelpRequest.MaxHours).ThrowIfInvalid();
        var note = request.Note!.Trim();
        var hours = request.Hours ?? HelpRequest.DefaultHours;
        return await orders.ActAsync(actor, request.OrderId, request.Version, async (order, now, ct) =>
        {
            Refusal.ThrowIf(order.WhyNot(WorkOrderAction.OfferHelp, actor));
            var group = await db.UnitGroups.AsNoTracking().Include(g => g.Members).SingleOrDefaultAsync(g => g.Id == request.GroupId, ct);
            var members = group is null ? [] : await ActiveMembersAsync(db, group, ct);
            new Validator()
                .When(group is null, "groupId", new Text("单位组不存在。", "No such unit group."))
                .When(group is { IsActive: false }, "groupId", new Text("该单位组已停用。", "That unit group is deactivated."))
                .When(group is { IsActive: true } && members.Count == 0, "groupId", new Text("该单位组没有可接单的单位。", "That group has no active unit."))
                .ThrowIfInvalid();

            var expiresAt = now.AddHours(hours);
            order.OfferHelp(actor, now, group!.Id, note, expiresAt, Ids.New(clock));
            // The member units read the matter on the offers list; the notification names it and says until when.
            var until = LocalTime.Format(expiresAt, (await calendar.GetAsync(db, ct)).Calendar.Zone, LocalTime.Brief);
            var gist = note.Length > NoteInNotification ? note[..NoteInNotification] + "…" : note;
            foreach (var unit in members.Where(u => !order.Hops.HoldsLiveHop(u)))
            {
                db.Notifications.Add(new Notification(Ids.New(clock), now, order.Id, order.Number, NotificationKinds.HelpOffered, unit, null,
                    new Text($"专家会诊邀请：工单{order.Number}“{order.Title}”，{until} 前可认领。{gist}",
                        $"Offer to your unit group: order {order.Number} \"{order.Title}\", open to claim until {until}. {gist}"), null));
            }
        }, ct);
    }

    internal static async Task<List<Guid>> ActiveMembersAsync(LianxinDbContext db, UnitGroup group, CancellationToken ct)
    {
        var ids = group.Members.Select(m => m.UnitId).ToList();
        return await db.Units.AsNoTracking().Where(u => ids.Contains(u.Id) && u.IsActive).Select(u => u.Id).ToListAsync(ct);
    }
}
