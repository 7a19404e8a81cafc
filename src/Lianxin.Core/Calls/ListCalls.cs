using System.Globalization;
using System.Text;
using Lianxin.Core.Common;
using Lianxin.Core.Data;
using Lianxin.Core.Identity;
using Lianxin.Core.Requesters;
using Lianxin.Core.WorkOrders;
using Microsoft.EntityFrameworkCore;

namespace Lianxin.Core.Calls;

/// <summary>Which calls: offered within [From, To), from or to a phone, taken by an agent, with an outcome.</summary>
public sealed record CallFilter(DateTime? From = null, DateTime? To = null, string? Phone = null, Guid? AgentId = null, CallOutcome? Outcome = null, CallDirection? Direction = null);

/// <summary>A work order linked to a call.</summary>
public sealed record LinkedOrder(Guid Id, string Number);

/// <summary>One line of the call log.</summary>
public sealed record CallRow(
    Guid Id, string ExternalId, CallDirection Direction, string? From, string? To, string? Queue, DateTime OfferedAt, DateTime? AnsweredAt, DateTime? EndedAt,
    double? WaitSeconds, double? TalkSeconds, string? Cause, string? Extension, Guid? AgentId, string? AgentName, CallOutcome? Outcome, LossCategory? Loss,
    IReadOnlyList<LinkedOrder> Orders);

/// <summary>The call log (通话记录), newest first, paged by a keyset cursor (centre staff).</summary>
public sealed class ListCalls(LianxinDbContext db)
{
    public const int MaxLimit = 200;

    public async Task<Page<CallRow>> ExecuteAsync(Actor actor, CallFilter filter, int limit, string? cursor, CancellationToken ct)
    {
        CallCentreAccess.RequireReader(actor);
        limit = Math.Clamp(limit, 1, MaxLimit);
        var query = db.PhoneCalls.AsNoTracking().AsQueryable();
        if (filter.From is { } from)
        {
            query = query.Where(c => c.OfferedAt >= from);
        }

        if (filter.To is { } to)
        {
            query = query.Where(c => c.OfferedAt < to);
        }

        if (!string.IsNullOrWhiteSpace(filter.Phone))
        {
            var phone = ChinaPhone.Normalize(filter.Phone);
            query = query.Where(c => c.From == phone || c.To == phone);
        }

        if (filter.AgentId is { } agent)
        {
            query = query.Where(c => c.AgentId == agent);
        }

        if (filter.Outcome is { } outcome)
        {
            query = query.Where(c => c.Outcome == outcome);
        }

        if (filter.Direction is { } direction)
        {
            query = query.Where(c => c.Direction == direction);
        }

        if (cursor is not null)
        {
            var (at, id) = Decode(cursor);
            query = query.Where(c => c.OfferedAt < at || (c.OfferedAt == at && c.Id.CompareTo(id) < 0));
        }

        var calls = await query.OrderByDescending(c => c.OfferedAt).ThenByDescending(c => c.Id).Take(limit + 1).ToListAsync(ct);
        var page = calls.Take(limit).ToList();
        var rows = await RowsAsync(db, page, ct);
        var next = calls.Count > limit ? Encode(page[^1].OfferedAt, page[^1].Id) : null;
        return new Page<CallRow>(rows, next);
    }

    /// <summary>The rows of some calls, with their agents' names and linked orders, in the calls' order.</summary>
    internal static async Task<IReadOnlyList<CallRow>> RowsAsync(LianxinDbContext db, IReadOnlyList<PhoneCall> calls, CancellationToken ct)
    {
        var agentIds = calls.Select(c => c.AgentId).OfType<Guid>().Distinct().ToList();
        var names = agentIds.Count == 0 ? [] : await db.Users.AsNoTracking().Where(u => agentIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var callIds = calls.Select(c => c.Id).ToList();
        var links = callIds.Count == 0 ? [] : await (
                from l in db.CallOrderLinks.AsNoTracking()
                join o in db.WorkOrders.AsNoTracking() on l.WorkOrderId equals o.Id
                where callIds.Contains(l.CallId)
                orderby l.LinkedAt
                select new { l.CallId, o.Id, o.Number })
            .ToListAsync(ct);
        var byCall = links.ToLookup(l => l.CallId, l => new LinkedOrder(l.Id, l.Number));
        return [.. calls.Select(c => new CallRow(
            c.Id, c.ExternalId, c.Direction, c.From, c.To, c.Queue, c.OfferedAt, c.AnsweredAt, c.EndedAt, c.WaitSeconds, c.TalkSeconds, c.Cause, c.Extension,
            c.AgentId, c.AgentId is { } a ? names.GetValueOrDefault(a) : null, c.Outcome, c.Loss, [.. byCall[c.Id]]))];
    }

    private static string Encode(DateTime at, Guid id) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(at.Ticks.ToString(CultureInfo.InvariantCulture) + "_" + id.ToString("N")));

    private static (DateTime At, Guid Id) Decode(string cursor)
    {
        try
        {
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(cursor)).Split('_');
            return (new DateTime(long.Parse(parts[0], CultureInfo.InvariantCulture), DateTimeKind.Utc), Guid.ParseExact(parts[1], "N"));
        }
        catch (Exception ex) when (ex is FormatException or IndexOutOfRangeException or ArgumentException)
        {
            throw ValidationFailedException.For("cursor", new Text("翻页标记无效，请从第一页重新查询。", "Invalid cursor; start again from the first page."));
        }
    }
}
