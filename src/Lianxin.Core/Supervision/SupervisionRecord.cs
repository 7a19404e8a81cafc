using Lianxin.Core.Calendars;
using Lianxin.Core.Deadlines;

namespace Lianxin.Core.Supervision;

public enum SupervisionKind
{
    /// <summary>催办: a reminder to act.</summary>
    Urge,

    /// <summary>督办: a formal demand that needs the unit's written reply.</summary>
    Supervise,
}

/// <summary>催办 / 督办 as a record: who demanded what of which unit, and the unit's reply.</summary>
public sealed class SupervisionRecord
{
    public const int MaxNoteLength = 2000;

    /// <summary>Working days a unit has, after the day a 督办 is raised, for its written reply.</summary>
    public const int ReplyWorkingDays = 2;

    private SupervisionRecord()
    {
    }

    internal SupervisionRecord(Guid id, Guid workOrderId, SupervisionKind kind, Guid? unitId, string note, bool automatic, DateTime at, Guid? by, DateTime? replyDueAt = null)
    {
        ReplyDueAt = kind == SupervisionKind.Supervise ? replyDueAt : null;
        Id = id;
        WorkOrderId = workOrderId;
        Kind = kind;
        UnitId = unitId;
        Note = note;
        Automatic = automatic;
        CreatedAt = at;
        CreatedBy = by;
    }

    public Guid Id { get; private set; }

    public Guid WorkOrderId { get; private set; }

    public SupervisionKind Kind { get; private set; }

    /// <summary>The unit the demand is addressed to (the lead hop at the time).</summary>
    public Guid? UnitId { get; private set; }

    public string Note { get; private set; } = "";

    /// <summary>Raised by the deadline sweep rather than a person.</summary>
    public bool Automatic { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public Guid? CreatedBy { get; private set; }

    /// <summary>督办 only: when the unit's written reply is due.</summary>
    public DateTime? ReplyDueAt { get; private set; }

    /// <summary>
    /// When a 督办's written reply is due unless the supervisor names a time: the end of the
    /// <see cref="ReplyWorkingDays"/>-th working day after the day it is raised, for a supervisor's 督办 and
    /// for the one the deadline sweep raises alike.
    /// </summary>
    public static DateTime DefaultReplyDue(DateTime now, WorkingCalendar calendar) =>
        DeadlineCalculator.Extend(calendar.EndOfWorkingDayUtc(calendar.LocalDate(now)), ReplyWorkingDays, calendar);

    public string? ReplyText { get; private set; }

    public DateTime? RepliedAt { get; private set; }

    public Guid? RepliedBy { get; private set; }

    public bool IsOpen => Kind == SupervisionKind.Supervise && RepliedAt is null;

    internal void Reply(string text, DateTime at, Guid by)
    {
        ReplyText = text;
        RepliedAt = at;
        RepliedBy = by;
    }
}
