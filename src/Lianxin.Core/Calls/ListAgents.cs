using Lianxin.Core.Data;
using Lianxin.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace Lianxin.Core.Calls;

/// <summary>One agent on the board: state, since when, until when wrap-up runs, what they asked for next.</summary>
public sealed record AgentRow(Guid UserId, string Name, string? Extension, AgentState State, string? Reason, DateTime Since, DateTime? WrapUpEndsAt, AgentState? Next);

/// <summary>Every active agent (users with the agent role) and their state; those never signed in are logged out.</summary>
public sealed class ListAgents(LianxinDbContext db)
{
    public async Task<IReadOnlyList<AgentRow>> ExecuteAsync(Actor actor, CancellationToken ct)
    {
        CallCentreAccess.RequireReader(actor);
        return await ReadAsync(db, ct);
    }

    internal static async Task<IReadOnlyList<AgentRow>> ReadAsync(LianxinDbContext db, CancellationToken ct)
    {
        var rows = await (
                from u in db.Users.AsNoTracking()
                where u.IsActive && ((u.Roles & Role.Agent) != 0 || u.Extension != null)
                join p in db.AgentPresences.AsNoTracking() on u.Id equals p.UserId into ps
                from p in ps.DefaultIfEmpty()
                select new { u.Id, u.DisplayName, u.Extension, u.CreatedAt, Presence = p })
            .ToListAsync(ct);
        return [.. rows
            .Select(r => r.Presence is { } p
                ? new AgentRow(r.Id, r.DisplayName, r.Extension, p.State, p.Reason, p.Since, p.WrapUpEndsAt, p.Next)
                : new AgentRow(r.Id, r.DisplayName, r.Extension, AgentState.LoggedOut, null, r.CreatedAt, null, null))
            .OrderBy(a => a.State == AgentState.LoggedOut)
            .ThenBy(a => a.Extension ?? "~", StringComparer.Ordinal)
            .ThenBy(a => a.Name, StringComparer.Ordinal)];
    }
}

/// <summary>The agent's own presence (the console's top bar): logged out when never signed in.</summary>
public sealed class GetMyPresence(LianxinDbContext db)
{
    public async Task<AgentRow?> ExecuteAsync(Actor actor, CancellationToken ct)
    {
        if (!actor.Has(Role.Agent))
        {
            return null;
        }

        var p = await db.AgentPresences.AsNoTracking().SingleOrDefaultAsync(p => p.UserId == actor.UserId, ct);
        var user = await db.Users.AsNoTracking().Where(u => u.Id == actor.UserId).Select(u => new { u.DisplayName, u.Extension, u.CreatedAt }).SingleAsync(ct);
        return p is null
            ? new AgentRow(actor.UserId, user.DisplayName, user.Extension, AgentState.LoggedOut, null, user.CreatedAt, null, null)
            : new AgentRow(actor.UserId, user.DisplayName, user.Extension, p.State, p.Reason, p.Since, p.WrapUpEndsAt, p.Next);
    }
}
