using Lianxin.Core.Common;
using Lianxin.Core.Data;
using Lianxin.Core.Identity;
using Lianxin.Core.Routing;
using Lianxin.Core.WorkOrders;
using Microsoft.EntityFrameworkCore;

namespace Lianxin.Core.Dispatch;

public sealed record AssignmentTarget(Guid? UnitId, AssignmentRole? Role);

public sealed record DispatchRequest(IReadOnlyList<AssignmentTarget>? Assignments, string? Note) : OrderActionRequest;

/// <summary>派单: the dispatcher sends an order to a lead unit and any assist units; the routing suggestion of that moment is recorded.</summary>
public sealed class DispatchWorkOrder(WorkOrderStore orders, LianxinDbContext db, RecordRoutingDecision routing, TimeProvider clock) : IOrderAction<DispatchRequest>
{
    public async Task<WorkOrder> ExecuteAsync(Actor actor, DispatchRequest request, CancellationToken ct)
    {
        var v = new Validator();
        v.When(request.Assignments is null || request.Assignments.Count == 0, "assignments", new Text("至少派给一个单位。", "At least one unit is required."));
        for (var i = 0; request.Assignments is not null && i < request.Assignments.Count; i++)
        {
            v.Required($"assignments[{i}].unitId", request.Assignments[i]?.UnitId);
        }

        v.MaxLength("note", request.Note, WorkOrder.MaxNoteLength);
        v.ThrowIfInvalid();

        var wanted = request.Assignments!.Select(a => (UnitId: a.UnitId!.Value, Role: a.Role ?? AssignmentRole.Lead)).ToList();
        var note = request.Note?.Trim();
        return await orders.ActAsync(actor, request.OrderId, request.Version, async (order, now, ct) =>
        {
            // The units as they are now (a deactivation a moment ago counts); the order decides whether each may take it.
            var ids = wanted.Select(t => t.UnitId).Distinct().ToList();
            var units = await db.Units.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);
            var targets = wanted.Select(t => new HopTarget(t.UnitId, t.Role, units.GetValueOrDefault(t.UnitId))).ToList();
            order.Dispatch(actor, now, targets, note, () => Ids.New(clock));

            // Saved with the dispatch: the suggestion at this moment and whether it was followed.
            await routing.ExecuteAsync(order, actor, targets.Single(t => t.Role == AssignmentRole.Lead).UnitId, now, ct);
        }, ct);
    }
}
