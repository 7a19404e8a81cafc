namespace Lianxin.Core.Organization;

/// <summary>问题分类: a node of the category tree.</summary>
public sealed class Category : TreeNode
{
    private Category()
    {
    }

    public Category(Guid id, string name, string? code, Category? parent, DateTime createdAt)
        : base(id, name, code, parent, createdAt)
    {
    }
}
