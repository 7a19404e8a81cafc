using Lianxin.Core.WorkOrders;

namespace Lianxin.Core.Reports;

/// <summary>
/// The figures a briefing or a monthly report shows, flat: the counters behind them and the rates (null: nothing to
/// divide by). Taken from <see cref="KpiFigures"/>, so the briefing says exactly what the KPI report says.
/// </summary>
public sealed record ReportFigures(
    int Received,
    int Closed,
    int AnsweredDirectly,
    int NotAccepted,
    int Merged,
    int Repeats,
    int Redos,
    int Returns,
    int SignDue,
    int SignOnTime,
    int CompletionDue,
    int CompletionOnTime,
    int VisitDue,
    int Visited,
    int VisitsReached,
    int VisitsSolved,
    int VisitsRated,
    int VisitsSatisfied,
    int VisitsBasicallySatisfied,
    int Unreachable,
    int Offered,
    int Answered,
    int Abandoned,
    int ShortAbandons,
    int AnsweredIn15s,
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
    public static ReportFigures From(KpiFigures f)
    {
        var c = f.Counts;
        return new ReportFigures(
            c.Received, c.Closed, c.AnsweredDirectly, c.NotAccepted, c.Merged, c.Repeats, c.Redos, c.Returns,
            c.SignDue, c.SignOnTime, c.CompletionDue, c.CompletionOnTime, c.VisitDue, c.Visited,
            c.VisitsReached, c.VisitsSolved, c.VisitsRated, c.VisitsSatisfied, c.VisitsBasicallySatisfied, c.Unreachable,
            c.Offered, c.Answered, c.Abandoned, c.ShortAbandons, c.AnsweredIn15s,
            f.ClosureRate, f.OnTimeSignRate, f.OnTimeCompletionRate, f.ResolutionRate, f.SatisfactionRate, f.VisitRate,
            f.RepeatRate, f.FirstContactResolutionRate, f.AnswerRate, f.ServiceLevel15s);
    }
}

/// <summary>One line of a volume breakdown: the KPI dimension's key (so the figure drills down), its name and the orders received.</summary>
public sealed record BriefingCount(string Key, string Name, int Count);

/// <summary>A top category of the period against the mean of the same length before it (change: a fraction, null when there were none before).</summary>
public sealed record BriefingTopic(string Key, string Name, int Count, double PreviousAverage, double? Change);

/// <summary>热点: many phones about one street and one kind of problem within the day or the month (the cluster rule).</summary>
public sealed record BriefingHotSpot(string RegionCode, string Place, Guid CategoryId, string Matter, int Phones, int Orders, IReadOnlyList<string> Numbers);

/// <summary>A lead unit's running orders past their deadline (overdue) or past 临期, at the end of the day (null unit: not dispatched yet).</summary>
public sealed record BriefingOverdue(Guid? UnitId, string UnitName, int Overdue, int Approaching);

/// <summary>An order the briefing points at; <see cref="Repeats"/> counts the repeat calls about it registered within the period.</summary>
public sealed record BriefingOrder(Guid Id, string Number, string Title, Urgency Urgency, WorkOrderStatus Status, DateTime CreatedAt, int Repeats);

/// <summary>
/// 日报 (one local day) or 月报 (a calendar month): the volumes by channel, demand type, top-level category and district;
/// the top categories with their change; hot spots; overdue orders by unit; the most repeated and most urgent orders;
/// the period's KPIs and call figures. <see cref="From"/>..<see cref="To"/> are local days, both inclusive.
/// </summary>
public sealed record BriefingReport(
    DateOnly From,
    DateOnly To,
    DateTime GeneratedAt,
    ReportFigures Figures,
    IReadOnlyList<BriefingCount> ByChannel,
    IReadOnlyList<BriefingCount> ByDemandType,
    IReadOnlyList<BriefingCount> ByCategory,
    IReadOnlyList<BriefingCount> ByRegion,
    IReadOnlyList<BriefingTopic> TopCategories,
    IReadOnlyList<BriefingHotSpot> HotSpots,
    IReadOnlyList<BriefingOverdue> Overdue,
    IReadOnlyList<BriefingOrder> MostRepeated,
    IReadOnlyList<BriefingOrder> MostUrgent,
    IReadOnlyList<BriefingDay> Days)
{
    /// <summary>A month's report (the whole of one calendar month) rather than a day's.</summary>
    public bool Monthly => From.Day == 1 && To == From.AddMonths(1).AddDays(-1) && From != To;
}

/// <summary>One day of a monthly report's trend: received, closed and the day's satisfaction rate.</summary>
public sealed record BriefingDay(DateOnly Day, int Received, int Closed, double? SatisfactionRate);
