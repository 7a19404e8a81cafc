using System.Collections.Concurrent;
using Lianxin.Core.WorkOrders;
using Lianxin.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lianxin.Web.Tests.WorkOrders;

/// <summary>
/// The live feed the console's pages listen to: every committed change to an order is announced once the
/// change is visible to a reader, whoever made it (API, a transaction of several saves); nothing for a refusal.
/// </summary>
public abstract class OrderChangeFeedTests(LianxinApp app)
{
    private readonly Orders _orders = new(app);

    private sealed class Recorder : IDisposable
    {
        private readonly IDisposable _subscription;

        public Recorder(LianxinApp app, Func<Guid, bool>? visible = null)
        {
            _subscription = app.Services.GetRequiredService<OrderChanges>().Subscribe(change =>
            {
                foreach (var id in change.OrderIds)
                {
                    Seen.Add(id);
                    if (visible is not null)
                    {
                        VisibleWhenAnnounced[id] = visible(id);
                    }
                }
            });
        }

        public ConcurrentBag<Guid> Seen { get; } = [];

        public ConcurrentDictionary<Guid, bool> VisibleWhenAnnounced { get; } = new();

        public void Dispose() => _subscription.Dispose();
    }

    [Fact]
    public async Task RegisterAndDispatch_AreAnnounced_AfterTheyAreCommitted()
    {
        using var recorder = new Recorder(app, id =>
        {
            // Read on another connection while the listener runs: the change must already be committed.
            using var scope = app.Services.CreateScope();
            return scope.ServiceProvider.GetRequiredService<Lianxin.Core.Data.LianxinDbContext>().WorkOrders.AsNoTracking().Any(o => o.Id == id);
        });
        var id = await _orders.RegisteredAsync();
        Assert.Contains(id, recorder.Seen);
        Assert.True(recorder.VisibleWhenAnnounced[id]);

        var before = recorder.Seen.Count(x => x == id);
        await _orders.DispatchAsync(id, app.Data.Water);
        Assert.True(recorder.Seen.Count(x => x == id) > before);
    }

    [Fact]
    public async Task RefusedAction_IsNotAnnounced()
    {
        var id = await _orders.RegisteredAsync();
        using var recorder = new Recorder(app);
        (await _orders.ActAsync("water", id, "accept")).ExpectProblem(404);
        Assert.True((await _orders.ActAsync("agent", id, "review", new { approve = true })).Code >= 400);
        Assert.DoesNotContain(id, recorder.Seen);
    }

    [Fact]
    public async Task ListenerThatThrows_DoesNotFailTheSaveNorStopOthers()
    {
        using var broken = app.Services.GetRequiredService<OrderChanges>().Subscribe(_ => throw new InvalidOperationException("a closed page"));
        using var recorder = new Recorder(app);
        var id = await _orders.RegisteredAsync();
        Assert.Contains(id, recorder.Seen);
    }
}

public sealed class OrderChangeFeedTestsOnSqlite(SqliteApp app) : OrderChangeFeedTests(app), IClassFixture<SqliteApp>;

public sealed class OrderChangeFeedTestsOnPostgres(PostgresApp app) : OrderChangeFeedTests(app), IClassFixture<PostgresApp>;
