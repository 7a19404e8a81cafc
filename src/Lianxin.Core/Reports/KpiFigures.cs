namespace Lianxin.Core.Reports;

/// <summary>
/// The KPI figures of a period (DOMAIN.md "KPIs"), computed from summed <see cref="KpiCounts"/> under the
/// <see cref="KpiSettings"/> variants. A rate with no denominator is null, never 0 or NaN:
/// <list type="bullet">
/// <item>办结率 closure rate = closed ÷ received;</item>
/// <item>按时签收率 = hops signed for by their deadline ÷ hops due;</item>
/// <item>按时办结率 = orders whose lead replied by the (extended) deadline ÷ orders due;</item>
/// <item>解决率 = visits solved (yes) ÷ visits reached; 满意率 = (satisfied [+ basically satisfied]) ÷ visits rated —
/// all reached visits, or only final ratings, as configured;</item>
/// <item>回访率 = visited by the visit deadline ÷ orders due a visit;</item>
/// <item>重复率 = repeats ÷ received; 一次办结率 = orders ended with no redo and no repeat ÷ orders ended;</item>
/// <item>接通率 = answered ÷ offered (short abandons out of the offered unless configured to count);
/// 及时应答率 = answered within the target ÷ answered.</item>
/// </list>
/// </summary>
public sealed record KpiFigures(
    KpiCounts Counts,
    double? ClosureRate,
    double? OnTimeSignRate,
    double? OnTimeCompletionRate,
    double? ResolutionRate,
    double? SatisfactionRate,
    double? VisitRate,
    double? RepeatRate,
    double? FirstContactResolutionRate,
    double? AnswerRate,
    double? ServiceLevel15s)
{
    public static KpiFigures Compute(KpiCounts c, KpiSettings settings)
    {
        var final = settings.VisitsCounted == VisitsCounted.FinalOnly;
        var reached = final ? c.FinalReached : c.VisitsReached;
        var solved = final ? c.FinalSolved : c.VisitsSolved;
        var rated = final ? c.FinalRated : c.VisitsRated;
        var satisfied = final ? c.FinalSatisfied : c.VisitsSatisfied;
        var basically = final ? c.FinalBasicallySatisfied : c.VisitsBasicallySatisfied;
        var offered = c.Offered - (settings.CountShortAbandons ? 0 : c.ShortAbandons);
        return new KpiFigures(
            c,
            Ratio(c.Closed, c.Received),
            Ratio(c.SignOnTime, c.SignDue),
            Ratio(c.CompletionOnTime, c.CompletionDue),
            Ratio(solved, reached),
            Ratio(satisfied + (settings.BasicallySatisfiedCounts ? basically : 0), rated),
            Ratio(c.Visited, c.VisitDue),
            Ratio(c.Repeats, c.Received),
            Ratio(c.EndedFirstTime, c.Ended),
            Ratio(c.Answered, offered),
            Ratio(c.AnsweredIn15s, c.Answered));
    }

    /// <summary>Visits reached under the variant (the denominator of 解决率).</summary>
    public int Reached(KpiSettings s) => s.VisitsCounted == VisitsCounted.FinalOnly ? Counts.FinalReached : Counts.VisitsReached;

    internal static double? Ratio(int part, int whole) => whole <= 0 ? null : (double)part / whole;
}

/// <summary>One row of a breakdown: its key (unit id, category id, district code, channel or demand type name) and name.</summary>
public sealed record KpiRow(string Key, string Name, KpiFigures Figures);

/// <summary>
/// The KPIs of a period of local days (both inclusive): the total and, with a breakdown, one row per key.
/// <see cref="AsOf"/> is when the youngest day's figures were built (today's may be a refresh interval old).
/// </summary>
public sealed record KpiReport(DateOnly From, DateOnly To, KpiFigures Total, IReadOnlyList<KpiRow> Rows)
{
    public KpiDimension By { get; init; }

    public Guid? UnitId { get; init; }

    public DateTime? AsOf { get; init; }

    public KpiSettings Settings { get; init; } = KpiSettings.Default;
}

/// <summary>A period of local days (inclusive), optionally one unit's figures, broken down by a dimension.</summary>
public sealed record KpiRequest(DateOnly From, DateOnly To, Guid? UnitId, KpiDimension By = KpiDimension.Centre);
