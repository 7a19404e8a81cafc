namespace Lianxin.Core.WorkOrders;

/// <summary>What a user can do to an existing order; each is one transition of <see cref="WorkOrder"/>.</summary>
public enum WorkOrderAction
{
    /// <summary>直接答复.</summary>
    AnswerDirectly,

    /// <summary>不予受理.</summary>
    NotAccept,

    /// <summary>派单.</summary>
    Dispatch,

    /// <summary>签收.</summary>
    Accept,

    /// <summary>联系 (the requester).</summary>
    RecordContact,

    /// <summary>转派 (down the chain).</summary>
    Redispatch,

    /// <summary>退回 (asked by the unit).</summary>
    RequestReturn,

    /// <summary>审核退回 (target: the returning hop).</summary>
    DecideReturn,

    /// <summary>申请延期.</summary>
    RequestExtension,

    /// <summary>审核延期 (target: the hop that asked).</summary>
    DecideExtension,

    /// <summary>答复.</summary>
    Reply,

    /// <summary>发回 a lower hop's reply (target: that hop).</summary>
    SendBack,

    /// <summary>收回 a lower hop (target: that hop).</summary>
    Recall,

    /// <summary>解除主办等待协办.</summary>
    ReleaseAssists,

    /// <summary>审核 the lead's reply.</summary>
    Review,

    /// <summary>回访.</summary>
    RecordVisit,

    /// <summary>归档 without a visit.</summary>
    Archive,

    /// <summary>催办.</summary>
    Urge,

    /// <summary>督办.</summary>
    Supervise,

    /// <summary>答复督办 (target: the supervision record).</summary>
    ReplyToSupervision,

    /// <summary>挂起.</summary>
    Suspend,

    /// <summary>恢复.</summary>
    Resume,

    /// <summary>发起专家会诊.</summary>
    OfferHelp,

    /// <summary>撤回会诊邀请 (target: the offer).</summary>
    WithdrawHelp,

    /// <summary>并单 (into an order chosen then).</summary>
    Merge,
}

/// <summary>
/// An action the actor may take now. <see cref="Target"/> names what it acts on when an order may have
/// several (the hop for decisions, send-back and recall; the supervision record; the offer).
/// </summary>
public sealed record AllowedAction(WorkOrderAction Action, Guid? Target = null);
