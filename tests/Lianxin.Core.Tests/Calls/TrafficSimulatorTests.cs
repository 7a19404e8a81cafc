using Lianxin.Core.Calls;
using Lianxin.Core.Staffing;

namespace Lianxin.Core.Tests.Calls;

public class TrafficSimulatorTests
{
    private static readonly DateTime Start = new(2026, 11, 30, 0, 0, 0, DateTimeKind.Utc);

    private static TrafficPlan Steady(double callsPerHalfHour, int agents, double talk, double patience, int intervals = 400, int seed = 1) => new(
        Start, [.. Enumerable.Repeat(callsPerHalfHour, intervals)], 30, talk, patience,
        [.. Enumerable.Range(0, agents).Select(i => (8001 + i).ToString(System.Globalization.CultureInfo.InvariantCulture))], Seed: seed);

    [Theory]
    [InlineData(100, 13, 180, 300)] // DOMAIN.md's interval
    [InlineData(100, 9, 180, 60)] // short-staffed, impatient callers
    [InlineData(600, 70, 200, 180)] // a large centre's half hour
    public void AgreesWithErlangA_WithinThreePointsOfServiceLevelAndOneOfAbandonment(double calls, int agents, double talk, double patience)
    {
        var plan = Steady(calls, agents, talk, patience);
        var simulated = TrafficSimulator.Play(plan);
        var counted = simulated.Where(c => c.OfferedAt >= Start.AddHours(2)).ToList(); // past the empty start
        var level = counted.Count(c => !c.Abandoned && c.WaitSeconds <= 20) / (double)counted.Count;
        var abandonment = counted.Count(c => c.Abandoned) / (double)counted.Count;

        var model = ErlangA.Evaluate(new StaffingRequest(calls, 30, talk, 20, 0.8, PatienceSeconds: patience), agents);
        Assert.Equal(model.ServiceLevel, level, 0.03);
        Assert.Equal(model.AbandonmentRate, abandonment, 0.01);
    }

    [Fact]
    public void Events_AreTheCallsInTimeOrder_AsThePhoneSystemWouldPostThem()
    {
        var plan = Steady(100, 5, 180, 120, intervals: 4);
        var calls = TrafficSimulator.Play(plan);
        var events = TrafficSimulator.Events(calls, plan);

        Assert.Equal(calls.Count * 2 + calls.Count(c => !c.Abandoned), events.Count);
        Assert.True(events.Zip(events.Skip(1)).All(p => p.First.At <= p.Second.At));
        foreach (var call in calls.Take(50))
        {
            var mine = events.Where(e => e.CallId == call.CallId).Select(e => e.Event).ToList();
            Assert.Equal(call.Abandoned ? ["newCall", "hangup"] : ["newCall", "answer", "hangup"], mine);
        }

        var answer = events.First(e => e.Event == "answer");
        Assert.StartsWith("800", answer.AnsweringNumber);
        Assert.Equal("answer", answer.Fields()["event"]);
        Assert.Equal("12345", answer.Fields()["to"]);
    }

    [Fact]
    public void AnAgent_NeverTakesTwoCallsAtOnce_AndWrapsUpBetweenThem()
    {
        var plan = Steady(200, 6, 150, 600, intervals: 8) with { WrapUpSeconds = 30 };
        foreach (var agent in TrafficSimulator.Play(plan).Where(c => !c.Abandoned).GroupBy(c => c.Extension))
        {
            var ordered = agent.OrderBy(c => c.AnsweredAt).ToList();
            for (var i = 1; i < ordered.Count; i++)
            {
                Assert.True(ordered[i].AnsweredAt >= ordered[i - 1].EndedAt.AddSeconds(30));
            }
        }
    }

    [Fact]
    public void TheSameSeed_PlaysTheSameDay() =>
        Assert.Equal(TrafficSimulator.Play(Steady(100, 10, 180, 300, 6, seed: 9)), TrafficSimulator.Play(Steady(100, 10, 180, 300, 6, seed: 9)));

    [Fact]
    public void SomeCallersCallAgain()
    {
        var calls = TrafficSimulator.Play(Steady(300, 10, 180, 60, intervals: 6) with { RepeatCallerShare = 0.2 });
        var repeated = calls.GroupBy(c => c.From).Count(g => g.Count() > 1);
        Assert.InRange(repeated, calls.Count / 10, calls.Count / 3);
    }
}
