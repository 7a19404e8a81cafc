using System.Globalization;
using Lianxin.Core.Reports;
using Lianxin.Core.WorkOrders;

namespace Lianxin.Web.Reports;

/// <summary>One figure of a report: its names, how to read it off the figures, and the drill-down list behind it (if any).</summary>
public sealed record FigureColumn(string Zh, string En, Func<ReportFigures, double?> Value, bool Rate, KpiFigure? Drill);

/// <summary>The words and columns the report pages, the JSON summary and the workbooks share.</summary>
public static class ReportWords
{
    /// <summary>The counters, in the order the tables show them; each drills to its orders (calls) where a list exists.</summary>
    public static readonly IReadOnlyList<FigureColumn> Counts =
    [
        new("受理", "Received", f => f.Received, false, KpiFigure.Received),
        new("办结", "Closed", f => f.Closed, false, KpiFigure.Closed),
        new("直接答复", "Answered on the call", f => f.AnsweredDirectly, false, KpiFigure.AnsweredDirectly),
        new("不予受理", "Not accepted", f => f.NotAccepted, false, KpiFigure.NotAccepted),
        new("应签收", "Sign-for due", f => f.SignDue, false, KpiFigure.SignDue),
        new("按时签收", "Signed on time", f => f.SignOnTime, false, null),
        new("应办结", "Completion due", f => f.CompletionDue, false, KpiFigure.CompletionDue),
        new("按时办结", "Completed on time", f => f.CompletionOnTime, false, null),
        new("应回访", "Visits due", f => f.VisitDue, false, KpiFigure.VisitDue),
        new("已回访", "Visited", f => f.Visited, false, null),
        new("回访接通", "Visits reached", f => f.VisitsReached, false, KpiFigure.Reached),
        new("解决", "Solved", f => f.VisitsSolved, false, null),
        new("满意", "Satisfied", f => f.VisitsSatisfied, false, null),
        new("基本满意", "Basically satisfied", f => f.VisitsBasicallySatisfied, false, null),
        new("无法联系", "Unreachable", f => f.Unreachable, false, KpiFigure.Unreachable),
        new("重复件", "Repeats", f => f.Repeats, false, KpiFigure.Repeats),
        new("重办", "Redos", f => f.Redos, false, KpiFigure.Redos),
        new("退回", "Returns", f => f.Returns, false, KpiFigure.Returns),
        new("呼入", "Calls offered", f => f.Offered, false, KpiFigure.Offered),
        new("接通", "Calls answered", f => f.Answered, false, KpiFigure.Answered),
        new("放弃", "Abandoned", f => f.Abandoned, false, KpiFigure.Abandoned),
        new("15秒内接通", "Answered in 15 s", f => f.AnsweredIn15s, false, null),
    ];

    /// <summary>The rates (DOMAIN.md "KPIs"); each drills to the part of its denominator that missed.</summary>
    public static readonly IReadOnlyList<FigureColumn> Rates =
    [
        new("办结率", "Closure rate", f => f.ClosureRate, true, KpiFigure.Received),
        new("按时签收率", "On-time sign-for", f => f.OnTimeSignRate, true, KpiFigure.SignLate),
        new("按时办结率", "On-time completion", f => f.OnTimeCompletionRate, true, KpiFigure.CompletionLate),
        new("解决率", "Resolution rate", f => f.ResolutionRate, true, KpiFigure.Unsolved),
        new("满意率", "Satisfaction rate", f => f.SatisfactionRate, true, KpiFigure.Unsatisfied),
        new("回访率", "Visit rate", f => f.VisitRate, true, KpiFigure.NotVisited),
        new("重复率", "Repeat rate", f => f.RepeatRate, true, KpiFigure.Repeats),
        new("一次办结率", "First-contact resolution", f => f.FirstContactResolutionRate, true, KpiFigure.NotFirstTime),
        new("接通率", "Answer rate", f => f.AnswerRate, true, KpiFigure.Abandoned),
        new("及时应答率", "Service level 15 s", f => f.ServiceLevel15s, true, KpiFigure.Answered),
    ];

    public static string Percent(double? rate) => rate is { } x ? (x * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "—";

    public static string Dimension(KpiDimension by, bool english) => by switch
    {
        KpiDimension.Unit => english ? "Unit" : "单位",
        KpiDimension.Category => english ? "Category" : "分类",
        KpiDimension.Region => english ? "District" : "区域",
        KpiDimension.Channel => english ? "Channel" : "渠道",
        KpiDimension.DemandType => english ? "Demand type" : "诉求类型",
        _ => english ? "Centre" : "中心",
    };

    /// <summary>
    /// A breakdown row's name on screen and in the workbooks: channels and demand types are the product's own words, so
    /// English shows the API's spelling (the key) as the rest of the English console does; units, categories and regions
    /// are the centre's data and keep their names.
    /// </summary>
    public static string RowName(KpiDimension by, string key, string name, bool english) =>
        english && by is KpiDimension.Channel or KpiDimension.DemandType ? key : name;

    /// <summary>The period's line, as a union or a centre reports it: "受理 514 件，办结 …，解决 461 件（89.6%），满意率 85.2%".</summary>
    public static string Summary(BriefingReport r, bool english)
    {
        var f = r.Figures;
        return english
            ? $"{f.Received} orders received, {f.Closed} closed (closure rate {Percent(f.ClosureRate)}), {f.VisitsSolved} solved of {f.VisitsReached} visits reached ({Percent(f.ResolutionRate)}), satisfaction {Percent(f.SatisfactionRate)}; {f.Offered} calls offered, answer rate {Percent(f.AnswerRate)}."
            : $"受理 {f.Received} 件，办结 {f.Closed} 件（办结率 {Percent(f.ClosureRate)}），回访接通 {f.VisitsReached} 件中解决 {f.VisitsSolved} 件（解决率 {Percent(f.ResolutionRate)}），满意率 {Percent(f.SatisfactionRate)}；呼入 {f.Offered} 个，接通率 {Percent(f.AnswerRate)}。";
    }

    public static string Urgency(Urgency u, bool english) => english ? OrderNames.En(u) : OrderNames.Zh(u);

    public static string Status(WorkOrderStatus s, bool english) => english ? StatusNames.En(s) : StatusNames.Zh(s);
}
