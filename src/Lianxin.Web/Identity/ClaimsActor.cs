using System.Globalization;
using System.Security.Claims;
using Lianxin.Core.Identity;

namespace Lianxin.Web.Identity;

/// <summary>The actor is read from the token or cookie claims: no database round trip per request.</summary>
public static class ClaimsActor
{
    public const string IdClaim = "sub";
    public const string NameClaim = "name";
    public const string DisplayNameClaim = "display_name";
    public const string RoleClaim = "role";
    public const string RolesClaim = "roles";
    public const string UnitClaim = "unit";

    public static IEnumerable<Claim> ClaimsFor(User user)
    {
        yield return new Claim(IdClaim, user.Id.ToString());
        yield return new Claim(NameClaim, user.UserName);
        yield return new Claim(DisplayNameClaim, user.DisplayName);
        yield return new Claim(RolesClaim, ((int)user.Roles).ToString(CultureInfo.InvariantCulture));
        foreach (var role in Roles.Names(user.Roles))
        {
            yield return new Claim(RoleClaim, role);
        }

        if (user.UnitId is { } unit)
        {
            yield return new Claim(UnitClaim, unit.ToString());
        }
    }

    public static Guid? UserId(this ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(IdClaim), out var id) ? id : null;

    public static Actor ToActor(this ClaimsPrincipal principal)
    {
        var id = principal.UserId() ?? throw new InvalidOperationException("The endpoint requires authentication but the principal has no id.");
        var roles = int.TryParse(principal.FindFirstValue(RolesClaim), NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? (Role)r : Role.None;
        Guid? unit = Guid.TryParse(principal.FindFirstValue(UnitClaim), out var u) ? u : null;
        return new Actor(id, principal.FindFirstValue(DisplayNameClaim) ?? principal.Identity?.Name ?? "", roles, unit);
    }
}
