using System.Globalization;
using Lianxin.Core.Common;
using Lianxin.Core.Organization;
using Lianxin.Core.WorkOrders;

namespace Lianxin.Web.WorkOrders;

/// <summary>The columns of the order export, as a centre's staff read them in a spreadsheet.</summary>
public static class WorkOrderExport
{
    public static IEnumerable<IReadOnlyList<string>> Rows(IReadOnlyList<ExportRow> rows, ReferenceSnapshot refs, TimeZoneInfo zone, bool english)
    {
        yield return english
            ? ["Number", "Status", "Channel", "Demand type", "Urgency", "Title", "Description", "Requester", "Phone", "Confidential", "Category", "Region", "Address",
                "Received", "Lead unit", "Completion due", "Reply", "Closed", "Redo count", "Repeat", "Satisfaction"]
            : ["工单编号", "状态", "渠道", "诉求类型", "紧急程度", "标题", "诉求内容", "来电人", "电话", "保密", "问题分类", "区域", "地址",
                "受理时间", "主办单位", "办结时限", "答复", "办结时间", "重办次数", "重复件", "满意度"];
        string Local(DateTime? utc) => LocalTime.Format(utc, zone);
        foreach (var r in rows)
        {
            var category = refs.Categories.Find(r.CategoryId);
            var region = r.RegionCode is null ? null : refs.Regions.FindByCode(r.RegionCode);
            yield return
            [
                r.Number,
                english ? StatusNames.En(r.Status) : StatusNames.Zh(r.Status),
                english ? OrderNames.En(r.Channel) : OrderNames.Zh(r.Channel),
                english ? OrderNames.En(r.DemandType) : OrderNames.Zh(r.DemandType),
                english ? OrderNames.En(r.Urgency) : OrderNames.Zh(r.Urgency),
                r.Title,
                r.Description,
                r.Requester.Name ?? "",
                r.Requester.Phone,
                r.Requester.Confidential ? (english ? "yes" : "是") : "",
                category is null ? "" : refs.Categories.PathName(category),
                region is null ? r.RegionCode ?? "" : refs.Regions.PathName(region),
                r.Address ?? "",
                Local(r.CreatedAt),
                r.LeadUnitId is { } u ? refs.Units.Find(u)?.Name ?? "" : "",
                Local(r.CompletionDueAt),
                r.Reply ?? "",
                Local(r.ClosedAt),
                r.RedoCount.ToString(CultureInfo.InvariantCulture),
                r.IsRepeat ? (english ? "yes" : "是") : "",
                r.Satisfaction is { } sat ? (english ? OrderNames.En(sat) : OrderNames.Zh(sat)) : "",
            ];
        }
    }
}
