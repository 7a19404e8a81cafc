using Lianxin.Core.Dispatch;
using Lianxin.Core.ReturnVisits;
using Lianxin.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Lianxin.Web.Tests.ReturnVisits;

/// <summary>The return-visit queue on each provider: closed orders wait, oldest closure first; an unanswered call moves one to redial.</summary>
public abstract class VisitQueueTests(LianxinApp app)
{
    private readonly Orders _orders = new(app);

    private async Task<IReadOnlyList<DeskRow>> List(VisitTab tab)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<VisitQueue>().ListAsync(tab, 0, CancellationToken.None);
    }

    [Fact]
    public async Task ClosedOrders_WaitOldestFirst_AndAnUnansweredCallMovesOneToRedial()
    {
        var first = await _orders.ClosedAsync(app.Data.Water);
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        var second = await _orders.ClosedAsync(app.Data.Water);
        var open = await _orders.InProgressAsync(app.Data.Water);

        var rows = await List(VisitTab.ToVisit);
        Assert.DoesNotContain(rows, r => r.Id == open);
        Assert.True(rows.ToList().FindIndex(r => r.Id == first) < rows.ToList().FindIndex(r => r.Id == second));
        Assert.Equal(rows.Select(r => r.ClosedAt).Order(), rows.Select(r => r.ClosedAt));
        Assert.All(rows, r => Assert.Null(r.Pressing(app.Clock.GetUtcNow().UtcDateTime.AddDays(60))));

        (await _orders.ActAsync("visitor", first, "visit", new { reached = false })).Expect(200);
        Assert.DoesNotContain(await List(VisitTab.ToVisit), r => r.Id == first);
        Assert.Single(await List(VisitTab.Redial), r => r.Id == first);
    }
}

public sealed class VisitQueueTestsOnSqlite(SqliteApp app) : VisitQueueTests(app), IClassFixture<SqliteApp>;

public sealed class VisitQueueTestsOnPostgres(PostgresApp app) : VisitQueueTests(app), IClassFixture<PostgresApp>;
