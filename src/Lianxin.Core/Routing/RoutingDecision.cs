namespace Lianxin.Core.Routing;

/// <summary>
/// One dispatch and what the routing catalogue suggested at that moment: the raw material of the
/// suggestion accuracy figure. Written with the dispatch, in the same save; never changed.
/// </summary>
public sealed class RoutingDecision
{
    private RoutingDecision()
    {
    }

    public RoutingDecision(Guid id, Guid workOrderId, Guid categoryId, string? regionCode, Guid? suggestedUnitId, Guid? ruleId, Guid chosenUnitId, DateTime at, Guid? decidedBy)
    {
        Id = id;
        WorkOrderId = workOrderId;
        CategoryId = categoryId;
        RegionCode = regionCode;
        SuggestedUnitId = suggestedUnitId;
        RuleId = ruleId;
        ChosenUnitId = chosenUnitId;
        Taken = suggestedUnitId == chosenUnitId;
        At = at;
        DecidedBy = decidedBy;
    }

    public Guid Id { get; private set; }

    public Guid WorkOrderId { get; private set; }

    /// <summary>The order's category when it was dispatched.</summary>
    public Guid CategoryId { get; private set; }

    public string? RegionCode { get; private set; }

    /// <summary>The suggested lead unit; null when no rule matched.</summary>
    public Guid? SuggestedUnitId { get; private set; }

    /// <summary>The rule the suggestion came from.</summary>
    public Guid? RuleId { get; private set; }

    /// <summary>The lead unit the dispatcher chose.</summary>
    public Guid ChosenUnitId { get; private set; }

    /// <summary>The dispatcher followed the suggestion (same lead unit; assists are not compared).</summary>
    public bool Taken { get; private set; }

    public DateTime At { get; private set; }

    public Guid? DecidedBy { get; private set; }
}
