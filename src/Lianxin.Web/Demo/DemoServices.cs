using Lianxin.Core.Calendars;
using Lianxin.Core.Deadlines;
using Lianxin.Core.Organization;

namespace Lianxin.Web.Demo;

/// <summary>The demo's time: moved to each step's instant while the demo centre's month is walked.</summary>
internal sealed class DemoClock(DateTime start) : TimeProvider
{
    public DateTime Now { get; private set; } = DateTime.SpecifyKind(start, DateTimeKind.Utc);

    public override DateTimeOffset GetUtcNow() => new(Now, TimeSpan.Zero);

    public void MoveTo(DateTime utc) => Now = DateTime.SpecifyKind(utc, DateTimeKind.Utc);
}

/// <summary>
/// A container built from the app's own registrations in which time is the demo's. The use cases read
/// the time several levels down (WorkOrderStore, DetectRepeat, RecordRoutingDecision, Ids.New …), so the
/// clock is not handed to one class: it is the container's <see cref="TimeProvider"/>, registered last so
/// that it wins over the app's and over a test's fake clock. The app's own container, and its clock, are
/// left alone. Same configuration, so the same database; everything else is wired exactly as the app's.
/// </summary>
internal sealed class DemoServices : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    public DemoServices(IServiceCollection app, DemoClock clock)
    {
        IServiceCollection services = new ServiceCollection();
        foreach (var descriptor in app)
        {
            services.Add(descriptor);
        }

        // These caches expire by the clock. By the demo's, which jumps minutes or hours from one step to the
        // next, they would reload at nearly every step; nothing changes what they hold while the month is
        // walked (the demo writes the trees first), so here they age in real time.
        services.AddSingleton(_ => new ReferenceData(TimeProvider.System));
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<CentreCalendar>(sp, TimeProvider.System));
        services.AddSingleton(_ => new ActivePolicies(TimeProvider.System));
        services.AddSingleton<TimeProvider>(clock);
        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    /// <summary>Runs <paramref name="work"/> in a scope of its own, as one request would.</summary>
    public async Task<T> RunAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = _provider.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public Task RunAsync(Func<IServiceProvider, Task> work) => RunAsync(async sp =>
    {
        await work(sp);
        return true;
    });

    /// <summary>After the demo wrote the reference trees: its own snapshot must see them.</summary>
    public void ReferenceDataChanged() => _provider.GetRequiredService<ReferenceData>().Invalidate();

    public ValueTask DisposeAsync() => _provider.DisposeAsync();
}
