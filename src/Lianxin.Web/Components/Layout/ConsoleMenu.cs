using Lianxin.Core.Identity;

namespace Lianxin.Web.Components.Layout;

/// <summary>The console's menu: each role sees the desks it works at (UI.md, "Layout").</summary>
public static class ConsoleMenu
{
    public sealed record Item(string Id, string Href, string Zh, string En, Role Roles);

    public static readonly IReadOnlyList<Item> All =
    [
        new("intake", "/intake", "受理", "Intake", Role.Agent | Role.Dispatcher),
        new("my", "/my", "我的工单", "My orders", Roles.CentreStaff | Role.Handler),
        new("dispatch", "/dispatch", "派单工作台", "Dispatch desk", Role.Dispatcher),
        new("unit", "/unit", "承办工作台", "Unit desk", Role.Handler),
        new("visits", "/visits", "回访", "Return visits", Role.Visitor),
        new("supervision", "/supervision", "督办", "Supervision", Role.Supervisor),
        new("orders", "/orders", "工单查询", "All orders", Roles.CentreStaff | Role.Handler),
        .. Calls.CallMenu.Items,
        .. Reports.ReportMenu.Items,
        new("knowledge", "/knowledge", "知识库", "Knowledge base", Roles.CentreStaff | Role.Handler),
        new("roster", "/roster", "排班", "Roster", Role.Supervisor | Role.Admin),
        new("wallboard", "/wallboard", "大屏", "Wallboard", Roles.CentreStaff),
        new("admin", "/admin", "系统管理", "Administration", Role.Admin),
    ];

    public static IEnumerable<Item> For(Actor actor) => All.Where(i => actor.Has(i.Roles));
}
