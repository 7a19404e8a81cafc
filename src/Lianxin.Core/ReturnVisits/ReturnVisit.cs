using Lianxin.Core.WorkOrders;

namespace Lianxin.Core.ReturnVisits;

/// <summary>回访: one call-back attempt to the requester and what they said.</summary>
public sealed class ReturnVisit
{
    public const int MaxCommentLength = 2000;

    /// <summary>Unreached attempts per round after which the order is archived as unreachable.</summary>
    public const int MaxAttempts = 3;

    private ReturnVisit()
    {
    }

    internal ReturnVisit(Guid id, Guid workOrderId, int round, int attempt, bool reached, Solved? solved, Satisfaction? satisfaction, string? comment, DateTime at, Guid by)
    {
        Id = id;
        WorkOrderId = workOrderId;
        Round = round;
        Attempt = attempt;
        Reached = reached;
        Solved = solved;
        Satisfaction = satisfaction;
        Comment = comment;
        At = at;
        By = by;
    }

    public Guid Id { get; private set; }

    public Guid WorkOrderId { get; private set; }

    /// <summary>1 for the first visit, 2 after a redo; the second round's rating is final.</summary>
    public int Round { get; private set; }

    public int Attempt { get; private set; }

    public bool Reached { get; private set; }

    public Solved? Solved { get; private set; }

    public Satisfaction? Satisfaction { get; private set; }

    public string? Comment { get; private set; }

    public DateTime At { get; private set; }

    public Guid By { get; private set; }
}
