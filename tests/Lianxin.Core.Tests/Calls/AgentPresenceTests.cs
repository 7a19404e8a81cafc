using Lianxin.Core.Calls;
using Lianxin.Core.Common;

namespace Lianxin.Core.Tests.Calls;

public class AgentPresenceTests
{
    private static readonly DateTime T0 = new(2026, 11, 30, 0, 30, 0, DateTimeKind.Utc); // 08:30 in Beijing
    private static readonly Guid Agent = Guid.NewGuid();
    private static readonly TimeSpan Wrap = TimeSpan.FromSeconds(60);

    private static DateTime At(double seconds) => T0.AddSeconds(seconds);

    [Fact]
    public void SignIn_Call_WrapUp_BackToReady_LogsEachState()
    {
        var a = AgentPresence.New(Agent, T0);
        var spans = new List<AgentStateSpan?>
        {
            a.Choose(AgentState.Ready, null, At(0)),
            a.Answered("c1", At(100)),
            a.HungUp("c1", At(280), Wrap),
        };
        Assert.Equal(AgentState.WrapUp, a.State);
        Assert.Equal(At(340), a.WrapUpEndsAt);
        Assert.Null(a.EndWrapUpIfDue(At(339)));
        spans.Add(a.EndWrapUpIfDue(At(400)));
        Assert.Equal(AgentState.Ready, a.State);
        Assert.Equal(At(340), a.Since); // wrap-up ended at its maximum, not when the sweep noticed

        Assert.Equal(
            [(AgentState.LoggedOut, 0d), (AgentState.Ready, 100d), (AgentState.OnCall, 180d), (AgentState.WrapUp, 60d)],
            spans.Select(s => (s!.State, s.Length.TotalSeconds)));
    }

    [Fact]
    public void ReadyDuringWrapUp_EndsItAtOnce()
    {
        var a = AgentPresence.New(Agent, T0);
        a.Choose(AgentState.Ready, null, At(0));
        a.Answered("c1", At(10));
        a.HungUp("c1", At(70), Wrap);
        var span = a.Choose(AgentState.Ready, null, At(85));
        Assert.Equal((AgentState.WrapUp, 15d), (span!.State, span.Length.TotalSeconds));
        Assert.Equal(AgentState.Ready, a.State);
    }

    [Fact]
    public void BreakAskedDuringACall_WaitsUntilTheWorkIsDone()
    {
        var a = AgentPresence.New(Agent, T0);
        a.Choose(AgentState.Ready, null, At(0));
        a.Answered("c1", At(10));
        Assert.Null(a.Choose(AgentState.Break, "用餐", At(20)));
        Assert.Equal(AgentState.OnCall, a.State);
        a.HungUp("c1", At(70), Wrap);
        Assert.Null(a.Choose(AgentState.Break, "用餐", At(75))); // still waits for wrap-up's end
        a.EndWrapUpIfDue(At(130));
        Assert.Equal((AgentState.Break, "用餐"), (a.State, a.Reason));
    }

    [Fact]
    public void NotReadyAgentWhoAnswers_ReturnsToNotReady()
    {
        var a = AgentPresence.New(Agent, T0);
        a.Choose(AgentState.NotReady, "整理工单", At(0));
        a.Answered("c1", At(10));
        a.HungUp("c1", At(20), TimeSpan.Zero);
        Assert.Equal((AgentState.NotReady, "整理工单"), (a.State, a.Reason));
    }

    [Fact]
    public void LoggedOutAgentWhoAnswers_IsSignedInAfterwards()
    {
        var a = AgentPresence.New(Agent, T0);
        a.Answered("c1", At(10));
        Assert.Equal(AgentState.OnCall, a.State);
        a.HungUp("c1", At(20), TimeSpan.Zero);
        Assert.Equal(AgentState.Ready, a.State);
    }

    [Fact]
    public void DuplicateAndForeignEvents_ChangeNothing()
    {
        var a = AgentPresence.New(Agent, T0);
        a.Choose(AgentState.Ready, null, At(0));
        a.Answered("c1", At(10));
        var version = a.Version;
        Assert.Null(a.Answered("c1", At(11)));
        Assert.Null(a.HungUp("other", At(12), Wrap));
        Assert.Equal((AgentState.OnCall, version), (a.State, a.Version));
        a.HungUp("c1", At(30), Wrap);
        Assert.Null(a.HungUp("c1", At(31), Wrap));
    }

    [Fact]
    public void Break_NeedsAReason_AndOnCallIsNotTheAgentsToChoose()
    {
        var a = AgentPresence.New(Agent, T0);
        Assert.Contains("reason", Assert.Throws<ValidationFailedException>(() => a.Choose(AgentState.Break, " ", At(0))).Errors.Keys);
        Assert.Contains("state", Assert.Throws<ValidationFailedException>(() => a.Choose(AgentState.OnCall, null, At(0))).Errors.Keys);
        Assert.Equal(AgentState.LoggedOut, a.State);
    }

    [Fact]
    public void TimeInState_IsSplitAtLocalMidnight()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        // 23:00–01:30 Beijing time on the night of 30 Nov → 1 Dec: 1 h on the 30th, 1.5 h on the 1st.
        var from = new DateTime(2026, 11, 30, 15, 0, 0, DateTimeKind.Utc);
        var totals = TimeInState.PerDay([new AgentStateSpan(Agent, AgentState.Ready, null, from, from.AddHours(2.5))], zone);
        Assert.Equal(TimeSpan.FromHours(1), totals[(Agent, new DateOnly(2026, 11, 30), AgentState.Ready)]);
        Assert.Equal(TimeSpan.FromHours(1.5), totals[(Agent, new DateOnly(2026, 12, 1), AgentState.Ready)]);
    }
}
