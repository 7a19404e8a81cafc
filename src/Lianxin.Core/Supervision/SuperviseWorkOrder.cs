using Lianxin.Core.Calendars;
using Lianxin.Core.Common;
using Lianxin.Core.Data;
using Lianxin.Core.Identity;
using Lianxin.Core.WorkOrders;

namespace Lianxin.Core.Supervision;

public sealed record SuperviseRequest(string? Note, DateTimeOffset? ReplyDueAt) : OrderActionRequest;

/// <summary>督办: a formal demand on the unit holding the order; its written reply is due at the time named, or by the default rule.</summary>
public sealed class SuperviseWorkOrder(WorkOrderStore orders, LianxinDbContext db, CentreCalendar calendar, TimeProvider clock) : IOrderAction<SuperviseRequest>
{
    public async Task<WorkOrder> ExecuteAsync(Actor actor, SuperviseRequest request, CancellationToken ct)
    {
        new Validator().Required("note", request.Note, SupervisionRecord.MaxNoteLength).ThrowIfInvalid();
        var rules = await calendar.GetAsync(db, ct);
        return await orders.ActAsync(actor, request.OrderId, request.Version, (order, now) =>
            order.Supervise(actor, now, request.Note!.Trim(), request.ReplyDueAt?.UtcDateTime ?? SupervisionRecord.DefaultReplyDue(now, rules.Calendar), Ids.New(clock)), ct);
    }
}
