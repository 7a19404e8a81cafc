using Lianxin.Core.Organization;

namespace Lianxin.Core.Clusters;

/// <summary>One recent order, with the place and the matter it is grouped by.</summary>
public sealed record ClusterOrder(Guid Id, string Number, DateTime CreatedAt, string Phone, string PlaceCode, Guid MatterId);

/// <summary>多频件: many different phones about one place and one matter.</summary>
public sealed record Cluster(string PlaceCode, Guid MatterId, int Phones, int Orders, DateTime FirstAt, DateTime LastAt, IReadOnlyList<string> Numbers);

/// <summary>
/// The grouping of clusters (ADR 0009), pure. Place = the street/town (街镇, second level of the region
/// tree) of the order's region: a burst main or a power cut reaches across the communities of a street,
/// and callers give the community they live in, not where the fault is. Matter = the category's
/// second-level node (供水, 供电, 排水): callers of one burst main are filed under 停水, 水压低 or 管道漏水.
/// Orders without a region are left out: without a place, many phones about 供水 in a few hours is a big
/// city's ordinary day, not a hot spot.
/// </summary>
public static class ClusterRule
{
    /// <summary>The node at <paramref name="depth"/> on the way from the root to <paramref name="node"/>, or the node itself when it is shallower.</summary>
    public static T AncestorAt<T>(TreeIndex<T> tree, T node, int depth)
        where T : TreeNode
    {
        var current = node;
        while (current.Depth > depth && current.ParentId is { } parent && tree.Find(parent) is { } up)
        {
            current = up;
        }

        return current;
    }

    /// <summary>
    /// Groups by (place, matter) and keeps the groups with at least <paramref name="minPhones"/> distinct
    /// phones; one caller ringing five times is a repeat, not a cluster. Largest first (distinct phones),
    /// then the most recently active. Each lists its newest <paramref name="maxNumbers"/> order numbers.
    /// </summary>
    public static IReadOnlyList<Cluster> Find(IEnumerable<ClusterOrder> orders, int minPhones, int maxNumbers) =>
        orders
            .GroupBy(o => (o.PlaceCode, o.MatterId))
            .Select(g => (Group: g, Phones: g.Select(o => o.Phone).Distinct(StringComparer.Ordinal).Count()))
            .Where(x => x.Phones >= minPhones)
            .Select(x => new Cluster(
                x.Group.Key.PlaceCode, x.Group.Key.MatterId, x.Phones, x.Group.Count(),
                x.Group.Min(o => o.CreatedAt), x.Group.Max(o => o.CreatedAt),
                x.Group.OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Number, StringComparer.Ordinal).Take(maxNumbers).Select(o => o.Number).ToList()))
            .OrderByDescending(c => c.Phones).ThenByDescending(c => c.LastAt).ThenByDescending(c => c.Orders).ThenBy(c => c.PlaceCode, StringComparer.Ordinal)
            .ToList();
}
