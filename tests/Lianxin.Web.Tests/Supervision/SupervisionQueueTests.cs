using Lianxin.Core.Supervision;
using Lianxin.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Lianxin.Web.Tests.Supervision;

/// <summary>The supervisor's desk on each provider: lateness by lead unit with drill-down, and open supervision records.</summary>
public abstract class SupervisionQueueTests(LianxinApp app)
{
    private readonly Orders _orders = new(app);

    private async Task<T> Query<T>(Func<SupervisionQueues, Task<T>> query)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<SupervisionQueues>());
    }

    [Fact]
    public async Task Overdue_ByUnitAndDrillDown_CountTheSameOrders()
    {
        var id = await _orders.InProgressAsync(app.Data.Heating);
        var now = app.Clock.GetUtcNow().UtcDateTime;
        Assert.DoesNotContain(await Query(q => q.ListAsync(SupervisionTab.Overdue, now, app.Data.Heating, 0, CancellationToken.None)), r => r.Id == id);

        // Measured a month later every clock of the order has run out; nothing else changed.
        var later = now.AddDays(30);
        var heating = Assert.Single(await Query(q => q.ByUnitAsync(later, CancellationToken.None)), u => u.UnitId == app.Data.Heating);
        var rows = await Query(q => q.ListAsync(SupervisionTab.Overdue, later, app.Data.Heating, 0, CancellationToken.None));
        Assert.Contains(rows, r => r.Id == id);
        Assert.All(rows, r => Assert.Equal(app.Data.Heating, r.UnitId));
        Assert.Equal(heating.Overdue, await Query(q => q.CountAsync(SupervisionTab.Overdue, later, app.Data.Heating, CancellationToken.None)));
        Assert.DoesNotContain(await Query(q => q.ListAsync(SupervisionTab.Overdue, later, app.Data.Water, 0, CancellationToken.None)), r => r.Id == id);
        Assert.DoesNotContain(await Query(q => q.ListAsync(SupervisionTab.Approaching, later, null, 0, CancellationToken.None)), r => r.Id == id);
    }

    [Fact]
    public async Task Records_ListOpenSupervisionsWithTheirReplyDue_UntilAnswered()
    {
        var id = await _orders.InProgressAsync(app.Data.Water);
        (await _orders.ActAsync("supervisor", id, "supervise", new { note = "已超期，请书面说明。" })).Expect(200);
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var row = Assert.Single(await Query(q => q.ListAsync(SupervisionTab.Records, now, null, 0, CancellationToken.None)), r => r.Id == id);
        Assert.Equal(app.Data.Water, row.UnitId);
        Assert.True(row.NoteDueAt > now);

        (await (await app.AsAsync("water")).Post($"/api/v1/work-orders/{id}/supervisions/{row.TargetId}/reply", new { text = "已处理。" })).Expect(200);
        Assert.DoesNotContain(await Query(q => q.ListAsync(SupervisionTab.Records, now, null, 0, CancellationToken.None)), r => r.Id == id);
    }
}

public sealed class SupervisionQueueTestsOnSqlite(SqliteApp app) : SupervisionQueueTests(app), IClassFixture<SqliteApp>;

public sealed class SupervisionQueueTestsOnPostgres(PostgresApp app) : SupervisionQueueTests(app), IClassFixture<PostgresApp>;
