namespace Lianxin.Core.Dispatch;

public enum HelpRequestStatus
{
    /// <summary>待认领: offered to the group, no member has claimed it yet.</summary>
    Open,

    /// <summary>已认领: a member unit took it and holds the assignment.</summary>
    Claimed,

    /// <summary>已过期: nobody claimed it in time; back with the dispatcher.</summary>
    Expired,

    /// <summary>已撤回: the dispatcher withdrew it, or the order moved on without it.</summary>
    Withdrawn,
}

/// <summary>
/// 专家会诊: an order offered to a group of units (e.g. every property company of a town) because its own
/// unit cannot solve it; the first member to claim it gets the assignment, the others see it is taken.
/// Part of the order's aggregate: offers, claims and expiry are transitions of the order.
/// </summary>
public sealed class HelpRequest
{
    public const int MaxNoteLength = 1000;
    public const int MaxHours = 24 * 14;
    public const int DefaultHours = 24;

    private HelpRequest()
    {
    }

    internal HelpRequest(Guid id, Guid workOrderId, Guid groupId, AssignmentRole role, string note, DateTime offeredAt, Guid offeredBy, DateTime expiresAt)
    {
        Id = id;
        WorkOrderId = workOrderId;
        GroupId = groupId;
        Role = role;
        Note = note;
        OfferedAt = offeredAt;
        OfferedBy = offeredBy;
        ExpiresAt = expiresAt;
        Status = HelpRequestStatus.Open;
    }

    public Guid Id { get; private set; }

    public Guid WorkOrderId { get; private set; }

    public Guid GroupId { get; private set; }

    /// <summary>What the claiming unit becomes: the lead (an order not yet dispatched) or an assist of the lead.</summary>
    public AssignmentRole Role { get; private set; }

    public string Note { get; private set; } = "";

    public DateTime OfferedAt { get; private set; }

    public Guid OfferedBy { get; private set; }

    public DateTime ExpiresAt { get; private set; }

    public HelpRequestStatus Status { get; private set; }

    public Guid? ClaimedUnitId { get; private set; }

    public Guid? ClaimedBy { get; private set; }

    public Guid? AssignmentId { get; private set; }

    /// <summary>When it was claimed, expired or withdrawn.</summary>
    public DateTime? ClosedAt { get; private set; }

    public bool IsOpenAt(DateTime now) => Status == HelpRequestStatus.Open && now < ExpiresAt;

    internal void Claim(Guid unitId, Guid by, Guid assignmentId, DateTime now)
    {
        Status = HelpRequestStatus.Claimed;
        ClaimedUnitId = unitId;
        ClaimedBy = by;
        AssignmentId = assignmentId;
        ClosedAt = now;
    }

    internal void Close(HelpRequestStatus status, DateTime now)
    {
        Status = status;
        ClosedAt = now;
    }
}
