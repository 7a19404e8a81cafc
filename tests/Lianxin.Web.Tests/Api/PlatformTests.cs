using Lianxin.Core.Data;
using Lianxin.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lianxin.Web.Tests.Api;

/// <summary>Health, the OpenAPI document and reference, and the migrations matching the model.</summary>
public abstract class PlatformTests(LianxinApp app)
{
    [Fact]
    public async Task Health_LiveAndReady_AreHealthyWithoutLogin()
    {
        using var anonymous = app.Anonymous();
        Assert.Equal("Healthy", (await anonymous.Get("/health/live")).Expect(200).Body);
        Assert.Equal("Healthy", (await anonymous.Get("/health/ready")).Expect(200).Body);
    }

    [Fact]
    public async Task OpenApi_DescribesEveryFixedEndpoint()
    {
        using var anonymous = app.Anonymous();
        var doc = (await anonymous.Get("/openapi/v1.json")).Expect(200);
        var paths = doc["paths"].EnumerateObject().Select(p => p.Name).ToHashSet();
        string[] expected =
        [
            "/api/v1/auth/token", "/api/v1/units", "/api/v1/users", "/api/v1/categories", "/api/v1/regions", "/api/v1/work-orders",
            "/api/v1/work-orders/{id}", "/api/v1/work-orders/{id}/history", "/api/v1/work-orders/{id}/answer-directly",
            "/api/v1/work-orders/{id}/not-accept", "/api/v1/work-orders/{id}/dispatch", "/api/v1/work-orders/{id}/accept",
            "/api/v1/work-orders/{id}/return", "/api/v1/work-orders/{id}/return/decision", "/api/v1/work-orders/{id}/extension",
            "/api/v1/work-orders/{id}/extension/decision", "/api/v1/work-orders/{id}/reply", "/api/v1/work-orders/{id}/review",
            "/api/v1/work-orders/{id}/visit", "/api/v1/work-orders/{id}/urge", "/api/v1/work-orders/{id}/supervise",
            "/api/v1/work-orders/{id}/merge",
        ];
        Assert.All(expected, p => Assert.Contains(p, paths));
        Assert.True(doc["components"].GetProperty("securitySchemes").TryGetProperty("Bearer", out _));
    }

    [Fact]
    public async Task ApiReference_IsServedWithoutLogin()
    {
        using var anonymous = app.Anonymous();
        var page = (await anonymous.Get("/api/docs")).Expect(200);
        Assert.Contains("openapi/v1.json", page.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrations_MatchTheModel()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LianxinDbContext>();
        Assert.False(db.Database.HasPendingModelChanges(), $"The {app.ProviderName} migrations lag the model: run scripts/add-migration.sh <Name>.");
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task History_CannotBeEditedOrDeleted()
    {
        var id = await new Orders(app).RegisteredAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LianxinDbContext>();
        var entry = await db.WorkOrderEvents.FirstAsync(e => e.WorkOrderId == id);
        db.WorkOrderEvents.Remove(entry);
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
    }
}

public sealed class PlatformTestsOnSqlite(SqliteApp app) : PlatformTests(app), IClassFixture<SqliteApp>;

public sealed class PlatformTestsOnPostgres(PostgresApp app) : PlatformTests(app), IClassFixture<PostgresApp>;
