using Lianxin.Core.Common;
using Lianxin.Core.Identity;

namespace Lianxin.Core.Organization;

/// <summary>
/// The CSV shape of a category or region tree, the same for export and import: <c>code, name,
/// parentCode, path, active</c>. Parents come before their children, so the file reads top-down and
/// imports back unchanged; <c>path</c> is for people and is ignored on import.
/// </summary>
public static class TreeCsv
{
    public const string Code = "code";
    public const string Name = "name";
    public const string ParentCode = "parentCode";
    public const string Path = "path";
    public const string Active = "active";

    /// <summary>Only admins import a tree; asked before the file is read, so nobody else uploads one.</summary>
    public static Refusal? CanImport(Actor actor) => actor.Lacks(Role.Admin, new Text("导入基础数据", "import reference data"));

    public static readonly IReadOnlyList<string> Columns = [Code, Name, ParentCode, Path, Active];

    /// <summary>The header row, then every node depth-first, siblings by code then name.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Rows<T>(IReadOnlyList<T> nodes)
        where T : TreeNode
    {
        var children = nodes.ToLookup(n => n.ParentId);
        var byId = nodes.ToDictionary(n => n.Id);
        var rows = new List<IReadOnlyList<string>> { Columns };

        // Depth-first with an explicit stack: a tree may be deep, and recursion depth should not depend on data.
        var stack = new Stack<(T Node, string Path)>();
        foreach (var root in Sorted(children[null]).Reverse())
        {
            stack.Push((root, root.Name));
        }

        while (stack.Count > 0)
        {
            var (node, path) = stack.Pop();
            var parentCode = node.ParentId is { } p && byId.TryGetValue(p, out var parent) ? parent.Code ?? "" : "";
            rows.Add([node.Code ?? "", node.Name, parentCode, path, node.IsActive ? "true" : "false"]);
            foreach (var child in Sorted(children[node.Id]).Reverse())
            {
                stack.Push((child, path + " / " + child.Name));
            }
        }

        return rows;
    }

    private static IEnumerable<T> Sorted<T>(IEnumerable<T> nodes)
        where T : TreeNode =>
        nodes.OrderBy(n => n.Code is null ? 1 : 0).ThenBy(n => n.Code, StringComparer.Ordinal).ThenBy(n => n.Name, StringComparer.Ordinal);
}
