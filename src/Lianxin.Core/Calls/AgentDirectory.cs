using Lianxin.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Lianxin.Core.Calls;

/// <summary>
/// Who a phone event names: the user with that extension (分机号), else with that login, else with that
/// display name (Zammad's <c>user</c> is a name). Only active users are matched.
/// </summary>
internal sealed class AgentDirectory
{
    private readonly Dictionary<string, Guid> _byExtension = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Guid> _byLogin = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Guid> _byName = new(StringComparer.Ordinal);

    public static AgentDirectory Empty { get; } = new();

    public IEnumerable<Guid> Ids => _byExtension.Values.Concat(_byLogin.Values).Concat(_byName.Values).Distinct();

    public static async Task<AgentDirectory> LoadAsync(LianxinDbContext db, IReadOnlyCollection<string> names, CancellationToken ct)
    {
        if (names.Count == 0)
        {
            return Empty;
        }

        var logins = names.Select(n => n.Trim().ToLowerInvariant()).Distinct().ToList();
        var users = await db.Users.AsNoTracking()
            .Where(u => u.IsActive && ((u.Extension != null && names.Contains(u.Extension)) || logins.Contains(u.UserName) || names.Contains(u.DisplayName)))
            .Select(u => new { u.Id, u.Extension, u.UserName, u.DisplayName })
            .ToListAsync(ct);
        var directory = new AgentDirectory();
        foreach (var u in users.OrderBy(u => u.Id))
        {
            if (u.Extension is not null)
            {
                directory._byExtension.TryAdd(u.Extension, u.Id);
            }

            directory._byLogin.TryAdd(u.UserName, u.Id);
            directory._byName.TryAdd(u.DisplayName, u.Id);
        }

        return directory;
    }

    public Guid? Find(string name) =>
        _byExtension.TryGetValue(name, out var id) || _byLogin.TryGetValue(name.Trim().ToLowerInvariant(), out id) || _byName.TryGetValue(name, out id)
            ? id
            : null;
}
