namespace Lianxin.Core.Identity;

[Flags]
public enum Role
{
    None = 0,
    Agent = 1,
    Dispatcher = 2,
    Handler = 4,
    Visitor = 8,
    Supervisor = 16,
    Admin = 32,
}

public static class Roles
{
    public const Role CentreStaff = Role.Agent | Role.Dispatcher | Role.Visitor | Role.Supervisor | Role.Admin;

    public static readonly IReadOnlyList<Role> All =
        [Role.Agent, Role.Dispatcher, Role.Handler, Role.Visitor, Role.Supervisor, Role.Admin];

    public static string Name(Role role) => role switch
    {
        Role.Agent => "agent",
        Role.Dispatcher => "dispatcher",
        Role.Handler => "handler",
        Role.Visitor => "visitor",
        Role.Supervisor => "supervisor",
        Role.Admin => "admin",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Not a single role."),
    };

    public static bool TryParse(string? name, out Role role)
    {
        role = All.FirstOrDefault(r => string.Equals(Name(r), name, StringComparison.Ordinal));
        return role != Role.None;
    }

    public static IEnumerable<string> Names(Role roles) => All.Where(r => roles.HasFlag(r)).Select(Name);

    public static string ChineseName(Role role) => role switch
    {
        Role.Agent => "话务员",
        Role.Dispatcher => "派单员",
        Role.Handler => "承办人",
        Role.Visitor => "回访员",
        Role.Supervisor => "值班长",
        Role.Admin => "管理员",
        _ => role.ToString(),
    };
}
