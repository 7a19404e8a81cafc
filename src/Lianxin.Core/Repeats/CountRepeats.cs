using Lianxin.Core.Common;
using Lianxin.Core.Data;
using Lianxin.Core.Dispatch;
using Lianxin.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace Lianxin.Core.Repeats;

/// <summary>Orders received in a period and how many of them were flagged repeats, for one unit (null: no unit).</summary>
public sealed record RepeatCount(Guid? UnitId, int Received, int Repeats)
{
    /// <summary>重复率 = flagged repeats ÷ received (DOMAIN.md, KPIs); null when nothing was received.</summary>
    public double? Rate => Received == 0 ? null : Math.Round((double)Repeats / Received, 4);
}

public sealed record RepeatStats(DateTime From, DateTime To, RepeatCount Centre, IReadOnlyList<RepeatCount> Units);

/// <summary>
/// 重复件 per lead unit, a KPI. An order is counted for its lead unit: the latest first-level lead hop not
/// returned (one cancelled by a merge still counts, since the order was that unit's when merged). A
/// repeat that never had a unit of its own, typically merged into its original before dispatch, is
/// counted for the lead unit of the order it repeats, the unit whose matter the caller rang about
/// again. Orders with neither are counted under no unit; the centre total counts every order.
/// </summary>
public sealed class CountRepeats(LianxinDbContext db)
{
    public const int MaxDays = 366;

    public async Task<RepeatStats> ExecuteAsync(DateTime from, DateTime to, Actor actor, CancellationToken ct)
    {
        actor.Require(Role.Supervisor | Role.Dispatcher | Role.Admin, new Text("查看重复件统计", "read repeat statistics"));
        new Validator()
            .When(to <= from, "to", new Text("结束时间须晚于开始时间。", "The end must be after the start."))
            .When(to - from > TimeSpan.FromDays(MaxDays), "from", new Text($"统计区间最长 {MaxDays} 天。", $"The period is at most {MaxDays} days."))
            .ThrowIfInvalid();

        var rows = await db.WorkOrders.AsNoTracking()
            .Where(o => o.CreatedAt >= from && o.CreatedAt < to)
            .Select(o => new
            {
                Unit = o.Assignments
                    .AsQueryable()
                    .Where(Assignment.IsCurrentLead)
                    .OrderByDescending(a => a.DispatchedAt)
                    .Select(a => (Guid?)a.UnitId)
                    .FirstOrDefault()
                    ?? db.Assignments
                        .Where(Assignment.IsCurrentLead)
                        .Where(a => a.WorkOrderId == o.RepeatOfId)
                        .OrderByDescending(a => a.DispatchedAt)
                        .Select(a => (Guid?)a.UnitId)
                        .FirstOrDefault(),
                Repeat = o.RepeatOfId != null,
            })
            .GroupBy(x => x.Unit)
            .Select(g => new { Unit = g.Key, Received = g.Count(), Repeats = g.Count(x => x.Repeat) })
            .ToListAsync(ct);
        var units = rows.Select(r => new RepeatCount(r.Unit, r.Received, r.Repeats))
            .OrderByDescending(r => r.Repeats).ThenByDescending(r => r.Rate).ThenByDescending(r => r.Received)
            .ToList();
        var centre = new RepeatCount(null, units.Sum(u => u.Received), units.Sum(u => u.Repeats));
        return new RepeatStats(from, to, centre, units);
    }
}
