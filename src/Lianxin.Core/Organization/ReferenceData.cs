using Lianxin.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Lianxin.Core.Organization;

/// <summary>
/// An in-memory snapshot of the three reference trees, for names and paths on every response without
/// a join. Reloaded when older than <see cref="MaxAge"/> or after a local admin change; a change made
/// on another app instance shows here within <see cref="MaxAge"/>. Rules that must be exact (is this
/// unit active?) read the database instead.
/// </summary>
public sealed class ReferenceData(TimeProvider clock) : IDisposable
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _reload = new(1, 1);
    private ReferenceSnapshot? _snapshot;

    public void Invalidate() => _snapshot = null;

    public void Dispose() => _reload.Dispose();

    public async Task<ReferenceSnapshot> GetAsync(LianxinDbContext db, CancellationToken ct)
    {
        var current = _snapshot;
        if (current is not null && clock.GetUtcNow() - current.LoadedAt < MaxAge)
        {
            return current;
        }

        await _reload.WaitAsync(ct);
        try
        {
            current = _snapshot;
            if (current is not null && clock.GetUtcNow() - current.LoadedAt < MaxAge)
            {
                return current;
            }

            var units = await db.Units.AsNoTracking().ToListAsync(ct);
            var categories = await db.Categories.AsNoTracking().ToListAsync(ct);
            var regions = await db.Regions.AsNoTracking().ToListAsync(ct);
            current = new ReferenceSnapshot(units, categories, regions, clock.GetUtcNow());
            _snapshot = current;
            return current;
        }
        finally
        {
            _reload.Release();
        }
    }
}

public sealed class ReferenceSnapshot
{
    internal ReferenceSnapshot(IReadOnlyList<Unit> units, IReadOnlyList<Category> categories, IReadOnlyList<Region> regions, DateTimeOffset loadedAt)
    {
        Units = new TreeIndex<Unit>(units);
        Categories = new TreeIndex<Category>(categories);
        Regions = new TreeIndex<Region>(regions);
        LoadedAt = loadedAt;
    }

    public TreeIndex<Unit> Units { get; }

    public TreeIndex<Category> Categories { get; }

    public TreeIndex<Region> Regions { get; }

    public DateTimeOffset LoadedAt { get; }

    /// <summary>
    /// The units whose orders a handler of <paramref name="unitId"/> sees: their own, and for units that
    /// pass orders down (sub-centres, street offices), every unit below them.
    /// </summary>
    public IReadOnlyCollection<Guid> VisibleUnitIds(Guid unitId)
    {
        if (Units.Find(unitId) is not { } unit)
        {
            return [unitId];
        }

        return unit.CanRedispatch ? Units.Subtree(unit).Select(u => u.Id).ToList() : [unitId];
    }
}

public sealed class TreeIndex<T>
    where T : TreeNode
{
    private readonly Dictionary<Guid, T> _byId;
    private readonly Dictionary<string, T> _byCode;

    internal TreeIndex(IReadOnlyList<T> nodes)
    {
        All = nodes;
        _byId = nodes.ToDictionary(n => n.Id);
        _byCode = nodes.Where(n => n.Code is not null).ToDictionary(n => n.Code!, StringComparer.Ordinal);
    }

    public IReadOnlyList<T> All { get; }

    public T? Find(Guid id) => _byId.GetValueOrDefault(id);

    public T? FindByCode(string code) => _byCode.GetValueOrDefault(code);

    /// <summary>Names from the root down, e.g. 房屋修缮 / 管道堵塞.</summary>
    public string PathName(T node, string separator = " / ")
    {
        var names = new List<string>();
        for (TreeNode? n = node; n is not null; n = n.ParentId is { } p ? _byId.GetValueOrDefault(p) : null)
        {
            names.Add(n.Name);
        }

        names.Reverse();
        return string.Join(separator, names);
    }

    public IEnumerable<T> Subtree(T root) => All.Where(n => n.Path.StartsWith(root.Path, StringComparison.Ordinal));
}
