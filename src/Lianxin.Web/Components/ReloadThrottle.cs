namespace Lianxin.Web.Components;

/// <summary>
/// Turns a stream of change notices into reloads of one component, at most one per interval: a notice
/// while a reload is already waiting is folded into it, and the reload runs on the component's renderer
/// (<c>InvokeAsync</c>). Used by the live order pages and the live admin lists.
/// </summary>
public sealed class ReloadThrottle(Func<Func<Task>, Task> onRenderer, Func<Task> reload, TimeSpan interval)
{
    private int _pending;
    private long _lastReload; // Environment.TickCount64: a throttle of real elapsed time, not the centre's clock

    /// <summary>Asks for a reload; returns at once (the reload follows on the renderer).</summary>
    public void Request()
    {
        if (Interlocked.Exchange(ref _pending, 1) == 1)
        {
            return;
        }

        _ = onRenderer(async () =>
        {
            var wait = TimeSpan.FromMilliseconds(_lastReload - Environment.TickCount64) + interval;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            Volatile.Write(ref _pending, 0);
            _lastReload = Environment.TickCount64;
            try
            {
                await reload();
            }
            catch (ObjectDisposedException)
            {
                // The page closed while the reload was waiting.
            }
        });
    }
}
