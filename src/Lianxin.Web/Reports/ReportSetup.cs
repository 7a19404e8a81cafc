using Lianxin.Core.Calls;
using Lianxin.Core.Reports;
using Lianxin.Core.WorkOrders;

namespace Lianxin.Web.Reports;

public sealed class ReportOptions
{
    /// <summary>Seconds between refreshes of today's figures (and the day closing); 0 turns the timer off (tests refresh themselves).</summary>
    public int RefreshSeconds { get; set; } = 60;
}

/// <summary>KPIs, the daily aggregate and its refresher, the ranking, the drill-down.</summary>
public static class ReportSetup
{
    public static WebApplicationBuilder AddReports(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<KpiDays>();
        services.AddScoped<DailyFigureStore>();
        services.AddScoped<RefreshDailyFigures>();
        services.AddScoped<GetKpis>();
        services.AddScoped<GetKpiTrend>();
        services.AddScoped<GetRanking>();
        services.AddScoped<ListKpiOrders>();
        services.Configure<ReportOptions>(builder.Configuration.GetSection("Lianxin:Reports"));
        services.AddHostedService<DailyFigureRefresher>();
        return builder;
    }
}

/// <summary>
/// Keeps the daily aggregate up to date: every order change and call-centre change marks today dirty (a flag, on the
/// publisher's thread), and a timer (<see cref="ReportOptions.RefreshSeconds"/>, the injected clock's) runs
/// <see cref="RefreshDailyFigures"/>. Failures are logged; the timer never stops on them.
/// </summary>
public sealed partial class DailyFigureRefresher(
    IServiceScopeFactory scopes, TimeProvider clock, KpiDays days, OrderChanges orders, CallCentreChanges calls,
    Microsoft.Extensions.Options.IOptions<ReportOptions> options, ILogger<DailyFigureRefresher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var orderFeed = orders.Subscribe(_ => days.MarkTodayDirty());
        using var callFeed = calls.Subscribe(c =>
        {
            if (c.Calls)
            {
                days.MarkTodayDirty();
            }
        });
        var seconds = options.Value.RefreshSeconds;
        if (seconds <= 0)
        {
            await Task.Delay(Timeout.Infinite, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(seconds), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var result = await scope.ServiceProvider.GetRequiredService<RefreshDailyFigures>().RunOnceAsync(stoppingToken);
                foreach (var day in result.Finalised)
                {
                    LogFinal(logger, day);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                LogFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Daily figures final for {Day}")]
    private static partial void LogFinal(ILogger logger, DateOnly day);

    [LoggerMessage(Level = LogLevel.Error, Message = "Refreshing the daily figures failed; retrying on the next tick")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
