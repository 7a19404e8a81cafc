using System.Security.Claims;
using Lianxin.Core.Common;
using Lianxin.Core.Data;
using Lianxin.Core.Identity;
using Lianxin.Web.Api;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Lianxin.Web.Identity;

public sealed record UserResponse(Guid Id, string Username, string DisplayName, IReadOnlyList<string> Roles, Guid? UnitId, string? Extension, bool IsActive)
{
    public static UserResponse From(User u) =>
        new(u.Id, u.UserName, u.DisplayName, Core.Identity.Roles.Names(u.Roles).ToList(), u.UnitId, u.Extension, u.IsActive);
}

public sealed record CreateUserRequest(string? Username, string? Password, string? DisplayName, IReadOnlyList<string>? Roles, Guid? UnitId, string? Extension)
{
    public NewUser ToInput() => new(Username, Password, DisplayName, Roles, UnitId, Extension);
}

public sealed record UpdateUserRequest(string? DisplayName, IReadOnlyList<string>? Roles, Guid? UnitId, bool? ClearUnit, string? Extension, bool? ClearExtension, string? Password, bool? IsActive)
{
    public UserChange ToInput() => new(DisplayName, Roles, UnitId, ClearUnit == true, Extension, ClearExtension == true, Password, IsActive);
}

public static class UserEndpoints
{
    public static IEndpointRouteBuilder MapUserEndpoints(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/v1/users").WithTags("Users").RequireAuthorization();
        users.MapPost("/", Create).WithIdempotency().WithSummary("Create a staff account (admin)");
        users.MapGet("/", List).WithSummary("List staff accounts (admin, supervisor)");
        users.MapGet("/{id:guid}", Get).WithSummary("One staff account");
        users.MapPatch("/{id:guid}", Update).WithSummary("Change roles, unit, extension, password, or deactivate (admin)");
        return app;
    }

    private static async Task<Created<UserResponse>> Create(CreateUserRequest request, ClaimsPrincipal principal, ManageUsers users, CancellationToken ct)
    {
        var user = await users.CreateAsync(principal.ToActor(), request.ToInput(), ct);
        return TypedResults.Created($"/api/v1/users/{user.Id}", UserResponse.From(user));
    }

    private static async Task<Ok<List<UserResponse>>> List(ClaimsPrincipal principal, LianxinDbContext db, CancellationToken ct)
    {
        principal.ToActor().Require(Role.Admin | Role.Supervisor, new Text("查看用户列表", "list users"));
        var users = await db.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync(ct);
        return TypedResults.Ok(users.Select(UserResponse.From).ToList());
    }

    private static async Task<Results<Ok<UserResponse>, NotFound>> Get(Guid id, ClaimsPrincipal principal, LianxinDbContext db, CancellationToken ct)
    {
        var actor = principal.ToActor();
        if (actor.UserId != id)
        {
            actor.Require(Role.Admin | Role.Supervisor, new Text("查看其他用户", "view other users"));
        }

        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, ct);
        return user is null ? TypedResults.NotFound() : TypedResults.Ok(UserResponse.From(user));
    }

    private static async Task<Ok<UserResponse>> Update(Guid id, UpdateUserRequest request, ClaimsPrincipal principal, ManageUsers users, CancellationToken ct)
    {
        var user = await users.UpdateAsync(principal.ToActor(), id, request.ToInput(), ct);
        return TypedResults.Ok(UserResponse.From(user));
    }
}
