using System.Globalization;
using Lianxin.Core.Dispatch;
using Lianxin.Core.Identity;
using Lianxin.Core.Organization;

namespace Lianxin.Core.Tests.WorkOrders;

/// <summary>
/// The small world every order test lives in: a centre; under it a district sub-centre with a street office,
/// and under the street office a property company, a repair crew and a deactivated property company; a
/// department beside the sub-centre; and an unrelated department that no order ever reaches. One actor
/// per centre role, a handler per unit, and an actor with no role. Ids are fixed, so orders built in it are
/// deterministic. Units are shared: tests never change them.
/// </summary>
public static class World
{
    /// <summary>Monday 23 November 2026, 10:00 in Shanghai: an ordinary working morning.</summary>
    public static readonly DateTime T0 = Local("2026-11-23 10:00");

    private static readonly DateTime Founded = Local("2020-01-01 00:00");

    public static readonly Unit Centre = new(Id(1), "12345热线中心", UnitKind.Centre, "C", null, Founded);
    public static readonly Unit SubCentre = new(Id(2), "东城区分中心", UnitKind.SubCentre, "DC", Centre, Founded);
    public static readonly Unit Street = new(Id(3), "和平街道办事处", UnitKind.StreetOffice, "DC-HP", SubCentre, Founded);
    public static readonly Unit Property = new(Id(4), "和平物业公司", UnitKind.PropertyCompany, "DC-HP-WY", Street, Founded);
    public static readonly Unit Crew = new(Id(5), "和平维修队", UnitKind.RepairCrew, "DC-HP-WX", Street, Founded);
    public static readonly Unit Deactivated = Deactivate(new Unit(Id(6), "旧城物业公司（已停用）", UnitKind.PropertyCompany, "DC-HP-OLD", Street, Founded));
    public static readonly Unit Department = new(Id(7), "市自来水公司", UnitKind.Department, "WATER", Centre, Founded);
    public static readonly Unit Unrelated = new(Id(8), "市供热公司", UnitKind.Department, "HEAT", Centre, Founded);

    public static readonly IReadOnlyList<Unit> Units = [Centre, SubCentre, Street, Property, Crew, Deactivated, Department, Unrelated];

    public static readonly Actor Agent = new(Id(101), "agent", Role.Agent, Centre.Id);
    public static readonly Actor Dispatcher = new(Id(102), "dispatcher", Role.Dispatcher, Centre.Id);
    public static readonly Actor Visitor = new(Id(103), "visitor", Role.Visitor, Centre.Id);
    public static readonly Actor Supervisor = new(Id(104), "supervisor", Role.Supervisor, Centre.Id);
    public static readonly Actor Admin = new(Id(105), "admin", Role.Admin, Centre.Id);
    public static readonly Actor NoRole = new(Id(106), "no role", Role.None, null);

    public static readonly Actor SubCentreHandler = Handler(111, "sub-centre handler", SubCentre);
    public static readonly Actor StreetHandler = Handler(112, "street office handler", Street);
    public static readonly Actor PropertyHandler = Handler(113, "property company handler", Property);
    public static readonly Actor CrewHandler = Handler(114, "repair crew handler", Crew);
    public static readonly Actor DepartmentHandler = Handler(115, "department handler", Department);
    public static readonly Actor UnrelatedHandler = Handler(116, "unrelated unit handler", Unrelated);
    public static readonly Actor DeactivatedHandler = Handler(117, "deactivated unit handler", Deactivated);

    public static readonly IReadOnlyList<Actor> Actors =
    [
        Agent, Dispatcher, Visitor, Supervisor, Admin, NoRole,
        SubCentreHandler, StreetHandler, PropertyHandler, CrewHandler, DepartmentHandler, UnrelatedHandler, DeactivatedHandler,
    ];

    /// <summary>Centre staff other than the dispatcher, for "who else may not" rows.</summary>
    public static readonly IReadOnlyList<Actor> OtherCentreStaff = [Agent, Visitor, Supervisor, Admin];

    /// <summary>The unit group offers go to (its members are the use case's business, not the order's).</summary>
    public static readonly Guid GroupId = Id(201);

    public static readonly Guid CategoryId = Id(301);

    /// <summary>Several actors for one row of a table.</summary>
    public static IEnumerable<Actor> Each(params Actor[] actors) => actors;

    /// <summary>The unit an actor belongs to, as the database would hold it; null for an actor with no unit.</summary>
    public static Unit? UnitOf(Actor actor) => Units.SingleOrDefault(u => u.Id == actor.UnitId);

    public static Actor HandlerOf(Unit unit) =>
        Actors.SingleOrDefault(a => a.UnitId == unit.Id && a.Has(Role.Handler)) ?? throw new ArgumentException($"No handler of {unit.Name} in the world.", nameof(unit));

    public static HopTarget Lead(Unit unit) => new(unit.Id, AssignmentRole.Lead, unit);

    public static HopTarget Assist(Unit unit) => new(unit.Id, AssignmentRole.Assist, unit);

    /// <summary>Local Shanghai time → UTC.</summary>
    public static DateTime Local(string s) =>
        DateTime.SpecifyKind(DateTime.Parse(s, CultureInfo.InvariantCulture).AddHours(-8), DateTimeKind.Utc);

    public static Guid Id(int n) => new($"00000000-0000-4000-8000-{n:x12}");

    private static Actor Handler(int n, string name, Unit unit) => new(Id(n), name, Role.Handler, unit.Id);

    private static Unit Deactivate(Unit unit)
    {
        unit.Deactivate();
        return unit;
    }
}
