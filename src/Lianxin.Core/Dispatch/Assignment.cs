using System.Linq.Expressions;

namespace Lianxin.Core.Dispatch;

public enum AssignmentRole
{
    Lead,
    Assist,
}

public enum AssignmentStatus
{
    /// <summary>待签收: dispatched, not yet signed for.</summary>
    Pending,

    /// <summary>办理中: signed for, being handled.</summary>
    Accepted,

    /// <summary>退回待审: the unit asked to return it; the dispatcher decides.</summary>
    ReturnRequested,

    /// <summary>已退回: return approved; the unit is out of this order.</summary>
    Returned,

    /// <summary>已答复.</summary>
    Replied,

    /// <summary>已转派: passed down to a sub-unit, which now holds a child hop.</summary>
    Redispatched,

    /// <summary>已撤销: the order was merged or the hop withdrawn.</summary>
    Cancelled,
}

/// <summary>
/// 派单记录: one hop of an order to one unit. Hops form a tree (<see cref="ParentId"/>) so each unit's
/// sign-for time, handling time, returns and lateness are measured and attributed to it.
/// </summary>
public sealed class Assignment
{
    /// <summary>
    /// The order's current lead (主办) at the first level: the hop the centre dispatched as lead that has
    /// not been returned or cancelled. The latest such hop wins (a redispatch after an approved return
    /// leaves the returned one behind). Queries use this expression, the aggregate its compiled form, and
    /// the deadline sweep's SQL <see cref="CurrentLeadSql"/>; a test holds the three together.
    /// </summary>
    public static readonly Expression<Func<Assignment, bool>> IsCurrentLead =
        a => a.Role == AssignmentRole.Lead && a.ParentId == null && a.Status != AssignmentStatus.Returned && a.Status != AssignmentStatus.Cancelled;

    /// <summary><see cref="IsCurrentLead"/> over the <c>assignments</c> table aliased <c>a</c> (enums are stored by name).</summary>
    public const string CurrentLeadSql = "a.role = 'Lead' AND a.parent_id IS NULL AND a.status NOT IN ('Returned', 'Cancelled')";

    private static readonly Func<Assignment, bool> CurrentLead = IsCurrentLead.Compile();

    private Assignment()
    {
    }

    internal Assignment(Guid id, Guid workOrderId, Guid unitId, AssignmentRole role, Guid? parentId, DateTime dispatchedAt, Guid? dispatchedBy)
    {
        Id = id;
        WorkOrderId = workOrderId;
        UnitId = unitId;
        Role = role;
        ParentId = parentId;
        Status = AssignmentStatus.Pending;
        DispatchedAt = dispatchedAt;
        DispatchedBy = dispatchedBy;
    }

    public Guid Id { get; private set; }

    public Guid WorkOrderId { get; private set; }

    public Guid UnitId { get; private set; }

    public AssignmentRole Role { get; private set; }

    public Guid? ParentId { get; private set; }

    public AssignmentStatus Status { get; private set; }

    public DateTime DispatchedAt { get; private set; }

    public Guid? DispatchedBy { get; private set; }

    public DateTime? AcceptedAt { get; private set; }

    public Guid? AcceptedBy { get; private set; }

    public DateTime? RepliedAt { get; private set; }

    public string? ReplyResult { get; private set; }

    public WorkOrders.Solved? ReplySolved { get; private set; }

    public DateTime? ClosedAt { get; private set; }

    /// <summary>This hop's own sign-for clock, from its dispatch, never past the order's completion.</summary>
    public Deadlines.Deadline? SignFor { get; private set; }

    /// <summary>This hop's completion clock: the order's for a first-level hop; inside its parent's for a lower one.</summary>
    public Deadlines.Deadline? Completion { get; private set; }

    internal void StartClocks(Deadlines.TimeLimit signFor, Deadlines.TimeLimit completion)
    {
        SignFor = new Deadlines.Deadline(signFor, DispatchedAt);
        Completion = new Deadlines.Deadline(completion, DispatchedAt);
    }

    /// <summary>Whether this hop is the order's current first-level lead (<see cref="IsCurrentLead"/>).</summary>
    public bool IsLeadNow => CurrentLead(this);

    /// <summary>The lead part as the centre dispatched it: its return and reply are the ones that reach the centre.</summary>
    public bool IsFirstLevelLead => ParentId is null && Role == AssignmentRole.Lead;

    /// <summary>An assist the centre dispatched: the first-level lead replies after it.</summary>
    public bool IsFirstLevelAssist => ParentId is null && Role == AssignmentRole.Assist;

    /// <summary>Still owes work on the order itself (not returned, replied, passed down or cancelled).</summary>
    public bool IsOpen => Status is AssignmentStatus.Pending or AssignmentStatus.Accepted or AssignmentStatus.ReturnRequested;

    /// <summary>Still answers for its part: open, or passed down and waiting for the unit below.</summary>
    public bool IsLive => IsOpen || Status == AssignmentStatus.Redispatched;

    internal void Accept(DateTime now, Guid by)
    {
        Status = AssignmentStatus.Accepted;
        AcceptedAt = now;
        AcceptedBy = by;
    }

    internal void RequestReturn() => Status = AssignmentStatus.ReturnRequested;

    /// <summary>Its lead part went down to a unit below; it waits for that unit's reply.</summary>
    internal void PassDown(DateTime now, Guid by)
    {
        AcceptedAt ??= now;
        AcceptedBy ??= by;
        Status = AssignmentStatus.Redispatched;
    }

    /// <summary>The work is back with this unit: the unit below replied, returned it (approved) or was recalled.</summary>
    internal void TakeBack() => Status = AssignmentStatus.Accepted;

    internal void ApproveReturn(DateTime now)
    {
        Status = AssignmentStatus.Returned;
        ClosedAt = now;
    }

    /// <summary>A rejected return leaves the unit where it was: signed for or still pending.</summary>
    internal void RejectReturn() => Status = AcceptedAt is null ? AssignmentStatus.Pending : AssignmentStatus.Accepted;

    internal void Reply(DateTime now, string result, WorkOrders.Solved solved)
    {
        Status = AssignmentStatus.Replied;
        RepliedAt = now;
        ReplyResult = result;
        ReplySolved = solved;
        ClosedAt = now;
    }

    /// <summary>Review sent the reply back, or a return visit ordered a redo: the unit works on.</summary>
    internal void Reopen()
    {
        Status = AssignmentStatus.Accepted;
        ClosedAt = null;
    }

    internal void Cancel(DateTime now)
    {
        Status = AssignmentStatus.Cancelled;
        ClosedAt = now;
    }
}
