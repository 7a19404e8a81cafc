using Lianxin.Core.Data;
using Lianxin.Core.Organization;
using Lianxin.Core.WorkOrders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Lianxin.Core.Repeats;

/// <summary>
/// 重复件 at registration: the earlier order of the same phone about the same matter, if any. One
/// indexed query for that phone's live orders (a handful, dozens for the most frequent callers), then
/// the pure rule in memory.
/// </summary>
public sealed class DetectRepeat(LianxinDbContext db, IOptions<RepeatOptions> options)
{
    /// <summary>
    /// The newest live orders compared, at most. Comparing costs ~20 µs an order; a number that call-takers
    /// type for callers who give none, or a company switchboard, can collect thousands of open orders, and
    /// registration must not slow down with them. A caller's live matter is among their newest orders.
    /// </summary>
    public const int MaxCandidates = 100;

    public async Task<RepeatMatch?> ExecuteAsync(NewWorkOrder details, ReferenceSnapshot refs, DateTime now, CancellationToken ct)
    {
        var o = options.Value;
        if (!o.Enabled || refs.Categories.Find(details.CategoryId) is not { } category)
        {
            return null;
        }

        var thresholds = o.Thresholds;
        var since = now - thresholds.Window;
        var phone = details.Requester.Phone;
        var rows = await db.WorkOrders.AsNoTracking()
            .Where(w => w.Requester.Phone == phone)
            .Where(w => w.Status == WorkOrderStatus.Registered || w.Status == WorkOrderStatus.Dispatched || w.Status == WorkOrderStatus.InProgress
                || w.Status == WorkOrderStatus.ReturnRequested || w.Status == WorkOrderStatus.Replied
                || (w.ClosedAt ?? w.CreatedAt) >= since)
            .OrderByDescending(w => w.CreatedAt)
            .Take(MaxCandidates)
            .Select(w => new { w.Id, w.Number, w.Status, w.CreatedAt, w.ClosedAt, w.CategoryId, w.Title, w.Description, w.Address })
            .ToListAsync(ct);
        var candidates = rows.Select(r => new RepeatCandidate(
            r.Id, r.Number, r.Status, r.CreatedAt, r.ClosedAt, refs.Categories.Find(r.CategoryId)?.Path ?? "",
            new MatterText(r.Title, r.Description, r.Address)));
        return RepeatRule.BestMatch(new MatterText(details.Title, details.Description, details.Address), category.Path, candidates, now, thresholds);
    }
}
