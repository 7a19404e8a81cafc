namespace Lianxin.Core.Organization;

/// <summary>区域: district → street/town → community, each with an administrative code.</summary>
public sealed class Region : TreeNode
{
    private Region()
    {
    }

    public Region(Guid id, string name, string code, Region? parent, DateTime createdAt)
        : base(id, name, code, parent, createdAt)
    {
    }
}
