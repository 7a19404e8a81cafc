using System.Text.RegularExpressions;
using Lianxin.Core.Common;
using Lianxin.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Lianxin.Core.Identity;

/// <summary>A new account as submitted (API body or console form), before validation; roles by their API names.</summary>
public sealed record NewUser(string? UserName, string? Password, string? DisplayName, IReadOnlyList<string>? Roles, Guid? UnitId, string? Extension);

/// <summary>What an admin changes on an account, before validation; null means "leave as is".</summary>
public sealed record UserChange(string? DisplayName = null, IReadOnlyList<string>? Roles = null, Guid? UnitId = null, bool ClearUnit = false,
    string? Extension = null, bool ClearExtension = false, string? Password = null, bool? IsActive = null);

/// <summary>Staff accounts: created, changed and deactivated by an admin; never deleted (history names them).</summary>
public sealed partial class ManageUsers(LianxinDbContext db, TimeProvider clock, IPasswordHasher<User> hasher)
{
    public const int MinPasswordLength = 8;
    public const int MaxPasswordLength = 128;
    public const int MaxExtensionLength = 20;

    public async Task<User> CreateAsync(Actor actor, NewUser input, CancellationToken ct)
    {
        // The form is checked before the role, as the API always answered: a malformed body is 400 for anyone.
        var v = new Validator();
        v.Required("username", input.UserName, User.MaxUserNameLength);
        v.Required("password", input.Password, MaxPasswordLength);
        v.Required("displayName", input.DisplayName, User.MaxDisplayNameLength);
        v.MaxLength("extension", input.Extension, MaxExtensionLength);
        var roles = ParseRoles(v, input.Roles, required: true);
        v.ThrowIfInvalid();
        var userName = input.UserName!.Trim();
        var password = input.Password!;
        var displayName = input.DisplayName!.Trim();
        var extension = string.IsNullOrWhiteSpace(input.Extension) ? null : input.Extension.Trim();

        actor.Require(Role.Admin, new Text("管理用户", "manage users"));
        v.When(!UserNamePattern().IsMatch(userName), "username",
            new Text("用户名为 2–64 位小写字母、数字、点、下划线或连字符。", "2–64 lower-case letters, digits, dots, underscores or hyphens."));
        CheckPassword(v, password);
        CheckRolesAndUnit(v, roles, input.UnitId);
        v.ThrowIfInvalid();

        var name = User.Normalize(userName);
        if (await db.Users.AnyAsync(u => u.UserName == name, ct))
        {
            throw ValidationFailedException.For("username", new Text("用户名已存在。", "This username is taken."));
        }

        await CheckUnitAsync(input.UnitId, ct);
        await CheckExtensionAsync(extension, null, ct);
        var user = new User(Ids.New(clock), name, displayName, roles, input.UnitId, extension, clock.GetUtcNow().UtcDateTime);
        user.SetPasswordHash(hasher.HashPassword(user, password));
        db.Users.Add(user);
        await db.SaveChangesAsync(ct);
        return user;
    }

    public async Task<User> UpdateAsync(Actor actor, Guid id, UserChange change, CancellationToken ct)
    {
        var v = new Validator();
        v.When(change.DisplayName is not null && string.IsNullOrWhiteSpace(change.DisplayName), "displayName", new Text("不能为空。", "Must not be empty."));
        v.MaxLength("displayName", change.DisplayName, User.MaxDisplayNameLength);
        v.MaxLength("extension", change.Extension, MaxExtensionLength);
        Role? newRoles = change.Roles is null ? null : ParseRoles(v, change.Roles, required: true);
        v.ThrowIfInvalid();
        change = change with { DisplayName = change.DisplayName?.Trim(), Extension = change.Extension?.Trim() };

        actor.Require(Role.Admin, new Text("管理用户", "manage users"));
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == id, ct)
            ?? throw new NotFoundException(new Text("用户不存在。", "No such user."));
        var roles = newRoles ?? user.Roles;
        var unitId = change.ClearUnit ? null : change.UnitId ?? user.UnitId;
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

    /// <summary>Roles by their API names (agent, dispatcher, handler, visitor, supervisor, admin).</summary>
    private static Role ParseRoles(Validator v, IReadOnlyList<string>? names, bool required)
    {
        if (names is null || names.Count == 0)
        {
            v.When(required, "roles", new Text("至少需要一个角色。", "At least one role is required."));
            return Role.None;
        }

        var roles = Role.None;
        foreach (var name in names)
        {
            if (Identity.Roles.TryParse(name, out var role))
            {
                roles |= role;
            }
            else
            {
                v.Add("roles", new Text($"未知角色“{name}”，可选：agent、dispatcher、handler、visitor、supervisor、admin。",
                    $"Unknown role '{name}'; use agent, dispatcher, handler, visitor, supervisor or admin."));
            }
        }

        return roles;
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
