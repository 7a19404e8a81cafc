using Lianxin.Core.Deadlines;
using Lianxin.Core.Organization;

namespace Lianxin.Web.Components.Admin;

/// <summary>The admin pages' words for the domain's enums, in both languages (DOMAIN.md's glossary).</summary>
public static class AdminWords
{
    public static string Kind(ConsoleSession s, UnitKind kind) => kind switch
    {
        UnitKind.Centre => s.T("热线中心", "Centre"),
        UnitKind.SubCentre => s.T("分中心", "Sub-centre"),
        UnitKind.Department => s.T("职能部门", "Department"),
        UnitKind.StreetOffice => s.T("街道（乡镇）", "Street office"),
        UnitKind.PropertyCompany => s.T("物业公司", "Property company"),
        UnitKind.RepairCrew => s.T("抢修队", "Repair crew"),
        UnitKind.Community => s.T("社区", "Community"),
        UnitKind.Enterprise => s.T("企业", "Enterprise"),
        _ => s.T("其他", "Other"),
    };

    public static string Duration(ConsoleSession s, DurationUnit unit) => unit switch
    {
        DurationUnit.NaturalHours => s.T("自然小时", "hours"),
        DurationUnit.WorkingHours => s.T("工作小时", "working hours"),
        _ => s.T("工作日", "working days"),
    };

    public static string Limit(ConsoleSession s, TimeLimit limit) =>
        limit.Amount.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + (s.English ? " " : "") + Duration(s, limit.Unit);

    public static string Urgency(ConsoleSession s, Lianxin.Core.WorkOrders.Urgency u) =>
        s.English ? u.ToString() : Lianxin.Core.WorkOrders.OrderNames.Zh(u);

    public static string Demand(ConsoleSession s, Lianxin.Core.WorkOrders.DemandType d) =>
        s.English ? d.ToString() : Lianxin.Core.WorkOrders.OrderNames.Zh(d);

    public static string Role(ConsoleSession s, Lianxin.Core.Identity.Role r) =>
        s.English ? Lianxin.Core.Identity.Roles.Name(r) : Lianxin.Core.Identity.Roles.ChineseName(r);
}
