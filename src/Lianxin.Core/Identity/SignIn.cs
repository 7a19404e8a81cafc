using Lianxin.Core.Common;
using Lianxin.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Lianxin.Core.Identity;

/// <summary>Too many failed logins in a row: the account is locked for a while (HTTP 429).</summary>
public sealed class AccountLockedException(DateTime until)
    : LianxinException(new Text("登录失败次数过多，账号已暂时锁定，请稍后再试。", "Too many failed logins; the account is locked for a while."), "locked")
{
    public DateTime Until { get; } = until;
}

/// <summary>Checks a username and password; counts failures and locks the account after several in a row.</summary>
public sealed class SignIn(LianxinDbContext db, TimeProvider clock, IPasswordHasher<User> hasher)
{
    public const int FailuresBeforeLockout = 5;
    public static readonly TimeSpan Lockout = TimeSpan.FromMinutes(15);

    // Verified when the username is unknown, so both failures take the same time.
    private static readonly Lazy<string> DummyHash = new(() => new PasswordHasher<User>().HashPassword(null!, "not-a-real-password"));

    /// <returns>The user, or null when the name or password is wrong.</returns>
    public async Task<User?> ExecuteAsync(string userName, string password, CancellationToken ct)
    {
        var name = User.Normalize(userName);
        var user = await db.Users.SingleOrDefaultAsync(u => u.UserName == name, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        if (user is null || !user.IsActive)
        {
            hasher.VerifyHashedPassword(null!, DummyHash.Value, password);
            return null;
        }

        if (user.IsLockedOut(now))
        {
            throw new AccountLockedException(user.LockedUntil!.Value);
        }

        var result = hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        if (result == PasswordVerificationResult.Failed)
        {
            user.RecordFailedLogin(now, FailuresBeforeLockout, Lockout);
            await db.SaveChangesAsync(ct);
            return null;
        }

        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user.SetPasswordHash(hasher.HashPassword(user, password));
        }

        user.RecordSuccessfulLogin();
        await db.SaveChangesAsync(ct);
        return user;
    }
}
