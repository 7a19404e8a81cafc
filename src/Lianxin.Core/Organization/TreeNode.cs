namespace Lianxin.Core.Organization;

/// <summary>
/// A node of one of the reference trees (units, categories, regions). Nodes are renamed, moved and
/// deactivated, never deleted, because orders and history point at them.
/// </summary>
public abstract class TreeNode
{
    public const int MaxNameLength = 100;
    public const int MaxCodeLength = 32;

    protected TreeNode()
    {
    }

    protected TreeNode(Guid id, string name, string? code, TreeNode? parent, DateTime createdAt)
    {
        Id = id;
        Name = name;
        Code = code;
        CreatedAt = createdAt;
        IsActive = true;
        PlaceUnder(parent);
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; } = "";

    public string? Code { get; private set; }

    public Guid? ParentId { get; private set; }

    /// <summary>Materialised path of ids, <c>/root/child/self/</c>: a subtree is a prefix match.</summary>
    public string Path { get; private set; } = "";

    public int Depth { get; private set; }

    public bool IsActive { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public void Rename(string name) => Name = name;

    public void ChangeCode(string? code) => Code = code;

    public void Deactivate() => IsActive = false;

    public void Activate() => IsActive = true;

    public bool IsInSubtreeOf(TreeNode other) => Path.StartsWith(other.Path, StringComparison.Ordinal);

    /// <summary>Moves this node under <paramref name="parent"/>; the caller re-roots descendants with <see cref="Reroot"/>.</summary>
    public void PlaceUnder(TreeNode? parent)
    {
        ParentId = parent?.Id;
        Path = (parent?.Path ?? "/") + Id.ToString("N") + "/";
        Depth = parent is null ? 0 : parent.Depth + 1;
    }

    /// <summary>After an ancestor moved from <paramref name="oldPrefix"/> to <paramref name="newPrefix"/>.</summary>
    public void Reroot(string oldPrefix, string newPrefix, int depthDelta)
    {
        Path = newPrefix + Path[oldPrefix.Length..];
        Depth += depthDelta;
    }
}
