using Lianxin.Core.Common;
using Lianxin.Core.Data;
using Lianxin.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace Lianxin.Core.Dispatch;

/// <summary>One unit's returns in a period: asked, approved, rejected (不当退单), still pending, by reason.</summary>
public sealed record UnitReturnFigures(
    Guid UnitId, int Dispatched, int Requested, int Approved, int Rejected, int Pending, IReadOnlyDictionary<string, int> ByReason)
{
    /// <summary>Returns asked per hop dispatched to the unit in the period.</summary>
    public double? ReturnRate => Dispatched == 0 ? null : Math.Round((double)Requested / Dispatched, 4);

    /// <summary>Of the decided returns, the share the dispatcher (or the unit above) rejected: the unit should have kept the order.</summary>
    public double? ImproperRate => Approved + Rejected == 0 ? null : Math.Round((double)Rejected / (Approved + Rejected), 4);
}

/// <summary>
/// Returns counted per unit (DOMAIN.md: "returns per unit are counted"; 不当退单 = a return the
/// deciding side rejected). Returns are counted in the period they were asked; hops in the period
/// they were dispatched.
/// </summary>
public sealed class GetReturnStats(LianxinDbContext db)
{
    public async Task<IReadOnlyList<UnitReturnFigures>> ExecuteAsync(Actor actor, DateTime fromUtc, DateTime toUtc, Guid? unitId, CancellationToken ct)
    {
        actor.Require(Role.Supervisor | Role.Dispatcher | Role.Admin, new Text("查看退单统计", "read return figures"));
        var returns = await db.ReturnRequests.AsNoTracking()
            .Where(r => r.RequestedAt >= fromUtc && r.RequestedAt < toUtc && (unitId == null || r.UnitId == unitId))
            .GroupBy(r => new { r.UnitId, r.Decision, r.ReasonCode })
            .Select(g => new { g.Key.UnitId, g.Key.Decision, g.Key.ReasonCode, Count = g.Count() })
            .ToListAsync(ct);
        var dispatched = await db.Assignments.AsNoTracking()
            .Where(a => a.DispatchedAt >= fromUtc && a.DispatchedAt < toUtc && (unitId == null || a.UnitId == unitId))
            .GroupBy(a => a.UnitId)
            .Select(g => new { UnitId = g.Key, Count = g.Count() })
            .ToListAsync(ct);

        var units = returns.Select(r => r.UnitId).Concat(dispatched.Select(d => d.UnitId)).Distinct();
        return units.Select(u =>
        {
            var mine = returns.Where(r => r.UnitId == u).ToList();
            int Count(Decision d) => mine.Where(r => r.Decision == d).Sum(r => r.Count);
            return new UnitReturnFigures(
                u, dispatched.FirstOrDefault(d => d.UnitId == u)?.Count ?? 0, mine.Sum(r => r.Count),
                Count(Decision.Approved), Count(Decision.Rejected), Count(Decision.Pending),
                mine.GroupBy(r => r.ReasonCode ?? "").ToDictionary(g => g.Key, g => g.Sum(r => r.Count), StringComparer.Ordinal));
        })
        .OrderByDescending(f => f.Rejected).ThenByDescending(f => f.Requested).ThenBy(f => f.UnitId)
        .ToList();
    }
}
