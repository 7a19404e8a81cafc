namespace Lianxin.Core.Identity;

public sealed class User
{
    public const int MaxUserNameLength = 64;
    public const int MaxDisplayNameLength = 64;

    private User()
    {
    }

    public User(Guid id, string userName, string displayName, Role roles, Guid? unitId, string? extension, DateTime createdAt)
    {
        Id = id;
        UserName = Normalize(userName);
        DisplayName = displayName;
        Roles = roles;
        UnitId = unitId;
        Extension = extension;
        CreatedAt = createdAt;
        IsActive = true;
    }

    public Guid Id { get; private set; }

    /// <summary>Lower-case login name, unique.</summary>
    public string UserName { get; private set; } = "";

    public string DisplayName { get; private set; } = "";

    public string PasswordHash { get; private set; } = "";

    public Role Roles { get; private set; }

    public Guid? UnitId { get; private set; }

    /// <summary>Phone seat (分机号) the phone system names in its call events.</summary>
    public string? Extension { get; private set; }

    public bool IsActive { get; private set; }

    public int FailedLogins { get; private set; }

    public DateTime? LockedUntil { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public Actor ToActor() => new(Id, DisplayName, Roles, UnitId);

    public static string Normalize(string userName) => userName.Trim().ToLowerInvariant();

    public void SetPasswordHash(string hash) => PasswordHash = hash;

    public void Update(string displayName, Role roles, Guid? unitId, string? extension)
    {
        DisplayName = displayName;
        Roles = roles;
        UnitId = unitId;
        Extension = extension;
    }

    public void Deactivate() => IsActive = false;

    public void Activate() => IsActive = true;

    public bool IsLockedOut(DateTime now) => LockedUntil is { } until && until > now;

    /// <summary>Counts a failed login; after <paramref name="threshold"/> in a row the account locks for <paramref name="lockout"/>.</summary>
    public void RecordFailedLogin(DateTime now, int threshold, TimeSpan lockout)
    {
        FailedLogins++;
        if (FailedLogins >= threshold)
        {
            LockedUntil = now + lockout;
            FailedLogins = 0;
        }
    }

    public void RecordSuccessfulLogin()
    {
        FailedLogins = 0;
        LockedUntil = null;
    }
}
