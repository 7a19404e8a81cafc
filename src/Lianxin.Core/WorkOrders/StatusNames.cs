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
