using System.Text.Json;
using Lianxin.Core.Deadlines;
using Lianxin.Core.Identity;
using Lianxin.Core.Supervision;

namespace Lianxin.Core.Tests.Deadlines;

public class SweepPlannerTests
{
    /// <summary>Monday 2026-11-23 10:00 in Shanghai.</summary>
    private static readonly DateTime Now = new(2026, 11, 23, 2, 0, 0, DateTimeKind.Utc);

    private static readonly DateTime ReplyDue = new(2026, 11, 25, 9, 30, 0, DateTimeKind.Utc);

    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private static readonly Guid UnitA = Guid.Parse("0000000a-0000-0000-0000-000000000000");

    private static readonly Guid UnitB = Guid.Parse("0000000b-0000-0000-0000-000000000000");

    private int _ids;

    private SweepPlanner Planner() => new(Now, Shanghai, ReplyDue, () => new Guid(++_ids, 0, 0, new byte[8]));

    private static StoredDeadline Deadline(DeadlineState state, TimeSpan approachingIn, TimeSpan dueIn, TimeSpan? metAgo = null) =>
        new(Now + dueIn, Now + approachingIn, state, metAgo is { } ago ? Now - ago : null);

    /// <summary>On time, turned 临期 a minute ago, due in an hour.</summary>
    private static StoredDeadline TurningApproaching() => Deadline(DeadlineState.OnTime, TimeSpan.FromMinutes(-1), TimeSpan.FromHours(1));

    /// <summary>临期, due a minute ago.</summary>
    private static StoredDeadline TurningOverdue() => Deadline(DeadlineState.Approaching, TimeSpan.FromHours(-1), TimeSpan.FromMinutes(-1));

    private static ClaimedOrder Order(
        string number = "BX2026112300001", int version = 3, Guid? lead = null, StoredDeadline? signFor = null, StoredDeadline? contact = null, StoredDeadline? completion = null) =>
        new(Guid.NewGuid(), version, number, "InProgress", signFor, contact, completion, lead);

    private (List<OrderPlan> Orders, SweepWrites Writes) Plan(params ClaimedOrder[] orders)
    {
        var planner = Planner();
        var plans = orders.Select(planner.PlanOrder).ToList();
        return (plans, planner.PlanWrites(plans));
    }

    private static JsonElement Json(string data) => JsonDocument.Parse(data).RootElement;

    [Fact]
    public void PlanOrder_OnTimePastItsApproachingInstant_TurnsApproaching_NextCheckAtTheDue()
    {
        var signFor = TurningApproaching();
        var plan = Planner().PlanOrder(Order(signFor: signFor));

        Assert.Equal(DeadlineState.Approaching, plan.SignFor);
        var change = Assert.Single(plan.Changes);
        Assert.Equal(new DeadlineChange(DeadlineKind.SignFor, DeadlineState.OnTime, DeadlineState.Approaching, signFor.DueAt), change);
        Assert.Equal(signFor.DueAt, plan.CheckAt);
        Assert.Equal((1, 1, 0), (plan.VersionIncrement, plan.Urges, plan.Supervises));
    }

    [Fact]
    public void PlanOrder_ApproachingPastItsDue_TurnsOverdue_NoCheckLeft()
    {
        var plan = Planner().PlanOrder(Order(completion: TurningOverdue()));

        Assert.Equal(DeadlineState.Overdue, plan.Completion);
        Assert.Equal(DeadlineState.Approaching, Assert.Single(plan.Changes).From);
        Assert.Null(plan.CheckAt);
        Assert.Equal((1, 0, 1), (plan.VersionIncrement, plan.Urges, plan.Supervises));
    }

    [Fact]
    public void PlanOrder_OnTimePastItsDue_TurnsOverdueInOneStep_OneChangeNoUrge()
    {
        var (orders, writes) = Plan(Order(lead: UnitA, signFor: Deadline(DeadlineState.OnTime, TimeSpan.FromHours(-2), TimeSpan.FromMinutes(-1))));

        var change = Assert.Single(orders[0].Changes);
        Assert.Equal((DeadlineState.OnTime, DeadlineState.Overdue), (change.From, change.To));
        Assert.Equal((1, 0, 1), (orders[0].VersionIncrement, orders[0].Urges, orders[0].Supervises));
        Assert.Equal(SupervisionKind.Supervise, Assert.Single(writes.Supervisions).Kind);
    }

    [Fact]
    public void PlanOrder_SettledDeadlines_AreUntouched()
    {
        // Met in time, long past its due; and already overdue: neither moves again.
        var met = Deadline(DeadlineState.Met, TimeSpan.FromDays(-2), TimeSpan.FromDays(-1), metAgo: TimeSpan.FromDays(3));
        var overdue = Deadline(DeadlineState.Overdue, TimeSpan.FromDays(-2), TimeSpan.FromDays(-1));
        var (orders, writes) = Plan(Order(lead: UnitA, signFor: met, completion: overdue));

        Assert.Empty(orders[0].Changes);
        Assert.Equal((DeadlineState.Met, DeadlineState.Overdue), (orders[0].SignFor!.Value, orders[0].Completion!.Value));
        Assert.Null(orders[0].Contact);
        Assert.Null(orders[0].CheckAt);
        Assert.Empty(writes.Events);
    }

    [Fact]
    public void PlanOrder_NothingChanged_WritesNoRows_ButTheCheckMovesToTheNextChange()
    {
        // The check came early: an extension moved the deadline after the check was set.
        var completion = Deadline(DeadlineState.OnTime, TimeSpan.FromDays(2), TimeSpan.FromDays(3));
        var (orders, writes) = Plan(Order(lead: UnitA, completion: completion));

        Assert.False(orders[0].HasChanges);
        Assert.Equal(0, orders[0].VersionIncrement);
        Assert.Equal(completion.ApproachingAt, orders[0].CheckAt);
        Assert.Empty(writes.Events);
        Assert.Empty(writes.Supervisions);
        Assert.Empty(writes.Notifications);
    }

    [Fact]
    public void PlanOrder_NextCheck_IsTheEarliestChangeOfThePendingDeadlines()
    {
        var signFor = Deadline(DeadlineState.Met, TimeSpan.FromHours(-5), TimeSpan.FromHours(-4), metAgo: TimeSpan.FromHours(6));
        var contact = Deadline(DeadlineState.Approaching, TimeSpan.FromMinutes(-10), TimeSpan.FromMinutes(50));
        var completion = Deadline(DeadlineState.OnTime, TimeSpan.FromMinutes(30), TimeSpan.FromDays(1));

        var plan = Planner().PlanOrder(Order(signFor: signFor, contact: contact, completion: completion));

        Assert.Empty(plan.Changes);
        Assert.Equal(completion.ApproachingAt, plan.CheckAt);
    }

    [Fact]
    public void PlanOrder_TwoDeadlinesChange_TwoVersions_EachWithItsEventAndRecord()
    {
        var (orders, writes) = Plan(Order(version: 7, lead: UnitA, signFor: TurningOverdue(), contact: TurningApproaching()));

        Assert.Equal((2, 1, 1), (orders[0].VersionIncrement, orders[0].Urges, orders[0].Supervises));
        Assert.Equal([8, 9], writes.Events.Select(e => e.Version));
        Assert.Equal([SupervisionKind.Supervise, SupervisionKind.Urge], writes.Supervisions.Select(s => s.Kind));
        Assert.Equal(["deadlineOverdue", "deadlineApproaching"], writes.Events.Select(e => e.Type));
    }

    [Fact]
    public void PlanWrites_Approaching_IsAnUrgeWithNoReplyDue_ToTheLeadUnit()
    {
        var order = Order(version: 4, lead: UnitA, contact: TurningApproaching());
        var (_, writes) = Plan(order);

        var record = Assert.Single(writes.Supervisions);
        Assert.Equal((SupervisionKind.Urge, UnitA, (DateTime?)null, order.Id), (record.Kind, record.UnitId, record.ReplyDueAt, record.WorkOrderId));

        var e = Assert.Single(writes.Events);
        Assert.Equal((order.Id, 5, "deadlineApproaching", "InProgress", (Guid?)UnitA), (e.WorkOrderId, e.Version, e.Type, e.Status, e.UnitId));
        Assert.Equal(record.Note, e.Note);
        var data = Json(e.Data);
        Assert.Equal("contact", data.GetProperty("deadline").GetString());
        Assert.Equal("onTime", data.GetProperty("from").GetString());
        Assert.Equal("approaching", data.GetProperty("to").GetString());
        Assert.Equal(order.Contact!.DueAt, data.GetProperty("dueAt").GetDateTime().ToUniversalTime());
        Assert.Equal(record.Id, data.GetProperty("supervisionId").GetGuid());
        Assert.Equal(e.Note.En, data.GetProperty("noteEn").GetString());

        var note = Assert.Single(writes.Notifications, n => n.WorkOrderId == order.Id);
        Assert.Equal(("deadlineApproaching", (Guid?)UnitA, (Role?)null, order.Number), (note.Kind, note.UnitId, note.Role, note.WorkOrderNumber));
        Assert.Equal(e.Note, note.Text);
        Assert.Equal(record.Id, Json(note.Data).GetProperty("supervisionId").GetGuid());
        Assert.False(Json(note.Data).TryGetProperty("noteEn", out _));
    }

    [Fact]
    public void PlanWrites_Overdue_IsASupervisionWithTheReplyDue()
    {
        var (_, writes) = Plan(Order(lead: UnitA, completion: TurningOverdue()));

        var record = Assert.Single(writes.Supervisions);
        Assert.Equal((SupervisionKind.Supervise, (DateTime?)ReplyDue), (record.Kind, record.ReplyDueAt));
        Assert.Equal("deadlineOverdue", Assert.Single(writes.Events).Type);
        Assert.Equal("deadlineOverdue", Assert.Single(writes.Notifications, n => n.UnitId == UnitA).Kind);
    }

    [Fact]
    public void PlanWrites_UnitPastItsAllowance_GetsTwentyByNameAndOneDigestOfTheRest()
    {
        // Unit A: 22 orders turn overdue and 3 approaching (in that order); unit B: two orders, below its allowance.
        var orders = Enumerable.Range(1, 25)
            .Select(i => Order(number: $"A{i:00}", lead: UnitA, signFor: i <= 22 ? TurningOverdue() : TurningApproaching()))
            .Concat([Order(number: "B01", lead: UnitB, signFor: TurningOverdue()), Order(number: "B02", lead: UnitB, signFor: TurningOverdue())])
            .ToArray();
        var (_, writes) = Plan(orders);

        Assert.Equal(27, writes.Events.Count);
        Assert.Equal(27, writes.Supervisions.Count);
        var toA = writes.Notifications.Where(n => n.UnitId == UnitA).ToList();
        Assert.Equal(SweepPlanner.NotificationsPerUnit, toA.Count(n => n.WorkOrderId is not null));
        var digest = Assert.Single(toA, n => n.WorkOrderId is null);
        Assert.Equal(("deadlineDigest", (Role?)null, (string?)null), (digest.Kind, digest.Role, digest.WorkOrderNumber));
        Assert.Equal("时限提醒：另有2 件工单新超期，3 件新临期。超期：A21、A22", digest.Text.Zh);
        Assert.Equal("Deadlines: 2 more orders newly overdue, 3 newly approaching. Overdue: A21, A22.", digest.Text.En);
        var data = Json(digest.Data);
        Assert.Equal(["A21", "A22"], data.GetProperty("overdue").EnumerateArray().Select(x => x.GetString()));
        Assert.Equal(["A23", "A24", "A25"], data.GetProperty("approaching").EnumerateArray().Select(x => x.GetString()));
        Assert.Equal((2, 3), (data.GetProperty("overdueCount").GetInt32(), data.GetProperty("approachingCount").GetInt32()));

        var toB = writes.Notifications.Where(n => n.UnitId == UnitB).ToList();
        Assert.Equal(["B01", "B02"], toB.Select(n => n.WorkOrderNumber));
    }

    [Fact]
    public void PlanWrites_UnitDigest_NamesAnOrderOnce_WhenTwoOfItsDeadlinesWentPastTheAllowance()
    {
        var orders = Enumerable.Range(1, SweepPlanner.NotificationsPerUnit).Select(i => Order(number: $"A{i:00}", lead: UnitA, signFor: TurningOverdue()))
            .Append(Order(number: "A99", lead: UnitA, signFor: TurningOverdue(), completion: TurningOverdue()))
            .ToArray();
        var (_, writes) = Plan(orders);

        var digest = Assert.Single(writes.Notifications, n => n.UnitId == UnitA && n.WorkOrderId is null);
        Assert.Equal("时限提醒：另有1 件工单新超期，0 件新临期。超期：A99", digest.Text.Zh);
        Assert.Equal("Deadlines: 1 more order newly overdue, 0 newly approaching. Overdue: A99.", digest.Text.En);
    }

    [Fact]
    public void PlanWrites_Supervisors_GetOneDigestPerRun_NamingTwentyOverdueAndListingAHundred()
    {
        var orders = Enumerable.Range(1, 120).Select(i => Order(number: $"L{i:000}", lead: i % 2 == 0 ? UnitA : UnitB, signFor: TurningOverdue()))
            .Append(Order(number: "S001", lead: UnitA, contact: TurningApproaching()))
            .ToArray();
        var (_, writes) = Plan(orders);

        var digest = Assert.Single(writes.Notifications, n => n.Role is not null);
        Assert.Equal((Role?)Role.Supervisor, digest.Role);
        Assert.Equal(("deadlineDigest", (Guid?)null, (Guid?)null), (digest.Kind, digest.UnitId, digest.WorkOrderId));
        var named = Enumerable.Range(1, SweepPlanner.DigestNamed).Select(i => $"L{i:000}").ToList();
        Assert.Equal($"时限提醒：120 件工单新超期，1 件新临期。超期：{string.Join("、", named)} 等", digest.Text.Zh);
        Assert.Equal($"Deadlines: 120 orders newly overdue, 1 newly approaching. Overdue: {string.Join(", ", named)} and more.", digest.Text.En);
        var data = Json(digest.Data);
        Assert.Equal(SweepPlanner.DigestListed, data.GetProperty("overdue").GetArrayLength());
        Assert.Equal(["S001"], data.GetProperty("approaching").EnumerateArray().Select(x => x.GetString()));
        Assert.Equal((120, 1), (data.GetProperty("overdueCount").GetInt32(), data.GetProperty("approachingCount").GetInt32()));
    }

    [Fact]
    public void PlanWrites_SupervisorsDigest_WithOnlyApproaching_NamesNoOrder()
    {
        var (_, writes) = Plan(Order(number: "S001", lead: UnitA, contact: TurningApproaching()));

        var digest = Assert.Single(writes.Notifications, n => n.Role == Role.Supervisor);
        Assert.Equal("时限提醒：0 件工单新超期，1 件新临期。", digest.Text.Zh);
        Assert.Equal("Deadlines: 0 orders newly overdue, 1 newly approaching.", digest.Text.En);
    }

    [Fact]
    public void PlanWrites_OrderWithoutALeadUnit_HasItsHistoryAndRecord_OnlySupervisorsAreTold()
    {
        var (_, writes) = Plan(Order(number: "N001", lead: null, signFor: TurningOverdue()));

        Assert.Null(Assert.Single(writes.Events).UnitId);
        Assert.Null(Assert.Single(writes.Supervisions).UnitId);
        var note = Assert.Single(writes.Notifications);
        Assert.Equal(((Role?)Role.Supervisor, "deadlineDigest"), (note.Role, note.Kind));
        Assert.Contains("N001", note.Text.Zh, StringComparison.Ordinal);
    }

    [Fact]
    public void PlanWrites_IdsComeFromTheFactory_OnePerRow()
    {
        var (_, writes) = Plan(Order(lead: UnitA, signFor: TurningOverdue()), Order(lead: UnitB, contact: TurningApproaching()));

        var ids = writes.Events.Select(e => e.Id).Concat(writes.Supervisions.Select(s => s.Id)).Concat(writes.Notifications.Select(n => n.Id)).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(Enumerable.Range(1, ids.Count).ToHashSet(), ids.Select(id => BitConverter.ToInt32(id.ToByteArray(), 0)).ToHashSet());
    }

    [Theory]
    [InlineData(DeadlineKind.SignFor, "签收", "sign-for")]
    [InlineData(DeadlineKind.Contact, "联系", "contact")]
    [InlineData(DeadlineKind.Completion, "办结", "completion")]
    public void Messages_SayWhichDeadline_InBothLanguages_WithTheDueInTheCentresTime(DeadlineKind kind, string zh, string en)
    {
        // Due 09:59 and 11:00 Shanghai time (UTC+8).
        StoredDeadline? Of(DeadlineKind k, StoredDeadline d) => k == kind ? d : null;
        var late = Order(number: "BX0001", lead: UnitA, signFor: Of(DeadlineKind.SignFor, TurningOverdue()), contact: Of(DeadlineKind.Contact, TurningOverdue()),
            completion: Of(DeadlineKind.Completion, TurningOverdue()));
        var soon = Order(number: "BX0002", lead: UnitA, signFor: Of(DeadlineKind.SignFor, TurningApproaching()), contact: Of(DeadlineKind.Contact, TurningApproaching()),
            completion: Of(DeadlineKind.Completion, TurningApproaching()));
        var (_, writes) = Plan(late, soon);

        var overdue = writes.Events.Single(e => e.WorkOrderId == late.Id).Note;
        Assert.Equal($"工单BX0001{zh}已超期（时限 2026-11-23 09:59），已自动督办。", overdue.Zh);
        Assert.Equal($"Order BX0001: the {en} deadline (2026-11-23 09:59) has passed; a supervision was raised automatically.", overdue.En);
        var approaching = writes.Events.Single(e => e.WorkOrderId == soon.Id).Note;
        Assert.Equal($"工单BX0002{zh}临期（时限 2026-11-23 11:00），请尽快处理。", approaching.Zh);
        Assert.Equal($"Order BX0002: the {en} deadline (2026-11-23 11:00) is approaching; please act soon.", approaching.En);
    }
}
