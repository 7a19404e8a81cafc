using Lianxin.Core.Dispatch;
using Lianxin.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Lianxin.Web.Tests.Dispatch;

/// <summary>
/// A desk tab past its first page on each provider: consecutive pages hold every row once, and a page out of
/// range is clamped. A class of its own, since it fills the dispatch queue the other desk tests read.
/// </summary>
public abstract class DeskPagingQueueTests(LianxinApp app)
{
    private readonly Orders _orders = new(app);

    private async Task<T> Query<T>(Func<DispatchQueues, Task<T>> query)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<DispatchQueues>());
    }

    private Task<IReadOnlyList<DeskRow>> Page(int page) =>
        Query(q => q.ListAsync(DispatchTab.ToDispatch, app.Clock.GetUtcNow().UtcDateTime, page, CancellationToken.None));

    [Fact]
    public async Task ToDispatch_PastFiftyRows_PagesHoldEveryOrderOnce_AndOutOfRangePagesAreClamped()
    {
        var registered = new List<Guid>();
        var waiting = await Query(q => q.CountAsync(DispatchTab.ToDispatch, CancellationToken.None));
        while (waiting + registered.Count < DeskRows.PageSize + 5)
        {
            registered.Add(await _orders.RegisteredAsync());
        }

        var total = await Query(q => q.CountAsync(DispatchTab.ToDispatch, CancellationToken.None));
        var first = await Page(0);
        var second = await Page(1);
        Assert.Equal(DeskRows.PageSize, first.Count);
        Assert.Equal(total - DeskRows.PageSize, second.Count);
        var ids = first.Concat(second).Select(r => r.Id).ToList();
        Assert.Equal(total, ids.Distinct().Count());
        Assert.Superset(registered.ToHashSet(), ids.ToHashSet());
        Assert.Empty(await Page(2));

        Assert.Equal(first.Select(r => r.Id), (await Page(-3)).Select(r => r.Id));
        Assert.Empty(await Page(int.MaxValue));
        Assert.Equal(DeskRows.MaxPage * DeskRows.PageSize, DeskRows.Skip(int.MaxValue));
    }
}

public sealed class DeskPagingQueueTestsOnSqlite(SqliteApp app) : DeskPagingQueueTests(app), IClassFixture<SqliteApp>;

public sealed class DeskPagingQueueTestsOnPostgres(PostgresApp app) : DeskPagingQueueTests(app), IClassFixture<PostgresApp>;
