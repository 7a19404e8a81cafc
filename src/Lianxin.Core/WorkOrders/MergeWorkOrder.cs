using Lianxin.Core.Calendars;
using Lianxin.Core.Common;
using Lianxin.Core.Data;
using Lianxin.Core.Identity;
using Lianxin.Core.Organization;

namespace Lianxin.Core.WorkOrders;

/// <summary>并单: a repeat is merged into its master order; both histories say so.</summary>
public sealed class MergeWorkOrder(LianxinDbContext db, ReferenceData refs, CentreCalendar calendar, TimeProvider clock)
{
    public async Task<WorkOrder> ExecuteAsync(Guid id, Guid intoId, Actor actor, int? expectedVersion, string? note, CancellationToken ct)
    {
        // Visibility first: an order the actor cannot see is 404 whatever their role.
        var order = await ActOnWorkOrder.LoadAsync(db, refs, id, actor, ct, withSupervisions: true);
        actor.Require(Role.Dispatcher, new Text("并单", "merge orders"));
        if (id == intoId)
        {
            throw ValidationFailedException.For("intoId", new Text("不能与自身并单。", "An order cannot be merged into itself."));
        }

        ActOnWorkOrder.CheckVersion(order, expectedVersion);
        WorkOrder master;
        try
        {
            master = await ActOnWorkOrder.LoadAsync(db, refs, intoId, actor, ct);
        }
        catch (NotFoundException)
        {
            throw ValidationFailedException.For("intoId", new Text("目标工单不存在。", "The target order does not exist."));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        order.MergeInto(master, actor, now, note);
        await ActOnWorkOrder.FinishAsync(db, calendar, [order, master], now, expectedVersion is not null, ct);
        return order;
    }
}
