using Lianxin.Core.Common;
using Lianxin.Core.Data;
using Lianxin.Core.Identity;
using Lianxin.Core.Organization;
using Microsoft.EntityFrameworkCore;

namespace Lianxin.Core.Clusters;

/// <summary>The clusters of the last hours, with the tree nodes they are grouped by.</summary>
public sealed record LiveClusters(DateTime Since, int Hours, int MinPhones, IReadOnlyList<(Cluster Cluster, Region Place, Category Matter)> Items);

/// <summary>热点: live clusters for the supervisors' and dispatchers' screens.</summary>
public sealed class FindClusters(LianxinDbContext db, ReferenceData refs, TimeProvider clock)
{
    public const int MaxNumbers = 20;

    public async Task<LiveClusters> ExecuteAsync(int hours, int minPhones, Actor actor, CancellationToken ct)
    {
        actor.Require(Role.Supervisor | Role.Dispatcher, new Text("查看多频件", "read clusters"));
        new Validator()
            .Range("hours", hours, 1, ClusterOptions.MaxHours)
            .Range("minPhones", minPhones, 2, 1000)
            .ThrowIfInvalid();
        var snapshot = await refs.GetAsync(db, ct);
        var since = clock.GetUtcNow().UtcDateTime.AddHours(-hours);
        var rows = await db.WorkOrders.AsNoTracking()
            .Where(o => o.CreatedAt >= since && o.RegionCode != null)
            .Select(o => new { o.Id, o.Number, o.CreatedAt, o.Requester.Phone, o.RegionCode, o.CategoryId })
            .ToListAsync(ct);

        var places = new Dictionary<string, Region>(StringComparer.Ordinal);
        var matters = new Dictionary<Guid, Category>();
        var orders = new List<ClusterOrder>(rows.Count);
        foreach (var r in rows)
        {
            if (snapshot.Regions.FindByCode(r.RegionCode!) is not { } region || snapshot.Categories.Find(r.CategoryId) is not { } category)
            {
                continue;
            }

            var place = ClusterRule.AncestorAt(snapshot.Regions, region, depth: 1);
            var matter = ClusterRule.AncestorAt(snapshot.Categories, category, depth: 1);
            places[place.Code!] = place;
            matters[matter.Id] = matter;
            orders.Add(new ClusterOrder(r.Id, r.Number, r.CreatedAt, r.Phone, place.Code!, matter.Id));
        }

        var clusters = ClusterRule.Find(orders, minPhones, MaxNumbers);
        return new LiveClusters(since, hours, minPhones, clusters.Select(c => (c, places[c.PlaceCode], matters[c.MatterId])).ToList());
    }
}
