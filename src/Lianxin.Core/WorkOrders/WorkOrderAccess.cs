using Lianxin.Core.Identity;
using Lianxin.Core.Organization;

namespace Lianxin.Core.WorkOrders;

/// <summary>Who sees which orders (DOMAIN.md, Dispatch): centre staff all, a unit only those dispatched to it.</summary>
public static class WorkOrderAccess
{
    public static IQueryable<WorkOrder> VisibleTo(this IQueryable<WorkOrder> orders, Actor actor, ReferenceSnapshot refs)
    {
        if (actor.IsCentreStaff)
        {
            return orders;
        }

        if (actor.Has(Role.Handler) && actor.UnitId is { } unitId)
        {
            var units = refs.VisibleUnitIds(unitId);
            if (units.Count == 1)
            {
                var only = units.First();
                return orders.Where(o => o.Assignments.Any(a => a.UnitId == only));
            }

            return orders.Where(o => o.Assignments.Any(a => units.Contains(a.UnitId)));
        }

        return orders.Where(o => false);
    }

    /// <summary>Confidential requesters are masked for everyone outside the centre.</summary>
    public static bool MasksRequester(this Actor actor) => !actor.IsCentreStaff;

    public static Requester RequesterFor(this WorkOrder order, Actor actor) =>
        order.Requester.Confidential && actor.MasksRequester() ? order.Requester.Masked() : order.Requester;
}
