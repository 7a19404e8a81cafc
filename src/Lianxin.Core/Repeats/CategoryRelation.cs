namespace Lianxin.Core.Repeats;

/// <summary>How the categories of two orders stand to each other in the category tree.</summary>
public enum CategoryRelation
{
    /// <summary>The same category.</summary>
    Same,

    /// <summary>One is an ancestor of the other (供水 and 供水 / 停水): one call-taker was more precise.</summary>
    Ancestor,

    /// <summary>
    /// Different leaves under one second-level category (供水 / 停水 and 供水 / 水压低): the same kind
    /// of problem, where two call-takers easily pick different leaves for one matter.
    /// </summary>
    SameBranch,

    /// <summary>Anything else, including two branches that share only a first-level domain (公用事业 / 供水 and 公用事业 / 供电).</summary>
    Unrelated,
}

public static class CategoryRelations
{
    /// <summary>
    /// Reads the relation from the categories' materialised paths (<c>/root/branch/leaf/</c>, see
    /// <see cref="Organization.TreeNode.Path"/>). The second level is the line because first-level nodes
    /// are whole domains (城乡建设, 公用事业报修) under which one caller has unrelated matters, while a
    /// second-level node is one kind of problem (供水, 电梯, 噪音).
    /// </summary>
    public static CategoryRelation Between(string pathA, string pathB)
    {
        // An unknown category (no path) relates to nothing.
        if (pathA.Length == 0 || pathB.Length == 0)
        {
            return CategoryRelation.Unrelated;
        }

        if (string.Equals(pathA, pathB, StringComparison.Ordinal))
        {
            return CategoryRelation.Same;
        }

        if (pathA.StartsWith(pathB, StringComparison.Ordinal) || pathB.StartsWith(pathA, StringComparison.Ordinal))
        {
            return CategoryRelation.Ancestor;
        }

        var branchA = Branch(pathA);
        return branchA is not null && string.Equals(branchA, Branch(pathB), StringComparison.Ordinal)
            ? CategoryRelation.SameBranch
            : CategoryRelation.Unrelated;
    }

    public static bool IsRelated(this CategoryRelation relation) => relation != CategoryRelation.Unrelated;

    /// <summary>The path down to the second level (<c>/root/branch/</c>), or null for a first-level node.</summary>
    internal static string? Branch(string path)
    {
        if (path.Length < 2)
        {
            return null;
        }

        var first = path.IndexOf('/', 1);
        var second = first < 0 ? -1 : path.IndexOf('/', first + 1);
        return second < 0 ? null : path[..(second + 1)];
    }
}
