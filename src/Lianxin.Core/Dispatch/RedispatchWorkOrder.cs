using Lianxin.Core.Calendars;
using Lianxin.Core.Common;
using Lianxin.Core.Data;
using Lianxin.Core.Identity;
using Lianxin.Core.Organization;
using Lianxin.Core.WorkOrders;
using Microsoft.EntityFrameworkCore;

namespace Lianxin.Core.Dispatch;

/// <summary>
/// 转派: a handler of a sub-centre or street office passes its part of an order to a unit below its own
/// (district → street → property company or repair crew). The aggregate holds the hop rules; this
/// checks the units against the database, where a move or a deactivation is exact.
/// </summary>
public sealed class RedispatchWorkOrder(LianxinDbContext db, ReferenceData refs, CentreCalendar calendar, TimeProvider clock)
{
    public async Task<WorkOrder> ExecuteAsync(
        Guid id, Actor actor, int? expectedVersion, Guid unitId, AssignmentRole role, string? note, CancellationToken ct)
    {
        var order = await ActOnWorkOrder.LoadAsync(db, refs, id, actor, ct);
        actor.Require(Role.Handler, new Text("转派", "redispatch orders"));
        ActOnWorkOrder.CheckVersion(order, expectedVersion);

        var ids = new[] { unitId, actor.UnitId ?? Guid.Empty };
        var units = await db.Units.AsNoTracking().Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.IsActive, u.Kind, u.Path }).ToListAsync(ct);
        var own = units.FirstOrDefault(u => u.Id == actor.UnitId);
        if (own is null || own.Kind is not (UnitKind.SubCentre or UnitKind.StreetOffice))
        {
            throw new RuleViolationException(
                new Text("只有分中心和街道（乡镇）可以向下级单位转派。", "Only sub-centres and street offices pass orders down to the units below them."),
                "cannot-redispatch");
        }

        var target = units.FirstOrDefault(u => u.Id == unitId);
        new Validator()
            .When(target is null, "unitId", new Text("单位不存在。", "No such unit."))
            .When(target is { IsActive: false }, "unitId", new Text("该单位已停用。", "That unit is deactivated."))
            .When(target is not null && (target.Id == own.Id || !target.Path.StartsWith(own.Path, StringComparison.Ordinal)), "unitId",
                new Text("只能转派给本单位的下级单位。", "An order can only be passed to a unit below your own."))
            .ThrowIfInvalid();

        var now = clock.GetUtcNow().UtcDateTime;
        var child = order.Redispatch(actor, now, unitId, role, note, Ids.New(clock));
        db.Assignments.Add(child);
        await ActOnWorkOrder.FinishAsync(db, calendar, [order], now, expectedVersion is not null, ct);
        return order;
    }
}
