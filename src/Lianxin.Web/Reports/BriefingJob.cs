using System.Globalization;
using Lianxin.Core.Reports;
using Microsoft.Extensions.Options;

namespace Lianxin.Web.Reports;

/// <summary>Configuration section <c>Lianxin:Reports</c>.</summary>
public sealed class BriefingOptions
{
    /// <summary>Local time (HH:mm, centre zone) at which the previous day's briefing is generated; empty turns the job off (tests).</summary>
    public string? BriefingAt { get; set; } = "07:00";

    public TimeOnly? At => string.IsNullOrWhiteSpace(BriefingAt) ? null
        : TimeOnly.TryParseExact(BriefingAt, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t
        : throw new InvalidOperationException("Lianxin:Reports:BriefingAt must be HH:mm (or empty to turn the morning briefing off).");
}

/// <summary>
/// "Generated every morning": at the configured local time, stores the previous day's briefing so leaders open it at once.
/// On start, a briefing missed while the app was down (past today's time, yesterday's not stored) is made at once.
/// Waits on the injected clock. Failures are logged and retried at the next morning (the page builds it on demand meanwhile).
/// </summary>
public sealed partial class BriefingJob(IServiceScopeFactory scopes, TimeProvider clock, IOptions<BriefingOptions> options, ILogger<BriefingJob> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.At is not { } at)
        {
            return;
        }

        var first = true;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var zone = await ZoneAsync(stoppingToken);
                var now = clock.GetUtcNow().UtcDateTime;
                var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(now, zone));
                var todaysRun = TimeZoneInfo.ConvertTimeToUtc(today.ToDateTime(at), zone);
                if (first)
                {
                    first = false;
                    if (now >= todaysRun)
                    {
                        await GenerateAsync(today.AddDays(-1), onlyIfMissing: true, stoppingToken);
                    }
                }

                var runDay = now < todaysRun ? today : today.AddDays(1);
                var next = TimeZoneInfo.ConvertTimeToUtc(runDay.ToDateTime(at), zone);
                await Task.Delay(next - now, clock, stoppingToken);
                await GenerateAsync(runDay.AddDays(-1), onlyIfMissing: false, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                LogFailed(logger, ex);
                await Task.Delay(TimeSpan.FromMinutes(10), clock, stoppingToken);
            }
        }
    }

    private async Task<TimeZoneInfo> ZoneAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DailyFigureStore>().ZoneAsync(ct);
    }

    private async Task GenerateAsync(DateOnly day, bool onlyIfMissing, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var briefing = scope.ServiceProvider.GetRequiredService<GetBriefing>();
        if (onlyIfMissing && await briefing.IsStoredAsync(day, ct))
        {
            return;
        }

        var started = clock.GetTimestamp();
        await briefing.GenerateAsync(day, ct);
        var elapsed = clock.GetElapsedTime(started);
        LogGenerated(logger, day, elapsed.TotalMilliseconds);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Briefing of {Day} generated in {Milliseconds:0} ms")]
    private static partial void LogGenerated(ILogger logger, DateOnly day, double milliseconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Briefing generation failed; retrying in 10 minutes")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
