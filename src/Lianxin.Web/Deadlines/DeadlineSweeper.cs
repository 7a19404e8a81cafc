using Lianxin.Core.Deadlines;

namespace Lianxin.Web.Deadlines;

public sealed class DeadlineOptions
{
    /// <summary>Seconds between sweeps; 0 turns the timer off (tests run sweeps themselves).</summary>
    public int SweepIntervalSeconds { get; set; } = 30;
}

/// <summary>
/// Runs <see cref="DeadlineSweep"/> on a timer (the injected clock's). Each tick drains what is due in
/// batches, then expires unclaimed help requests and archives closed orders not due a visit whose window ended. Failures are logged and counted; the timer never stops on them.
/// </summary>
public sealed partial class DeadlineSweeper(IServiceScopeFactory scopes, TimeProvider clock, Microsoft.Extensions.Options.IOptions<DeadlineOptions> options, ILogger<DeadlineSweeper> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = options.Value.SweepIntervalSeconds;
        if (seconds <= 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(seconds), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                SweepResult result;
                do
                {
                    await using var scope = scopes.CreateAsyncScope();
                    result = await scope.ServiceProvider.GetRequiredService<DeadlineSweep>().RunOnceAsync(stoppingToken);
                    if (result.Changed > 0)
                    {
                        // Set-based SQL, not tracked orders: tell the open pages that many orders may have moved.
                        scope.ServiceProvider.GetRequiredService<Lianxin.Core.WorkOrders.OrderChanges>().Publish(Lianxin.Core.WorkOrders.OrderChange.Many);
                    }

                    if (result.Changed > 0 || result.Failed > 0)
                    {
                        LogSwept(logger, result.Changed, result.Failed);
                    }
                }
                while (result.Claimed >= DeadlineSweep.DefaultBatchSize && !stoppingToken.IsCancellationRequested);

                await using (var scope = scopes.CreateAsyncScope())
                {
                    // Help requests nobody claimed in time go back to the dispatchers.
                    await scope.ServiceProvider.GetRequiredService<Lianxin.Core.Dispatch.ExpireHelpRequests>().RunOnceAsync(stoppingToken);
                }

                await using (var scope = scopes.CreateAsyncScope())
                {
                    // Closed orders not due a return visit are archived when their visit window ends.
                    if (await scope.ServiceProvider.GetRequiredService<Lianxin.Core.ReturnVisits.ArchiveUnvisitedOrders>().RunOnceAsync(stoppingToken) > 0)
                    {
                        scope.ServiceProvider.GetRequiredService<Lianxin.Core.WorkOrders.OrderChanges>().Publish(Lianxin.Core.WorkOrders.OrderChange.Many);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // The database may be down for a moment; the next tick tries again.
                LogFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deadline sweep: {Changed} deadline changes written, {Failed} orders failed")]
    private static partial void LogSwept(ILogger logger, int changed, int failed);

    [LoggerMessage(Level = LogLevel.Error, Message = "Deadline sweep failed; retrying on the next tick")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
