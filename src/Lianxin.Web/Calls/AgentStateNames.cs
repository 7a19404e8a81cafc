using Lianxin.Core.Calls;

namespace Lianxin.Web.Calls;

/// <summary>An agent state's name on screen (DOMAIN.md's Chinese names) and its CSS class.</summary>
public static class AgentStateNames
{
    public static string Of(AgentState state, bool english) => state switch
    {
        AgentState.LoggedOut => english ? "Logged out" : "未签入",
        AgentState.Ready => english ? "Ready" : "空闲",
        AgentState.NotReady => english ? "Not ready" : "示忙",
        AgentState.OnCall => english ? "On call" : "通话中",
        AgentState.WrapUp => english ? "Wrap-up" : "话后整理",
        _ => english ? "Break" : "小休",
    };

    public static string Css(AgentState state) => state switch
    {
        AgentState.LoggedOut => "logged-out",
        AgentState.Ready => "ready",
        AgentState.NotReady => "not-ready",
        AgentState.OnCall => "on-call",
        AgentState.WrapUp => "wrap-up",
        _ => "break",
    };
}
