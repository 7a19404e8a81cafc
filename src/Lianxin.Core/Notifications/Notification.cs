using Lianxin.Core.Common;

namespace Lianxin.Core.Notifications;

/// <summary>
/// An in-app notification about an order, addressed to a unit's handlers or to everyone with a role
/// (the supervisors). Who has read it is kept per user in <see cref="NotificationRead"/>.
/// </summary>
public sealed class Notification
{
    private Notification()
    {
    }

    public Notification(Guid id, DateTime createdAt, Guid? workOrderId, string? workOrderNumber, string kind, Guid? unitId, Identity.Role? role, Text text, string? data)
    {
        Id = id;
        CreatedAt = createdAt;
        WorkOrderId = workOrderId;
        WorkOrderNumber = workOrderNumber;
        Kind = kind;
        UnitId = unitId;
        Role = role;
        Text = text.Zh;
        TextEn = text.En;
        Data = data;
    }

    public Guid Id { get; private set; }

    public DateTime CreatedAt { get; private set; }

    /// <summary>Null for a digest about many orders (the sweep's summary for supervisors).</summary>
    public Guid? WorkOrderId { get; private set; }

    public string? WorkOrderNumber { get; private set; }

    /// <summary>camelCase, e.g. <c>deadlineApproaching</c>, <c>deadlineOverdue</c>.</summary>
    public string Kind { get; private set; } = "";

    public Guid? UnitId { get; private set; }

    public Identity.Role? Role { get; private set; }

    /// <summary>The message in Chinese.</summary>
    public string Text { get; private set; } = "";

    /// <summary>The message in English; null on notifications written before messages were kept in both languages.</summary>
    public string? TextEn { get; private set; }

    public string? Data { get; private set; }

    /// <summary>The message in the reader's language; Chinese where no English was kept.</summary>
    public string TextIn(bool english) => english && TextEn is not null ? TextEn : Text;
}

public sealed class NotificationRead
{
    public Guid NotificationId { get; set; }

    public Guid UserId { get; set; }

    public DateTime ReadAt { get; set; }
}
