using System.Security.Cryptography;
using System.Text;
using Lianxin.Core.Common;

namespace Lianxin.Core.Calls;

/// <summary>
/// A phone system (PBX, 话务平台) allowed to post call events. It is known by a secret token in the URL it
/// posts to (<c>/api/v1/cti/{token}</c>), as Zammad's generic CTI does; only the token's SHA-256 is kept,
/// so the token is shown once, when the system is added.
/// </summary>
public sealed class PhoneSystem
{
    public const int MaxNameLength = 64;

    private PhoneSystem()
    {
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; } = "";

    /// <summary>Hex SHA-256 of the token.</summary>
    public string TokenHash { get; private set; } = "";

    public DateTime CreatedAt { get; private set; }

    public bool IsActive { get; private set; }

    /// <summary>A new phone system and its token (returned once, never stored in clear).</summary>
    public static (PhoneSystem System, string Token) Create(string name, TimeProvider clock)
    {
        name = name?.Trim() ?? "";
        new Validator().Required("name", name, MaxNameLength).ThrowIfInvalid();
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
        var system = new PhoneSystem
        {
            Id = Ids.New(clock),
            Name = name,
            TokenHash = Hash(token),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            IsActive = true,
        };
        return (system, token);
    }

    /// <summary>A fixed token (the demo centre's, so the README's curl examples work).</summary>
    public static PhoneSystem WithToken(Guid id, string name, string token, DateTime createdAt) =>
        new() { Id = id, Name = name, TokenHash = Hash(token), CreatedAt = createdAt, IsActive = true };

    public void Deactivate() => IsActive = false;

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
