using System.Text.Json;
using Lianxin.Core.WorkOrders;

namespace Lianxin.Core.Reports;

/// <summary>What the breakdowns need of an order: its channel, demand type, category, district, lead unit, repeat and redo marks.</summary>
public sealed record OrderKeys(Guid OrderId, Channel Channel, DemandType DemandType, Guid CategoryId, string? District, Guid? LeadUnitId, bool Repeat, int RedoCount);

/// <summary>A hop whose sign-for deadline falls in the day.</summary>
public sealed record HopDueFact(OrderKeys Order, Guid AssignmentId, Guid UnitId, bool FirstLevel, bool OnTime);

/// <summary>An order whose completion (or visit) deadline falls in the day, and whether it was met.</summary>
public sealed record DueFact(OrderKeys Order, bool Met);

/// <summary>A return-visit attempt of the day.</summary>
public sealed record VisitFact(OrderKeys Order, bool Reached, Solved? Solved, Satisfaction? Satisfaction, int Round, bool GaveUp)
{
    /// <summary>A final rating: the second round, or a first round that did not send the order back (WorkOrder.RecordVisit's rule).</summary>
    public bool Final => Reached && !(Round == 1 && (Satisfaction == WorkOrders.Satisfaction.Unsatisfied || Solved == WorkOrders.Solved.No));
}

/// <summary>A return request of the day, by the unit that asked.</summary>
public sealed record ReturnFact(OrderKeys Order, Guid UnitId);

/// <summary>The call counters of the day (from <see cref="Calls.CallKpiTally"/>; offered includes short abandons).</summary>
public sealed record CallCounts(int Offered, int Answered, int AnsweredInTarget, int Abandoned, int ShortAbandons)
{
    public static CallCounts None { get; } = new(0, 0, 0, 0, 0);
}

/// <summary>Every source row of one local day, as <see cref="DayFigureSources"/> loads it.</summary>
public sealed record DaySources(
    IReadOnlyList<OrderKeys> Registered,
    IReadOnlyList<OrderKeys> FirstClosed,
    IReadOnlyList<OrderKeys> NotAccepted,
    IReadOnlyList<OrderKeys> AnsweredDirectly,
    IReadOnlyList<OrderKeys> Merged,
    IReadOnlyList<HopDueFact> HopsDue,
    IReadOnlyList<DueFact> CompletionsDue,
    IReadOnlyList<DueFact> VisitsDue,
    IReadOnlyList<VisitFact> Visits,
    IReadOnlyList<OrderKeys> Ended,
    IReadOnlyList<OrderKeys> Redos,
    IReadOnlyList<ReturnFact> Returns,
    CallCounts Calls)
{
    public static DaySources Empty { get; } = new([], [], [], [], [], [], [], [], [], [], [], [], CallCounts.None);
}

/// <summary>One row of the daily aggregate before it is stored.</summary>
public sealed record DayFigureRow(KpiDimension Dimension, string Key, KpiCounts Counts);

/// <summary>
/// Builds a day's rows for every dimension from its source rows: pure, so the attribution rules are read and tested
/// without a database. Order figures go to the order's keys (the lead unit for <see cref="KpiDimension.Unit"/>);
/// sign-for hops: first-level hops to the centre and the order keys, every hop to its own unit; returns to the unit
/// that asked; calls only to the centre. Orders without a lead unit or a region have no unit or region row.
/// </summary>
public static class DayFigures
{
    public static IReadOnlyList<DayFigureRow> Build(DaySources s)
    {
        var rows = new Dictionary<(KpiDimension, string), KpiCounts>();

        KpiCounts Row(KpiDimension d, string key)
        {
            if (!rows.TryGetValue((d, key), out var c))
            {
                c = new KpiCounts();
                rows[(d, key)] = c;
            }

            return c;
        }

        // Every row an order figure goes to: the centre and the order's keys.
        IEnumerable<KpiCounts> OrderRows(OrderKeys o, bool withUnit = true)
        {
            yield return Row(KpiDimension.Centre, "");
            if (withUnit && o.LeadUnitId is { } unit)
            {
                yield return Row(KpiDimension.Unit, KpiKeys.Of(unit));
            }

            yield return Row(KpiDimension.Category, KpiKeys.Of(o.CategoryId));
            if (o.District is { Length: > 0 } district)
            {
                yield return Row(KpiDimension.Region, district);
            }

            yield return Row(KpiDimension.Channel, KpiKeys.Of(o.Channel));
            yield return Row(KpiDimension.DemandType, KpiKeys.Of(o.DemandType));
        }

        void Each(IEnumerable<OrderKeys> orders, Action<KpiCounts> count)
        {
            foreach (var o in orders)
            {
                foreach (var r in OrderRows(o))
                {
                    count(r);
                }
            }
        }

        Each(s.Registered, r => r.Received++);
        Each(s.Registered.Where(o => o.Repeat), r => r.Repeats++);
        Each(s.FirstClosed, r => r.Closed++);
        Each(s.NotAccepted, r => r.NotAccepted++);
        Each(s.AnsweredDirectly, r => r.AnsweredDirectly++);
        Each(s.Merged, r => r.Merged++);
        Each(s.Ended, r => r.Ended++);
        Each(s.Ended.Where(o => o.RedoCount == 0 && !o.Repeat), r => r.EndedFirstTime++);
        Each(s.Redos, r => r.Redos++);

        foreach (var hop in s.HopsDue)
        {
            var targets = hop.FirstLevel ? OrderRows(hop.Order, withUnit: false) : [];
            foreach (var r in targets.Append(Row(KpiDimension.Unit, KpiKeys.Of(hop.UnitId))))
            {
                r.SignDue++;
                if (hop.OnTime)
                {
                    r.SignOnTime++;
                }
            }
        }

        foreach (var due in s.CompletionsDue)
        {
            foreach (var r in OrderRows(due.Order))
            {
                r.CompletionDue++;
                if (due.Met)
                {
                    r.CompletionOnTime++;
                }
            }
        }

        foreach (var due in s.VisitsDue)
        {
            foreach (var r in OrderRows(due.Order))
            {
                r.VisitDue++;
                if (due.Met)
                {
                    r.Visited++;
                }
            }
        }

        foreach (var v in s.Visits)
        {
            foreach (var r in OrderRows(v.Order))
            {
                if (v.GaveUp)
                {
                    r.Unreachable++;
                }

                if (!v.Reached)
                {
                    continue;
                }

                r.VisitsReached++;
                var solved = v.Solved == Solved.Yes ? 1 : 0;
                var rated = v.Satisfaction is null ? 0 : 1;
                var satisfied = v.Satisfaction == Satisfaction.Satisfied ? 1 : 0;
                var basically = v.Satisfaction == Satisfaction.BasicallySatisfied ? 1 : 0;
                r.VisitsSolved += solved;
                r.VisitsRated += rated;
                r.VisitsSatisfied += satisfied;
                r.VisitsBasicallySatisfied += basically;
                if (v.Final)
                {
                    r.FinalReached++;
                    r.FinalSolved += solved;
                    r.FinalRated += rated;
                    r.FinalSatisfied += satisfied;
                    r.FinalBasicallySatisfied += basically;
                }
            }
        }

        foreach (var ret in s.Returns)
        {
            foreach (var r in OrderRows(ret.Order, withUnit: false).Append(Row(KpiDimension.Unit, KpiKeys.Of(ret.UnitId))))
            {
                r.Returns++;
            }
        }

        if (s.Calls != CallCounts.None)
        {
            var centre = Row(KpiDimension.Centre, "");
            centre.Offered += s.Calls.Offered;
            centre.Answered += s.Calls.Answered;
            centre.AnsweredIn15s += s.Calls.AnsweredInTarget;
            centre.Abandoned += s.Calls.Abandoned;
            centre.ShortAbandons += s.Calls.ShortAbandons;
        }

        return [.. rows.Select(kv => new DayFigureRow(kv.Key.Item1, kv.Key.Item2, kv.Value)).Where(r => !r.Counts.IsEmpty)
            .OrderBy(r => r.Dimension).ThenBy(r => r.Key, StringComparer.Ordinal)];
    }
}

/// <summary>How dimension keys are spelt, in the rows and in the API.</summary>
public static class KpiKeys
{
    public static string Of(Guid id) => id.ToString("D");

    public static string Of(Channel channel) => JsonNamingPolicy.CamelCase.ConvertName(channel.ToString());

    public static string Of(DemandType type) => JsonNamingPolicy.CamelCase.ConvertName(type.ToString());
}
