using System.Collections.Concurrent;

namespace Lianxin.Web.Components;

/// <summary>
/// Soft locks: who has which order open right now (an order page or a list's drawer), so a row shows
/// "李婷婷 正在处理" and two people do not work the same order unknowingly. Never a hard lock: anyone
/// may still act, and the version check refuses the stale one. In-process, like <see cref="Lianxin.Core.WorkOrders.OrderChanges"/>.
/// </summary>
public sealed class OrderPresence
{
    private readonly ConcurrentDictionary<string, (Guid Order, string Name)> _bySession = new();

    /// <summary>Raised with the order whose viewers changed.</summary>
    public event Action<Guid>? Changed;

    /// <summary><paramref name="session"/> now has <paramref name="order"/> open (and no other).</summary>
    public void Enter(string session, Guid order, string name)
    {
        var previous = _bySession.TryGetValue(session, out var p) ? p.Order : (Guid?)null;
        _bySession[session] = (order, name);
        if (previous is { } left && left != order)
        {
            Raise(left);
        }

        if (previous != order)
        {
            Raise(order);
        }
    }

    public void Leave(string session)
    {
        if (_bySession.TryRemove(session, out var left))
        {
            Raise(left.Order);
        }
    }

    /// <summary>The names of the others who have <paramref name="order"/> open.</summary>
    public IReadOnlyList<string> Others(Guid order, string session) =>
        [.. _bySession.Where(kv => kv.Value.Order == order && kv.Key != session).Select(kv => kv.Value.Name).Distinct()];

    /// <summary>Every open order with who has it, for a list to mark its rows.</summary>
    public IReadOnlyDictionary<Guid, string> Snapshot(string session) =>
        _bySession.Where(kv => kv.Key != session).GroupBy(kv => kv.Value.Order)
            .ToDictionary(g => g.Key, g => string.Join("、", g.Select(kv => kv.Value.Name).Distinct()));

    private void Raise(Guid order)
    {
        try
        {
            Changed?.Invoke(order);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A closed page's handler must not break the others.
        }
    }
}
