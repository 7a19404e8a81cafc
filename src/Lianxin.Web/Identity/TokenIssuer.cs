using System.Security.Claims;
using Lianxin.Core.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Lianxin.Web.Identity;

/// <summary>Signs bearer tokens (JWT, HMAC-SHA256) carrying the user's id, roles and unit.</summary>
public sealed class TokenIssuer(SigningKeys keys, TimeProvider clock, IOptions<AuthOptions> options)
{
    private readonly JsonWebTokenHandler _handler = new();

    public (string Token, DateTimeOffset ExpiresAt) Issue(User user)
    {
        var now = clock.GetUtcNow();
        var expires = now + options.Value.TokenLifetime;
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = AuthSetup.Issuer,
            Audience = AuthSetup.Issuer,
            Subject = new ClaimsIdentity(ClaimsActor.ClaimsFor(user)),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = new SigningCredentials(keys.Key, SecurityAlgorithms.HmacSha256),
        });
        return (token, expires);
    }
}
