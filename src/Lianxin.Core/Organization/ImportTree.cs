using System.Globalization;
using Lianxin.Core.Common;
using Lianxin.Core.Data;
using Lianxin.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace Lianxin.Core.Organization;

/// <summary>One problem of an import file: the row (1 = the header), the column when one is to blame, and what is wrong.</summary>
public sealed record ImportIssue(int Row, string? Column, Text Message);

/// <summary>What an import did, or, when <see cref="Issues"/> is not empty, why it did nothing.</summary>
public sealed record TreeImportOutcome(int Rows, int Created, int Updated, int Unchanged, IReadOnlyList<ImportIssue> Issues, int MoreIssues)
{
    public bool Succeeded => Issues.Count == 0;
}

/// <summary>
/// 导入: a category or region tree from CSV (<see cref="TreeCsv"/>). Rows are matched to nodes by code:
/// a new code creates a node, a known one renames, moves or (de)activates it. A parent is named by its
/// code and may be a node already there or any row of the same file. Every row is checked against the
/// tree as it would be after the import (unknown parents, duplicate codes, cycles, sibling names,
/// lengths) before anything is written; one bad row and nothing is imported. Otherwise all rows are
/// written in one transaction.
/// </summary>
public sealed class ImportTree<T>(LianxinDbContext db, ReferenceData refs, TimeProvider clock)
    where T : TreeNode
{
    /// <summary>Enough to fix a file by; a file with every row wrong needs no more.</summary>
    public const int MaxIssues = 200;

    public const int MaxRows = 50_000;

    public delegate T Factory(Guid id, string code, string name, T? parent, DateTime now);

    public async Task<TreeImportOutcome> ExecuteAsync(Actor actor, string text, Factory create, CancellationToken ct)
    {
        Refusal.ThrowIf(TreeCsv.CanImport(actor));
        var issues = new List<ImportIssue>();
        if (Read(text, issues) is not { } read)
        {
            return Failed(0, issues);
        }

        var (lines, kept) = read;
        var rows = lines.Count + kept.Count;
        var nodes = await db.Set<T>().ToListAsync(ct);
        CheckKept(kept, nodes, issues);
        var plan = Plan(lines, nodes, issues);
        if (issues.Count > 0)
        {
            return Failed(rows, issues);
        }

        var (created, updated, unchanged) = Apply(plan, nodes, create);
        unchanged += kept.Count;
        await using (var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null)
        {
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Another admin changed the tree between our read and our write (a code taken meanwhile).
                db.ChangeTracker.Clear();
                throw new RuleViolationException(new Text(
                    "导入期间数据被他人修改，未导入任何内容，请重新导入。", "The tree was changed while importing; nothing was imported. Import again."),
                    "concurrent-update");
            }

            if (tx is not null)
            {
                await tx.CommitAsync(ct);
            }
        }

        refs.Invalidate();
        return new TreeImportOutcome(rows, created, updated, unchanged, [], 0);
    }

    private static TreeImportOutcome Failed(int rows, List<ImportIssue> issues)
    {
        var ordered = issues.OrderBy(i => i.Row).ThenBy(i => i.Column, StringComparer.Ordinal).ToList();
        return new TreeImportOutcome(rows, 0, 0, 0, ordered.Take(MaxIssues).ToList(), Math.Max(0, ordered.Count - MaxIssues));
    }

    /// <summary>A data row as read; kept, to resolve other rows' parents, even when another of its fields is wrong.</summary>
    private sealed record Line(int Row, string Code, string Name, string? ParentCode, bool? Active);

    /// <summary>
    /// A row without a code: it can only name, by its path, a node that has no code either (categories
    /// may lack one), which then stays as it is. So an export of such a tree imports back unchanged.
    /// </summary>
    private sealed record Kept(int Row, string Name, string? ParentCode, string Path);

    /// <returns>The data rows with a usable code and the code-less ones; null when the file itself cannot be read.</returns>
    private static (List<Line> Lines, List<Kept> Kept)? Read(string text, List<ImportIssue> issues)
    {
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            issues.Add(new ImportIssue(1, null, new Text("文件为空，第一行应为列名：code,name,parentCode,path,active。", "The file is empty; its first row must name the columns: code,name,parentCode,path,active.")));
            return null;
        }

        IReadOnlyList<CsvRecord> records;
        try
        {
            records = Csv.Parse(text);
        }
        catch (CsvFormatException ex)
        {
            issues.Add(new ImportIssue(ex.Row, null, new Text("不是有效的 CSV：" + ex.Text.Zh, "Not valid CSV: " + ex.Text.En)));
            return null;
        }

        var columns = Header(records[0], issues);
        if (columns is null)
        {
            return null;
        }

        var lines = new List<Line>();
        var kept = new List<Kept>();
        var width = records[0].Fields.Count;
        foreach (var record in records.Skip(1))
        {
            // Spreadsheets leave rows of empty cells after the data; they carry nothing.
            if (record.Fields.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            if (record.Fields.Count != width)
            {
                issues.Add(new ImportIssue(record.Row, null, new Text($"应有 {width} 列，实有 {record.Fields.Count} 列。", $"Expected {width} columns, found {record.Fields.Count}.")));
                continue;
            }

            string? Cell(string column) => columns.TryGetValue(column, out var i) ? record.Fields[i].Trim() : null;
            var before = issues.Count;
            var code = Cell(TreeCsv.Code) ?? "";
            var name = Cell(TreeCsv.Name) ?? "";
            var parentCode = Cell(TreeCsv.ParentCode) is { Length: > 0 } pc ? pc : null;
            var path = Cell(TreeCsv.Path) ?? "";
            if (code.Length == 0 && path.Length > 0)
            {
                Required(issues, record.Row, TreeCsv.Name, name, TreeNode.MaxNameLength, new Text("必填。", "Required."));
                kept.Add(new Kept(record.Row, name, parentCode, path));
                continue;
            }

            Required(issues, record.Row, TreeCsv.Code, code, TreeNode.MaxCodeLength, new Text("必填（导入按编码匹配节点）。", "Required (rows are matched to nodes by code)."));
            var codeOk = issues.Count == before;
            Required(issues, record.Row, TreeCsv.Name, name, TreeNode.MaxNameLength, new Text("必填。", "Required."));
            if (parentCode is { Length: > TreeNode.MaxCodeLength })
            {
                // Said once: no node can have such a code, so it is not looked up as well.
                issues.Add(TooLong(record.Row, TreeCsv.ParentCode, parentCode, TreeNode.MaxCodeLength));
                parentCode = null;
            }

            var active = ParseActive(Cell(TreeCsv.Active), out var activeOk);
            if (!activeOk)
            {
                issues.Add(new ImportIssue(record.Row, TreeCsv.Active, new Text("应为 true 或 false（也可写 1/0、是/否），留空表示不变。", "Use true or false (or 1/0); leave empty to keep as is.")));
            }

            if (codeOk)
            {
                lines.Add(new Line(record.Row, code, name, parentCode, active));
            }
        }

        if (lines.Count + kept.Count > MaxRows)
        {
            issues.Add(new ImportIssue(1, null, new Text($"一次最多导入 {MaxRows} 行。", $"At most {MaxRows} rows per import.")));
        }

        return (lines, kept);
    }

    private static Dictionary<string, int>? Header(CsvRecord header, List<ImportIssue> issues)
    {
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        var ok = true;
        for (var i = 0; i < header.Fields.Count; i++)
        {
            var cell = header.Fields[i].Trim();
            var known = TreeCsv.Columns.FirstOrDefault(c => string.Equals(c, cell, StringComparison.OrdinalIgnoreCase));
            if (known is null)
            {
                issues.Add(new ImportIssue(1, cell, new Text($"未知列“{cell}”；可用的列：{string.Join(",", TreeCsv.Columns)}。", $"Unknown column '{cell}'; the columns are {string.Join(",", TreeCsv.Columns)}.")));
                ok = false;
            }
            else if (!columns.TryAdd(known, i))
            {
                issues.Add(new ImportIssue(1, cell, new Text($"列“{cell}”重复。", $"Column '{cell}' appears twice.")));
                ok = false;
            }
        }

        foreach (var required in new[] { TreeCsv.Code, TreeCsv.Name }.Where(c => !columns.ContainsKey(c)))
        {
            issues.Add(new ImportIssue(1, required, new Text($"缺少“{required}”列（第一行应为列名）。", $"The '{required}' column is missing (the first row names the columns).")));
            ok = false;
        }

        return ok ? columns : null;
    }

    private static void Required(List<ImportIssue> issues, int row, string column, string value, int max, Text whenEmpty)
    {
        if (value.Length == 0)
        {
            issues.Add(new ImportIssue(row, column, whenEmpty));
        }
        else if (value.Length > max)
        {
            issues.Add(TooLong(row, column, value, max));
        }
    }

    private static ImportIssue TooLong(int row, string column, string value, int max) =>
        new(row, column, new Text($"不能超过 {max} 个字符（现有 {value.Length} 个）。", $"At most {max} characters (got {value.Length})."));

    private static bool? ParseActive(string? text, out bool ok)
    {
        ok = true;
        switch (text?.ToLowerInvariant())
        {
            case null or "":
                return null;
            case "true" or "1" or "是":
                return true;
            case "false" or "0" or "否":
                return false;
            default:
                ok = false;
                return null;
        }
    }

    private static void CheckKept(List<Kept> kept, List<T> nodes, List<ImportIssue> issues)
    {
        if (kept.Count == 0)
        {
            return;
        }

        var byId = nodes.ToDictionary(n => n.Id);
        string PathOf(T node)
        {
            var names = new List<string>();
            for (TreeNode? n = node; n is not null; n = n.ParentId is { } p ? byId.GetValueOrDefault(p) : null)
            {
                names.Add(n.Name);
            }

            names.Reverse();
            return string.Join(" / ", names);
        }

        var byPath = nodes.Where(n => n.Code is null).GroupBy(PathOf, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var row in kept)
        {
            if (!byPath.TryGetValue(row.Path, out var node))
            {
                issues.Add(new ImportIssue(row.Row, TreeCsv.Code, new Text(
                    $"必填：本行没有编码，路径“{row.Path}”也不是现有的无编码节点（新建、改名、移动都须有编码）。",
                    $"Required: the row has no code and its path '{row.Path}' is no existing node without a code (creating, renaming and moving need a code).")));
                continue;
            }

            var parentCode = node.ParentId is { } p ? byId[p].Code : null;
            if (row.Name != node.Name || (row.ParentCode is not null && row.ParentCode != parentCode))
            {
                issues.Add(new ImportIssue(row.Row, TreeCsv.Code, new Text(
                    "没有编码的节点只能原样保留；要改名或移动，请先给它编码。", "A node without a code is kept as it is; give it a code to rename or move it.")));
            }
        }
    }

    /// <summary>A row's node after the import: its id (new or existing), the node it names, and its parent.</summary>
    private sealed record Planned(Line Line, Guid Id, T? Existing, Guid? ParentId, bool ParentKnown);

    private Dictionary<Guid, Planned> Plan(List<Line> lines, List<T> nodes, List<ImportIssue> issues)
    {
        var byId = nodes.ToDictionary(n => n.Id);
        var byCode = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var n in nodes.Where(n => n.Code is not null))
        {
            byCode[n.Code!] = n;
        }

        var firstRow = new Dictionary<string, Line>(StringComparer.Ordinal);
        var unique = new List<Line>();
        foreach (var line in lines)
        {
            if (firstRow.TryGetValue(line.Code, out var first))
            {
                issues.Add(new ImportIssue(line.Row, TreeCsv.Code, new Text($"编码“{line.Code}”与第 {first.Row} 行重复。", $"Code '{line.Code}' is also on row {first.Row}.")));
            }
            else
            {
                firstRow[line.Code] = line;
                unique.Add(line);
            }
        }

        var idOfCode = unique.ToDictionary(l => l.Code, l => byCode.TryGetValue(l.Code, out var n) ? n.Id : Ids.New(clock), StringComparer.Ordinal);
        var plan = new Dictionary<Guid, Planned>();
        foreach (var line in unique)
        {
            var id = idOfCode[line.Code];
            var existing = byId.GetValueOrDefault(id);
            Guid? parentId = null;
            var known = true;
            if (line.ParentCode is null)
            {
                // Empty means a root, except under a parent that has no code: such a parent cannot be
                // named in a file (categories may lack codes), so the node stays where it is.
                parentId = existing?.ParentId is { } p && byId[p].Code is null ? p : null;
            }
            else if (line.ParentCode == line.Code)
            {
                issues.Add(new ImportIssue(line.Row, TreeCsv.ParentCode, new Text("不能以自身为上级。", "A node cannot be its own parent.")));
                known = false;
            }
            else if (idOfCode.TryGetValue(line.ParentCode, out var inFile))
            {
                parentId = inFile;
            }
            else if (byCode.TryGetValue(line.ParentCode, out var there))
            {
                parentId = there.Id;
            }
            else
            {
                issues.Add(new ImportIssue(line.Row, TreeCsv.ParentCode, new Text(
                    $"上级编码“{line.ParentCode}”不存在（本文件和现有数据中都没有）。", $"Parent code '{line.ParentCode}' is neither in this file nor in the tree.")));
                known = false;
            }

            plan[id] = new Planned(line, id, existing, parentId, known);
        }

        // The tree as a whole is judged once every row reads right: a cycle through a row with an
        // unknown parent, or a name clash with a row that has no name, would only add noise.
        if (issues.Count == 0)
        {
            CheckTree(plan, byId, issues);
        }

        return plan;
    }

    /// <summary>The tree as it would be after the import: no cycles, no new node under a deactivated parent, distinct sibling names.</summary>
    private static void CheckTree(Dictionary<Guid, Planned> plan, Dictionary<Guid, T> byId, List<ImportIssue> issues)
    {
        Guid? ParentOf(Guid id) => plan.TryGetValue(id, out var p) ? p.ParentId : byId.GetValueOrDefault(id)?.ParentId;
        string CodeOf(Guid id) => plan.TryGetValue(id, out var p) ? p.Line.Code : byId.GetValueOrDefault(id)?.Code ?? byId.GetValueOrDefault(id)?.Name ?? "?";
        string NameOf(Guid id) => plan.TryGetValue(id, out var p) ? p.Line.Name : byId[id].Name;
        bool ActiveOf(Guid id) => plan.TryGetValue(id, out var p) && p.Line.Active is { } a ? a : byId.GetValueOrDefault(id)?.IsActive ?? true;

        var limit = plan.Count + byId.Count;
        foreach (var planned in plan.Values)
        {
            var chain = new List<Guid> { planned.Id };
            for (var up = ParentOf(planned.Id); up is { } u && chain.Count <= limit; up = ParentOf(u))
            {
                chain.Add(u);
                if (u == planned.Id)
                {
                    var path = string.Join(" → ", chain.Select(CodeOf));
                    issues.Add(new ImportIssue(planned.Line.Row, TreeCsv.ParentCode, new Text($"上级关系形成循环：{path}。", $"The parents form a cycle: {path}.")));
                    break;
                }
            }

            if (planned.Existing is null && planned.ParentId is { } parent && !ActiveOf(parent))
            {
                issues.Add(new ImportIssue(planned.Line.Row, TreeCsv.ParentCode, new Text(
                    "上级节点已停用，不能在其下新建节点。", "The parent is deactivated; no new node can go under it.")));
            }
        }

        var siblings = byId.Keys.Union(plan.Keys).GroupBy(id => (ParentOf(id), NameOf(id)));
        foreach (var group in siblings.Where(g => g.Count() > 1))
        {
            foreach (var id in group.Where(plan.ContainsKey))
            {
                var others = string.Join("、", group.Where(o => o != id).Select(o => plan.TryGetValue(o, out var p)
                    ? string.Create(CultureInfo.InvariantCulture, $"第 {p.Line.Row} 行")
                    : $"现有节点 {CodeOf(o)}"));
                var othersEn = string.Join(", ", group.Where(o => o != id).Select(o => plan.TryGetValue(o, out var p)
                    ? string.Create(CultureInfo.InvariantCulture, $"row {p.Line.Row}")
                    : $"existing node {CodeOf(o)}"));
                issues.Add(new ImportIssue(plan[id].Line.Row, TreeCsv.Name, new Text(
                    $"同一上级下已有同名节点“{NameOf(id)}”（{others}）。", $"A sibling is also named '{NameOf(id)}' ({othersEn}).")));
            }
        }
    }

    /// <summary>Top-down, so every parent has its final path before its children take theirs.</summary>
    private (int Created, int Updated, int Unchanged) Apply(Dictionary<Guid, Planned> plan, List<T> nodes, Factory create)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var entities = nodes.ToDictionary(n => n.Id);
        Guid? ParentOf(Guid id) => plan.TryGetValue(id, out var p) ? p.ParentId : entities[id].ParentId;
        var children = entities.Keys.Union(plan.Keys).ToLookup(ParentOf);
        var queue = new Queue<Guid>(children[null]);
        int created = 0, updated = 0, unchanged = 0, visited = 0;
        while (queue.TryDequeue(out var id))
        {
            visited++;
            var parent = ParentOf(id) is { } p ? entities[p] : null;
            if (plan.TryGetValue(id, out var planned))
            {
                var line = planned.Line;
                if (planned.Existing is not { } node)
                {
                    node = create(id, line.Code, line.Name, parent, now);
                    if (line.Active == false)
                    {
                        node.Deactivate();
                    }

                    db.Set<T>().Add(node);
                    entities[id] = node;
                    created++;
                }
                else
                {
                    var changed = node.ParentId != parent?.Id;
                    if (node.Name != line.Name)
                    {
                        node.Rename(line.Name);
                        changed = true;
                    }

                    if (line.Active is { } active && active != node.IsActive)
                    {
                        if (active)
                        {
                            node.Activate();
                        }
                        else
                        {
                            node.Deactivate();
                        }

                        changed = true;
                    }

                    if (changed)
                    {
                        updated++;
                    }
                    else
                    {
                        unchanged++;
                    }
                }
            }

            // Moved rows, and every node below a moved one, take their new place and path.
            var entity = entities[id];
            if (entity.ParentId != parent?.Id || entity.Path != (parent?.Path ?? "/") + id.ToString("N") + "/")
            {
                entity.PlaceUnder(parent);
            }

            foreach (var child in children[id])
            {
                queue.Enqueue(child);
            }
        }

        if (visited != entities.Count)
        {
            throw new InvalidOperationException("The planned tree is not connected; CheckTree should have refused it.");
        }

        return (created, updated, unchanged);
    }
}
