using Lianxin.Web.Tests.Infrastructure;

namespace Lianxin.Web.Tests.Repeats;

/// <summary>The OpenAPI document describes the repeat, caller-history and cluster endpoints with their parameters.</summary>
public abstract class RepeatApiDocumentTests(LianxinApp app)
{
    [Theory]
    [InlineData("/api/v1/repeats/stats", new[] { "from", "to" })]
    [InlineData("/api/v1/requesters/{phone}/history", new[] { "phone" })]
    [InlineData("/api/v1/clusters", new[] { "hours", "minPhones" })]
    public async Task OpenApi_DescribesTheEndpoint(string path, string[] parameters)
    {
        using var anonymous = app.Anonymous();
        var doc = (await anonymous.Get("/openapi/v1.json")).Expect(200);
        Assert.True(doc["paths"].TryGetProperty(path, out var item), $"{path} is not in the OpenAPI document");
        var get = item.GetProperty("get");
        Assert.False(string.IsNullOrWhiteSpace(get.GetProperty("summary").GetString()));
        var names = get.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();
        Assert.All(parameters, p => Assert.Contains(p, names));
        Assert.True(get.GetProperty("responses").TryGetProperty("200", out _));
    }
}

public sealed class RepeatApiDocumentTestsOnSqlite(SqliteApp app) : RepeatApiDocumentTests(app), IClassFixture<SqliteApp>;

public sealed class RepeatApiDocumentTestsOnPostgres(PostgresApp app) : RepeatApiDocumentTests(app), IClassFixture<PostgresApp>;
