using Lianxin.Core.Common;
using Lianxin.Core.Reports;

namespace Lianxin.Web.Reports;

/// <summary>A briefing or monthly report as worksheets: 概况 (every figure), the volumes, the lists, the days.</summary>
public static class BriefingSheets
{
    public static IEnumerable<XlsxSheet> For(BriefingReport r, TimeZoneInfo zone, bool english)
    {
        string T(string zh, string en) => english ? en : zh;
        XlsxColumn Text(string zh, string en, int width = 0) => new(T(zh, en), XlsxKind.Text, width);
        XlsxColumn Number(string zh, string en) => new(T(zh, en));
        XlsxColumn Percent(string zh, string en) => new(T(zh, en), XlsxKind.Percent);

        var period = r.From == r.To ? r.From.ToString("yyyy-MM-dd") : $"{r.From:yyyy-MM-dd} – {r.To:yyyy-MM-dd}";
        var overview = new List<IReadOnlyList<object?>>
        {
            new object?[] { T("统计期", "Period"), null, null, period },
            new object?[] { T("生成时间", "Generated"), null, null, LocalTime.Format(r.GeneratedAt, zone) },
            new object?[] { T("摘要", "Summary"), null, null, ReportWords.Summary(r, english) },
        };
        overview.AddRange(ReportWords.Counts.Select(c => (IReadOnlyList<object?>)[T(c.Zh, c.En), c.Value(r.Figures), null, null]));
        overview.AddRange(ReportWords.Rates.Select(c => (IReadOnlyList<object?>)[T(c.Zh, c.En), null, c.Value(r.Figures), null]));
        yield return new XlsxSheet(T("概况", "Overview"),
            [Text("指标", "Figure", 18), Number("数量", "Count"), Percent("比率", "Rate"), Text("说明", "Note", 60)],
            overview);

        IEnumerable<XlsxSheet> Volume(string zh, string en, KpiDimension by, IReadOnlyList<BriefingCount> rows) =>
            [new XlsxSheet(T(zh, en), [Text(zh, en, 24), Number("受理量", "Received")], rows.Select(c => (IReadOnlyList<object?>)[ReportWords.RowName(by, c.Key, c.Name, english), c.Count]))];

        foreach (var s in Volume("渠道", "Channel", KpiDimension.Channel, r.ByChannel))
        {
            yield return s;
        }

        foreach (var s in Volume("诉求类型", "Demand type", KpiDimension.DemandType, r.ByDemandType))
        {
            yield return s;
        }

        yield return new XlsxSheet(T("问题分类", "Categories"),
            [Text("问题分类", "Category", 24), Number("受理量", "Received"), Number(r.Monthly ? "上月" : "前7日日均", r.Monthly ? "Month before" : "Previous 7-day mean"), Percent("变化", "Change")],
            r.ByCategory.Select(c =>
            {
                var topic = r.TopCategories.FirstOrDefault(t => t.Key == c.Key);
                return (IReadOnlyList<object?>)[c.Name, c.Count, topic?.PreviousAverage, topic?.Change];
            }));

        foreach (var s in Volume("区域", "District", KpiDimension.Region, r.ByRegion))
        {
            yield return s;
        }

        yield return new XlsxSheet(T("热点", "Hot spots"),
            [Text("地点", "Place", 24), Text("问题", "Matter", 24), Number("来电号码数", "Phones"), Number("工单数", "Orders"), Text("工单编号", "Orders", 60)],
            r.HotSpots.Select(h => (IReadOnlyList<object?>)[h.Place, h.Matter, h.Phones, h.Orders, string.Join(" ", h.Numbers)]));

        yield return new XlsxSheet(T("超期", "Overdue"),
            [Text("主办单位", "Lead unit", 24), Number("超期", "Overdue"), Number("临期", "Approaching")],
            r.Overdue.Select(o => (IReadOnlyList<object?>)[o.UnitName, o.Overdue, o.Approaching]));

        IEnumerable<IReadOnlyList<object?>> Orders(IReadOnlyList<BriefingOrder> orders) => orders.Select(o => (IReadOnlyList<object?>)
            [o.Number, o.Title, ReportWords.Urgency(o.Urgency, english), ReportWords.Status(o.Status, english), LocalTime.Format(o.CreatedAt, zone), o.Repeats]);
        XlsxColumn[] orderColumns = [Text("工单编号", "Number", 16), Text("标题", "Title", 30), Text("紧急程度", "Urgency"), Text("状态", "Status"), Text("受理时间", "Received", 16), Number("重复来电", "Repeat calls")];
        yield return new XlsxSheet(T("重复诉求", "Most repeated"), orderColumns, Orders(r.MostRepeated));
        yield return new XlsxSheet(T("紧急工单", "Most urgent"), orderColumns, Orders(r.MostUrgent));

        yield return new XlsxSheet(T("每日", "Days"),
            [Text("日期", "Day", 12), Number("受理", "Received"), Number("办结", "Closed"), Percent("满意率", "Satisfaction rate")],
            r.Days.Select(d => (IReadOnlyList<object?>)[d.Day.ToString("yyyy-MM-dd"), d.Received, d.Closed, d.SatisfactionRate]));
    }
}
