using System.Text.Json;
using System.Text.Json.Serialization;
using Lianxin.Core.Common;
using Lianxin.Core.Identity;
using Lianxin.Core.Notifications;
using Lianxin.Core.Supervision;
using Lianxin.Core.WorkOrders;

namespace Lianxin.Core.Deadlines;

/// <summary>
/// What one deadline sweep decides, with no I/O: which deadlines of the claimed orders moved forward by
/// the clock, when each order must next be looked at, and what is written for each change — a history
/// event, an automatic 催办 (临期) or 督办 (超期), a notification to the lead unit up to
/// <see cref="NotificationsPerUnit"/> per unit and one digest for the rest, and one digest per run for
/// the supervisors. Two steps, because what is written depends on which order rows the sweep's version
/// guard let through: <see cref="PlanOrder"/> for every claimed order, then <see cref="PlanWrites"/> for
/// the orders actually updated. Every message is in Chinese and English, with times in the centre's zone.
/// </summary>
/// <param name="now">The sweep's instant (UTC): the clock the states are judged by and the time of every row.</param>
/// <param name="zone">The centre's time zone, for the due times messages quote.</param>
/// <param name="replyDue">When the written reply to an automatic 督办 is due (<see cref="SupervisionRecord.DefaultReplyDue"/>).</param>
/// <param name="newId">Makes the id of each row; the sweep makes time-ordered ids at <paramref name="now"/>.</param>
public sealed class SweepPlanner(DateTime now, TimeZoneInfo zone, DateTime replyDue, Func<Guid> newId)
{
    /// <summary>Per-order notifications one unit gets from one run; the rest of its orders come as one digest.</summary>
    public const int NotificationsPerUnit = 20;

    /// <summary>Order numbers a digest's text names (the rest is "等" / "and more").</summary>
    public const int DigestNamed = 20;

    /// <summary>Order numbers a digest's data lists, per state; the counts are always whole.</summary>
    public const int DigestListed = 100;

    public OrderPlan PlanOrder(ClaimedOrder order)
    {
        var changes = new List<DeadlineChange>();
        DeadlineState? Next(DeadlineKind kind, StoredDeadline? d)
        {
            if (d is null)
            {
                return null;
            }

            // 超期 and met are settled; only a running clock moves.
            if (d.State is not (DeadlineState.OnTime or DeadlineState.Approaching))
            {
                return d.State;
            }

            var state = DeadlineCalculator.State(d.DueAt, d.ApproachingAt, now, d.MetAt);
            if (state != d.State)
            {
                changes.Add(new DeadlineChange(kind, d.State, state, d.DueAt));
            }

            return state;
        }

        var signFor = Next(DeadlineKind.SignFor, order.SignFor);
        var contact = Next(DeadlineKind.Contact, order.Contact);
        var completion = Next(DeadlineKind.Completion, order.Completion);
        var checkAt = new[] { NextCheck(order.SignFor, signFor), NextCheck(order.Contact, contact), NextCheck(order.Completion, completion) }.Min();
        return new OrderPlan(order, signFor, contact, completion, checkAt, changes);
    }

    /// <summary>The next instant the deadline changes by the clock alone (as <see cref="Deadline.NextChangeAt"/>).</summary>
    private static DateTime? NextCheck(StoredDeadline? d, DeadlineState? state) => (d, state) switch
    {
        (not null, DeadlineState.OnTime) => d.ApproachingAt,
        (not null, DeadlineState.Approaching) => d.DueAt,
        _ => null,
    };

    /// <summary>The rows to insert for the changes of <paramref name="written"/>: the orders whose update went through.</summary>
    public SweepWrites PlanWrites(IEnumerable<OrderPlan> written)
    {
        var events = new List<SweepEvent>();
        var records = new List<SweepSupervision>();
        var notes = new List<SweepNotification>();
        var perUnit = new Dictionary<Guid, UnitTally>();
        var late = new List<string>();
        var soon = new List<string>();
        foreach (var plan in written.Where(p => p.HasChanges))
        {
            var order = plan.Order;
            var version = order.Version;
            foreach (var change in plan.Changes)
            {
                version++;
                var overdue = change.To == DeadlineState.Overdue;
                var text = Describe(order.Number, change);
                var supervisionId = newId();
                if (change.To is DeadlineState.Approaching or DeadlineState.Overdue)
                {
                    records.Add(new SweepSupervision(supervisionId, order.Id, overdue ? SupervisionKind.Supervise : SupervisionKind.Urge, order.LeadUnit, text,
                        overdue ? replyDue : null));
                }

                var data = new ChangeData(OrderNames.En(change.Kind), OrderNames.En(change.From), OrderNames.En(change.To), change.DueAt, supervisionId, null);

                // The note is the centre's record, in Chinese; the English goes with the event's data.
                events.Add(new SweepEvent(newId(), order.Id, version, overdue ? EventTypes.DeadlineOverdue : EventTypes.DeadlineApproaching, order.Status, order.LeadUnit,
                    text, JsonSerializer.Serialize(data with { NoteEn = text.En }, EventJson.Options)));
                if (order.LeadUnit is not { } unit)
                {
                    continue;
                }

                var tally = perUnit.TryGetValue(unit, out var t) ? t : perUnit[unit] = new UnitTally();
                if (tally.Notified < NotificationsPerUnit)
                {
                    tally.Notified++;
                    notes.Add(new SweepNotification(newId(), order.Id, order.Number, overdue ? NotificationKinds.DeadlineOverdue : NotificationKinds.DeadlineApproaching,
                        unit, null, text, JsonSerializer.Serialize(data, EventJson.Options)));
                }
                else
                {
                    (overdue ? tally.MoreLate : tally.MoreSoon).Add(order.Number);
                }
            }

            if (plan.Changes.Any(c => c.To == DeadlineState.Overdue))
            {
                late.Add(order.Number);
            }

            if (plan.Changes.Any(c => c.To == DeadlineState.Approaching))
            {
                soon.Add(order.Number);
            }
        }

        // A unit hears of each order by name up to a point; beyond it, one message sums up the rest (it reads its lists).
        foreach (var (unit, tally) in perUnit.Where(u => u.Value.MoreLate.Count + u.Value.MoreSoon.Count > 0))
        {
            notes.Add(Digest(unit, null, tally.MoreLate.Distinct().ToList(), tally.MoreSoon.Distinct().ToList(), further: true));
        }

        // Supervisors get one digest per run, not one message per order: at scale they read the lists.
        if (events.Count > 0)
        {
            notes.Add(Digest(null, Role.Supervisor, late, soon, further: false));
        }

        return new SweepWrites(events, records, notes);
    }

    private Text Describe(string number, DeadlineChange change)
    {
        var due = LocalTime.Format(change.DueAt, zone);
        var what = change.Kind switch
        {
            DeadlineKind.SignFor => new Text("签收", "sign-for"),
            DeadlineKind.Contact => new Text("联系", "contact"),
            _ => new Text("办结", "completion"),
        };
        return change.To == DeadlineState.Overdue
            ? new Text($"工单{number}{what.Zh}已超期（时限 {due}），已自动督办。",
                $"Order {number}: the {what.En} deadline ({due}) has passed; a supervision was raised automatically.")
            : new Text($"工单{number}{what.Zh}临期（时限 {due}），请尽快处理。",
                $"Order {number}: the {what.En} deadline ({due}) is approaching; please act soon.");
    }

    /// <summary>A digest for a unit or a role; a unit's sums up the orders beyond the ones it was told of by name ("另有", "more").</summary>
    private SweepNotification Digest(Guid? unit, Role? role, List<string> late, List<string> soon, bool further)
    {
        var named = string.Join("、", late.Take(DigestNamed));
        var namedEn = string.Join(", ", late.Take(DigestNamed));
        var more = late.Count > DigestNamed;
        var text = new Text(
            $"时限提醒：{(further ? "另有" : "")}{late.Count} 件工单新超期，{soon.Count} 件新临期。" + (late.Count > 0 ? $"超期：{named}{(more ? " 等" : "")}" : ""),
            $"Deadlines: {late.Count} {(further ? "more " : "")}{(late.Count == 1 ? "order" : "orders")} newly overdue, {soon.Count} newly approaching."
                + (late.Count > 0 ? $" Overdue: {namedEn}{(more ? " and more" : "")}." : ""));
        var data = JsonSerializer.Serialize(
            new { overdue = late.Take(DigestListed), approaching = soon.Take(DigestListed), overdueCount = late.Count, approachingCount = soon.Count }, EventJson.Options);
        return new SweepNotification(newId(), null, null, NotificationKinds.DeadlineDigest, unit, role, text, data);
    }

    private sealed record ChangeData(
        string Deadline, string From, string To, DateTime DueAt, Guid SupervisionId, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? NoteEn);

    private sealed class UnitTally
    {
        public int Notified { get; set; }

        public List<string> MoreLate { get; } = [];

        public List<string> MoreSoon { get; } = [];
    }
}
