using Lianxin.Core.Calls;
using Lianxin.Core.Data;
using Lianxin.Core.Dispatch;
using Lianxin.Core.WorkOrders;
using Microsoft.EntityFrameworkCore;

namespace Lianxin.Core.Reports;

/// <summary>
/// Loads one local day's source rows (<see cref="DaySources"/>) by indexed ranges on the instants that attribute them
/// (<see cref="KpiQueries"/>), then the breakdown keys of every order they name, a thousand ids a query. Provider-neutral LINQ.
/// </summary>
public sealed class DayFigureSources(LianxinDbContext db)
{
    private const int Chunk = 1000;

    private readonly KpiQueries _q = new(db);

    /// <summary>Local midnight of <paramref name="day"/> and of the next day, in UTC.</summary>
    public static (DateTime Start, DateTime End) Range(DateOnly day, TimeZoneInfo zone) => Range(day, day, zone);

    /// <summary>Local midnight of <paramref name="from"/> and the midnight after <paramref name="to"/>, in UTC.</summary>
    public static (DateTime Start, DateTime End) Range(DateOnly from, DateOnly to, TimeZoneInfo zone) => (
        TimeZoneInfo.ConvertTimeToUtc(from.ToDateTime(TimeOnly.MinValue), zone),
        TimeZoneInfo.ConvertTimeToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue), zone));

    public async Task<DaySources> LoadAsync(DateOnly day, TimeZoneInfo zone, CallKpiRules callRules, CancellationToken ct)
    {
        var (start, end) = Range(day, zone);
        var districts = await RegionDistricts.LoadAsync(db, ct);
        var keys = new Dictionary<Guid, OrderKeys>();

        var registered = await KeysAsync(_q.Registered(start, end), districts, ct);
        foreach (var k in registered)
        {
            keys[k.OrderId] = k;
        }

        async Task<List<Guid>> Ids(IQueryable<WorkOrderEvent> events) =>
            await events.Select(e => e.WorkOrderId).ToListAsync(ct);

        var closed = await Ids(_q.FirstClosures(start, end));
        var notAccepted = await Ids(_q.Events(EventTypes.NotAccepted, start, end));
        var answered = await Ids(_q.Events(EventTypes.AnsweredDirectly, start, end));
        var merged = await Ids(_q.Events(EventTypes.Merged, start, end));
        var ended = await Ids(_q.Ended(start, end));
        var redos = await Ids(_q.Events(EventTypes.Redo, start, end));
        var returns = await _q.Events(EventTypes.ReturnRequested, start, end).Where(e => e.UnitId != null)
            .Select(e => new { e.WorkOrderId, UnitId = e.UnitId!.Value }).ToListAsync(ct);
        var hops = await _q.HopsDue(start, end).Select(a => new
        {
            a.Id, a.WorkOrderId, a.UnitId, FirstLevel = a.ParentId == null,
            OnTime = a.AcceptedAt != null && a.AcceptedAt <= a.SignFor!.DueAt,
        }).ToListAsync(ct);
        var completions = await _q.CompletionsDue(start, end).Select(o => new
        {
            o.Id, Met = o.Completion!.MetAt != null && o.Completion.MetAt <= o.Completion.DueAt,
        }).ToListAsync(ct);
        var visitsDue = await _q.VisitsDue(start, end).Select(o => new
        {
            o.Id, Met = o.VisitedAt != null && o.VisitedAt <= o.VisitDeadline,
        }).ToListAsync(ct);
        var visits = await _q.Visits(start, end).Select(v => new
        {
            v.WorkOrderId, v.Reached, v.Solved, v.Satisfaction, v.Round, GaveUp = !v.Reached && v.Attempt >= ReturnVisits.ReturnVisit.MaxAttempts,
        }).ToListAsync(ct);

        var missing = closed.Concat(notAccepted).Concat(answered).Concat(merged).Concat(ended).Concat(redos)
            .Concat(returns.Select(r => r.WorkOrderId)).Concat(hops.Select(h => h.WorkOrderId)).Concat(completions.Select(c => c.Id)).Concat(visitsDue.Select(v => v.Id))
            .Concat(visits.Select(v => v.WorkOrderId))
            .Where(id => !keys.ContainsKey(id)).Distinct().ToList();
        foreach (var chunk in missing.Chunk(Chunk))
        {
            foreach (var k in await KeysAsync(db.WorkOrders.Where(o => chunk.Contains(o.Id)), districts, ct))
            {
                keys[k.OrderId] = k;
            }
        }

        List<OrderKeys> Of(IEnumerable<Guid> ids) => [.. ids.Where(keys.ContainsKey).Select(id => keys[id])];

        return new DaySources(
            registered,
            Of(closed),
            Of(notAccepted),
            Of(answered),
            Of(merged),
            [.. hops.Select(h => new HopDueFact(keys[h.WorkOrderId], h.Id, h.UnitId, h.FirstLevel, h.OnTime))],
            [.. completions.Select(c => new DueFact(keys[c.Id], c.Met))],
            [.. visitsDue.Select(v => new DueFact(keys[v.Id], v.Met))],
            [.. visits.Select(v => new VisitFact(keys[v.WorkOrderId], v.Reached, v.Solved, v.Satisfaction, v.Round, v.GaveUp))],
            Of(ended),
            Of(redos),
            [.. returns.Select(r => new ReturnFact(keys[r.WorkOrderId], r.UnitId))],
            await CallsAsync(start, end, callRules, ct));
    }

    private async Task<List<OrderKeys>> KeysAsync(IQueryable<WorkOrder> orders, RegionDistricts districts, CancellationToken ct)
    {
        var rows = await orders.AsNoTracking().Select(o => new
        {
            o.Id, o.Channel, o.DemandType, o.CategoryId, o.RegionCode, Repeat = o.RepeatOfId != null, o.RedoCount,
            Lead = db.Assignments.Where(a => a.WorkOrderId == o.Id && a.Role == AssignmentRole.Lead && a.ParentId == null
                    && a.Status != AssignmentStatus.Returned && a.Status != AssignmentStatus.Cancelled)
                .OrderByDescending(a => a.DispatchedAt).Select(a => (Guid?)a.UnitId).FirstOrDefault(),
        }).ToListAsync(ct);
        return [.. rows.Select(o => new OrderKeys(o.Id, o.Channel, o.DemandType, o.CategoryId, districts.Of(o.RegionCode), o.Lead, o.Repeat, o.RedoCount))];
    }

    /// <summary>Inbound calls offered in the range and ended, through the call figures' own tally (short abandons kept apart).</summary>
    private async Task<CallCounts> CallsAsync(DateTime start, DateTime end, CallKpiRules rules, CancellationToken ct)
    {
        var calls = await db.PhoneCalls.AsNoTracking()
            .Where(c => c.OfferedAt >= start && c.OfferedAt < end && c.EndedAt != null && c.Direction == CallDirection.In
                && c.Outcome != CallOutcome.Rejected && c.Outcome != CallOutcome.Unanswered)
            .Select(c => new { c.Outcome, c.WaitSeconds }).ToListAsync(ct);
        if (calls.Count == 0)
        {
            return CallCounts.None;
        }

        var tally = new CallKpiTally(rules with { ExcludeShortAbandons = false });
        foreach (var c in calls)
        {
            tally.Add(new CallFact(CallDirection.In, c.Outcome!.Value, c.WaitSeconds ?? 0, null));
        }

        var f = tally.Figures();
        return new CallCounts(f.Offered, f.Answered, f.AnsweredInTarget, f.Abandoned - f.ShortAbandons, f.ShortAbandons);
    }
}

/// <summary>Each region code's district: the code of its top-level ancestor (a code not in the tree is its own district).</summary>
public sealed class RegionDistricts(IReadOnlyDictionary<string, string> districts)
{
    public string? Of(string? code) => code is null ? null : districts.GetValueOrDefault(code, code);

    public static async Task<RegionDistricts> LoadAsync(LianxinDbContext db, CancellationToken ct)
    {
        var regions = await db.Regions.AsNoTracking().Select(r => new { r.Id, r.Code, r.Path }).ToListAsync(ct);
        var codes = regions.Where(r => r.Code != null).ToDictionary(r => r.Id.ToString("N"), r => r.Code!);
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var r in regions.Where(r => r.Code != null))
        {
            var top = r.Path.Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
            map.TryAdd(r.Code!, top is not null && codes.TryGetValue(top, out var d) ? d : r.Code!);
        }

        return new RegionDistricts(map);
    }
}
