using Lianxin.Core.Calendars;
using Lianxin.Core.Deadlines;
using Lianxin.Core.WorkOrders;
using Clock = Lianxin.Core.Deadlines.OrderDeadlines.Clock;
using Hop = Lianxin.Core.Deadlines.OrderDeadlines.Hop;

namespace Lianxin.Core.Tests.Deadlines;

/// <summary>
/// <see cref="OrderDeadlines.Compute"/>: the order's three due instants and each hop's. First-level hops get
/// the order's completion, lower hops a slice of their parent's; a hop's sign-for is never past its own
/// completion; pauses move every clock; approved extensions move completion.
/// </summary>
public class OrderDeadlinesTests
{
    private static readonly WorkingCalendar Calendar = WorkingCalendar.Default;

    /// <summary>Monday 23 November 2026, 10:00.</summary>
    private static readonly DateTime Start = L("2026-11-23 10:00");

    private static readonly Guid Lead = new("00000000-0000-4000-8000-000000000001");
    private static readonly Guid Assist = new("00000000-0000-4000-8000-000000000002");
    private static readonly Guid Child = new("00000000-0000-4000-8000-000000000003");
    private static readonly Guid Grandchild = new("00000000-0000-4000-8000-000000000004");

    private static DateTime L(string s) => DateTime.SpecifyKind(DateTime.Parse(s, System.Globalization.CultureInfo.InvariantCulture).AddHours(-8), DateTimeKind.Utc);

    private static OrderDeadlines.Facts Facts(
        Urgency urgency, IReadOnlyList<Hop>? hops = null, int extensionDays = 0, IReadOnlyList<Suspension>? pauses = null, DemandType type = DemandType.Help)
    {
        var t = DeadlinePresets.For(type, urgency);
        return new(new Clock(t.SignFor, Start), new Clock(t.Contact, Start), new Clock(t.Completion, Start), extensionDays, pauses ?? [], hops ?? []);
    }

    private static Hop HopAt(Guid id, Guid? parent, string dispatchedAt, Urgency urgency = Urgency.Normal) =>
        new(id, parent, L(dispatchedAt), new Clock(DeadlinePresets.For(DemandType.Help, urgency).SignFor, L(dispatchedAt)));

    private static OrderDeadlines.Dues Compute(OrderDeadlines.Facts facts, string now = "2026-11-23 10:00") => OrderDeadlines.Compute(facts, Calendar, L(now));

    [Theory]
    [InlineData(DemandType.Help, Urgency.Normal, "2026-11-24 17:30", "2026-11-24 17:30", "2026-11-30 17:30")]
    [InlineData(DemandType.Consultation, Urgency.Normal, "2026-11-24 17:30", "2026-11-24 17:30", "2026-11-25 17:30")]
    [InlineData(DemandType.Report, Urgency.Normal, "2026-11-24 17:30", "2026-11-24 17:30", "2026-12-14 17:30")]
    [InlineData(DemandType.Complaint, Urgency.Urgent, "2026-11-23 12:00", "2026-11-23 22:00", "2026-11-24 10:00")]
    [InlineData(DemandType.Complaint, Urgency.Critical, "2026-11-23 10:30", "2026-11-23 12:00", "2026-11-23 22:00")]
    public void Compute_NoHopsNoPauses_EachClockFromItsLimit(DemandType type, Urgency urgency, string signFor, string contact, string completion)
    {
        var dues = Compute(Facts(urgency, type: type));

        Assert.Equal((L(signFor), L(contact), L(completion)), (dues.SignFor, dues.Contact, dues.Completion));
        Assert.Empty(dues.Hops);
    }

    [Fact]
    public void FirstLevelHops_GetTheOrdersCompletion_AndTheirOwnSignFor()
    {
        var dues = Compute(Facts(Urgency.Normal, [HopAt(Lead, null, "2026-11-23 10:10"), HopAt(Assist, null, "2026-11-24 09:00")]));

        Assert.Equal(dues.Completion, dues.Hops[Lead].Completion);
        Assert.Equal(dues.Completion, dues.Hops[Assist].Completion);
        Assert.Equal(L("2026-11-24 17:30"), dues.Hops[Lead].SignFor);   // one working day from its own dispatch
        Assert.Equal(L("2026-11-25 17:30"), dues.Hops[Assist].SignFor);
    }

    [Fact]
    public void LowerHops_GetASliceOfTheirParents_EachLevelLess()
    {
        var dues = Compute(Facts(Urgency.Normal,
        [
            HopAt(Lead, null, "2026-11-23 10:10"),
            HopAt(Child, Lead, "2026-11-24 09:00"),
            HopAt(Grandchild, Child, "2026-11-25 09:00"),
        ]));

        // Five working days left to the lead: it keeps one to check the reply. The street office then has three
        // (21 working hours) and keeps a fifth of them, 4 h 12 min, before Friday 17:30.
        Assert.Equal(L("2026-11-30 17:30"), dues.Hops[Lead].Completion);
        Assert.Equal(L("2026-11-27 17:30"), dues.Hops[Child].Completion);
        Assert.Equal(L("2026-11-27 11:48"), dues.Hops[Grandchild].Completion);
    }

    [Fact]
    public void LowerHops_ListedBeforeTheirParents_SameDues()
    {
        Hop[] hops = [HopAt(Lead, null, "2026-11-23 10:10"), HopAt(Child, Lead, "2026-11-24 09:00"), HopAt(Grandchild, Child, "2026-11-25 09:00")];

        var forward = Compute(Facts(Urgency.Normal, hops));
        var backward = Compute(Facts(Urgency.Normal, hops.Reverse().ToList()));

        Assert.Equal(forward.Hops.OrderBy(h => h.Key), backward.Hops.OrderBy(h => h.Key));
    }

    [Fact]
    public void LowerHop_OfAParentAlreadyLate_GetsNoMoreThanTheParent()
    {
        var dues = Compute(Facts(Urgency.Urgent, [HopAt(Lead, null, "2026-11-23 10:10", Urgency.Urgent), HopAt(Child, Lead, "2026-11-24 11:00", Urgency.Urgent)]));

        Assert.Equal(L("2026-11-24 10:00"), dues.Hops[Lead].Completion);
        Assert.Equal(L("2026-11-24 10:00"), dues.Hops[Child].Completion);
        Assert.Equal(L("2026-11-24 10:00"), dues.Hops[Child].SignFor);
    }

    [Fact]
    public void HopSignFor_DispatchedLate_IsCutToTheHopsCompletion()
    {
        // Critical: 12 hours in all. Passed down ten minutes before the end, the lower hop's 30-minute sign-for
        // would run past its completion (the parent keeps a fifth of the ten minutes): it is cut to it.
        var dues = Compute(Facts(Urgency.Critical, [HopAt(Lead, null, "2026-11-23 10:05", Urgency.Critical), HopAt(Child, Lead, "2026-11-23 21:50", Urgency.Critical)]));

        Assert.Equal(L("2026-11-23 21:58"), dues.Hops[Child].Completion);
        Assert.Equal(L("2026-11-23 21:58"), dues.Hops[Child].SignFor);
        Assert.Equal(L("2026-11-23 10:35"), dues.Hops[Lead].SignFor);
    }

    [Theory]
    [InlineData(Urgency.Normal)]
    [InlineData(Urgency.Urgent)]
    [InlineData(Urgency.Critical)]
    public void HopSignFor_WheneverDispatched_NeverPastItsCompletion(Urgency urgency)
    {
        for (var minutes = 0; minutes < 60 * 24 * 9; minutes += 97)
        {
            var at = Start.AddMinutes(minutes);
            var lead = new Hop(Lead, null, Start, new Clock(DeadlinePresets.For(DemandType.Help, urgency).SignFor, Start));
            var child = new Hop(Child, Lead, at, new Clock(DeadlinePresets.For(DemandType.Help, urgency).SignFor, at));
            var dues = OrderDeadlines.Compute(Facts(urgency, [lead, child]), Calendar, at);

            Assert.True(dues.Hops[Child].SignFor <= dues.Hops[Child].Completion, $"{urgency}, passed down at {at:u}");
            Assert.True(dues.Hops[Child].Completion <= dues.Hops[Lead].Completion, $"{urgency}, passed down at {at:u}");
        }
    }

    [Fact]
    public void Pause_NaturalHours_MovesEveryClockByItsLength()
    {
        Hop[] hops = [HopAt(Lead, null, "2026-11-23 10:10", Urgency.Urgent), HopAt(Child, Lead, "2026-11-23 10:20", Urgency.Urgent)];
        var without = Compute(Facts(Urgency.Urgent, hops), "2026-11-23 13:00");

        var with = Compute(Facts(Urgency.Urgent, hops, pauses: [new Suspension(L("2026-11-23 10:30"), L("2026-11-23 12:30"))]), "2026-11-23 13:00");

        var twoHours = TimeSpan.FromHours(2);
        Assert.Equal((without.SignFor + twoHours, without.Contact + twoHours, without.Completion + twoHours), (with.SignFor, with.Contact, with.Completion));
        Assert.Equal(L("2026-11-23 14:00"), with.SignFor);
        Assert.All(hops, h => Assert.Equal((without.Hops[h.Id].SignFor + twoHours, without.Hops[h.Id].Completion + twoHours), (with.Hops[h.Id].SignFor, with.Hops[h.Id].Completion)));
    }

    [Fact]
    public void Pause_AfterAClockWasDue_LeavesThatClock()
    {
        // Critical: sign-for was due at 10:30, before the pause began at 11:00; the others move by the two hours.
        var dues = Compute(Facts(Urgency.Critical, pauses: [new Suspension(L("2026-11-23 11:00"), L("2026-11-23 13:00"))]), "2026-11-23 14:00");

        Assert.Equal(L("2026-11-23 10:30"), dues.SignFor);
        Assert.Equal(L("2026-11-23 14:00"), dues.Contact);
        Assert.Equal(L("2026-11-24 00:00"), dues.Completion);
    }

    [Fact]
    public void Pause_StillOpen_CountsUpToNow()
    {
        var pause = new Suspension(L("2026-11-23 11:00"), null);

        Assert.Equal(L("2026-11-24 11:00"), Compute(Facts(Urgency.Urgent, pauses: [pause]), "2026-11-23 12:00").Completion);
        Assert.Equal(L("2026-11-24 14:00"), Compute(Facts(Urgency.Urgent, pauses: [pause]), "2026-11-23 15:00").Completion);
    }

    [Fact]
    public void Pause_WorkingDays_MovesByTheWorkingTimeLost()
    {
        // Tuesday 09:00 to Wednesday 17:30: two working days.
        var dues = Compute(Facts(Urgency.Normal, [HopAt(Lead, null, "2026-11-23 10:10")], pauses: [new Suspension(L("2026-11-24 09:00"), L("2026-11-25 17:30"))]), "2026-11-26 09:00");

        Assert.Equal(L("2026-12-02 17:30"), dues.Completion);
        Assert.Equal(L("2026-12-02 17:30"), dues.Hops[Lead].Completion);
        Assert.Equal(L("2026-11-26 17:30"), dues.SignFor);
    }

    [Fact]
    public void Extension_MovesCompletionOnly_AndTheHopsWithIt()
    {
        Hop[] hops = [HopAt(Lead, null, "2026-11-23 10:10"), HopAt(Child, Lead, "2026-11-24 09:00")];
        var without = Compute(Facts(Urgency.Normal, hops));

        var with = Compute(Facts(Urgency.Normal, hops, extensionDays: 3));

        Assert.Equal(L("2026-12-03 17:30"), with.Completion);
        Assert.Equal((without.SignFor, without.Contact), (with.SignFor, with.Contact));
        Assert.Equal(with.Completion, with.Hops[Lead].Completion);
        Assert.Equal(L("2026-12-02 17:30"), with.Hops[Child].Completion); // a slice of the extended parent: one working day kept
        Assert.Equal(without.Hops[Child].SignFor, with.Hops[Child].SignFor);
    }

    [Fact]
    public void Extension_AfterAPause_CountsFromThePausedDue()
    {
        var dues = Compute(Facts(Urgency.Normal, extensionDays: 3, pauses: [new Suspension(L("2026-11-24 09:00"), L("2026-11-25 17:30"))]), "2026-11-26 09:00");

        Assert.Equal(L("2026-12-07 17:30"), dues.Completion);
    }

    [Fact]
    public void Extension_OverAHoliday_SkipsIt()
    {
        // A consultation registered Tuesday 29 September 2026 is due on 8 October, after National Day; two more
        // working days are Friday 9 October and the make-up Saturday 10 October.
        var start = L("2026-09-29 10:00");
        var t = DeadlinePresets.For(DemandType.Consultation, Urgency.Normal);
        var facts = new OrderDeadlines.Facts(new Clock(t.SignFor, start), new Clock(t.Contact, start), new Clock(t.Completion, start), 2, [], []);

        var dues = OrderDeadlines.Compute(facts, Calendar, start);

        Assert.Equal(L("2026-10-10 17:30"), dues.Completion);
    }

    [Fact]
    public void WorkingHourClock_LowerHopDueLandsInWorkingTime()
    {
        var eightHours = TimeLimit.WorkingHours(8);
        var start = L("2026-11-23 16:00");
        var facts = new OrderDeadlines.Facts(new Clock(eightHours, start), new Clock(eightHours, start), new Clock(eightHours, start), 0, [],
            [new Hop(Lead, null, start, new Clock(eightHours, start)), new Hop(Child, Lead, L("2026-11-24 09:00"), new Clock(TimeLimit.WorkingHours(2), L("2026-11-24 09:00")))]);

        var dues = OrderDeadlines.Compute(facts, Calendar, start);

        // 1.5 h on Monday and 6.5 h on Tuesday: due Tuesday 17:00. The parent keeps a fifth of the 6.5 h left.
        Assert.Equal(L("2026-11-24 17:00"), dues.Completion);
        Assert.Equal(L("2026-11-24 15:42"), dues.Hops[Child].Completion);
        Assert.Equal(L("2026-11-24 11:00"), dues.Hops[Child].SignFor);
    }

    [Fact]
    public void Hop_WhoseParentHasNoClocks_CountsAsFirstLevel()
    {
        // Hops without clocks (dispatched before the order had limits) are left out of the facts; a hop below one
        // then answers to the order's completion.
        var dues = Compute(Facts(Urgency.Normal, [HopAt(Child, Lead, "2026-11-24 09:00")]));

        Assert.Equal(dues.Completion, dues.Hops[Child].Completion);
    }
}
