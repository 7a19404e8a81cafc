using Lianxin.Core.Identity;
using Lianxin.Web.Components.Layout;

namespace Lianxin.Web.Reports;

/// <summary>The reports in the console's menu: figures for the centre's leaders' seats and for units (their own), briefings for the centre.</summary>
public static class ReportMenu
{
    public static readonly IReadOnlyList<ConsoleMenu.Item> Items =
    [
        new("reports", "/reports", "统计报表", "Reports", Role.Supervisor | Role.Dispatcher | Role.Admin | Role.Handler),
        new("ranking", "/reports/ranking", "考核排名", "Unit ranking", Role.Supervisor | Role.Dispatcher | Role.Admin | Role.Handler),
        new("briefing", "/reports/briefing", "日报", "Daily briefing", Lianxin.Core.Reports.BriefingAccess.Readers),
        new("monthly", "/reports/monthly", "月报", "Monthly report", Lianxin.Core.Reports.BriefingAccess.Readers),
    ];
}
