namespace Lianxin.Core.Organization;

public enum UnitKind
{
    Centre,
    SubCentre,
    Department,
    StreetOffice,
    PropertyCompany,
    RepairCrew,
    Community,
    Enterprise,
    Other,
}

/// <summary>An organisation that takes orders (承办单位), or the centre itself.</summary>
public sealed class Unit : TreeNode
{
    private Unit()
    {
    }

    public Unit(Guid id, string name, UnitKind kind, string? code, Unit? parent, DateTime createdAt)
        : base(id, name, code, parent, createdAt)
    {
        Kind = kind;
    }

    public UnitKind Kind { get; private set; }

    /// <summary>Units that pass orders further down their own subtree (DOMAIN.md, multi-level dispatch).</summary>
    public bool CanRedispatch => PassesDown(Kind);

    /// <summary>Whether a unit of this kind may pass orders down to units below it (the admin page says so when choosing a kind).</summary>
    public static bool PassesDown(UnitKind kind) => kind is UnitKind.SubCentre or UnitKind.StreetOffice or UnitKind.Centre;

    public void ChangeKind(UnitKind kind) => Kind = kind;
}
