using Lianxin.Core.Reports;
using Lianxin.Core.WorkOrders;

namespace Lianxin.Core.Tests.Reports;

/// <summary>The day builder's attribution on hand-made source rows: which row of which dimension each fact counts in.</summary>
public class DayFiguresTests
{
    private static readonly Guid Water = Guid.Parse("0199a000-0000-7000-8000-000000000001");
    private static readonly Guid Heating = Guid.Parse("0199a000-0000-7000-8000-000000000002");
    private static readonly Guid Street = Guid.Parse("0199a000-0000-7000-8000-000000000003");
    private static readonly Guid Leak = Guid.Parse("0199a000-0000-7000-8000-0000000000c1");
    private static readonly Guid Drain = Guid.Parse("0199a000-0000-7000-8000-0000000000c2");

    private static OrderKeys O(int n, Guid? lead = null, Guid? category = null, string? district = "330201", Channel channel = Channel.Phone,
        DemandType type = DemandType.Help, bool repeat = false, int redos = 0) =>
        new(Guid.Parse($"0199b000-0000-7000-8000-{n:D12}"), channel, type, category ?? Leak, district, lead, repeat, redos);

    private static KpiCounts Row(IReadOnlyList<DayFigureRow> rows, KpiDimension d, string key) =>
        rows.SingleOrDefault(r => r.Dimension == d && r.Key == key)?.Counts ?? KpiCounts.Zero;

    [Fact]
    public void Registrations_CountInEveryDimension_RepeatsApart()
    {
        var rows = DayFigures.Build(DaySources.Empty with
        {
            Registered = [O(1, Water), O(2, Water, Drain, repeat: true), O(3, null, channel: Channel.Web, type: DemandType.Complaint, district: null)],
        });

        var centre = Row(rows, KpiDimension.Centre, "");
        Assert.Equal((3, 1), (centre.Received, centre.Repeats));
        Assert.Equal((2, 1), (Row(rows, KpiDimension.Unit, KpiKeys.Of(Water)).Received, Row(rows, KpiDimension.Unit, KpiKeys.Of(Water)).Repeats));
        Assert.Equal(2, Row(rows, KpiDimension.Category, KpiKeys.Of(Leak)).Received);
        Assert.Equal(1, Row(rows, KpiDimension.Category, KpiKeys.Of(Drain)).Received);
        Assert.Equal(2, Row(rows, KpiDimension.Region, "330201").Received); // the third has no region: no region row
        Assert.Equal(2, Row(rows, KpiDimension.Channel, "phone").Received);
        Assert.Equal(1, Row(rows, KpiDimension.Channel, "web").Received);
        Assert.Equal(1, Row(rows, KpiDimension.DemandType, "complaint").Received);

        // An order with no lead unit yet has no unit row; the unit rows sum to less than the centre.
        Assert.Equal(2, rows.Where(r => r.Dimension == KpiDimension.Unit).Sum(r => r.Counts.Received));
        Assert.DoesNotContain(rows, r => r.Counts.IsEmpty);
    }

    /// <summary>
    /// Sign-for: the centre and the order breakdowns count first-level hops only; the unit dimension counts every hop of the
    /// unit (the street office's lower hop too), so each unit's own sign-for is measured.
    /// </summary>
    [Fact]
    public void HopsDue_FirstLevelForTheCentre_EveryHopForItsUnit()
    {
        var order = O(1, Water);
        var rows = DayFigures.Build(DaySources.Empty with
        {
            HopsDue =
            [
                new HopDueFact(order, Guid.NewGuid(), Water, FirstLevel: true, OnTime: true),
                new HopDueFact(O(2, Heating), Guid.NewGuid(), Heating, FirstLevel: true, OnTime: false),
                new HopDueFact(O(3, Heating), Guid.NewGuid(), Street, FirstLevel: false, OnTime: true),
            ],
        });

        var centre = Row(rows, KpiDimension.Centre, "");
        Assert.Equal((2, 1), (centre.SignDue, centre.SignOnTime));
        Assert.Equal((1, 1), (Row(rows, KpiDimension.Unit, KpiKeys.Of(Water)).SignDue, Row(rows, KpiDimension.Unit, KpiKeys.Of(Water)).SignOnTime));
        Assert.Equal((1, 0), (Row(rows, KpiDimension.Unit, KpiKeys.Of(Heating)).SignDue, Row(rows, KpiDimension.Unit, KpiKeys.Of(Heating)).SignOnTime));
        Assert.Equal((1, 1), (Row(rows, KpiDimension.Unit, KpiKeys.Of(Street)).SignDue, Row(rows, KpiDimension.Unit, KpiKeys.Of(Street)).SignOnTime));
        Assert.Equal(2, Row(rows, KpiDimension.Category, KpiKeys.Of(Leak)).SignDue);
    }

    /// <summary>
    /// Visits: a first round that caused a redo (unsatisfied) counts among all reached visits but not among the final
    /// ratings; the second round is final; the third unreached attempt counts an unreachable order.
    /// </summary>
    [Fact]
    public void Visits_AllAndFinalRatings_Unreachable()
    {
        var a = O(1, Water);
        var b = O(2, Water);
        var rows = DayFigures.Build(DaySources.Empty with
        {
            Visits =
            [
                new VisitFact(a, true, Solved.No, Satisfaction.Unsatisfied, Round: 1, GaveUp: false),
                new VisitFact(a, true, Solved.Yes, Satisfaction.BasicallySatisfied, Round: 2, GaveUp: false),
                new VisitFact(b, true, Solved.Partly, Satisfaction.Satisfied, Round: 1, GaveUp: false),
                new VisitFact(O(3, Heating), false, null, null, Round: 1, GaveUp: false),
                new VisitFact(O(4, Heating), false, null, null, Round: 1, GaveUp: true),
            ],
        });

        var c = Row(rows, KpiDimension.Centre, "");
        Assert.Equal((3, 1, 3, 1, 1), (c.VisitsReached, c.VisitsSolved, c.VisitsRated, c.VisitsSatisfied, c.VisitsBasicallySatisfied));
        Assert.Equal((2, 1, 2, 1, 1), (c.FinalReached, c.FinalSolved, c.FinalRated, c.FinalSatisfied, c.FinalBasicallySatisfied));
        Assert.Equal(1, c.Unreachable);
        Assert.Equal(1, Row(rows, KpiDimension.Unit, KpiKeys.Of(Heating)).Unreachable);
    }

    [Fact]
    public void EndedOrders_FirstTimeOnlyWithoutRedoOrRepeat()
    {
        var rows = DayFigures.Build(DaySources.Empty with
        {
            Ended = [O(1, Water), O(2, Water, redos: 1), O(3, Water, repeat: true), O(4, Heating)],
        });

        var c = Row(rows, KpiDimension.Centre, "");
        Assert.Equal((4, 2), (c.Ended, c.EndedFirstTime));
        Assert.Equal((3, 1), (Row(rows, KpiDimension.Unit, KpiKeys.Of(Water)).Ended, Row(rows, KpiDimension.Unit, KpiKeys.Of(Water)).EndedFirstTime));
    }

    [Fact]
    public void ReturnsToTheAskingUnit_CallsToTheCentreOnly()
    {
        var rows = DayFigures.Build(DaySources.Empty with
        {
            Returns = [new ReturnFact(O(1, Water), Heating)],
            Calls = new CallCounts(Offered: 10, Answered: 7, AnsweredInTarget: 5, Abandoned: 2, ShortAbandons: 1),
        });

        Assert.Equal(1, Row(rows, KpiDimension.Unit, KpiKeys.Of(Heating)).Returns);
        Assert.Equal(0, Row(rows, KpiDimension.Unit, KpiKeys.Of(Water)).Returns);
        var c = Row(rows, KpiDimension.Centre, "");
        Assert.Equal((1, 10, 7, 5, 2, 1), (c.Returns, c.Offered, c.Answered, c.AnsweredIn15s, c.Abandoned, c.ShortAbandons));
        Assert.DoesNotContain(rows, r => r.Dimension != KpiDimension.Centre && r.Counts.Offered > 0);
    }

    [Fact]
    public void NothingHappened_NoRows() => Assert.Empty(DayFigures.Build(DaySources.Empty));
}
