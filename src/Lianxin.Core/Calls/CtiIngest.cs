using System.Threading.Channels;
using Lianxin.Core.Calendars;
using Lianxin.Core.Common;
using Lianxin.Core.Data;
using Lianxin.Core.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lianxin.Core.Calls;

/// <summary>What the phone system is told: nothing to do, or turn the call away (a blocked number).</summary>
public sealed record CtiReply(bool Reject, bool Duplicate)
{
    public static CtiReply Accepted { get; } = new(false, false);
}

/// <summary>
/// The one writer of the call centre's live state (ADR 0013). Phone events, the agents' own state choices and
/// the clock's sweep (stuck calls, wrap-up running out) are queued here and applied in batches by one loop:
/// one transaction — one disk flush — per batch, so a busy centre's thousands of events per second cost a few
/// commits, and no two writers race for the same call or agent. A caller is answered only after its batch
/// committed; if the database fails, it gets the error and the phone system retries (nothing acknowledged is lost).
/// Several app instances each run a writer; the unique keys (call id, event kind) keep them exactly-once, and a
/// batch that loses such a race is retried from the database.
/// </summary>
public sealed partial class CtiIngest(IServiceScopeFactory scopes, TimeProvider clock, CallCentreChanges changes, ILogger<CtiIngest> log)
{
    public const int MaxBatch = 500;

    private readonly Channel<Work> _queue = Channel.CreateUnbounded<Work>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Queues one phone event and waits until it is stored (or refused).</summary>
    public async Task<CtiReply> SubmitAsync(Guid phoneSystemId, CtiEvent e, string fields, CancellationToken ct) =>
        (CtiReply)(await Enqueue(new Work.Event(phoneSystemId, e, fields), ct))!;

    /// <summary>An agent chooses a state in the console or over the API; answers their presence as saved.</summary>
    public async Task<AgentPresence> ChooseStateAsync(Actor actor, AgentState state, string? reason, CancellationToken ct)
    {
        actor.Require(Role.Agent, new Text("签入话务", "take calls"));
        return (AgentPresence)(await Enqueue(new Work.Choose(actor.UserId, state, reason), ct))!;
    }

    /// <summary>Closes stuck calls and ends wrap-ups past their maximum (the sweeper calls it every few seconds).</summary>
    public Task SweepAsync(CancellationToken ct) => Enqueue(new Work.Sweep(), ct);

    /// <summary>Runs the writer until <paramref name="stop"/>; what is queued by then is still written.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        var reader = _queue.Reader;
        var batch = new List<Work>(MaxBatch);
        while (true)
        {
            try
            {
                if (!await reader.WaitToReadAsync(stop))
                {
                    return;
                }
            }
            catch (OperationCanceledException)
            {
                _queue.Writer.TryComplete();
                stop = CancellationToken.None; // drain what callers are still waiting for
                continue;
            }

            batch.Clear();
            while (batch.Count < MaxBatch && reader.TryRead(out var work))
            {
                batch.Add(work);
            }

            await WriteAsync(batch, CancellationToken.None);
        }
    }

    private Task<object?> Enqueue(Work work, CancellationToken ct)
    {
        if (!_queue.Writer.TryWrite(work))
        {
            throw new InvalidOperationException("The call-centre writer has stopped.");
        }

        return ct.CanBeCanceled ? work.Done.Task.WaitAsync(ct) : work.Done.Task;
    }

    private async Task WriteAsync(List<Work> batch, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<LianxinDbContext>();
                var calendar = scope.ServiceProvider.GetRequiredService<CentreCalendar>();
                var applied = await new CtiBatch(db, calendar, clock).ApplyAsync(batch, ct);
                foreach (var (work, result) in applied.Results)
                {
                    if (result is Exception refused)
                    {
                        work.Done.TrySetException(refused);
                    }
                    else
                    {
                        work.Done.TrySetResult(result);
                    }
                }

                if (applied.Change is { } change)
                {
                    changes.Publish(change);
                }

                return;
            }
            catch (DbUpdateException ex) when (attempt < 3)
            {
                // Another instance stored the same call or event first, or a console changed a callback: read again.
                LogRetry(log, ex, batch.Count);
            }
            catch (Exception ex) when (batch.Count > 1 && ex is not OutOfMemoryException)
            {
                // One event the database refuses must not take its neighbours down: write them one by one.
                foreach (var work in batch)
                {
                    await WriteAsync([work], ct);
                }

                return;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                if (ex is not (ValidationFailedException or RuleViolationException))
                {
                    LogFailed(log, ex);
                }

                batch[0].Done.TrySetException(ex);
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A call-centre batch of {Count} met a concurrent change; retrying")]
    private static partial void LogRetry(ILogger logger, Exception ex, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "A call-centre change could not be stored")]
    private static partial void LogFailed(ILogger logger, Exception ex);

    /// <summary>One queued piece of work and the caller waiting for it.</summary>
    internal abstract record Work
    {
        public TaskCompletionSource<object?> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public sealed record Event(Guid PhoneSystemId, CtiEvent Cti, string Fields) : Work;

        public sealed record Choose(Guid UserId, AgentState State, string? Reason) : Work;

        public sealed record Sweep : Work;
    }
}
