namespace Lianxin.Core.Notifications;

/// <summary>The <see cref="Notification.Kind"/> values, as stored and as the API spells them.</summary>
public static class NotificationKinds
{
    /// <summary>One of the unit's orders turned 临期 (<see cref="WorkOrders.EventTypes.DeadlineApproaching"/>).</summary>
    public const string DeadlineApproaching = WorkOrders.EventTypes.DeadlineApproaching;

    /// <summary>One of the unit's orders turned 超期 (<see cref="WorkOrders.EventTypes.DeadlineOverdue"/>).</summary>
    public const string DeadlineOverdue = WorkOrders.EventTypes.DeadlineOverdue;

    /// <summary>A summary of one sweep's changes: for supervisors, and for a unit past its per-order allowance.</summary>
    public const string DeadlineDigest = "deadlineDigest";

    /// <summary>A unit group the unit belongs to was offered an order (专家会诊).</summary>
    public const string HelpOffered = "helpOffered";

    /// <summary>Nobody claimed an offer in time; for the dispatchers.</summary>
    public const string HelpExpired = "helpExpired";
}
