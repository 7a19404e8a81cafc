using Lianxin.Core.Common;
using Lianxin.Core.Data;
using Lianxin.Core.Identity;
using Lianxin.Core.Organization;
using Microsoft.EntityFrameworkCore;

namespace Lianxin.Core.Staffing;

/// <summary>A shift read from a file, with the row it came from.</summary>
public sealed record RosterLine(int Row, RosterAgent Agent, ShiftTimes Times, string? Kind, string? Note);

/// <summary>
/// The roster as CSV, one line per shift under a header row: login (工号), date, start, end, and optionally
/// kind and note; name (姓名) is written for people and ignored when read. Column names may be English or
/// Chinese, in any order. Dates as 2026-11-24 or 2026/11/24, times as 08:00 (24:00 for an end at midnight).
/// </summary>
public static class RosterCsv
{
    public const int MaxRows = 20_000;

    public static readonly IReadOnlyList<string> Header = ["login", "name", "date", "start", "end", "kind", "note"];

    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["login"] = "login", ["工号"] = "login", ["账号"] = "login", ["用户名"] = "login",
        ["name"] = "name", ["姓名"] = "name",
        ["date"] = "date", ["日期"] = "date",
        ["start"] = "start", ["开始"] = "start", ["上班"] = "start", ["开始时间"] = "start",
        ["end"] = "end", ["结束"] = "end", ["下班"] = "end", ["结束时间"] = "end",
        ["kind"] = "kind", ["类型"] = "kind", ["班次类型"] = "kind",
        ["note"] = "note", ["备注"] = "note",
    };

    private static readonly string[] Required = ["login", "date", "start", "end"];

    public static IEnumerable<IReadOnlyList<string>> Rows(IEnumerable<RosterRow> shifts) =>
        new[] { Header }.Concat(shifts.Select(s => (IReadOnlyList<string>)
        [
            s.Agent.Login, s.Agent.Name, Calendars.WorkingCalendar.Format(s.Date), ShiftTimes.Hhmm(s.Start), ShiftTimes.Hhmm(s.End), s.Kind ?? "", s.Note ?? "",
        ]));

    /// <summary>
    /// The shifts of a file, each checked on its own (agent known, date, times, lengths) and against the other
    /// lines of the file (one agent's shifts may not overlap); every problem is added to <paramref name="issues"/>
    /// by row (1 = the header) and column.
    /// </summary>
    public static List<RosterLine> Read(string text, IReadOnlyList<RosterAgent> agents, List<ImportIssue> issues)
    {
        var lines = new List<RosterLine>();
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            issues.Add(new ImportIssue(1, null, new Text("文件为空，第一行应为列名：login,name,date,start,end,kind,note。", "The file is empty; its first row must name the columns: login,name,date,start,end,kind,note.")));
            return lines;
        }

        IReadOnlyList<CsvRecord> records;
        try
        {
            records = Csv.Parse(text);
        }
        catch (CsvFormatException ex)
        {
            issues.Add(new ImportIssue(ex.Row, null, new Text("不是有效的 CSV：" + ex.Text.Zh, "Not valid CSV: " + ex.Text.En)));
            return lines;
        }

        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (name, i) in records[0].Fields.Select((f, i) => (f.Trim(), i)))
        {
            if (!Aliases.TryGetValue(name, out var column))
            {
                issues.Add(new ImportIssue(1, name, new Text($"未知的列“{name}”，可用：login(工号)、name(姓名)、date(日期)、start(开始)、end(结束)、kind(类型)、note(备注)。",
                    $"Unknown column '{name}'; use login, name, date, start, end, kind, note.")));
            }
            else if (!columns.TryAdd(column, i))
            {
                issues.Add(new ImportIssue(1, name, new Text($"列“{name}”重复。", $"The column '{name}' appears twice.")));
            }
        }

        foreach (var missing in Required.Where(c => !columns.ContainsKey(c)))
        {
            issues.Add(new ImportIssue(1, missing, new Text($"缺少必需的列 {missing}。", $"The required column {missing} is missing.")));
        }

        if (issues.Count > 0)
        {
            return lines;
        }

        if (records.Count - 1 > MaxRows)
        {
            issues.Add(new ImportIssue(MaxRows + 2, null, new Text($"一次最多导入 {MaxRows} 个班次。", $"At most {MaxRows} shifts per file.")));
            return lines;
        }

        var byLogin = agents.ToDictionary(a => a.Login, StringComparer.Ordinal);
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
            var v = new Validator();
            var login = Cell("login");
            RosterAgent? agent = null;
            if (string.IsNullOrWhiteSpace(login))
            {
                v.Add("login", new Text("必填：坐席的工号（登录名）。", "Required: the agent's login."));
            }
            else if (!byLogin.TryGetValue(User.Normalize(login), out agent))
            {
                v.Add("login", new Text($"没有工号为“{login}”的坐席（须为在用的话务员账号）。", $"No agent with the login '{login}' (an active user with the agent role)."));
            }

            var date = ShiftText.Date(v, "date", Cell("date"));
            var start = ShiftText.Time(v, "start", Cell("start"), isEnd: false);
            var end = ShiftText.Time(v, "end", Cell("end"), isEnd: true);
            var kind = RosterShift.Clean(Cell("kind"));
            var note = RosterShift.Clean(Cell("note"));
            v.MaxLength("kind", kind, RosterShift.MaxKindLength).MaxLength("note", note, RosterShift.MaxNoteLength);
            try
            {
                v.ThrowIfInvalid();
            }
            catch (ValidationFailedException ex)
            {
                issues.AddRange(ex.Errors.SelectMany(e => e.Value.Select(m => new ImportIssue(record.Row, e.Key, m))));
                continue;
            }

            var times = new ShiftTimes(date!.Value, start!.Value, end!.Value);
            if (lines.FirstOrDefault(l => l.Agent.Id == agent!.Id && l.Times.Overlaps(times)) is { } clash)
            {
                issues.Add(new ImportIssue(record.Row, "start", new Text(
                    $"与第 {clash.Row} 行 {agent!.Name} 的班次 {clash.Times.Describe().Zh} 重叠。", $"Overlaps row {clash.Row}, {agent!.Name}'s shift {clash.Times.Describe().En}.")));
                continue;
            }

            lines.Add(new RosterLine(record.Row, agent!, times, kind, note));
        }

        return lines;
    }
}

/// <summary>What an import did, or, when <see cref="Issues"/> is not empty, why it did nothing.</summary>
public sealed record RosterImportOutcome(int Shifts, int Created, int Unchanged, int Removed, IReadOnlyList<ImportIssue> Issues, int MoreIssues)
{
    public bool Succeeded => Issues.Count == 0;
}

/// <summary>
/// 导入排班 (admin, supervisor): every line is checked — agent, date, times, no overlap within the file or with
/// shifts already there — before anything is written; one bad line and nothing is imported. A line the same as
/// a shift already there leaves it (an export imports back unchanged). With <c>replace</c>, the file is the whole
/// roster of the days it covers: shifts on those days that it does not hold are removed.
/// </summary>
public sealed class ImportRoster(LianxinDbContext db, TimeProvider clock)
{
    public const int MaxIssues = 200;

    public async Task<RosterImportOutcome> ExecuteAsync(Actor actor, string text, bool replace, CancellationToken ct)
    {
        RosterAccess.RequireManager(actor);
        var issues = new List<ImportIssue>();
        var agents = await RosterAccess.AgentsAsync(db, ct);
        var lines = RosterCsv.Read(text, agents, issues);
        if (issues.Count == 0 && lines.Count == 0)
        {
            issues.Add(new ImportIssue(2, null, new Text("文件只有列名，没有班次。", "The file has a header but no shifts.")));
        }

        if (issues.Count > 0)
        {
            return Failed(issues);
        }

        var first = lines.Min(l => l.Times.Date);
        var last = lines.Max(l => l.Times.Date);
        var ids = lines.Select(l => l.Agent.Id).Distinct().ToList();
        var existing = await db.RosterShifts
            .Where(s => s.Date >= first.AddDays(-1) && s.Date <= last.AddDays(1) && (ids.Contains(s.AgentId) || (replace && s.Date >= first && s.Date <= last)))
            .ToListAsync(ct);

        // Replacing: the file's days are its own; what lies outside them (the night shift before) still counts.
        var removed = replace ? existing.Where(s => s.Date >= first && s.Date <= last).ToList() : [];
        var kept = existing.Except(removed).ToList();
        var now = clock.GetUtcNow().UtcDateTime;
        int created = 0, unchanged = 0;
        var toAdd = new List<RosterShift>();
        foreach (var line in lines)
        {
            if (removed.FirstOrDefault(s => s.AgentId == line.Agent.Id && s.Same(line.Times, line.Kind, line.Note)) is { } same)
            {
                // The same shift in a replacing file stays as it was rather than being removed and added again.
                removed.Remove(same);
                kept.Add(same);
                unchanged++;
                continue;
            }

            var others = kept.Where(s => s.AgentId == line.Agent.Id).ToList();
            if (!replace && others.FirstOrDefault(s => s.Same(line.Times, line.Kind, line.Note)) is not null)
            {
                unchanged++;
                continue;
            }

            if (others.FirstOrDefault(s => s.Times.Overlaps(line.Times)) is { } clash)
            {
                issues.Add(new ImportIssue(line.Row, "start", RosterAccess.Overlap(line.Agent, clash.Times)));
                continue;
            }

            toAdd.Add(new RosterShift(Guid.CreateVersion7(), line.Agent.Id, line.Times, line.Kind, line.Note, actor.UserId == Guid.Empty ? null : actor.UserId, now));
            created++;
        }

        if (issues.Count > 0)
        {
            return Failed(issues);
        }

        await using (var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null)
        {
            db.RosterShifts.RemoveRange(removed);
            db.RosterShifts.AddRange(toAdd);
            await db.SaveChangesAsync(ct);
            if (tx is not null)
            {
                await tx.CommitAsync(ct);
            }
        }

        return new RosterImportOutcome(lines.Count, created, unchanged, removed.Count, [], 0);
    }

    private static RosterImportOutcome Failed(List<ImportIssue> issues)
    {
        var ordered = issues.OrderBy(i => i.Row).ThenBy(i => i.Column, StringComparer.Ordinal).ToList();
        return new RosterImportOutcome(0, 0, 0, 0, [.. ordered.Take(MaxIssues)], Math.Max(0, ordered.Count - MaxIssues));
    }
}

/// <summary>The roster of a period as CSV rows (centre staff), in the shape <see cref="ImportRoster"/> reads.</summary>
public sealed class ExportRoster(ListRoster list)
{
    public async Task<string> ExecuteAsync(Actor actor, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var view = await list.ExecuteAsync(actor, from, to, ct);
        return Csv.Write(RosterCsv.Rows(view.Shifts), guardFormulas: true);
    }
}
