using Lianxin.Core.Common;
using Lianxin.Core.Data;
using Lianxin.Core.Dispatch;
using Lianxin.Core.Identity;
using Lianxin.Core.Organization;
using Lianxin.Core.Repeats;
using Lianxin.Core.WorkOrders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Lianxin.Core.Requesters;

/// <summary>One earlier order of the caller, as the screen pop lists it.</summary>
public sealed record CallerOrder(
    Guid Id, string Number, WorkOrderStatus Status, Channel Channel, string Title, Guid CategoryId, string? RegionCode, DateTime CreatedAt,
    Guid? LeadUnitId, Guid? RepeatOfId, string? RepeatOfNumber, Guid? MergedIntoId, Requester Requester);

/// <summary>One call of the caller, from the call log (newest first); <c>Outcome</c> is null while the call goes on.</summary>
public sealed record CallerCall(string CallId, string Direction, DateTime StartedAt, DateTime? AnsweredAt, DateTime? EndedAt, string? AgentName, Calls.CallOutcome? Outcome = null);

/// <summary>The screen pop: a phone's orders and calls of the last days, and what stands out about them.</summary>
public sealed record CallerHistory(
    string Phone, DateTime Since, IReadOnlyList<CallerOrder> Orders, IReadOnlyList<CallerCall> Calls,
    int OrderCount, int RepeatCount, int OpenCount, bool Truncated);

/// <summary>
/// 来电弹屏: what the call-taker sees while the phone rings (DOMAIN.md, Repeats: the last 90 days).
/// Centre staff who talk to callers see every order of the phone. A unit's handler sees only orders of
/// their unit, and never confidential ones: a lookup by full number that found a confidential order
/// would confirm the very number that masking hides from units.
/// </summary>
public sealed class GetCallerHistory(LianxinDbContext db, ReferenceData refs, TimeProvider clock, IOptions<RepeatOptions> options)
{
    /// <summary>The newest orders listed; counts cover all of the period.</summary>
    public const int MaxOrders = 100;

    /// <summary>The newest calls listed.</summary>
    public const int MaxCalls = 50;

    public async Task<CallerHistory> ExecuteAsync(string phone, Actor actor, CancellationToken ct)
    {
        actor.Require(Role.Agent | Role.Dispatcher | Role.Supervisor | Role.Visitor | Role.Handler, new Text("查看来电人历史", "read caller histories"));
        var snapshot = await refs.GetAsync(db, ct);
        var since = clock.GetUtcNow().UtcDateTime.AddDays(-options.Value.HistoryDays);
        var query = db.WorkOrders.AsNoTracking().Where(o => o.Requester.Phone == phone && o.CreatedAt >= since);
        query = actor.Has(Role.Agent | Role.Dispatcher | Role.Supervisor | Role.Visitor)
            ? query
            : query.VisibleTo(actor, snapshot).Where(o => !o.Requester.Confidential);

        var counts = await query
            .GroupBy(o => 1)
            .Select(g => new
            {
                Orders = g.Count(),
                Repeats = g.Count(o => o.RepeatOfId != null),
                Open = g.Count(o => o.Status == WorkOrderStatus.Registered || o.Status == WorkOrderStatus.Dispatched || o.Status == WorkOrderStatus.InProgress
                    || o.Status == WorkOrderStatus.ReturnRequested || o.Status == WorkOrderStatus.Replied),
            })
            .SingleOrDefaultAsync(ct);
        var orders = counts is null ? [] : await query
            .OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Number)
            .Take(MaxOrders)
            .Select(o => new CallerOrder(
                o.Id, o.Number, o.Status, o.Channel, o.Title, o.CategoryId, o.RegionCode, o.CreatedAt,
                o.Assignments.AsQueryable()
                    .Where(Assignment.IsCurrentLead)
                    .OrderByDescending(a => a.DispatchedAt)
                    .Select(a => (Guid?)a.UnitId)
                    .FirstOrDefault(),
                o.RepeatOfId,
                db.WorkOrders.Where(e => e.Id == o.RepeatOfId).Select(e => e.Number).FirstOrDefault(),
                o.MergedIntoId,
                o.Requester))
            .ToListAsync(ct);
        // Units get no confidential order here; masking stays so a later change of that rule cannot leak a number.
        var masked = orders.Select(o => o.Requester.Confidential && actor.MasksRequester() ? o with { Requester = o.Requester.Masked() } : o).ToList();
        IReadOnlyList<CallerCall> calls = actor.Has(Role.Agent | Role.Dispatcher | Role.Supervisor | Role.Visitor) ? await CallsAsync(phone, since, ct) : [];
        return new CallerHistory(phone, since, masked, calls, counts?.Orders ?? 0, counts?.Repeats ?? 0, counts?.Open ?? 0, (counts?.Orders ?? 0) > masked.Count);
    }

    /// <summary>The phone's calls since <paramref name="since"/>, in and out (centre staff only: units do not read the call log).</summary>
    private async Task<IReadOnlyList<CallerCall>> CallsAsync(string phone, DateTime since, CancellationToken ct)
    {
        var rows = await (
                from c in db.PhoneCalls.AsNoTracking()
                where (c.From == phone || c.To == phone) && c.OfferedAt >= since
                orderby c.OfferedAt descending
                select new { c.ExternalId, c.Direction, c.OfferedAt, c.AnsweredAt, c.EndedAt, Agent = db.Users.Where(u => u.Id == c.AgentId).Select(u => u.DisplayName).FirstOrDefault(), c.Outcome })
            .Take(MaxCalls)
            .ToListAsync(ct);
        return [.. rows.Select(r => new CallerCall(r.ExternalId, r.Direction == Calls.CallDirection.In ? "in" : "out", r.OfferedAt, r.AnsweredAt, r.EndedAt, r.Agent, r.Outcome))];
    }
}
