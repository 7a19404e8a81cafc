namespace Lianxin.Core.Common;

/// <summary>
/// An in-process feed of "what changed" signals, published after the change is committed: open console pages
/// subscribe and reload. Order changes, admin changes and the call centre each have one. A backplane (Redis
/// pub/sub) for several instances would publish what this process saves and feed what others announce into
/// <see cref="Publish"/> (ADR 0008).
/// </summary>
public abstract class ChangeFeed<T>
{
    private readonly Lock _gate = new();
    private Action<T>[] _listeners = [];

    public int ListenerCount => Volatile.Read(ref _listeners).Length;

    /// <summary>Calls <paramref name="listener"/> on every change until disposed. It runs on the publisher's thread: return quickly.</summary>
    public IDisposable Subscribe(Action<T> listener)
    {
        lock (_gate)
        {
            _listeners = [.. _listeners, listener];
        }

        return new Subscription(this, listener);
    }

    public virtual void Publish(T change)
    {
        foreach (var listener in Volatile.Read(ref _listeners))
        {
            try
            {
                listener(change);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // One broken listener (a closed page) must not stop the others nor fail the change already committed.
            }
        }
    }

    private void Unsubscribe(Action<T> listener)
    {
        lock (_gate)
        {
            _listeners = [.. _listeners.Where(l => l != listener)];
        }
    }

    private sealed class Subscription(ChangeFeed<T> owner, Action<T> listener) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Unsubscribe(listener);
            }
        }
    }
}
