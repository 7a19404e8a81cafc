using Lianxin.Core.Calls;
using Lianxin.Core.Common;

namespace Lianxin.Core.Tests.Calls;

public class CallTests
{
    private static readonly DateTime T0 = new(2026, 11, 30, 1, 0, 0, DateTimeKind.Utc);
    private static readonly Guid System = Guid.NewGuid();
    private static readonly CallRules Rules = CallRules.Default;

    private static CtiEvent E(CtiEventKind kind, double atSeconds, string? answering = null, string? cause = null, CallDirection? direction = CallDirection.In, string? user = null) =>
        new(kind, "c-1", direction, "13812345678", "12345", user, "热线", answering, cause, T0.AddSeconds(atSeconds));

    private static PhoneCall Play(params CtiEvent[] events)
    {
        var call = PhoneCall.Start(System, events[0], Rules);
        foreach (var e in events.Skip(1))
        {
            call.Apply(e, Rules);
        }

        return call;
    }

    [Fact]
    public void NewCall_Answer_Hangup_IsAnsweredWithItsWaitAndTalk()
    {
        var call = Play(E(CtiEventKind.NewCall, 0), E(CtiEventKind.Answer, 12, answering: "8001"), E(CtiEventKind.Hangup, 192, cause: "normalClearing"));
        Assert.Equal(CallOutcome.Answered, call.Outcome);
        Assert.Equal(12, call.WaitSeconds);
        Assert.Equal(180, call.TalkSeconds);
        Assert.Equal("8001", call.Extension);
        Assert.Null(call.Loss);
    }

    [Fact]
    public void HangupBeforeAnswer_IsAbandoned_InQueue()
    {
        var call = Play(E(CtiEventKind.NewCall, 0), E(CtiEventKind.Hangup, 40, cause: "cancel"));
        Assert.Equal(CallOutcome.Abandoned, call.Outcome);
        Assert.Equal(40, call.WaitSeconds);
        Assert.Null(call.TalkSeconds);
        Assert.Equal(LossCategory.InQueue, call.Loss);
    }

    [Theory]
    [InlineData(4.9, CallOutcome.ShortAbandon)]
    [InlineData(5, CallOutcome.Abandoned)]
    public void AbandonWithinFiveSeconds_IsShort(double after, CallOutcome expected) =>
        Assert.Equal(expected, Play(E(CtiEventKind.NewCall, 0), E(CtiEventKind.Hangup, after)).Outcome);

    [Fact]
    public void ShortAbandonTime_IsConfigurable() =>
        Assert.Equal(CallOutcome.ShortAbandon, PhoneCall.Start(System, E(CtiEventKind.NewCall, 0), Rules with { ShortAbandon = TimeSpan.FromSeconds(10) }) is var c
            && c.Apply(E(CtiEventKind.Hangup, 8), Rules with { ShortAbandon = TimeSpan.FromSeconds(10) }) ? c.Outcome : null);

    [Fact]
    public void DuplicateEvents_ChangeNothing()
    {
        var call = Play(E(CtiEventKind.NewCall, 0), E(CtiEventKind.Answer, 10, answering: "8001"), E(CtiEventKind.Hangup, 100));
        var version = call.Version;
        Assert.False(call.Apply(E(CtiEventKind.NewCall, 0), Rules));
        Assert.False(call.Apply(E(CtiEventKind.Answer, 50, answering: "8002"), Rules));
        Assert.False(call.Apply(E(CtiEventKind.Hangup, 300), Rules));
        Assert.Equal((version, 10d, 90d, "8001"), (call.Version, call.WaitSeconds!.Value, call.TalkSeconds!.Value, call.Extension));
    }

    [Fact]
    public void AnswerArrivingAfterTheHangup_StillMakesItAnswered_NeverWithNegativeTalk()
    {
        var call = Play(E(CtiEventKind.NewCall, 0), E(CtiEventKind.Hangup, 60), E(CtiEventKind.Answer, 61, answering: "8001"));
        Assert.Equal(CallOutcome.Answered, call.Outcome);
        Assert.Equal(60, call.WaitSeconds);
        Assert.Equal(0, call.TalkSeconds);
        Assert.Null(call.Loss);
    }

    [Fact]
    public void HangupWithoutNewCall_IsAShortAbandonWithWhatItSays()
    {
        var call = Play(E(CtiEventKind.Hangup, 0, cause: "cancel"));
        Assert.Equal(CallOutcome.ShortAbandon, call.Outcome);
        Assert.Equal("13812345678", call.From);
        Assert.Equal(0, call.WaitSeconds);
    }

    [Fact]
    public void NewCallArrivingLast_MovesTheOfferEarlier_NeverLater()
    {
        var call = Play(E(CtiEventKind.Answer, 10, answering: "8001"), E(CtiEventKind.Hangup, 70), E(CtiEventKind.NewCall, 2));
        Assert.Equal(T0.AddSeconds(2), call.OfferedAt);
        Assert.Equal(8, call.WaitSeconds);
        Assert.Equal(60, call.TalkSeconds);

        var late = Play(E(CtiEventKind.Answer, 10, answering: "8001"), E(CtiEventKind.NewCall, 12));
        Assert.Equal(T0.AddSeconds(10), late.OfferedAt);
    }

    [Fact]
    public void CallStuckRinging_IsClosedByTheTimeout_AsAnAbandon()
    {
        var call = Play(E(CtiEventKind.NewCall, 0));
        Assert.False(call.CloseIfStuck(T0.AddMinutes(119), Rules));
        Assert.True(call.CloseIfStuck(T0.AddHours(3), Rules));
        Assert.Equal(T0.AddHours(2), call.EndedAt);
        Assert.Equal(PhoneCall.TimeoutCause, call.Cause);
        Assert.Equal(CallOutcome.Abandoned, call.Outcome);
        Assert.False(call.CloseIfStuck(T0.AddHours(5), Rules));
    }

    [Fact]
    public void AnsweredCallWithALostHangup_EndsAtTheTimeoutAfterTheAnswer()
    {
        var call = Play(E(CtiEventKind.NewCall, 0), E(CtiEventKind.Answer, 5, answering: "8001"));
        Assert.True(call.CloseIfStuck(T0.AddHours(4), Rules));
        Assert.Equal(CallOutcome.Answered, call.Outcome);
        Assert.Equal(7200, call.TalkSeconds);
    }

    [Theory]
    [InlineData("congestion", true, true, LossCategory.QueueFull)]
    [InlineData("cancel", true, false, LossCategory.OutsideServiceHours)]
    [InlineData("cancel", false, true, LossCategory.NoAgentSignedIn)]
    [InlineData("cancel", true, true, LossCategory.InQueue)]
    public void LossCategory_FromTheCauseAndTheContextItArrivedIn(string cause, bool agents, bool hours, LossCategory expected)
    {
        var call = Play(E(CtiEventKind.NewCall, 0));
        call.SetOfferContext(agents, hours, Rules);
        call.Apply(E(CtiEventKind.Hangup, 30, cause: cause), Rules);
        Assert.Equal(expected, call.Loss);
    }

    [Fact]
    public void Outbound_NotPickedUp_IsUnanswered_NotALoss()
    {
        var call = Play(E(CtiEventKind.NewCall, 0, direction: CallDirection.Out, user: "8001"), E(CtiEventKind.Hangup, 30, cause: "noAnswer", direction: CallDirection.Out));
        Assert.Equal(CallOutcome.Unanswered, call.Outcome);
        Assert.Null(call.Loss);
        Assert.Equal("8001", call.Extension);
    }

    [Fact]
    public void Rejected_IsNeverChangedByLaterEvents()
    {
        var call = PhoneCall.Start(System, E(CtiEventKind.NewCall, 0), Rules);
        call.Reject(T0);
        Assert.False(call.Apply(E(CtiEventKind.Hangup, 1), Rules));
        Assert.Equal(CallOutcome.Rejected, call.Outcome);
    }
}

public class CtiEventTests
{
    private static readonly DateTime At = new(2026, 11, 30, 1, 0, 0, DateTimeKind.Utc);

    private static Dictionary<string, string?> Fields(params (string Key, string? Value)[] pairs) => pairs.ToDictionary(p => p.Key, p => p.Value);

    [Fact]
    public void NewCall_ReadsTheZammadFields_AndNormalisesNumbers()
    {
        var e = CtiEvent.Parse(Fields(("event", "newCall"), ("direction", "in"), ("callId", "abc-1"), ("from", "+86 138 1234 5678"), ("to", "12345"), ("queue", "热线")), At);
        Assert.Equal((CtiEventKind.NewCall, CallDirection.In, "13812345678", "12345", "热线"), (e.Kind, e.Direction!.Value, e.From, e.To, e.Queue));
    }

    [Fact]
    public void LocalLandline_GetsTheCentresAreaCode() =>
        Assert.Equal("057188886666", CtiEvent.Parse(Fields(("event", "newCall"), ("direction", "in"), ("callId", "x"), ("from", "88886666"), ("to", "12345")), At, "0571").From);

    [Theory]
    [InlineData("answeringNumber", "8001", null, "8001")]
    [InlineData("user", null, "8002", "8002")]
    public void Answer_NamesTheAgentByAnsweringNumberElseUser(string _, string? answering, string? user, string expected) =>
        Assert.Equal(expected, CtiEvent.Parse(Fields(("event", "answer"), ("callId", "x"), ("answeringNumber", answering), ("user", user)), At).AgentExtension);

    [Theory]
    [InlineData("event", "ring")]
    [InlineData("event", null)]
    [InlineData("callId", null)]
    [InlineData("direction", "sideways")]
    [InlineData("from", null)]
    public void BadFields_AreNamed(string field, string? value)
    {
        var fields = Fields(("event", "newCall"), ("direction", "in"), ("callId", "x"), ("from", "13812345678"), ("to", "12345"));
        fields[field] = value;
        var error = Assert.Throws<ValidationFailedException>(() => CtiEvent.Parse(fields, At));
        Assert.Contains(field, error.Errors.Keys);
    }

    [Fact]
    public void HangupWithoutDirectionOrNumbers_IsAccepted() =>
        Assert.Null(CtiEvent.Parse(Fields(("event", "hangup"), ("callId", "x"), ("cause", "normalClearing")), At).Direction);

    [Fact]
    public void OverlongCallId_Is400() =>
        Assert.Contains("callId", Assert.Throws<ValidationFailedException>(() =>
            CtiEvent.Parse(Fields(("event", "hangup"), ("callId", new string('x', 251))), At)).Errors.Keys);

    [Fact]
    public void UserAsZammadPostsIt_UserBrackets_IsRead() =>
        Assert.Equal("王晓雯", CtiEvent.Parse(Fields(("event", "newCall"), ("direction", "out"), ("callId", "x"), ("from", "12345"), ("to", "13812345678"), ("user[]", "王晓雯")), At).User);

    [Fact]
    public void AnonymousCaller_KeepsTheWord() =>
        Assert.Equal("anonymous", CtiEvent.Parse(Fields(("event", "newCall"), ("direction", "in"), ("callId", "x"), ("from", "anonymous"), ("to", "12345")), At).From);
}
