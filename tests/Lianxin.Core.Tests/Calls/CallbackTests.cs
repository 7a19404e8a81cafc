using Lianxin.Core.Calls;
using Lianxin.Core.Common;

namespace Lianxin.Core.Tests.Calls;

public class CallbackTests
{
    private static readonly DateTime T0 = new(2026, 11, 30, 1, 0, 0, DateTimeKind.Utc);
    private static readonly CallbackRules Rules = CallbackRules.Default;
    private static readonly Guid Li = Guid.NewGuid();
    private static readonly Guid Wang = Guid.NewGuid();

    private static PhoneCall Abandoned(string id, string from, double atMinutes, double waited = 40)
    {
        var start = new CtiEvent(CtiEventKind.NewCall, id, CallDirection.In, from, "12345", null, null, null, null, T0.AddMinutes(atMinutes));
        var call = PhoneCall.Start(Guid.Empty, start, CallRules.Default);
        call.Apply(start with { Kind = CtiEventKind.Hangup, At = start.At.AddSeconds(waited), Cause = "cancel" }, CallRules.Default);
        return call;
    }

    [Fact]
    public void AnAbandonedCall_OpensAnItemDueWithinThirtyMinutes()
    {
        var item = Callback.ForAbandoned(Abandoned("c1", "13812345678", 0), Rules)!;
        Assert.Equal((CallbackStatus.Open, "13812345678", 1), (item.Status, item.Phone, item.MissedCalls));
        Assert.Equal(T0.AddSeconds(40).AddMinutes(30), item.DueAt);
        Assert.False(item.IsOverdue(T0.AddMinutes(30)));
        Assert.True(item.IsOverdue(T0.AddMinutes(31)));
    }

    [Fact]
    public void AnsweredCallsAndCallsWithoutANumber_OpenNothing()
    {
        var answered = PhoneCall.Start(Guid.Empty, new CtiEvent(CtiEventKind.NewCall, "c", CallDirection.In, "13812345678", "12345", null, null, null, null, T0), CallRules.Default);
        answered.Apply(new CtiEvent(CtiEventKind.Answer, "c", null, null, null, null, null, "8001", null, T0.AddSeconds(5)), CallRules.Default);
        answered.Apply(new CtiEvent(CtiEventKind.Hangup, "c", null, null, null, null, null, null, null, T0.AddSeconds(50)), CallRules.Default);
        Assert.Null(Callback.ForAbandoned(answered, Rules));
        Assert.Null(Callback.ForAbandoned(Abandoned("c2", "", 0), Rules));
        Assert.Null(Callback.ForAbandoned(Abandoned("c3", "anonymous", 0), Rules));
    }

    [Fact]
    public void ACallerWhoGivesUpAgain_CollapsesIntoTheOpenItem()
    {
        var item = Callback.ForAbandoned(Abandoned("c1", "13812345678", 0), Rules)!;
        Assert.True(item.Missed(Abandoned("c2", "13812345678", 3), Rules));
        Assert.False(item.Missed(Abandoned("c2", "13812345678", 3), Rules)); // the same call twice
        Assert.Equal(2, item.MissedCalls);
        Assert.Equal(["c1", "c2"], item.CallIds);
        Assert.Equal(T0.AddSeconds(40).AddMinutes(30), item.DueAt); // still the first one's due time
    }

    [Fact]
    public void Reached_EndsIt()
    {
        var item = Callback.ForAbandoned(Abandoned("c1", "13812345678", 0), Rules)!;
        item.Take(Li, T0.AddMinutes(5), Rules);
        item.RecordAttempt(Li, reached: true, "已回拨，登记工单", T0.AddMinutes(6), Rules);
        Assert.Equal((CallbackStatus.Done, CallbackOutcome.Reached), (item.Status, item.Outcome));
        Assert.Equal("callback-done", Assert.Throws<RuleViolationException>(() => item.Take(Wang, T0.AddMinutes(7), Rules)).Code);
    }

    [Fact]
    public void NotReachedThreeTimes_IsUnreachable_WithTenMinutesBetweenTries()
    {
        var item = Callback.ForAbandoned(Abandoned("c1", "13812345678", 0), Rules)!;
        item.RecordAttempt(Li, false, "无人接听", T0.AddMinutes(5), Rules);
        Assert.Equal((CallbackStatus.Open, T0.AddMinutes(15)), (item.Status, item.DueAt));
        item.RecordAttempt(Wang, false, "关机", T0.AddMinutes(16), Rules);
        item.RecordAttempt(Li, false, null, T0.AddMinutes(27), Rules);
        Assert.Equal((CallbackStatus.Done, CallbackOutcome.Unreachable, 3), (item.Status, item.Outcome, item.Attempts.Count));
    }

    [Fact]
    public void TakenByAnother_IsRefusedUntilTheHoldRunsOut()
    {
        var item = Callback.ForAbandoned(Abandoned("c1", "13812345678", 0), Rules)!;
        item.Take(Li, T0.AddMinutes(5), Rules);
        Assert.Equal("callback-taken", Assert.Throws<RuleViolationException>(() => item.Take(Wang, T0.AddMinutes(6), Rules)).Code);
        Assert.Throws<RuleViolationException>(() => item.RecordAttempt(Wang, true, null, T0.AddMinutes(6), Rules));
        item.Take(Wang, T0.AddMinutes(11), Rules); // Li's five minutes are over
        Assert.Equal(Wang, item.TakenBy);
    }

    [Fact]
    public void TheCallerGettingThrough_ClosesIt()
    {
        var item = Callback.ForAbandoned(Abandoned("c1", "13812345678", 0), Rules)!;
        Assert.True(item.CalledAgain(T0.AddMinutes(8)));
        Assert.Equal(CallbackOutcome.CalledAgain, item.Outcome);
        Assert.False(item.CalledAgain(T0.AddMinutes(9)));
    }

    [Fact]
    public void OverlongNote_IsRefused() =>
        Assert.Contains("note", Assert.Throws<ValidationFailedException>(() =>
            Callback.ForAbandoned(Abandoned("c1", "13812345678", 0), Rules)!.RecordAttempt(Li, true, new string('x', 501), T0, Rules)).Errors.Keys);
}
