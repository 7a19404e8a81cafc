using Lianxin.Web.Tests.Infrastructure;

namespace Lianxin.Web.Tests.Staffing;

/// <summary>The staffing calculators over HTTP (API.md); the maths itself is tested in Lianxin.Core.Tests.</summary>
public sealed class StaffingEndpointTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task ErlangC_DomainCheck()
    {
        var r = (await (await app.AsAsync("supervisor")).Get(
            "/api/v1/staffing/erlang-c?calls=100&intervalMinutes=30&ahtSeconds=180&targetSeconds=20&serviceLevel=0.8&maxOccupancy=0.85&shrinkage=0.3")).Expect(200);
        Assert.Equal(14, r["agents"].GetInt32());
        Assert.Equal(20, r["scheduledAgents"].GetInt32());
        Assert.Equal(0.888, r["serviceLevel"].GetDouble(), 3);
        Assert.Equal(0.714, r["occupancy"].GetDouble(), 3);
        Assert.Equal(0.174, r["waitProbability"].GetDouble(), 3);
        Assert.True(r["averageSpeedOfAnswerSeconds"].GetDouble() > 0);
    }

    [Fact]
    public async Task ErlangA_DomainCheck()
    {
        var r = (await (await app.AsAsync("agent")).Get(
            "/api/v1/staffing/erlang-a?calls=100&intervalMinutes=30&ahtSeconds=180&patienceSeconds=300&targetSeconds=20&serviceLevel=0.8&maxAbandonment=0.05&maxOccupancy=0.85&shrinkage=0.3")).Expect(200);
        Assert.Equal(13, r["agents"].GetInt32());
        Assert.Equal(19, r["scheduledAgents"].GetInt32());
        Assert.Equal(0.858, r["serviceLevel"].GetDouble(), 3);
        Assert.Equal(0.025, r["abandonmentRate"].GetDouble(), 3);
        Assert.Equal(0.226, r["waitProbability"].GetDouble(), 3);
        Assert.Equal(7.5, r["averageSpeedOfAnswerSeconds"].GetDouble(), 1);
        Assert.Equal(0.75, r["occupancy"].GetDouble(), 2);
    }

    [Fact]
    public async Task Defaults_ThirtyMinutesFifteenSecondsEightyPercent()
    {
        var client = await app.AsAsync("supervisor");
        var full = (await client.Get("/api/v1/staffing/erlang-c?calls=300&intervalMinutes=30&ahtSeconds=200&targetSeconds=15&serviceLevel=0.8")).Expect(200);
        var defaults = (await client.Get("/api/v1/staffing/erlang-c?calls=300&ahtSeconds=200")).Expect(200);
        Assert.Equal(full["agents"].GetInt32(), defaults["agents"].GetInt32());
        Assert.Equal(full["agents"].GetInt32(), defaults["scheduledAgents"].GetInt32());
    }

    [Theory]
    [InlineData("erlang-c?ahtSeconds=180", "calls")]
    [InlineData("erlang-c?calls=abc&ahtSeconds=180", "calls")]
    [InlineData("erlang-c?calls=100&ahtSeconds=NaN", "ahtSeconds")]
    [InlineData("erlang-c?calls=100&ahtSeconds=180&serviceLevel=80", "serviceLevel")]
    [InlineData("erlang-c?calls=100&ahtSeconds=180&shrinkage=1", "shrinkage")]
    [InlineData("erlang-c?calls=1e300&ahtSeconds=180", "calls")]
    [InlineData("erlang-a?calls=100&ahtSeconds=180", "patienceSeconds")]
    [InlineData("erlang-a?calls=100&ahtSeconds=180&patienceSeconds=300&maxAbandonment=0", "maxAbandonment")]
    public async Task BadQuery_Is400NamingTheField(string query, string field) =>
        (await (await app.AsAsync("agent")).Get($"/api/v1/staffing/{query}")).ExpectProblem(400, field);

    [Fact]
    public async Task SignedOut_Is401()
    {
        using var anonymous = app.Anonymous();
        Assert.Equal(401, (await anonymous.Get("/api/v1/staffing/erlang-c?calls=100&ahtSeconds=180")).Code);
    }

    [Fact]
    public async Task TenThousandErlangs_Answers()
    {
        var r = (await (await app.AsAsync("supervisor")).Get(
            "/api/v1/staffing/erlang-a?calls=100000&ahtSeconds=180&patienceSeconds=300&targetSeconds=20&serviceLevel=0.8&maxAbandonment=0.02")).Expect(200);
        Assert.InRange(r["agents"].GetInt32(), 9_000, 10_300);
        Assert.True(r["abandonmentRate"].GetDouble() <= 0.02);
    }
}
