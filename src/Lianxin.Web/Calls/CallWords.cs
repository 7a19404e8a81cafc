using Lianxin.Core.Calls;
using Lianxin.Core.Common;

namespace Lianxin.Web.Calls;

/// <summary>The call centre's words in both languages (DOMAIN.md glossary), for pages and exports.</summary>
public static class CallWords
{
    public static Text Outcome(CallOutcome? outcome) => outcome switch
    {
        CallOutcome.Answered => new("接通", "Answered"),
        CallOutcome.Abandoned => new("放弃", "Abandoned"),
        CallOutcome.ShortAbandon => new("短时放弃", "Short abandon"),
        CallOutcome.Unanswered => new("未接通", "Unanswered"),
        CallOutcome.Rejected => new("拒接（黑名单）", "Rejected (blocked)"),
        _ => new("进行中", "In progress"),
    };

    public static Text Loss(LossCategory? loss) => loss switch
    {
        LossCategory.InQueue => new("排队中放弃", "Abandoned in queue"),
        LossCategory.NoAgentSignedIn => new("无坐席签入", "No agent signed in"),
        LossCategory.OutsideServiceHours => new("非服务时间", "Outside service hours"),
        LossCategory.QueueFull => new("队列满/溢出", "Queue full / overflow"),
        _ => new("", ""),
    };

    public static Text Direction(CallDirection direction) =>
        direction == CallDirection.In ? new("呼入", "In") : new("呼出", "Out");

    /// <summary>Seconds as 1:05 (m:ss), or h:mm:ss past an hour; empty when there is none.</summary>
    public static string Duration(double? seconds)
    {
        if (seconds is not { } s)
        {
            return "";
        }

        var t = TimeSpan.FromSeconds(Math.Round(s));
        return t.TotalHours >= 1 ? $"{(int)t.TotalHours}:{t.Minutes:00}:{t.Seconds:00}" : $"{t.Minutes}:{t.Seconds:00}";
    }
}
