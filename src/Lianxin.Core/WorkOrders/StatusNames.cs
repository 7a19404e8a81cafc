using System.Text.Json;
using System.Text.Json.Serialization;
using Lianxin.Core.Dispatch;

namespace Lianxin.Core.WorkOrders;

public static class StatusNames
{
    public static string Zh(WorkOrderStatus status) => status switch
    {
        WorkOrderStatus.Registered => "已受理",
        WorkOrderStatus.Dispatched => "待签收",
        WorkOrderStatus.InProgress => "办理中",
        WorkOrderStatus.ReturnRequested => "退回待审",
        WorkOrderStatus.Replied => "待审核",
        WorkOrderStatus.Closed => "已办结",
        WorkOrderStatus.NotAccepted => "不予受理",
        WorkOrderStatus.Archived => "已归档",
        WorkOrderStatus.Merged => "已并单",
        _ => status.ToString(),
    };

    public static string En(WorkOrderStatus status) => JsonNamingPolicy.CamelCase.ConvertName(status.ToString());
}

public static class AssignmentStatusNames
{
    public static string Zh(AssignmentStatus status) => status switch
    {
        AssignmentStatus.Pending => "待签收",
        AssignmentStatus.Accepted => "办理中",
        AssignmentStatus.ReturnRequested => "退回待审",
        AssignmentStatus.Returned => "已退回",
        AssignmentStatus.Replied => "已答复",
        AssignmentStatus.Redispatched => "已转派",
        AssignmentStatus.Cancelled => "已撤销",
        _ => status.ToString(),
    };
}

/// <summary>How event data is written: the same camelCase JSON the API speaks.</summary>
public static class EventJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}

/// <summary>The words staff see for the order's other enumerations (DOMAIN.md glossary).</summary>
public static class OrderNames
{
    public static string Zh(Channel channel) => channel switch
    {
        Channel.Phone => "电话",
        Channel.Web => "网站",
        Channel.App => "App",
        Channel.Wechat => "微信",
        Channel.Sms => "短信",
        Channel.Email => "邮件",
        Channel.Letter => "来信",
        Channel.WalkIn => "来访",
        Channel.Open311 => "Open311",
        _ => "其他",
    };

    public static string Zh(DemandType type) => type switch
    {
        DemandType.Consultation => "咨询",
        DemandType.Help => "求助",
        DemandType.Complaint => "投诉",
        DemandType.Report => "举报",
        DemandType.Suggestion => "建议",
        DemandType.Praise => "表扬",
        _ => "其他",
    };

    public static string Zh(Urgency urgency) => urgency switch
    {
        Urgency.Critical => "特急",
        Urgency.Urgent => "紧急",
        _ => "一般",
    };

    public static string Zh(Satisfaction satisfaction) => satisfaction switch
    {
        Satisfaction.Satisfied => "满意",
        Satisfaction.BasicallySatisfied => "基本满意",
        _ => "不满意",
    };

    /// <summary>camelCase, as the API spells enum values.</summary>
    public static string En<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
}
