namespace Lianxin.Core.Routing;

/// <summary>What a rule says: a category subtree and a region subtree (null = any) go to a lead unit, with assists.</summary>
public sealed record RuleTarget(Guid? CategoryId, Guid? RegionId, Guid LeadUnitId, IReadOnlyList<Guid> AssistUnitIds, string? Note);

/// <summary>
/// 派单目录: one entry of the routing catalogue. An order whose category lies in <see cref="CategoryId"/>'s
/// subtree and whose region lies in <see cref="RegionId"/>'s subtree is suggested to <see cref="LeadUnitId"/>
/// (ADR 0008 orders competing rules). Rules are changed and deactivated, never deleted: dispatch
/// decisions point at them.
/// </summary>
public sealed class RoutingRule
{
    public const int MaxNoteLength = 500;

    /// <summary>A dispatch takes at most 20 units (the API's limit); one of them is the lead.</summary>
    public const int MaxAssists = 19;

    private RoutingRule()
    {
    }

    public RoutingRule(Guid id, RuleTarget target, DateTime now, Guid? by)
    {
        Id = id;
        IsActive = true;
        CreatedAt = now;
        CreatedBy = by;
        Apply(target, now, by);
    }

    public Guid Id { get; private set; }

    /// <summary>The category subtree the rule covers; null for any category.</summary>
    public Guid? CategoryId { get; private set; }

    /// <summary>The region subtree the rule covers; null for any region (and for orders without one).</summary>
    public Guid? RegionId { get; private set; }

    public Guid LeadUnitId { get; private set; }

    /// <summary>Assist units in the order the admin gave them. Kept in the rule's row: always read and written whole.</summary>
    public List<Guid> AssistUnitIds { get; private set; } = [];

    /// <summary>Why the rule exists, e.g. the 三定方案 clause that makes the unit responsible.</summary>
    public string? Note { get; private set; }

    public bool IsActive { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public Guid? CreatedBy { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    public Guid? UpdatedBy { get; private set; }

    public DateTime? DeactivatedAt { get; private set; }

    /// <summary>Every unit the rule names, lead first.</summary>
    public IEnumerable<Guid> UnitIds => AssistUnitIds.Prepend(LeadUnitId);

    public void Change(RuleTarget target, DateTime now, Guid? by) => Apply(target, now, by);

    public void Deactivate(DateTime now, Guid? by)
    {
        IsActive = false;
        DeactivatedAt = now;
        Touch(now, by);
    }

    public void Activate(DateTime now, Guid? by)
    {
        IsActive = true;
        DeactivatedAt = null;
        Touch(now, by);
    }

    private void Apply(RuleTarget target, DateTime now, Guid? by)
    {
        CategoryId = target.CategoryId;
        RegionId = target.RegionId;
        LeadUnitId = target.LeadUnitId;

        // A new list, so the change tracker sees the change even when the caller reuses its list.
        AssistUnitIds = [.. target.AssistUnitIds];
        Note = target.Note;
        Touch(now, by);
    }

    private void Touch(DateTime now, Guid? by)
    {
        UpdatedAt = now;
        UpdatedBy = by;
    }
}
