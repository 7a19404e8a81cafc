namespace Lianxin.Web.Demo;

/// <summary>
/// The demo's month in time order. A process (one call and what follows it, the deadline sweeper …) is an
/// async iterator: it acts at the current instant and yields the instant it acts next. The timeline runs
/// the earliest process step, with the clock moved to its instant, one step at a time, so every step sees
/// the others as they stood at that moment. A process whose next instant lies after the end stops there:
/// that is why the newest orders are the ones still open.
/// </summary>
internal sealed class DemoTimeline(DemoClock clock, DateTime end)
{
    private readonly PriorityQueue<Process, (DateTime At, long Sequence)> _queue = new();
    private long _sequence;
    private DateTime _now = DateTime.MinValue;

    /// <summary>Starts <paramref name="process"/> at <paramref name="at"/> (not at all when that is after the end).</summary>
    public void Start(DateTime at, Func<IAsyncEnumerable<DateTime>> process)
    {
        if (at < _now)
        {
            throw new InvalidOperationException($"A demo process cannot start at {at:O}, before the timeline's {_now:O}.");
        }

        if (at <= end)
        {
            _queue.Enqueue(new Process(process, null), (at, _sequence++));
        }
    }

    public async Task RunAsync(CancellationToken ct)
    {
        while (_queue.TryDequeue(out var process, out var when))
        {
            ct.ThrowIfCancellationRequested();
            _now = when.At;
            clock.MoveTo(when.At);
            var steps = process.Steps ?? process.Begin().GetAsyncEnumerator(ct);
            if (await steps.MoveNextAsync() && steps.Current <= end)
            {
                if (steps.Current < when.At)
                {
                    throw new InvalidOperationException($"A demo process asked to go back from {when.At:O} to {steps.Current:O}.");
                }

                _queue.Enqueue(process with { Steps = steps }, (steps.Current, _sequence++));
                continue;
            }

            await steps.DisposeAsync();
        }
    }

    private sealed record Process(Func<IAsyncEnumerable<DateTime>> Begin, IAsyncEnumerator<DateTime>? Steps);
}
