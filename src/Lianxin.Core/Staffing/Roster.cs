using Lianxin.Core.Common;
using Lianxin.Core.Data;
using Lianxin.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace Lianxin.Core.Staffing;

/// <summary>A shift as typed or posted: the agent by id or login (工号), the date and times as text (see <see cref="ShiftText"/>).</summary>
public sealed record ShiftInput(Guid? AgentId, string? Login, string? Date, string? Start, string? End, string? Kind = null, string? Note = null);

/// <summary>An agent who can be rostered (an active user with the agent role): a row of the week grid.</summary>
public sealed record RosterAgent(Guid Id, string Name, string Login, string? Extension);

/// <summary>One shift with its agent, as lists and exports show it.</summary>
public sealed record RosterRow(Guid Id, RosterAgent Agent, DateOnly Date, TimeOnly Start, TimeOnly End, string? Kind, string? Note)
{
    public ShiftTimes Times => new(Date, Start, End);
}

/// <summary>The roster of a period: every agent (shifts or not) and the shifts starting in it.</summary>
public sealed record RosterView(DateOnly From, DateOnly To, IReadOnlyList<RosterAgent> Agents, IReadOnlyList<RosterRow> Shifts);

/// <summary>Who may read and change the roster: centre staff read it (agents see their own week); supervisors and admins change it.</summary>
public static class RosterAccess
{
    public const Role Managers = Role.Admin | Role.Supervisor;

    public static void RequireReader(Actor actor) =>
        actor.Require(Roles.CentreStaff, new Text("查看排班", "see the roster"));

    public static void RequireManager(Actor actor) =>
        actor.Require(Managers, new Text("编排班次", "change the roster"));

    internal static async Task<List<RosterAgent>> AgentsAsync(LianxinDbContext db, CancellationToken ct)
    {
        // A centre has hundreds of users at most; roles are flags, matched here rather than in SQL.
        var users = await db.Users.AsNoTracking().Where(u => u.IsActive)
            .Select(u => new { u.Id, u.DisplayName, u.UserName, u.Extension, u.Roles }).ToListAsync(ct);
        return [.. users.Where(u => (u.Roles & Role.Agent) != 0)
            .OrderBy(u => u.Extension ?? "\uffff", StringComparer.Ordinal).ThenBy(u => u.UserName, StringComparer.Ordinal)
            .Select(u => new RosterAgent(u.Id, u.DisplayName, u.UserName, u.Extension))];
    }

    internal static Text Overlap(RosterAgent agent, ShiftTimes existing) => new(
        $"{agent.Name} 在 {WorkingCalendarFormat(existing.Date)} 已有班次 {existing.Describe().Zh}，与此班次重叠。",
        $"{agent.Name} already has a shift on {WorkingCalendarFormat(existing.Date)}, {existing.Describe().En}, which overlaps this one.");

    internal static string WorkingCalendarFormat(DateOnly date) => Calendars.WorkingCalendar.Format(date);
}

/// <summary>The roster of a period, at most 62 days (centre staff).</summary>
public sealed class ListRoster(LianxinDbContext db)
{
    public const int MaxDays = 62;

    public async Task<RosterView> ExecuteAsync(Actor actor, DateOnly from, DateOnly to, CancellationToken ct)
    {
        RosterAccess.RequireReader(actor);
        new Validator()
            .When(to < from, "to", new Text("结束日期不能早于开始日期。", "The end date cannot be before the start date."))
            .When(to.DayNumber - from.DayNumber >= MaxDays, "to", new Text($"一次最多查看 {MaxDays} 天。", $"At most {MaxDays} days at a time."))
            .ThrowIfInvalid();
        var agents = await RosterAccess.AgentsAsync(db, ct);
        var shifts = await db.RosterShifts.AsNoTracking().Where(s => s.Date >= from && s.Date <= to).ToListAsync(ct);
        return new RosterView(from, to, agents, await RowsAsync(db, agents, shifts, ct));
    }

    /// <summary>The rows of some shifts, in date, start and agent order; agents no longer rostered (deactivated) are looked up too.</summary>
    internal static async Task<IReadOnlyList<RosterRow>> RowsAsync(LianxinDbContext db, IReadOnlyList<RosterAgent> agents, IReadOnlyList<RosterShift> shifts, CancellationToken ct)
    {
        var byId = agents.ToDictionary(a => a.Id);
        var missing = shifts.Select(s => s.AgentId).Where(id => !byId.ContainsKey(id)).Distinct().ToList();
        if (missing.Count > 0)
        {
            foreach (var u in await db.Users.AsNoTracking().Where(u => missing.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName, u.UserName, u.Extension }).ToListAsync(ct))
            {
                byId[u.Id] = new RosterAgent(u.Id, u.DisplayName, u.UserName, u.Extension);
            }
        }

        return [.. shifts
            .Select(s => new RosterRow(s.Id, byId[s.AgentId], s.Date, s.Start, s.End, s.Kind, s.Note))
            .OrderBy(r => r.Date).ThenBy(r => r.Start).ThenBy(r => r.Agent.Login, StringComparer.Ordinal)];
    }
}

/// <summary>Adds, changes and removes shifts (admin, supervisor); a shift overlapping another of the same agent is refused.</summary>
public sealed class ChangeRoster(LianxinDbContext db, TimeProvider clock)
{
    public async Task<RosterRow> AddAsync(Actor actor, ShiftInput input, CancellationToken ct)
    {
        RosterAccess.RequireManager(actor);
        var (agent, times) = await ReadAsync(input, ct);
        await RefuseOverlapAsync(agent, times, null, ct);
        var shift = new RosterShift(Guid.CreateVersion7(), agent.Id, times, input.Kind, input.Note, By(actor), clock.GetUtcNow().UtcDateTime);
        db.RosterShifts.Add(shift);
        await db.SaveChangesAsync(ct);
        return new RosterRow(shift.Id, agent, shift.Date, shift.Start, shift.End, shift.Kind, shift.Note);
    }

    /// <summary>Changes a shift's times, kind and note; naming another agent moves the shift to them.</summary>
    public async Task<RosterRow> ChangeAsync(Actor actor, Guid id, ShiftInput input, CancellationToken ct)
    {
        RosterAccess.RequireManager(actor);
        var shift = await db.RosterShifts.SingleOrDefaultAsync(s => s.Id == id, ct) ?? throw NotFound();
        var (agent, times) = await ReadAsync(input with { AgentId = input.AgentId ?? (input.Login is null ? shift.AgentId : null) }, ct);
        await RefuseOverlapAsync(agent, times, shift.Id, ct);
        shift.Change(agent.Id, times, input.Kind, input.Note, By(actor), clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return new RosterRow(shift.Id, agent, shift.Date, shift.Start, shift.End, shift.Kind, shift.Note);
    }

    public async Task RemoveAsync(Actor actor, Guid id, CancellationToken ct)
    {
        RosterAccess.RequireManager(actor);
        var shift = await db.RosterShifts.SingleOrDefaultAsync(s => s.Id == id, ct) ?? throw NotFound();
        db.RosterShifts.Remove(shift);
        await db.SaveChangesAsync(ct);
    }

    private static NotFoundException NotFound() => new(new Text("班次不存在（可能已被删除）。", "No such shift (it may have been removed)."));

    private static Guid? By(Actor actor) => actor.UserId == Guid.Empty ? null : actor.UserId;

    private async Task<(RosterAgent Agent, ShiftTimes Times)> ReadAsync(ShiftInput input, CancellationToken ct)
    {
        var v = new Validator();
        var date = ShiftText.Date(v, "date", input.Date);
        var start = ShiftText.Time(v, "start", input.Start, isEnd: false);
        var end = ShiftText.Time(v, "end", input.End, isEnd: true);
        v.MaxLength("kind", RosterShift.Clean(input.Kind), RosterShift.MaxKindLength).MaxLength("note", RosterShift.Clean(input.Note), RosterShift.MaxNoteLength);
        var agents = await RosterAccess.AgentsAsync(db, ct);
        RosterAgent? agent = null;
        if (input.AgentId is { } id)
        {
            agent = agents.FirstOrDefault(a => a.Id == id);
            v.When(agent is null, "agentId", new Text("没有这位坐席（须为在用的话务员账号）。", "No such agent (an active user with the agent role)."));
        }
        else if (!string.IsNullOrWhiteSpace(input.Login))
        {
            var login = User.Normalize(input.Login);
            agent = agents.FirstOrDefault(a => a.Login == login);
            v.When(agent is null, "login", new Text($"没有工号为“{input.Login.Trim()}”的坐席。", $"No agent with the login '{input.Login.Trim()}'."));
        }
        else
        {
            v.Add("agentId", new Text("请选择坐席（agentId 或 login）。", "Choose the agent (agentId or login)."));
        }

        v.ThrowIfInvalid();
        return (agent!, new ShiftTimes(date!.Value, start!.Value, end!.Value));
    }

    private async Task RefuseOverlapAsync(RosterAgent agent, ShiftTimes times, Guid? except, CancellationToken ct)
    {
        // A shift is at most 24 hours, so only the day before and the day after can reach it.
        var before = times.Date.AddDays(-1);
        var after = times.Date.AddDays(1);
        var near = await db.RosterShifts.AsNoTracking()
            .Where(s => s.AgentId == agent.Id && s.Date >= before && s.Date <= after && s.Id != except)
            .ToListAsync(ct);
        if (near.FirstOrDefault(s => s.Times.Overlaps(times)) is { } clash)
        {
            throw new RuleViolationException(RosterAccess.Overlap(agent, clash.Times), "shift-overlap");
        }
    }
}
