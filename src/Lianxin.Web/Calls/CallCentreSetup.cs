using Lianxin.Core.Calls;
using Microsoft.Extensions.Options;

namespace Lianxin.Web.Calls;

public sealed class CallCentreOptions
{
    /// <summary>Seconds between sweeps of stuck calls and wrap-ups run out; 0 turns the timer off (tests sweep themselves).</summary>
    public int SweepIntervalSeconds { get; set; } = 2;
}

/// <summary>The call centre (issue 10, ADR 0013): the CTI ingest, the call log, agents, callbacks and the board.</summary>
public static class CallCentreSetup
{
    public static WebApplicationBuilder AddCallCentre(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<CallCentreOptions>(builder.Configuration.GetSection("Lianxin:CallCentre"));
        services.AddSingleton<CallCentreChanges>();
        services.AddSingleton<PhoneSystemTokens>();
        services.AddSingleton<CtiIngest>();
        services.AddHostedService<CallCentreWriter>();
        services.AddScoped<CreatePhoneSystem>();
        services.AddScoped<ListCalls>();
        services.AddScoped<ListAgents>();
        services.AddScoped<GetMyPresence>();
        services.AddScoped<GetWallboard>();
        services.AddScoped<ListCallbacks>();
        services.AddScoped<WorkCallback>();
        services.AddScoped<BlockedNumbers>();
        services.AddScoped<LinkCallToOrder>();
        return builder;
    }
}

/// <summary>Runs the call-centre writer (<see cref="CtiIngest"/>) and, on a timer, its sweep.</summary>
public sealed partial class CallCentreWriter(CtiIngest ingest, TimeProvider clock, IOptions<CallCentreOptions> options, ILogger<CallCentreWriter> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var writer = ingest.RunAsync(stoppingToken);
        var seconds = options.Value.SweepIntervalSeconds;
        if (seconds > 0)
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(seconds), clock);
            try
            {
                while (await timer.WaitForNextTickAsync(stoppingToken))
                {
                    try
                    {
                        await ingest.SweepAsync(stoppingToken);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
                    {
                        LogSweepFailed(logger, ex);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                // Shutting down: the writer drains what is queued.
            }
        }

        await writer;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Call-centre sweep failed; retrying on the next tick")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
