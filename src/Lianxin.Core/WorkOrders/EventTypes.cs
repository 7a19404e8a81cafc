using Lianxin.Core.Common;

namespace Lianxin.Core.WorkOrders;

/// <summary>
/// The <see cref="WorkOrderEvent.Type"/> of every history event, as stored and as the API spells it,
/// with the words staff read for it. The aggregate, the deadline sweep (which writes its events in
/// SQL) and the pages all use these; a type is never spelt out anywhere else.
/// </summary>
public static class EventTypes
{
    public const string Registered = "registered";
    public const string AnsweredDirectly = "answeredDirectly";
    public const string NotAccepted = "notAccepted";
    public const string Dispatched = "dispatched";
    public const string Accepted = "accepted";
    public const string Contacted = "contacted";
    public const string Redispatched = "redispatched";
    public const string ReturnRequested = "returnRequested";
    public const string ReturnApproved = "returnApproved";
    public const string ReturnRejected = "returnRejected";
    public const string ExtensionRequested = "extensionRequested";
    public const string ExtensionApproved = "extensionApproved";
    public const string ExtensionRejected = "extensionRejected";
    public const string Replied = "replied";
    public const string HopReplied = "hopReplied";
    public const string AssistReplied = "assistReplied";
    public const string SentBack = "sentBack";
    public const string Recalled = "recalled";
    public const string AssistsReleased = "assistsReleased";
    public const string ReviewApproved = "reviewApproved";
    public const string ReviewRejected = "reviewRejected";
    public const string Visited = "visited";
    public const string Redo = "redo";
    public const string Archived = "archived";
    public const string Urged = "urged";
    public const string Supervised = "supervised";
    public const string SupervisionReplied = "supervisionReplied";
    public const string Suspended = "suspended";
    public const string Resumed = "resumed";
    public const string DeadlineApproaching = "deadlineApproaching";
    public const string DeadlineOverdue = "deadlineOverdue";
    public const string Merged = "merged";
    public const string MergedFrom = "mergedFrom";
    public const string HelpRequested = "helpRequested";
    public const string HelpClaimed = "helpClaimed";
    public const string HelpWithdrawn = "helpWithdrawn";
    public const string HelpExpired = "helpExpired";

    private static readonly Dictionary<string, Text> Names = new(StringComparer.Ordinal)
    {
        [Registered] = new("受理登记", "Registered"),
        [AnsweredDirectly] = new("直接答复", "Answered on the call"),
        [NotAccepted] = new("不予受理", "Not accepted"),
        [Dispatched] = new("派单", "Dispatched"),
        [Accepted] = new("签收", "Signed for"),
        [Contacted] = new("联系市民", "Requester contacted"),
        [Redispatched] = new("转派", "Passed down"),
        [ReturnRequested] = new("申请退回", "Return requested"),
        [ReturnApproved] = new("同意退回", "Return approved"),
        [ReturnRejected] = new("驳回退回", "Return rejected"),
        [ExtensionRequested] = new("申请延期", "Extension requested"),
        [ExtensionApproved] = new("同意延期", "Extension approved"),
        [ExtensionRejected] = new("驳回延期", "Extension rejected"),
        [Replied] = new("答复", "Replied"),
        [HopReplied] = new("下级答复", "Reply from below"),
        [AssistReplied] = new("协办答复", "Assist replied"),
        [SentBack] = new("发回重办", "Sent back down"),
        [Recalled] = new("收回", "Recalled"),
        [AssistsReleased] = new("解除等待协办", "Lead released from assists"),
        [ReviewApproved] = new("审核通过", "Reply approved"),
        [ReviewRejected] = new("审核退回", "Reply sent back"),
        [Visited] = new("回访", "Return visit"),
        [Redo] = new("重办", "Redo"),
        [Archived] = new("归档", "Archived"),
        [Urged] = new("催办", "Urged"),
        [Supervised] = new("督办", "Supervised"),
        [SupervisionReplied] = new("督办回复", "Supervision answered"),
        [Suspended] = new("挂起", "Suspended"),
        [Resumed] = new("恢复计时", "Resumed"),
        [DeadlineApproaching] = new("临期提醒", "Deadline approaching"),
        [DeadlineOverdue] = new("超期", "Deadline overdue"),
        [Merged] = new("并单", "Merged"),
        [MergedFrom] = new("并入工单", "Order merged in"),
        [HelpRequested] = new("发起专家会诊", "Offered to a unit group"),
        [HelpClaimed] = new("认领会诊", "Offer claimed"),
        [HelpWithdrawn] = new("撤回会诊", "Offer withdrawn"),
        [HelpExpired] = new("会诊到期", "Offer expired"),
    };

    /// <summary>Every type there is.</summary>
    public static IReadOnlyCollection<string> All => Names.Keys;

    /// <summary>The words for an event type; an unknown type (from a newer version) is shown as it is.</summary>
    public static Text Name(string type) => Names.TryGetValue(type, out var name) ? name : new Text(type, type);
}
