using Lianxin.Core.Calendars;
using Lianxin.Core.ReturnVisits;
using Lianxin.Core.Tests.WorkOrders;
using Lianxin.Core.WorkOrders;
using static Lianxin.Core.Tests.WorkOrders.World;

namespace Lianxin.Core.Tests.ReturnVisits;

/// <summary>
/// Which closed orders are visited and when (DOMAIN.md "Return visits"), on the shipped 2026 calendar:
/// 国庆 1–7 October off with Saturday 10 October worked (调休), 中秋 25–27 September off with Sunday
/// 20 September worked.
/// </summary>
public sealed class VisitPlannerTests
{
    private static readonly VisitPlanner Planner = new(new ReturnVisitSettings(), WorkingCalendar.Default);

    private static VisitPlan Plan(DemandType type, DateTime closedAt, bool wantsReply = true, int redoCount = 0, Guid? id = null, VisitPlanner? planner = null) =>
        (planner ?? Planner).Plan(id ?? Guid.NewGuid(), type, wantsReply, redoCount, closedAt);

    private static IEnumerable<Guid> Ids(int count, int seed)
    {
        var random = new Random(seed);
        var bytes = new byte[16];
        for (var i = 0; i < count; i++)
        {
            random.NextBytes(bytes);
            yield return new Guid(bytes);
        }
    }

    [Fact]
    public void Sample_IsTheSameForTheSameOrder_AndNearTheShareOver10000Orders()
    {
        var ids = Ids(10_000, seed: 11).ToList();
        var first = ids.Select(id => Plan(DemandType.Consultation, T0, id: id)).ToList();
        var again = ids.Select(id => Plan(DemandType.Consultation, T0.AddDays(3), id: id)).ToList();
        Assert.Equal(first.Select(p => p.Required), again.Select(p => p.Required));
        Assert.All(first, p => Assert.Equal(p.Required, p.Sampled));

        // σ of a 0.3 share over 10,000 is 0.0046: 0.015 is more than three of them.
        var share = first.Count(p => p.Sampled) / 10_000.0;
        Assert.InRange(share, 0.285, 0.315);

        // The value is a fixed function of the id, in [0, 1); a larger share keeps every order the smaller one chose.
        Assert.Equal(VisitPlanner.SampleValue(ids[0]), VisitPlanner.SampleValue(new Guid(ids[0].ToString())));
        Assert.All(ids, id => Assert.InRange(VisitPlanner.SampleValue(id), 0.0, 0.9999999999));
        var half = new VisitPlanner(new ReturnVisitSettings { SampleShare = 0.5 }, WorkingCalendar.Default);
        Assert.All(ids.Zip(first), x => Assert.True(!x.Second.Sampled || Plan(DemandType.Consultation, T0, id: x.First, planner: half).Sampled));
        Assert.InRange(ids.Count(id => Plan(DemandType.Suggestion, T0, id: id, planner: half).Sampled) / 10_000.0, 0.485, 0.515);
    }

    [Fact]
    public void SampleShare_ZeroPicksNone_OnePicksAll()
    {
        var none = new VisitPlanner(new ReturnVisitSettings { SampleShare = 0 }, WorkingCalendar.Default);
        var all = new VisitPlanner(new ReturnVisitSettings { SampleShare = 1 }, WorkingCalendar.Default);
        Assert.All(Ids(1000, seed: 3), id =>
        {
            Assert.False(Plan(DemandType.Report, T0, id: id, planner: none).Required);
            Assert.True(Plan(DemandType.Report, T0, id: id, planner: all).Sampled);
        });
    }

    [Theory]
    [InlineData(DemandType.Complaint)]
    [InlineData(DemandType.Help)]
    public void ComplaintsAndHelpRequests_AreAlwaysVisited_ByRuleNotBySample(DemandType type)
    {
        var none = new VisitPlanner(new ReturnVisitSettings { SampleShare = 0 }, WorkingCalendar.Default);
        Assert.All(Ids(200, seed: 5), id =>
        {
            var plan = Plan(type, T0, id: id, planner: none);
            Assert.True(plan.Required);
            Assert.False(plan.Sampled);
        });
    }

    [Fact]
    public void AlwaysVisitedTypes_AreConfigurable()
    {
        var praise = new VisitPlanner(new ReturnVisitSettings { SampleShare = 0, AlwaysVisited = [DemandType.Praise] }, WorkingCalendar.Default);
        Assert.True(Plan(DemandType.Praise, T0, planner: praise).Required);
        Assert.False(Plan(DemandType.Complaint, T0, planner: praise).Required);
    }

    [Fact]
    public void ARequesterWhoWantsNoReply_IsNeverVisited_ButTheWindowIsSet()
    {
        var all = new VisitPlanner(new ReturnVisitSettings { SampleShare = 1 }, WorkingCalendar.Default);
        var plan = Plan(DemandType.Complaint, T0, wantsReply: false, planner: all);
        Assert.False(plan.Required);
        Assert.False(plan.Sampled);
        Assert.Equal(Local("2026-11-24 00:00"), plan.DueAt);
        Assert.Equal(Local("2026-11-26 17:30"), plan.Deadline);
    }

    [Fact]
    public void AfterARedo_TheSecondVisitIsAlwaysDue()
    {
        var none = new VisitPlanner(new ReturnVisitSettings { SampleShare = 0 }, WorkingCalendar.Default);
        var plan = Plan(DemandType.Consultation, T0, redoCount: 1, planner: none);
        Assert.True(plan.Required);
        Assert.False(plan.Sampled);
    }

    [Theory]
    // An ordinary Monday: due Tuesday, by the end of Thursday.
    [InlineData("2026-11-23 10:00", "2026-11-24", "2026-11-26")]
    // Friday: due Monday; the weekend does not count.
    [InlineData("2026-11-27 16:00", "2026-11-30", "2026-12-02")]
    // Closed the evening before 国庆: due the first day back (Thursday 8 October); the third working day is Saturday 10 October, 调休.
    [InlineData("2026-09-30 18:40", "2026-10-08", "2026-10-10")]
    // Closed during the holiday: the same.
    [InlineData("2026-10-03 11:00", "2026-10-08", "2026-10-10")]
    // Closed on Saturday 19 September: Sunday 20 September is a working day (调休 for 中秋), then 21 and 22.
    [InlineData("2026-09-19 10:00", "2026-09-20", "2026-09-22")]
    // Thursday 24 September, before 中秋 (25–27 off): due Monday 28, by Wednesday 30.
    [InlineData("2026-09-24 17:00", "2026-09-28", "2026-09-30")]
    // Local days: 23:50 on Monday is still Monday; 00:10 on Tuesday is Tuesday (UTC+8, the day before in UTC).
    [InlineData("2026-11-23 23:50", "2026-11-24", "2026-11-26")]
    [InlineData("2026-11-24 00:10", "2026-11-25", "2026-11-27")]
    public void DueFromTheNextWorkingDay_ByTheEndOfTheThird(string closedLocal, string due, string last)
    {
        var plan = Plan(DemandType.Complaint, Local(closedLocal));
        Assert.Equal(Local($"{due} 00:00"), plan.DueAt);
        Assert.Equal(Local($"{last} 17:30"), plan.Deadline);
        Assert.Equal(DateTimeKind.Utc, plan.DueAt.Kind);
    }

    [Fact]
    public void DeadlineWorkingDays_AreConfigurable()
    {
        var one = new VisitPlanner(new ReturnVisitSettings { DeadlineWorkingDays = 1 }, WorkingCalendar.Default);
        var five = new VisitPlanner(new ReturnVisitSettings { DeadlineWorkingDays = 5 }, WorkingCalendar.Default);
        var closed = Local("2026-09-30 18:40");
        Assert.Equal(Local("2026-10-08 17:30"), Plan(DemandType.Help, closed, planner: one).Deadline);

        // 8, 9, 10 (调休), 12, 13 October.
        Assert.Equal(Local("2026-10-13 17:30"), Plan(DemandType.Help, closed, planner: five).Deadline);
    }

    [Fact]
    public void Settings_RefuseBadValues()
    {
        Assert.Throws<Lianxin.Core.Common.ValidationFailedException>(() => new ReturnVisitSettings { SampleShare = 1.5 }.Validate());
        Assert.Throws<Lianxin.Core.Common.ValidationFailedException>(() => new ReturnVisitSettings { DeadlineWorkingDays = 0 }.Validate());
        Assert.Throws<Lianxin.Core.Common.ValidationFailedException>(() => new ReturnVisitSettings { Script = [] }.Validate());
        Assert.Throws<Lianxin.Core.Common.ValidationFailedException>(() => new ReturnVisitSettings { Script = [new(" ", "Anything?")] }.Validate());
        Assert.Throws<Lianxin.Core.Common.ValidationFailedException>(() => new ReturnVisitSettings { AlwaysVisited = [(DemandType)42] }.Validate());
        new ReturnVisitSettings().Validate();
    }
}

/// <summary>A visit round on the order: the plan set at closure, attempts, unreachable, the redo and the final second visit.</summary>
public sealed class VisitRoundTests
{
    [Fact]
    public void Closure_SetsThePlan_AndAVisitBeforeTheDueDayCounts()
    {
        var b = OrderBuilder.Registered(DemandType.Complaint).Closed(Department);
        Assert.True(b.Order.VisitRequired);
        Assert.Equal(Local("2026-11-24 00:00"), b.Order.VisitDueAt);
        Assert.Equal(Local("2026-11-26 17:30"), b.Order.VisitDeadline);
        Assert.Null(b.Order.VisitedAt);

        // The requester called back the same afternoon, before the visit was due: it counts.
        b.After(TimeSpan.FromHours(2)).Visited();
        Assert.True(b.Order.Visits[^1].At < b.Order.VisitDueAt);
        Assert.Equal(WorkOrderStatus.Archived, b.Order.Status);
        Assert.Equal(b.Order.Visits[^1].At, b.Order.VisitedAt);
        Assert.Equal(Satisfaction.Satisfied, b.Order.FinalSatisfaction);
    }

    [Fact]
    public void ThreeUnreachedAttempts_EachRecorded_ThenUnreachable()
    {
        var b = OrderBuilder.Registered(DemandType.Help).Closed(Department).At(Local("2026-11-24 09:30")).Unreached();
        Assert.Null(b.Order.VisitedAt);
        b.At(Local("2026-11-24 15:00")).Unreached();
        Assert.Equal(WorkOrderStatus.Closed, b.Order.Status);
        Assert.Equal(2, b.Order.VisitAttempts);
        b.At(Local("2026-11-25 10:00")).Unreached();

        Assert.Equal(WorkOrderStatus.Archived, b.Order.Status);
        Assert.Equal(Local("2026-11-25 10:00"), b.Order.VisitedAt);
        Assert.Equal([1, 2, 3], b.Order.Visits.Select(v => v.Attempt));
        Assert.Equal([Local("2026-11-24 09:30"), Local("2026-11-24 15:00"), Local("2026-11-25 10:00")], b.Order.Visits.Select(v => v.At));
        Assert.All(b.Order.Visits, v => Assert.False(v.Reached));
        Assert.Contains("\"unreachable\":true", b.Order.History[^1].Data, StringComparison.Ordinal);
    }

    [Fact]
    public void Unsatisfied_GoesBackToTheLead_TheSecondClosureIsAlwaysVisited_AndItsRatingIsFinal()
    {
        // A consultation the sample may skip: after the redo the second visit is due all the same.
        var b = OrderBuilder.Registered(DemandType.Consultation).Closed(Department).Unreached().Visited(Satisfaction.Unsatisfied, Solved.No);
        Assert.Equal(WorkOrderStatus.InProgress, b.Order.Status);
        Assert.Equal(1, b.Order.RedoCount);
        Assert.Equal(b.Order.Visits[^1].At, b.Order.VisitedAt);
        Assert.Equal(Department.Id, b.Order.LeadAssignment!.UnitId);

        b.Replied(Department).Reviewed(approve: true);
        Assert.True(b.Order.VisitRequired);
        Assert.False(b.Order.VisitSampled);
        Assert.Null(b.Order.VisitedAt);
        Assert.Equal(0, b.Order.VisitAttempts);
        Assert.Contains("\"visitRequired\":true", b.Order.History[^1].Data, StringComparison.Ordinal);

        // Unsatisfied again: final, archived, no second redo.
        b.Visited(Satisfaction.Unsatisfied, Solved.Partly);
        Assert.Equal(WorkOrderStatus.Archived, b.Order.Status);
        Assert.Equal(1, b.Order.RedoCount);
        Assert.Equal(Satisfaction.Unsatisfied, b.Order.FinalSatisfaction);
        Assert.Equal(Solved.Partly, b.Order.FinalSolved);
        Assert.Equal([1, 1, 2], b.Order.Visits.Select(v => v.Round));
        Assert.Contains("\"final\":true", b.Order.History[^1].Data, StringComparison.Ordinal);
    }

    [Fact]
    public void AnsweredDirectly_GetsAPlanToo()
    {
        var b = OrderBuilder.Registered(DemandType.Help).AnsweredDirectly();
        Assert.True(b.Order.VisitRequired);
        Assert.Equal(Local("2026-11-24 00:00"), b.Order.VisitDueAt);
        Assert.Contains("\"visitDeadline\":\"2026-11-26T09:30:00Z\"", b.Order.History[^1].Data, StringComparison.Ordinal);
    }
}
