using Lianxin.Core.Calendars;
using Lianxin.Core.Common;
using Lianxin.Core.Data;
using Lianxin.Core.Identity;
using Lianxin.Core.Organization;
using Lianxin.Core.Routing;
using Lianxin.Core.WorkOrders;
using Microsoft.EntityFrameworkCore;

namespace Lianxin.Core.Dispatch;

/// <summary>派单: the dispatcher sends an order to a lead unit and any assist units.</summary>
public sealed class DispatchWorkOrder(LianxinDbContext db, ReferenceData refs, CentreCalendar calendar, RecordRoutingDecision routing, TimeProvider clock)
{
    public async Task<WorkOrder> ExecuteAsync(
        Guid id, Actor actor, int? expectedVersion, IReadOnlyList<(Guid UnitId, AssignmentRole Role)> targets, string? note, CancellationToken ct)
    {
        // Visibility first: an order the actor cannot see is 404 whatever their role.
        var order = await ActOnWorkOrder.LoadAsync(db, refs, id, actor, ct);
        actor.Require(Role.Dispatcher, new Text("派单", "dispatch orders"));
        ActOnWorkOrder.CheckVersion(order, expectedVersion);
        var unitIds = targets.Select(t => t.UnitId).Distinct().ToList();
        var active = await db.Units.AsNoTracking()
            .Where(u => unitIds.Contains(u.Id))
            .Select(u => new { u.Id, u.IsActive, u.Kind })
            .ToListAsync(ct);
        var v = new Validator();
        for (var i = 0; i < targets.Count; i++)
        {
            var unit = active.FirstOrDefault(u => u.Id == targets[i].UnitId);
            v.When(unit is null, $"assignments[{i}].unitId", new Text("单位不存在。", "No such unit."));
            v.When(unit is { IsActive: false }, $"assignments[{i}].unitId", new Text("该单位已停用。", "That unit is deactivated."));
            v.When(unit is { Kind: UnitKind.Centre }, $"assignments[{i}].unitId", new Text("不能派给热线中心本身。", "An order cannot be dispatched to the centre itself."));
        }

        v.ThrowIfInvalid();

        var now = clock.GetUtcNow().UtcDateTime;
        var created = order.Dispatch(actor, now, targets, note, () => Ids.New(clock));

        // Saved with the dispatch below: the suggestion at this moment and whether it was followed.
        await routing.ExecuteAsync(order, actor, targets.Single(t => t.Role == AssignmentRole.Lead).UnitId, now, ct);
        foreach (var hop in created)
        {
            db.Assignments.Add(hop);
        }

        await ActOnWorkOrder.FinishAsync(db, calendar, [order], now, expectedVersion is not null, ct);
        return order;
    }
}
