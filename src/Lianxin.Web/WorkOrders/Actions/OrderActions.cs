using Lianxin.Core.Common;
using Lianxin.Core.Organization;
using Lianxin.Core.WorkOrders;

namespace Lianxin.Web.WorkOrders.Actions;

/// <summary>One button of the action bar: the allowed action, its glossary word (with the target named when there are several), its Alt+digit key.</summary>
public sealed record ActionButton(AllowedAction Allowed, Text Label, char? AccessKey)
{
    /// <summary>A stable id for the button and its form: the action, and the target when it has one.</summary>
    public string Key => Allowed.Target is { } t ? $"{Allowed.Action}-{t:N}" : Allowed.Action.ToString();
}

/// <summary>
/// Which buttons the action bar shows for the actions the aggregate allows: exactly those, in the order
/// of the work (the main step first), named by DOMAIN.md's glossary, the first nine with Alt+1…9.
/// </summary>
public static class OrderActions
{
    /// <summary>The main step of each stage first, the supervisor's and rarer actions after.</summary>
    private static readonly WorkOrderAction[] Order =
    [
        WorkOrderAction.Dispatch, WorkOrderAction.Accept, WorkOrderAction.Reply, WorkOrderAction.Review, WorkOrderAction.RecordVisit,
        WorkOrderAction.DecideReturn, WorkOrderAction.DecideExtension, WorkOrderAction.RecordContact, WorkOrderAction.Redispatch,
        WorkOrderAction.RequestReturn, WorkOrderAction.RequestExtension, WorkOrderAction.SendBack, WorkOrderAction.Recall,
        WorkOrderAction.ReleaseAssists, WorkOrderAction.ReplyToSupervision, WorkOrderAction.Archive, WorkOrderAction.Urge,
        WorkOrderAction.Supervise, WorkOrderAction.Suspend, WorkOrderAction.Resume, WorkOrderAction.OfferHelp, WorkOrderAction.WithdrawHelp,
        WorkOrderAction.Merge, WorkOrderAction.AnswerDirectly, WorkOrderAction.NotAccept,
    ];

    /// <summary>The glossary word of an action (DOMAIN.md), as its button says it.</summary>
    public static Text Word(WorkOrderAction action) => action switch
    {
        WorkOrderAction.AnswerDirectly => new("直接答复", "Answer directly"),
        WorkOrderAction.NotAccept => new("不予受理", "Not accept"),
        WorkOrderAction.Dispatch => new("派单", "Dispatch"),
        WorkOrderAction.Accept => new("签收", "Accept"),
        WorkOrderAction.RecordContact => new("联系", "Contacted"),
        WorkOrderAction.Redispatch => new("转派", "Redispatch"),
        WorkOrderAction.RequestReturn => new("退回", "Return"),
        WorkOrderAction.DecideReturn => new("审核退回", "Decide return"),
        WorkOrderAction.RequestExtension => new("申请延期", "Ask extension"),
        WorkOrderAction.DecideExtension => new("审核延期", "Decide extension"),
        WorkOrderAction.Reply => new("答复", "Reply"),
        WorkOrderAction.SendBack => new("发回", "Send back"),
        WorkOrderAction.Recall => new("收回", "Recall"),
        WorkOrderAction.ReleaseAssists => new("解除等待协办", "Release assists"),
        WorkOrderAction.Review => new("审核", "Review"),
        WorkOrderAction.RecordVisit => new("回访", "Visit"),
        WorkOrderAction.Archive => new("归档", "Archive"),
        WorkOrderAction.Urge => new("催办", "Urge"),
        WorkOrderAction.Supervise => new("督办", "Supervise"),
        WorkOrderAction.ReplyToSupervision => new("答复督办", "Answer supervision"),
        WorkOrderAction.Suspend => new("挂起", "Suspend"),
        WorkOrderAction.Resume => new("恢复", "Resume"),
        WorkOrderAction.OfferHelp => new("会诊", "Offer help"),
        WorkOrderAction.WithdrawHelp => new("撤回会诊", "Withdraw help"),
        WorkOrderAction.Merge => new("并单", "Merge"),
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };

    /// <summary>The confirmation after <paramref name="action"/> succeeded on order <paramref name="number"/>: 已派单 RX… / Dispatched RX….</summary>
    public static Text Done(WorkOrderAction action, string number) => action switch
    {
        WorkOrderAction.AnswerDirectly => new($"已直接答复 {number}", $"Answered {number} directly"),
        WorkOrderAction.NotAccept => new($"已不予受理 {number}", $"Not accepted: {number}"),
        WorkOrderAction.Dispatch => new($"已派单 {number}", $"Dispatched {number}"),
        WorkOrderAction.Accept => new($"已签收 {number}", $"Accepted {number}"),
        WorkOrderAction.RecordContact => new($"已记录联系 {number}", $"Contact recorded on {number}"),
        WorkOrderAction.Redispatch => new($"已转派 {number}", $"Redispatched {number}"),
        WorkOrderAction.RequestReturn => new($"已申请退回 {number}", $"Return requested on {number}"),
        WorkOrderAction.DecideReturn => new($"已审核退回 {number}", $"Return decided on {number}"),
        WorkOrderAction.RequestExtension => new($"已申请延期 {number}", $"Extension requested on {number}"),
        WorkOrderAction.DecideExtension => new($"已审核延期 {number}", $"Extension decided on {number}"),
        WorkOrderAction.Reply => new($"已答复 {number}", $"Replied to {number}"),
        WorkOrderAction.SendBack => new($"已发回 {number}", $"Sent {number} back"),
        WorkOrderAction.Recall => new($"已收回 {number}", $"Recalled {number}"),
        WorkOrderAction.ReleaseAssists => new($"已解除等待协办 {number}", $"Stopped waiting for assists on {number}"),
        WorkOrderAction.Review => new($"已审核 {number}", $"Reviewed {number}"),
        WorkOrderAction.RecordVisit => new($"已回访 {number}", $"Visit recorded on {number}"),
        WorkOrderAction.Archive => new($"已归档 {number}", $"Archived {number}"),
        WorkOrderAction.Urge => new($"已催办 {number}", $"Urged {number}"),
        WorkOrderAction.Supervise => new($"已督办 {number}", $"Supervised {number}"),
        WorkOrderAction.ReplyToSupervision => new($"已答复督办 {number}", $"Answered the supervision of {number}"),
        WorkOrderAction.Suspend => new($"已挂起 {number}", $"Suspended {number}"),
        WorkOrderAction.Resume => new($"已恢复 {number}", $"Resumed {number}"),
        WorkOrderAction.OfferHelp => new($"已发起会诊 {number}", $"Offered {number} for help"),
        WorkOrderAction.WithdrawHelp => new($"已撤回会诊 {number}", $"Withdrew the help request of {number}"),
        WorkOrderAction.Merge => new($"已并单 {number}", $"Merged {number}"),
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };

    /// <summary>
    /// The buttons for <paramref name="allowed"/>: one per allowed action and target, sorted by the work's
    /// order; an action with several targets names each (审核退回 · 新华路街道). <paramref name="targetName"/>
    /// names a target (a hop's unit, a supervision's unit) or returns null.
    /// </summary>
    public static IReadOnlyList<ActionButton> Buttons(IReadOnlyList<AllowedAction> allowed, Func<AllowedAction, string?> targetName)
    {
        var sorted = allowed.OrderBy(a => Array.IndexOf(Order, a.Action)).ToList();
        var buttons = new List<ActionButton>(sorted.Count);
        foreach (var a in sorted)
        {
            var word = Word(a.Action);
            var several = a.Target is not null && sorted.Count(x => x.Action == a.Action) > 1;
            var name = several ? targetName(a) : null;
            var label = name is { Length: > 0 } ? new Text($"{word.Zh} · {name}", $"{word.En} · {name}") : word;
            char? key = buttons.Count < 9 ? (char)('1' + buttons.Count) : null;
            buttons.Add(new ActionButton(a, label, key));
        }

        return buttons;
    }

    /// <summary>Names a target with the order and the reference data: the hop's unit, the supervised unit, the offer's note.</summary>
    public static string? TargetName(WorkOrder order, ReferenceSnapshot refs, AllowedAction a)
    {
        if (a.Target is not { } id)
        {
            return null;
        }

        if (order.Hops.Find(id) is { } hop)
        {
            return refs.Units.Find(hop.UnitId)?.Name;
        }

        if (order.Supervisions.FirstOrDefault(s => s.Id == id) is { } s)
        {
            return s.UnitId is { } u ? refs.Units.Find(u)?.Name : null;
        }

        return order.HelpRequests.FirstOrDefault(h => h.Id == id)?.Note;
    }

    /// <summary>The button for <paramref name="wanted"/> when allowed (the list's main action to open at once); the first target when it has several.</summary>
    public static ActionButton? Find(IReadOnlyList<ActionButton> buttons, WorkOrderAction? wanted) =>
        wanted is { } w ? buttons.FirstOrDefault(b => b.Allowed.Action == w) : null;
}
