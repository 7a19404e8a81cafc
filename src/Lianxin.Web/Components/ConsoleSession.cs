using System.Security.Claims;
using Lianxin.Core.Common;
using Lianxin.Core.Identity;
using Lianxin.Web.Identity;

namespace Lianxin.Web.Components;

/// <summary>
/// Who is at this console and in which language: one per circuit (a scoped service lives as long as the
/// signed-in browser tab). Filled by the layout from the sign-in cookie's claims and the language
/// cookie when the circuit starts; pages read it instead of an HttpContext, which an interactive page has not.
/// </summary>
public sealed class ConsoleSession(Microsoft.Extensions.Options.IOptions<CentreOptions> centre)
{
    private readonly TimeZoneInfo _zone = centre.Value.Zone;

    public Actor Actor { get; private set; } = Actor.System;

    public string UserName { get; private set; } = "";

    public bool English { get; private set; }

    public bool SignedIn => Actor.UserId != Guid.Empty;

    /// <summary>The circuit's id for soft locks (who has which order open).</summary>
    public string Id { get; } = Guid.NewGuid().ToString("N");

    public void Start(ClaimsPrincipal user, bool english)
    {
        English = english;
        if (user.Identity?.IsAuthenticated == true && user.UserId() is not null)
        {
            Actor = user.ToActor();
            UserName = user.FindFirstValue(ClaimsActor.NameClaim) ?? "";
        }
    }

    public string T(string zh, string en) => English ? en : zh;

    public string T(Text text) => text.In(English);

    /// <summary>An instant in the centre's time zone, <c>2026-11-23 18:00</c> (or <see cref="LocalTime.Brief"/>).</summary>
    public string Local(DateTime? utc, string format = LocalTime.Full) => LocalTime.Format(utc, _zone, format);

    public TimeZoneInfo Zone => _zone;

    /// <summary>The actor's roles in the user's language, e.g. 话务员 · 派单员.</summary>
    public string RoleNames => string.Join(" · ", Roles.All.Where(Actor.Has).Select(r => English ? Roles.Name(r) : Roles.ChineseName(r)));
}
