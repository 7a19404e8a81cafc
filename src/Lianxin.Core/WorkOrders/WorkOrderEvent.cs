namespace Lianxin.Core.WorkOrders;

/// <summary>
/// One immutable line of an order's history. <see cref="Version"/> is the order's version after the
/// event, unique per order, so history is totally ordered and a lost update cannot write it twice.
/// </summary>
public sealed class WorkOrderEvent
{
    public const int MaxNoteLength = 2000;

    private WorkOrderEvent()
    {
    }

    internal WorkOrderEvent(
        Guid id, Guid workOrderId, int version, DateTime at, string type, Identity.Actor actor,
        WorkOrderStatus fromStatus, WorkOrderStatus toStatus, Guid? assignmentId, Guid? unitId, string? note, string? data)
    {
        Id = id;
        WorkOrderId = workOrderId;
        Version = version;
        At = at;
        Type = type;
        ActorId = actor.UserId == Guid.Empty ? null : actor.UserId;
        ActorName = actor.Name;
        ActorUnitId = actor.UnitId;
        FromStatus = fromStatus;
        ToStatus = toStatus;
        AssignmentId = assignmentId;
        UnitId = unitId;
        Note = note;
        Data = data;
    }

    public Guid Id { get; private set; }

    public Guid WorkOrderId { get; private set; }

    public int Version { get; private set; }

    public DateTime At { get; private set; }

    /// <summary>camelCase event name, e.g. <c>dispatched</c>, <c>returnRequested</c>.</summary>
    public string Type { get; private set; } = "";

    public Guid? ActorId { get; private set; }

    public string ActorName { get; private set; } = "";

    public Guid? ActorUnitId { get; private set; }

    public WorkOrderStatus FromStatus { get; private set; }

    public WorkOrderStatus ToStatus { get; private set; }

    public Guid? AssignmentId { get; private set; }

    public Guid? UnitId { get; private set; }

    public string? Note { get; private set; }

    /// <summary>Event-specific details as a JSON object.</summary>
    public string? Data { get; private set; }

    /// <summary>
    /// Fills in the note and details of an event not saved yet (the registration of an order found to be a
    /// repeat). Once saved, an event is append-only: the context refuses to write a change to it.
    /// </summary>
    internal void CompleteUnsaved(string? note, string? data)
    {
        Note = note;
        Data = data;
    }
}
