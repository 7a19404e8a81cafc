using Lianxin.Core.Data;
using Lianxin.Core.Supervision;
using Lianxin.Core.WorkOrders;
using Microsoft.EntityFrameworkCore;

namespace Lianxin.Core.Dispatch;

public enum UnitTab
{
    /// <summary>待签收: hops to the unit not yet signed for.</summary>
    ToAccept,

    /// <summary>办理中: signed for (including those passed down or asked back).</summary>
    InProgress,

    /// <summary>下级已答复: a unit below replied; forward it up (答复) or send it back (发回).</summary>
    LowerReplied,

    /// <summary>督办: open supervision records addressed to the unit.</summary>
    Supervision,

    /// <summary>已答复: the unit's replies, latest first.</summary>
    Replied,

    /// <summary>会诊待认领: offers to the unit's groups nobody claimed yet.</summary>
    Offers,
}

/// <summary>
/// A unit's desk (承办工作台): only the actor's own unit's hops, from the (unit_id, status) index of
/// assignments. Rows carry no requester, so nothing needs masking here; the drawer loads the order
/// through <see cref="GetWorkOrder"/>, which masks as the API does.
/// </summary>
public sealed class UnitQueues(LianxinDbContext db)
{
    private IQueryable<Assignment> Hops(Guid unit, UnitTab tab)
    {
        var hops = db.Assignments.AsNoTracking().Where(a => a.UnitId == unit);
        return tab switch
        {
            UnitTab.ToAccept => hops.Where(a => a.Status == AssignmentStatus.Pending),
            UnitTab.InProgress => hops.Where(a => a.Status == AssignmentStatus.Accepted || a.Status == AssignmentStatus.Redispatched || a.Status == AssignmentStatus.ReturnRequested),
            UnitTab.LowerReplied => hops.Where(a => a.Status == AssignmentStatus.Accepted
                && db.Assignments.Any(c => c.ParentId == a.Id && c.Role == AssignmentRole.Lead && c.Status == AssignmentStatus.Replied)),
            _ => hops.Where(a => a.Status == AssignmentStatus.Replied),
        };
    }

    private IQueryable<HelpRequest> Offers(Guid unit) =>
        db.HelpRequests.AsNoTracking().Where(h => h.Status == HelpRequestStatus.Open
            && db.UnitGroups.Any(g => g.Id == h.GroupId && g.Members.Any(m => m.UnitId == unit))
            && !db.Assignments.Any(a => a.WorkOrderId == h.WorkOrderId && a.UnitId == unit
                && a.Status != AssignmentStatus.Returned && a.Status != AssignmentStatus.Cancelled));

    /// <summary>Page <paramref name="page"/> (0-based, <see cref="DeskRows.PageSize"/> rows) of the tab.</summary>
    public async Task<IReadOnlyList<DeskRow>> ListAsync(Guid unit, UnitTab tab, DateTime now, int page, CancellationToken ct)
    {
        var skip = DeskRows.Skip(page);
        switch (tab)
        {
            case UnitTab.Supervision:
                return await SupervisionQueues.RecordsPageAsync(db, unit, page, ct);
            case UnitTab.Offers:
                return await Offers(unit)
                    .OrderBy(h => h.ExpiresAt).ThenBy(h => h.Id)
                    .Skip(skip)
                    .Take(DeskRows.PageSize)
                    .Join(db.WorkOrders, h => h.WorkOrderId, o => o.Id, (h, o) => new DeskRow(
                        o.Id, o.Number, o.Version, o.Title, o.CategoryId, null, o.Urgency, o.Status, o.CreatedAt,
                        null, null, o.Completion == null ? null : new ClockSummary(o.Completion.DueAt, o.Completion.ApproachingAt, o.Completion.MetAt),
                        o.SuspendedSince, h.Note, h.ExpiresAt, h.Id, o.ClosedAt))
                    .ToListAsync(ct);
            case UnitTab.Replied:
                return await Hops(unit, tab)
                    .OrderByDescending(a => a.RepliedAt).ThenBy(a => a.Id)
                    .Skip(skip)
                    .Take(DeskRows.PageSize)
                    .Join(db.WorkOrders, a => a.WorkOrderId, o => o.Id, (a, o) => new DeskRow(
                        o.Id, o.Number, o.Version, o.Title, o.CategoryId, a.UnitId, o.Urgency, o.Status, o.CreatedAt,
                        null, null, null, null, a.ReplyResult, a.RepliedAt, a.Id, o.ClosedAt))
                    .ToListAsync(ct);
            default:
                // The hop's own clocks: a lower hop's completion sits inside its parent's, the first level's is the order's.
                var rows = await Hops(unit, tab)
                    .OrderBy(a => tab == UnitTab.ToAccept ? a.SignFor!.DueAt : a.Completion!.DueAt).ThenBy(a => a.Id)
                    .Skip(skip)
                    .Take(DeskRows.PageSize)
                    .Join(db.WorkOrders, a => a.WorkOrderId, o => o.Id, (a, o) => new DeskRow(
                        o.Id, o.Number, o.Version, o.Title, o.CategoryId, a.UnitId, o.Urgency, o.Status, o.CreatedAt,
                        a.SignFor == null || a.Status != AssignmentStatus.Pending ? null : new ClockSummary(a.SignFor.DueAt, a.SignFor.ApproachingAt, a.SignFor.MetAt),
                        a.ParentId == null && a.Role == AssignmentRole.Lead && o.Contact != null ? new ClockSummary(o.Contact.DueAt, o.Contact.ApproachingAt, o.Contact.MetAt) : null,
                        a.Completion == null ? null : new ClockSummary(a.Completion.DueAt, a.Completion.ApproachingAt, a.Completion.MetAt),
                        o.SuspendedSince, null, null, a.Id, o.ClosedAt))
                    .ToListAsync(ct);
                return DeskRows.ByPressing(rows, now);
        }
    }

    public Task<int> CountAsync(Guid unit, UnitTab tab, CancellationToken ct) => tab switch
    {
        UnitTab.Supervision => SupervisionQueues.OpenRecords(db, unit).CountAsync(ct),
        UnitTab.Offers => Offers(unit).CountAsync(ct),
        _ => Hops(unit, tab).CountAsync(ct),
    };

    public async Task<IReadOnlyDictionary<UnitTab, int>> CountsAsync(Guid unit, CancellationToken ct)
    {
        var counts = new Dictionary<UnitTab, int>();
        foreach (var tab in Enum.GetValues<UnitTab>())
        {
            counts[tab] = await CountAsync(unit, tab, ct);
        }

        return counts;
    }
}
