using Lianxin.Core.Identity;
using Lianxin.Web.Components.Layout;

namespace Lianxin.Web.Calls;

/// <summary>The call centre's console entries: agents ring back and read the log; supervisors and admins also see the figures, and supervisors keep the blocked numbers.</summary>
public static class CallMenu
{
    public static readonly IReadOnlyList<ConsoleMenu.Item> Items =
    [
        new("callbacks", "/callbacks", "漏接回拨", "Callbacks", Role.Agent | Role.Supervisor),
        new("calls", "/calls/log", "通话记录", "Call log", Role.Agent | Role.Supervisor | Role.Admin),
        new("call-kpis", "/calls/kpis", "话务统计", "Call KPIs", Role.Supervisor | Role.Admin),

        // Supervisors keep the list too; admins reach it under 系统管理.
        new("blocked-numbers", "/admin/blocked-numbers", "黑名单", "Blocked numbers", Role.Supervisor),
    ];
}
