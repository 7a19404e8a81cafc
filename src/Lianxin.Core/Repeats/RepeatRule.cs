using Lianxin.Core.WorkOrders;

namespace Lianxin.Core.Repeats;

/// <summary>An earlier order of the same phone, as repeat detection needs it.</summary>
public sealed record RepeatCandidate(
    Guid Id, string Number, WorkOrderStatus Status, DateTime CreatedAt, DateTime? ClosedAt, string CategoryPath, MatterText Text);

/// <summary>Why an order was flagged as a repeat: which order, how similar, and against which bar.</summary>
public sealed record RepeatMatch(Guid EarlierId, string EarlierNumber, double Similarity, double Threshold, CategoryRelation Relation);

/// <summary>The bars a similarity must reach, by how the two categories relate, and the window (ADR 0009).</summary>
public sealed record RepeatThresholds(double Related, double Unrelated, TimeSpan Window)
{
    public double For(CategoryRelation relation) => relation.IsRelated() ? Related : Unrelated;
}

/// <summary>重复件: the pure rule. The use case loads the candidates; this decides.</summary>
public static class RepeatRule
{
    /// <summary>
    /// An earlier order is still the caller's live matter while it is open, however old, or if it ended
    /// (closed, refused, merged) within the window. Closed orders count from when they closed: a matter
    /// that comes back a week after it was closed is a repeat even if it was first raised two months ago.
    /// Merged orders have no closing time and count from their creation.
    /// </summary>
    public static bool IsLive(WorkOrderStatus status, DateTime createdAt, DateTime? closedAt, DateTime now, TimeSpan window) =>
        IsOpen(status) || (closedAt ?? createdAt) >= now - window;

    /// <summary>
    /// The earlier order the new one repeats, or null: among the live candidates whose similarity reaches
    /// the bar for their category relation, the most similar; on a tie the newest, which is the one the
    /// caller is most likely calling about.
    /// </summary>
    public static RepeatMatch? BestMatch(MatterText text, string categoryPath, IEnumerable<RepeatCandidate> candidates, DateTime now, RepeatThresholds thresholds)
    {
        var profile = MatterSimilarity.Profile(text);
        RepeatMatch? best = null;
        var bestAt = DateTime.MinValue;
        foreach (var c in candidates)
        {
            if (!IsLive(c.Status, c.CreatedAt, c.ClosedAt, now, thresholds.Window))
            {
                continue;
            }

            var relation = CategoryRelations.Between(categoryPath, c.CategoryPath);
            var threshold = thresholds.For(relation);
            var similarity = Math.Round(MatterSimilarity.Score(profile, MatterSimilarity.Profile(c.Text)), 4);
            if (similarity < threshold)
            {
                continue;
            }

            if (best is null || similarity > best.Similarity || (similarity == best.Similarity && c.CreatedAt > bestAt))
            {
                best = new RepeatMatch(c.Id, c.Number, similarity, threshold, relation);
                bestAt = c.CreatedAt;
            }
        }

        return best;
    }

    internal static bool IsOpen(WorkOrderStatus status) => status is WorkOrderStatus.Registered or WorkOrderStatus.Dispatched
        or WorkOrderStatus.InProgress or WorkOrderStatus.ReturnRequested or WorkOrderStatus.Replied;
}
