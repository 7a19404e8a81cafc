using Lianxin.Core.Data;
using Lianxin.Core.Identity;

namespace Lianxin.Core.Reports;

/// <summary>
/// A unit's place in the 考核 ranking: its score, the weighted part and the penalties it is made of, and the raw figures.
/// <see cref="Rank"/> is 1 for the best; units with the same score share a rank.
/// </summary>
public sealed record UnitRank(Guid UnitId, string UnitName, int Rank, double Score, KpiFigures Figures, double WeightedScore, double Penalty);

/// <summary>
/// 考核: units ranked by a weighted score of their on-time sign-for, on-time completion, resolution and satisfaction
/// rates, less penalties per return and per repeat (<see cref="KpiSettings"/>; the formula is there). Only units with
/// at least one rate in the period are ranked. A unit's staff get only their own unit's line (with its rank among all).
/// </summary>
public sealed class GetRanking(LianxinDbContext db, DailyFigureStore store)
{
    public async Task<IReadOnlyList<UnitRank>> ExecuteAsync(Actor actor, DateOnly from, DateOnly to, CancellationToken ct)
    {
        KpiAccess.CheckPeriod(from, to, GetKpis.MaxDays);
        var own = actor.IsCentreStaff ? null : KpiAccess.Resolve(actor, null);
        var settings = await KpiSettings.ReadAsync(db, ct);
        await store.EnsureBuiltAsync(from, to, ct);
        var sums = await store.SumsAsync(from, to, KpiDimension.Unit, null, ct);
        var names = await KpiNames.LoadAsync(db, KpiDimension.Unit, sums.Keys, ct);
        var ranked = Rank(sums.Select(kv => (Guid.Parse(kv.Key), names.GetValueOrDefault(kv.Key, kv.Key), KpiFigures.Compute(kv.Value, settings))), settings);
        return own is { } unit ? [.. ranked.Where(r => r.UnitId == unit)] : ranked;
    }

    /// <summary>Scores and ranks units (pure): best first, ties share a rank, then by name.</summary>
    public static IReadOnlyList<UnitRank> Rank(IEnumerable<(Guid Id, string Name, KpiFigures Figures)> units, KpiSettings s)
    {
        var scored = new List<(Guid Id, string Name, KpiFigures F, double Score, double Weighted, double Penalty)>();
        foreach (var (id, name, f) in units)
        {
            var parts = new (double? Rate, double Weight)[]
            {
                (f.OnTimeSignRate, s.SignWeight), (f.OnTimeCompletionRate, s.CompletionWeight),
                (f.ResolutionRate, s.ResolutionWeight), (f.SatisfactionRate, s.SatisfactionWeight),
            };
            var weights = parts.Where(p => p.Rate is not null).Sum(p => p.Weight);
            if (weights <= 0)
            {
                continue;
            }

            var weighted = 100 * parts.Where(p => p.Rate is not null).Sum(p => p.Rate!.Value * p.Weight) / weights;
            var penalty = (s.ReturnPenalty * f.Counts.Returns) + (s.RepeatPenalty * f.Counts.Repeats);
            scored.Add((id, name, f, Math.Round(weighted - penalty, 2), Math.Round(weighted, 2), penalty));
        }

        var ordered = scored.OrderByDescending(x => x.Score).ThenBy(x => x.Name, StringComparer.Ordinal).ThenBy(x => x.Id).ToList();
        var result = new List<UnitRank>(ordered.Count);
        for (var i = 0; i < ordered.Count; i++)
        {
            var x = ordered[i];
            var rank = i > 0 && ordered[i - 1].Score == x.Score ? result[i - 1].Rank : i + 1;
            result.Add(new UnitRank(x.Id, x.Name, rank, x.Score, x.F, x.Weighted, x.Penalty));
        }

        return result;
    }
}
