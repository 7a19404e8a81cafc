using Lianxin.Core.Common;
using Lianxin.Core.Data;
using Lianxin.Core.Identity;
using Lianxin.Core.WorkOrders;

namespace Lianxin.Core.Routing;

/// <summary>
/// At dispatch: what the catalogue suggested at that moment and whether the dispatcher followed it.
/// The row joins the dispatch's own save, so a refused dispatch, or one that loses a race, records nothing.
/// </summary>
public sealed class RecordRoutingDecision(LianxinDbContext db, TimeProvider clock)
{
    public async Task ExecuteAsync(WorkOrder order, Actor actor, Guid chosenLeadUnitId, DateTime now, CancellationToken ct)
    {
        var answer = await RoutingCatalogue.SuggestAsync(db, order, scope: null, ct);
        db.RoutingDecisions.Add(new RoutingDecision(
            Ids.New(clock), order.Id, order.CategoryId, order.RegionCode, answer.LeadUnitId, answer.Rule?.Id, chosenLeadUnitId, now,
            actor.UserId == Guid.Empty ? null : actor.UserId));
    }
}
