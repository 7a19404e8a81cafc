using System.Globalization;
using Lianxin.Core.Calendars;
using Lianxin.Core.Common;
using Lianxin.Core.Data;
using Lianxin.Core.Deadlines;
using Lianxin.Core.Identity;
using Lianxin.Core.Knowledge;
using Lianxin.Core.Organization;
using Lianxin.Core.Reports;
using Lianxin.Core.Routing;
using Lianxin.Core.WorkOrders;
using Lianxin.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Lianxin.Web.Demo;

/// <summary>
/// Loads the demo centre into an empty database: the unit, region and category trees, one login per role
/// and per unit, a small routing catalogue and unit groups, then a month of orders in every status
/// (<see cref="DemoMonth"/>), every step of which goes through the real use case, as a demo login, at its
/// own instant. Deterministic: the same data for the same start instant.
/// </summary>
public sealed class DemoCentre(
    DemoRegistrations registrations, TimeProvider clock, IPasswordHasher<User> hasher, IOptions<CentreOptions> centre,
    ReferenceData refs, CentreCalendar calendar, ActivePolicies policies)
{
    /// <summary>Password of every demo login (README.md lists them).</summary>
    public const string Password = "lianxin-demo";

    public async Task<string> LoadAsync(CancellationToken ct)
    {
        var content = DemoContent.Load();
        var now = clock.GetUtcNow().UtcDateTime;
        var loading = System.Diagnostics.Stopwatch.StartNew();
        var demoClock = new DemoClock(now.AddDays(-(DemoMonth.HistoryDays + 7)));
        string summary;
        await using (var demo = new DemoServices(registrations.Services, demoClock))
        {
            var world = await demo.RunAsync(sp => AddReferenceDataAsync(sp.GetRequiredService<LianxinDbContext>(), content, demoClock, ct));
            demo.ReferenceDataChanged();
            await demo.RunAsync(sp => AddRoutingRulesAsync(sp.GetRequiredService<ManageRoutingRules>(), content, world, ct));
            await demo.RunAsync(async sp => world.Groups.AddRange(await AddUnitGroupsAsync(sp.GetRequiredService<ManageUnitGroups>(), world, ct)));
            await demo.RunAsync(sp => AddKnowledgeAsync(sp.GetRequiredService<CreateArticle>(), sp.GetRequiredService<CreatePhrase>(), content, world, ct));

            var month = new DemoMonth(demo, demoClock, content, world, centre.Value.Zone, ct);
            await month.RunAsync(now);
            var orders = loading.Elapsed;
            var workingCalendar = await demo.RunAsync(async sp => (await sp.GetRequiredService<CentreCalendar>().GetAsync(sp.GetRequiredService<LianxinDbContext>(), ct)).Calendar);
            await new DemoCalls(demo, demoClock, centre.Value.Zone, workingCalendar, DemoMonth.HistoryDays, ct).RunAsync(now);
            var figures = await demo.RunAsync(sp => BuildDailyFiguresAsync(sp.GetRequiredService<DailyFigureStore>(), centre.Value.Zone, now, ct));
            summary = await demo.RunAsync(sp => SummaryAsync(sp.GetRequiredService<LianxinDbContext>(), world, ct));
            summary += string.Create(CultureInfo.InvariantCulture, $", daily figures for {figures} days");
            var calls = await demo.RunAsync(sp => sp.GetRequiredService<LianxinDbContext>().PhoneCalls.CountAsync(ct));
            summary += string.Create(CultureInfo.InvariantCulture, $", {calls} calls; loaded in {loading.Elapsed.TotalSeconds:0.0} s (orders {orders.TotalSeconds:0.0} s)");
        }

        // The app's caches may hold what they read before the demo wrote (and in tests its clock stands still).
        refs.Invalidate();
        calendar.Invalidate();
        policies.Invalidate();
        return summary;
    }

    private async Task<DemoWorld> AddReferenceDataAsync(LianxinDbContext db, DemoContent content, DemoClock demoClock, CancellationToken ct)
    {
        var world = new DemoWorld();
        var at = demoClock.Now;
        AddRegions(db, world, content.Regions, null, at, demoClock);
        foreach (var unit in content.Units)
        {
            AddUnit(db, world, unit, null, at, demoClock);
        }

        AddCategories(db, world, DefaultCategories.Paths().Concat(content.CategoryAdditions), at, demoClock);
        await AddUsersAsync(db, world, content, at, demoClock, ct);
        await db.SaveChangesAsync(ct);
        world.Admin = (await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.UserName == StartupTasks.AdminUserName, ct)
            ?? throw new InvalidOperationException("The demo centre is loaded after the built-in admin is created.")).ToActor();
        return world;
    }

    private static void AddRegions(LianxinDbContext db, DemoWorld world, IReadOnlyList<DemoRegion>? regions, Region? parent, DateTime at, TimeProvider ids)
    {
        foreach (var r in regions ?? [])
        {
            var region = new Region(Ids.New(ids), r.Name, r.Code, parent, at);
            db.Regions.Add(region);
            if (r.Children is null or { Count: 0 })
            {
                world.Communities.Add(region);
            }

            AddRegions(db, world, r.Children, region, at, ids);
        }
    }

    private static void AddUnit(LianxinDbContext db, DemoWorld world, DemoUnit u, Unit? parent, DateTime at, TimeProvider ids)
    {
        var kind = Enum.Parse<UnitKind>(u.Kind, ignoreCase: true);
        var unit = new Unit(Ids.New(ids), u.Name, kind, u.Code, parent, at);
        db.Units.Add(unit);
        world.Units[u.Key] = unit;
        foreach (var child in u.Children ?? [])
        {
            AddUnit(db, world, child, unit, at, ids);
        }
    }

    private static void AddCategories(LianxinDbContext db, DemoWorld world, IEnumerable<string> paths, DateTime at, TimeProvider ids)
    {
        foreach (var path in paths)
        {
            Category? parent = null;
            var soFar = "";
            foreach (var name in path.Split(" / ", StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                soFar = soFar.Length == 0 ? name : soFar + " / " + name;
                if (!world.Categories.TryGetValue(soFar, out var node))
                {
                    var siblings = world.Categories.Values.Count(c => c.ParentId == parent?.Id);
                    var code = (parent?.Code ?? "") + (siblings + 1).ToString("00", CultureInfo.InvariantCulture);
                    node = new Category(Ids.New(ids), name, code, parent, at);
                    db.Categories.Add(node);
                    world.Categories[soFar] = node;
                }

                parent = node;
            }
        }
    }

    /// <summary>
    /// The staff of demo-centre.json, then a login for every unit that takes orders, named after its key.
    /// Written directly rather than through ManageUsers: every login shares the demo password, so one
    /// hash serves them all, and hashing is slow on purpose (a fresh start hashed 40-odd times took ~17 s).
    /// </summary>
    private async Task AddUsersAsync(LianxinDbContext db, DemoWorld world, DemoContent content, DateTime at, TimeProvider ids, CancellationToken ct)
    {
        var taken = new HashSet<string>(await db.Users.Select(u => u.UserName).ToListAsync(ct), StringComparer.Ordinal);
        string? hash = null;
        Actor? Add(string userName, string displayName, Role roles, Guid? unitId, string? extension)
        {
            if (!taken.Add(User.Normalize(userName)))
            {
                return null;
            }

            var user = new User(Ids.New(ids), userName, displayName, roles, unitId, extension, at);
            hash ??= hasher.HashPassword(user, Password);
            user.SetPasswordHash(hash);
            db.Users.Add(user);
            return user.ToActor();
        }

        foreach (var s in content.Staff)
        {
            var roles = s.Roles.Aggregate(Role.None, (acc, name) => Roles.TryParse(name, out var r) ? acc | r : acc);
            var unit = world.Units.GetValueOrDefault(s.UnitKey);
            if (Add(s.Username, s.DisplayName, roles, unit?.Id, s.Extension) is not { } actor)
            {
                continue;
            }

            if (roles.HasFlag(Role.Handler) && unit is not null)
            {
                world.Handlers.TryAdd(unit.Id, actor);
            }

            foreach (var role in Roles.All.Where(r => r != Role.Handler && roles.HasFlag(r)))
            {
                (world.Staff.TryGetValue(role, out var list) ? list : world.Staff[role] = []).Add(actor);
            }
        }

        // The call centre's extra agents work the phones only (DemoCalls): the month of orders is walked by the staff above.
        foreach (var s in content.CallAgents ?? [])
        {
            Add(s.Username, s.DisplayName, Role.Agent, world.Units.GetValueOrDefault(s.UnitKey)?.Id, s.Extension);
        }

        foreach (var (key, unit) in world.Units.Where(u => u.Value.Kind != UnitKind.Centre))
        {
            if (!world.Handlers.ContainsKey(unit.Id) && Add(key, unit.Name + "承办人", Role.Handler, unit.Id, null) is { } actor)
            {
                world.Handlers[unit.Id] = actor;
            }
        }
    }

    /// <summary>A small 派单目录, entered by the admin, so the dispatcher sees suggestions for the demo's orders.</summary>
    private static async Task AddRoutingRulesAsync(ManageRoutingRules rules, DemoContent content, DemoWorld world, CancellationToken ct)
    {
        foreach (var r in content.RoutingRules ?? [])
        {
            var assists = (r.AssistUnitKeys ?? []).Select(k => world.Units[k].Id).ToList();
            await rules.CreateAsync(world.Admin, new RuleInput(r.Category is null ? null : world.Categories[r.Category].Id, r.RegionCode, world.Units[r.UnitKey].Id, assists, r.Note), ct);
        }
    }

    /// <summary>The knowledge base and common phrases the call-takers use, written by the shift leader (值班长) before the month starts.</summary>
    private static async Task AddKnowledgeAsync(CreateArticle articles, CreatePhrase phrases, DemoContent content, DemoWorld world, CancellationToken ct)
    {
        var editor = world.Staff.TryGetValue(Role.Supervisor, out var supervisors) && supervisors.Count > 0 ? supervisors[0] : world.Admin;
        foreach (var a in content.Knowledge ?? [])
        {
            await articles.ExecuteAsync(editor, new ArticleInput(a.Title, a.Answer, a.Category is null ? null : world.Categories[a.Category].Id, [.. a.Keywords]), ct);
        }

        foreach (var p in content.Phrases ?? [])
        {
            await phrases.ExecuteAsync(editor, new PhraseInput(p.Text, p.Shortcut, null), ct);
        }
    }

    /// <summary>Each district's property companies form a union (物业服务联合体), the unit group hard cases are offered to (专家会诊).</summary>
    private static async Task<List<DemoGroup>> AddUnitGroupsAsync(ManageUnitGroups groups, DemoWorld world, CancellationToken ct)
    {
        var added = new List<DemoGroup>();
        foreach (var district in world.Units.Values.Where(u => u.Kind == UnitKind.SubCentre))
        {
            var members = world.Units.Values.Where(u => u.Kind == UnitKind.PropertyCompany && u.IsInSubtreeOf(district)).ToList();
            if (members.Count >= 2)
            {
                var group = await groups.CreateAsync(world.Admin, district.Name.Replace("分中心", "", StringComparison.Ordinal) + "物业服务联合体",
                    $"{district.Name}辖区内的物业服务企业，疑难工单专家会诊时一并邀请。", members.Select(m => m.Id).ToList(), ct);
                added.Add(new DemoGroup(group.Id, members));
            }
        }

        return added;
    }

    /// <summary>
    /// The daily aggregate for every day of the history (the past days final), as the refresher leaves a centre that has
    /// run all along: the briefing, the ranking and the trend charts read it at once. Returns the number of days.
    /// </summary>
    private static async Task<int> BuildDailyFiguresAsync(DailyFigureStore store, TimeZoneInfo zone, DateTime now, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(now, zone));
        var days = 0;
        for (var day = today.AddDays(-(DemoMonth.HistoryDays + 7)); day <= today; day = day.AddDays(1), days++)
        {
            await store.RebuildAsync(day, ct);
        }

        return days;
    }

    private static async Task<string> SummaryAsync(LianxinDbContext db, DemoWorld world, CancellationToken ct)
    {
        var statuses = await db.WorkOrders.GroupBy(o => o.Status).Select(g => new { Status = g.Key, Count = g.Count() }).ToListAsync(ct);
        var logins = world.Staff.Values.SelectMany(s => s).Concat(world.Handlers.Values).Distinct().Count();
        return string.Create(CultureInfo.InvariantCulture,
            $"{world.Units.Count} units, {world.Categories.Count} categories, {world.Communities.Count} communities, {logins} logins (password '{Password}'), " +
            $"{statuses.Sum(s => s.Count)} orders ({string.Join(", ", statuses.OrderBy(s => s.Status).Select(s => $"{StatusNames.En(s.Status)} {s.Count}"))})");
    }
}

/// <summary>What the demo wrote before its month starts, and who its people are.</summary>
internal sealed class DemoWorld
{
    public Dictionary<string, Unit> Units { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, Category> Categories { get; } = new(StringComparer.Ordinal);

    public List<Region> Communities { get; } = [];

    /// <summary>One login per unit that takes orders.</summary>
    public Dictionary<Guid, Actor> Handlers { get; } = [];

    /// <summary>The centre's staff by role (agents, dispatchers, visitors, supervisors).</summary>
    public Dictionary<Role, List<Actor>> Staff { get; } = [];

    public List<DemoGroup> Groups { get; } = [];

    public Actor Admin { get; set; } = Actor.System;
}

internal sealed record DemoGroup(Guid Id, IReadOnlyList<Unit> Members);
