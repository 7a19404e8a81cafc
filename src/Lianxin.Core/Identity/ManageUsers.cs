using System.Text.RegularExpressions;
using Lianxin.Core.Common;
using Lianxin.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Lianxin.Core.Identity;

public sealed record NewUser(string UserName, string Password, string DisplayName, Role Roles, Guid? UnitId, string? Extension);

public sealed record UserChange(string? DisplayName = null, Role? Roles = null, Guid? UnitId = null, bool ClearUnit = false,
    string? Extension = null, bool ClearExtension = false, string? Password = null, bool? IsActive = null);

/// <summary>Staff accounts: created, changed and deactivated by an admin; never deleted (history names them).</summary>
public sealed partial class ManageUsers(LianxinDbContext db, TimeProvider clock, IPasswordHasher<User> hasher)
{
    public const int MinPasswordLength = 8;
    public const int MaxPasswordLength = 128;

    public async Task<User> CreateAsync(Actor actor, NewUser input, CancellationToken ct)
    {
        actor.Require(Role.Admin, new Text("管理用户", "manage users"));
        var v = new Validator();
        v.When(!UserNamePattern().IsMatch(input.UserName), "username",
            new Text("用户名为 2–64 位小写字母、数字、点、下划线或连字符。", "2–64 lower-case letters, digits, dots, underscores or hyphens."));
        CheckPassword(v, input.Password);
        CheckRolesAndUnit(v, input.Roles, input.UnitId);
        v.ThrowIfInvalid();

        var name = User.Normalize(input.UserName);
        if (await db.Users.AnyAsync(u => u.UserName == name, ct))
        {
            throw ValidationFailedException.For("username", new Text("用户名已存在。", "This username is taken."));
        }

        await CheckUnitAsync(input.UnitId, ct);
        await CheckExtensionAsync(input.Extension, null, ct);
        var user = new User(Ids.New(clock), name, input.DisplayName, input.Roles, input.UnitId, input.Extension, clock.GetUtcNow().UtcDateTime);
        user.SetPasswordHash(hasher.HashPassword(user, input.Password));
        db.Users.Add(user);
        await db.SaveChangesAsync(ct);
        return user;
    }

    public async Task<User> UpdateAsync(Actor actor, Guid id, UserChange change, CancellationToken ct)
    {
        actor.Require(Role.Admin, new Text("管理用户", "manage users"));
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == id, ct)
            ?? throw new NotFoundException(new Text("用户不存在。", "No such user."));
        var roles = change.Roles ?? user.Roles;
        var unitId = change.ClearUnit ? null : change.UnitId ?? user.UnitId;
        var v = new Validator();
        CheckRolesAndUnit(v, roles, unitId);
        if (change.Password is not null)
        {
            CheckPassword(v, change.Password);
        }

        v.ThrowIfInvalid();
        if (unitId != user.UnitId)
        {
            await CheckUnitAsync(unitId, ct);
        }

        var extension = change.ClearExtension ? null : change.Extension ?? user.Extension;
        if (extension != user.Extension)
        {
            await CheckExtensionAsync(extension, user.Id, ct);
        }

        user.Update(change.DisplayName ?? user.DisplayName, roles, unitId, extension);
        if (change.Password is not null)
        {
            user.SetPasswordHash(hasher.HashPassword(user, change.Password));
        }

        if (change.IsActive is { } active)
        {
            if (active)
            {
                user.Activate();
            }
            else
            {
                user.Deactivate();
            }
        }

        await db.SaveChangesAsync(ct);
        return user;
    }

    private static void CheckPassword(Validator v, string password) =>
        v.When(password.Length < MinPasswordLength || password.Length > MaxPasswordLength, "password",
            new Text($"密码长度须为 {MinPasswordLength}–{MaxPasswordLength} 位。", $"Passwords have {MinPasswordLength}–{MaxPasswordLength} characters."));

    private static void CheckRolesAndUnit(Validator v, Role roles, Guid? unitId)
    {
        v.When(roles == Role.None, "roles", new Text("至少需要一个角色。", "At least one role is required."));
        v.When(roles.HasFlag(Role.Handler) && unitId is null, "unitId", new Text("承办人必须属于一个单位。", "A handler must belong to a unit."));
    }

    private async Task CheckUnitAsync(Guid? unitId, CancellationToken ct)
    {
        if (unitId is { } id && !await db.Units.AnyAsync(u => u.Id == id && u.IsActive, ct))
        {
            throw ValidationFailedException.For("unitId", new Text("单位不存在或已停用。", "No such active unit."));
        }
    }

    private async Task CheckExtensionAsync(string? extension, Guid? exceptId, CancellationToken ct)
    {
        if (extension is not null && await db.Users.AnyAsync(u => u.Extension == extension && u.IsActive && u.Id != exceptId, ct))
        {
            throw ValidationFailedException.For("extension", new Text("该分机号已分配给其他用户。", "This extension belongs to another user."));
        }
    }

    [GeneratedRegex("^[a-z0-9._-]{2,64}$")]
    private static partial Regex UserNamePattern();
}
