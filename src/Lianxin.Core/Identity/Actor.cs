using Lianxin.Core.Common;

namespace Lianxin.Core.Identity;

/// <summary>Who performs an action: the signed-in user, with their roles and unit.</summary>
public sealed record Actor(Guid UserId, string Name, Role Roles, Guid? UnitId)
{
    /// <summary>The phone system or a sweep acting on its own.</summary>
    public static Actor System { get; } = new(Guid.Empty, "系统", Role.None, null);

    public bool Has(Role role) => (Roles & role) != 0;

    /// <summary>Centre staff see every order; unit handlers see only their unit's.</summary>
    public bool IsCentreStaff => (Roles & Identity.Roles.CentreStaff) != 0;

    public void Require(Role anyOf, Text action) => Refusal.ThrowIf(Lacks(anyOf, action));

    /// <summary>Why the actor may not <paramref name="action"/> for want of a role, or null when they have one of <paramref name="anyOf"/>.</summary>
    public Refusal? Lacks(Role anyOf, Text action)
    {
        if (Has(anyOf))
        {
            return null;
        }

        var allowed = string.Join("、", Identity.Roles.All.Where(r => anyOf.HasFlag(r)).Select(Identity.Roles.ChineseName));
        var allowedEn = string.Join(", ", Identity.Roles.Names(anyOf));
        return Refusal.Forbidden(new Text($"您的角色不能{action.Zh}（需要：{allowed}）。", $"Your role cannot {action.En} (requires: {allowedEn})."));
    }
}
