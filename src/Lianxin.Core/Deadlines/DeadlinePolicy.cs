using Lianxin.Core.WorkOrders;

namespace Lianxin.Core.Deadlines;

/// <summary>
/// 时限标准: the three limits for one urgency and (optionally) one demand type and one category
/// subtree. Policies are versioned rows: a change writes a new row and retires the old one, so orders
/// keep the limits they were registered with and their history names the row that set them.
/// </summary>
public sealed class DeadlinePolicy
{
    public const int MaxNameLength = 100;

    private DeadlinePolicy()
    {
    }

    public DeadlinePolicy(Guid id, string name, Urgency urgency, DemandType? demandType, Guid? categoryId, DeadlineTargets targets, int version, Guid? supersedesId, DateTime createdAt, Guid? createdBy)
    {
        Id = id;
        Name = name;
        Urgency = urgency;
        DemandType = demandType;
        CategoryId = categoryId;
        SignForQuantity = targets.SignFor.Quantity;
        SignForUnit = targets.SignFor.Unit;
        ContactQuantity = targets.Contact.Quantity;
        ContactUnit = targets.Contact.Unit;
        CompletionQuantity = targets.Completion.Quantity;
        CompletionUnit = targets.Completion.Unit;
        Version = version;
        SupersedesId = supersedesId;
        CreatedAt = createdAt;
        CreatedBy = createdBy;
        IsActive = true;
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; } = "";

    public Urgency Urgency { get; private set; }

    /// <summary>Null: any demand type.</summary>
    public DemandType? DemandType { get; private set; }

    /// <summary>Null: the default for every category; otherwise an override for that category's subtree.</summary>
    public Guid? CategoryId { get; private set; }

    public int SignForQuantity { get; private set; }

    public DurationUnit SignForUnit { get; private set; }

    public int ContactQuantity { get; private set; }

    public DurationUnit ContactUnit { get; private set; }

    public int CompletionQuantity { get; private set; }

    public DurationUnit CompletionUnit { get; private set; }

    /// <summary>1 for a new policy; +1 for each change.</summary>
    public int Version { get; private set; }

    public Guid? SupersedesId { get; private set; }

    public bool IsActive { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public Guid? CreatedBy { get; private set; }

    public DateTime? RetiredAt { get; private set; }

    public DeadlineTargets Targets => new(
        TimeLimit.FromStored(SignForQuantity, SignForUnit),
        TimeLimit.FromStored(ContactQuantity, ContactUnit),
        TimeLimit.FromStored(CompletionQuantity, CompletionUnit));

    internal void Retire(DateTime at)
    {
        IsActive = false;
        RetiredAt = at;
    }
}
