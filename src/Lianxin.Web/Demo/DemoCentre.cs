using System.Globalization;
using Lianxin.Core.Calendars;
using Lianxin.Core.Common;
using Lianxin.Core.Data;
using Lianxin.Core.Deadlines;
using Lianxin.Core.Dispatch;
using Lianxin.Core.Identity;
using Lianxin.Core.Organization;
using Lianxin.Core.Routing;
using Lianxin.Core.Repeats;
using Lianxin.Core.WorkOrders;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Lianxin.Web.Demo;

/// <summary>
/// Loads the demo centre into an empty database: the unit, region and category trees, one login per
/// role and per unit, and a month of orders in every status, each walked through the real domain
/// methods so their history reads like the real thing. Deterministic: the same data every time.
/// </summary>
public sealed class DemoCentre(LianxinDbContext db, IPasswordHasher<User> hasher, TimeProvider clock, IOptions<CentreOptions> centre, ReferenceData refs, DeadlinePolicies policies, CentreCalendar calendar)
{
    /// <summary>Password of every demo login (README.md lists them).</summary>
    public const string Password = "lianxin-demo";

    public const int OrderCount = 360;

    private readonly Random _rng = new(20261123);
    private readonly Dictionary<string, Unit> _units = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Category> _categories = new(StringComparer.Ordinal);
    private readonly List<Region> _communities = [];
    private readonly Dictionary<Guid, Actor> _handlers = [];
    private readonly Dictionary<Role, List<Actor>> _staff = [];
    private readonly Dictionary<Guid, DemoScenario> _scenarioOf = [];
    private readonly List<(WorkOrder Order, Actor By, Guid Lead, DateTime At)> _dispatched = [];
    private DemoContent _content = null!;

    public async Task<string> LoadAsync(CancellationToken ct)
    {
        _content = DemoContent.Load();
        var now = clock.GetUtcNow().UtcDateTime;
        var created = now.AddDays(-40);
        AddRegions(_content.Regions, null, created);
        foreach (var unit in _content.Units)
        {
            AddUnit(unit, null, created);
        }

        AddCategories(DefaultCategories.Paths().Concat(_content.CategoryAdditions), created);
        AddUsers(created);
        AddRoutingRules(created);
        await db.SaveChangesAsync(ct);
        refs.Invalidate();

        var orders = await AddOrdersAsync(now, ct);
        refs.Invalidate();
        var summary = orders.GroupBy(o => o.Status).OrderBy(g => g.Key).Select(g => $"{StatusNames.En(g.Key)} {g.Count()}");
        return string.Create(CultureInfo.InvariantCulture,
            $"{_units.Count} units, {_categories.Count} categories, {_communities.Count} communities, {_staff.Values.Sum(s => s.Count) + _handlers.Count} logins (password '{Password}'), {orders.Count} orders ({string.Join(", ", summary)})");
    }

    private void AddRegions(IReadOnlyList<DemoRegion>? regions, Region? parent, DateTime at)
    {
        foreach (var r in regions ?? [])
        {
            var region = new Region(Ids.New(clock), r.Name, r.Code, parent, at);
            db.Regions.Add(region);
            if (r.Children is null or { Count: 0 })
            {
                _communities.Add(region);
            }

            AddRegions(r.Children, region, at);
        }
    }

    private void AddUnit(DemoUnit u, Unit? parent, DateTime at)
    {
        var kind = Enum.Parse<UnitKind>(u.Kind, ignoreCase: true);
        var unit = new Unit(Ids.New(clock), u.Name, kind, u.Code, parent, at);
        db.Units.Add(unit);
        _units[u.Key] = unit;
        foreach (var child in u.Children ?? [])
        {
            AddUnit(child, unit, at);
        }
    }

    private void AddCategories(IEnumerable<string> paths, DateTime at)
    {
        foreach (var path in paths)
        {
            Category? parent = null;
            var soFar = "";
            var siblings = 0;
            foreach (var name in path.Split(" / ", StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                soFar = soFar.Length == 0 ? name : soFar + " / " + name;
                if (!_categories.TryGetValue(soFar, out var node))
                {
                    siblings = _categories.Values.Count(c => c.ParentId == parent?.Id);
                    var code = (parent?.Code ?? "") + (siblings + 1).ToString("00", CultureInfo.InvariantCulture);
                    node = new Category(Ids.New(clock), name, code, parent, at);
                    db.Categories.Add(node);
                    _categories[soFar] = node;
                }

                parent = node;
            }
        }
    }

    private void AddUsers(DateTime at)
    {
        var taken = new HashSet<string>(db.Users.Select(u => u.UserName), StringComparer.Ordinal);
        foreach (var s in _content.Staff)
        {
            var roles = s.Roles.Aggregate(Role.None, (acc, name) => Roles.TryParse(name, out var r) ? acc | r : acc);
            var unit = _units.GetValueOrDefault(s.UnitKey);
            var actor = AddUser(s.Username, s.DisplayName, roles, unit?.Id, s.Extension, at, taken);
            if (actor is null)
            {
                continue;
            }

            if (roles.HasFlag(Role.Handler) && unit is not null)
            {
                _handlers.TryAdd(unit.Id, actor);
            }

            foreach (var role in Roles.All.Where(r => r != Role.Handler && roles.HasFlag(r)))
            {
                (_staff.TryGetValue(role, out var list) ? list : _staff[role] = []).Add(actor);
            }
        }

        // Every unit that takes orders gets a login named after its key, so each hop can be tried.
        foreach (var (key, unit) in _units.Where(u => u.Value.Kind != UnitKind.Centre))
        {
            if (!_handlers.ContainsKey(unit.Id) && AddUser(key, unit.Name + "承办人", Role.Handler, unit.Id, null, at, taken) is { } actor)
            {
                _handlers[unit.Id] = actor;
            }
        }
    }

    /// <summary>A small 派单目录, so the dispatcher sees suggestions for the demo's orders.</summary>
    private void AddRoutingRules(DateTime at)
    {
        foreach (var r in _content.RoutingRules ?? [])
        {
            var category = r.Category is null ? null : _categories[r.Category];
            var region = r.RegionCode is null ? null : db.Regions.Local.Single(g => g.Code == r.RegionCode);
            var assists = (r.AssistUnitKeys ?? []).Select(k => _units[k].Id).ToList();
            db.RoutingRules.Add(new RoutingRule(Ids.New(clock), new RuleTarget(category?.Id, region?.Id, _units[r.UnitKey].Id, assists, r.Note), at, null));
        }
    }

    private Actor? AddUser(string userName, string displayName, Role roles, Guid? unitId, string? extension, DateTime at, HashSet<string> taken)
    {
        if (!taken.Add(User.Normalize(userName)))
        {
            return null;
        }

        var user = new User(Ids.New(clock), userName, displayName, roles, unitId, extension, at);
        user.SetPasswordHash(hasher.HashPassword(user, Password));
        db.Users.Add(user);
        return user.ToActor();
    }

    private Actor Staff(Role role) => _staff.TryGetValue(role, out var list) && list.Count > 0
        ? list[_rng.Next(list.Count)]
        : new Actor(Guid.Empty, Roles.ChineseName(role), role, _units.Values.FirstOrDefault(u => u.Kind == UnitKind.Centre)?.Id);

    private Actor HandlerOf(Guid unitId) => _handlers.TryGetValue(unitId, out var a) ? a : new Actor(Guid.Empty, "承办人", Role.Handler, unitId);

    private T Pick<T>(IReadOnlyList<T> items) => items[_rng.Next(items.Count)];

    private async Task<List<WorkOrder>> AddOrdersAsync(DateTime now, CancellationToken ct)
    {
        var weighted = _content.Scenarios.SelectMany(s => Enumerable.Repeat(s, Math.Clamp(s.Weight, 1, 5))).ToList();
        var orders = new List<WorkOrder>();
        for (var i = 0; i < OrderCount; i++)
        {
            // Older orders first, so numbers and repeats run forward in time; the last day is busiest.
            var ageHours = Math.Pow(_rng.NextDouble(), 2.8) * 30 * 24;
            var createdAt = now.AddHours(-ageHours);
            createdAt = createdAt.AddMinutes(-createdAt.Minute % 7);
            var order = i % 9 == 4 && orders.Count > 10
                ? await RepeatCallAsync(orders, now, ct)
                : await NewCallAsync(Pick(weighted), createdAt, now, ct);
            if (order is not null)
            {
                orders.Add(order);
            }

            // Orders stay tracked: a later repeat may be merged into an earlier one.
            if (i % 40 == 39)
            {
                await db.SaveChangesAsync(ct);
            }
        }

        orders.AddRange(await BurstAsync(now, ct));

        // Deadlines as they stand now, for every order (each step above already moved them).
        var rules = await calendar.GetAsync(db, ct);
        foreach (var order in orders)
        {
            order.RecomputeDeadlines(rules, now);
        }

        orders.AddRange(await AddHelpRequestsAsync(now, ct));

        // Every status must be there to try, however the dice fell.
        foreach (var status in Enum.GetValues<WorkOrderStatus>())
        {
            for (var n = orders.Count(o => o.Status == status); n < 3; n++)
            {
                orders.Add(await ShowcaseAsync(status, orders, now, ct));
            }
        }

        foreach (var order in orders.TakeLast(30))
        {
            order.RecomputeDeadlines(rules, now);
        }

        await RecordRoutingAsync(ct);

        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return orders;
    }

    /// <summary>派单, remembered so the routing catalogue's accuracy has the demo's dispatches to count.</summary>
    private void Dispatch(WorkOrder order, Actor by, DateTime at, IReadOnlyList<(Guid UnitId, AssignmentRole Role)> targets, string? note, Func<Guid> newId)
    {
        order.Dispatch(by, at, targets.Select(t => new HopTarget(t.UnitId, t.Role, _units.Values.Single(u => u.Id == t.UnitId))).ToList(), note, newId);
        _dispatched.Add((order, by, targets.First(t => t.Role == AssignmentRole.Lead).UnitId, at));
    }

    /// <summary>What the catalogue suggests for each demo dispatch, and whether the dispatcher followed it.</summary>
    private async Task RecordRoutingAsync(CancellationToken ct)
    {
        foreach (var (order, by, lead, at) in _dispatched)
        {
            var answer = await Lianxin.Core.Routing.RoutingCatalogue.SuggestAsync(db, order, scope: null, ct);
            db.RoutingDecisions.Add(new Lianxin.Core.Routing.RoutingDecision(NewId(at), order.Id, order.CategoryId, order.RegionCode, answer.LeadUnitId, answer.Rule?.Id, lead, at,
                by.UserId == Guid.Empty ? null : by.UserId));
        }
    }

    /// <summary>A recent order driven step by step to <paramref name="status"/>.</summary>
    private async Task<WorkOrder> ShowcaseAsync(WorkOrderStatus status, List<WorkOrder> orders, DateTime now, CancellationToken ct)
    {
        var scenario = Pick(_content.Scenarios.Where(s => s.DemandType != DemandType.Consultation).ToList());
        var t = now.AddHours(-_rng.Next(3, 20));
        var order = await NewCallAsync(scenario, t, t, ct);
        DateTime Next() => t = t.AddMinutes(_rng.Next(5, 25));
        var lead = _units[scenario.UnitKey];
        switch (status)
        {
            case WorkOrderStatus.Registered:
                return order;
            case WorkOrderStatus.NotAccepted:
                order.NotAccept(Staff(Role.Agent), Next(), Pick(_content.NotAcceptReasons).Reason);
                return order;
            case WorkOrderStatus.Merged:
                // Another caller about the same kind of matter: merged, but no repeat (that is one caller again).
                var master = orders.FirstOrDefault(o => o.IsOpen && o.Id != order.Id && o.UpdatedAt < t && _scenarioOf.GetValueOrDefault(o.Id) == scenario)
                    ?? orders.FirstOrDefault(o => o.IsOpen && o.Id != order.Id && o.UpdatedAt < t);
                if (master is not null)
                {
                    order.MergeInto(master, Staff(Role.Dispatcher), Next(), "与原工单为同一事项，并入原工单办理。");
                }

                return order;
        }

        Dispatch(order, Staff(Role.Dispatcher), Next(), [(lead.Id, AssignmentRole.Lead)], null, () => NewId(t));
        if (status == WorkOrderStatus.Dispatched)
        {
            return order;
        }

        if (status == WorkOrderStatus.ReturnRequested)
        {
            var why = Pick(_content.ReturnReasons);
            order.RequestReturn(HandlerOf(lead.Id), Next(), why.Reason, why.Basis, null, NewId(t));
            return order;
        }

        order.Accept(HandlerOf(lead.Id), Next());
        if (status == WorkOrderStatus.InProgress)
        {
            return order;
        }

        var reply = Pick(scenario.Replies);
        order.Reply(HandlerOf(lead.Id), Next(), reply.Text, reply.Solved);
        if (status == WorkOrderStatus.Replied)
        {
            return order;
        }

        order.Review(Staff(Role.Dispatcher), Next(), approve: true, null);
        if (status == WorkOrderStatus.Archived)
        {
            order.RecordVisit(Staff(Role.Visitor), Next(), reached: true, Solved.Yes, Satisfaction.Satisfied, Comment(Satisfaction.Satisfied), NewId(t));
        }

        return order;
    }

    private async Task<WorkOrder> NewCallAsync(DemoScenario scenario, DateTime createdAt, DateTime now, CancellationToken ct)
    {
        var order = await CallAsync(scenario, createdAt, ct);
        Progress(order, scenario, createdAt, now);
        return order;
    }

    /// <summary>A citizen's call registered as an order, nothing more.</summary>
    private async Task<WorkOrder> CallAsync(DemoScenario scenario, DateTime createdAt, CancellationToken ct)
    {
        var phone = "1" + Pick(["38", "39", "37", "58", "59", "86", "87", "36", "52", "88"]) + _rng.Next(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture);
        var name = Pick(_content.People.Surnames) + Pick(_content.People.Honorifics);
        var region = Pick(_communities);
        var address = string.Create(CultureInfo.InvariantCulture, $"{region.Name}{_rng.Next(1, 28)}栋{_rng.Next(1, 5)}单元{_rng.Next(1, 26)}0{_rng.Next(1, 5)}室");
        var title = Pick(scenario.Titles);
        var description = Fill(Pick(scenario.Descriptions), name, address);
        var channel = _rng.NextDouble() switch { < 0.78 => Channel.Phone, < 0.88 => Channel.Wechat, < 0.95 => Channel.Web, _ => Channel.App };
        var requester = new Requester(name, phone, Confidential: scenario.DemandType is DemandType.Report || _rng.NextDouble() < 0.06, WantsReply: _rng.NextDouble() > 0.05);
        var category = FindCategory(scenario.Category);
        var order = await RegisterAsync(new NewWorkOrder(channel, scenario.DemandType, scenario.Urgency, requester, category.Id, region.Code, address, title, description), createdAt, ct);
        _scenarioOf[order.Id] = scenario;
        return order;
    }

    /// <summary>
    /// Each district's property companies form a union (物业服务联合体) for hard cases; two hard cases are
    /// offered to one (专家会诊): one still waiting for a claim, one claimed by a company that had seen it before.
    /// </summary>
    private async Task<List<WorkOrder>> AddHelpRequestsAsync(DateTime now, CancellationToken ct)
    {
        var groups = new List<(UnitGroup Group, List<Unit> Members)>();
        foreach (var district in _units.Values.Where(u => u.Kind == UnitKind.SubCentre))
        {
            var members = _units.Values.Where(u => u.Kind == UnitKind.PropertyCompany && u.Path.StartsWith(district.Path, StringComparison.Ordinal)).ToList();
            if (members.Count >= 2)
            {
                var group = new UnitGroup(NewId(now.AddDays(-30)), district.Name.Replace("分中心", "", StringComparison.Ordinal) + "物业服务联合体",
                    $"{district.Name}辖区内的物业服务企业，疑难工单专家会诊时一并邀请。", members.Select(m => m.Id), now.AddDays(-30));
                db.UnitGroups.Add(group);
                groups.Add((group, members));
            }
        }

        var scenario = _content.Scenarios.FirstOrDefault(s => s.UnitKey.EndsWith("-pm", StringComparison.Ordinal));
        if (groups.Count == 0 || scenario is null)
        {
            return [];
        }

        var (union, companies) = groups[0];
        const string Hard = "老旧小区加装电梯后，独居老人家中卫生间下水反复堵塞冒水，本小区维修工多次上门未查明原因，请有类似经验的物业企业认领会诊。";
        var waiting = await CallAsync(scenario, now.AddHours(-3), ct);
        waiting.OfferHelp(Staff(Role.Dispatcher), now.AddHours(-2), union.Id, Hard, now.AddHours(22), NewId(now.AddHours(-2)));

        var claimed = await CallAsync(scenario, now.AddDays(-2), ct);
        var offeredAt = now.AddDays(-2).AddHours(1);
        claimed.OfferHelp(Staff(Role.Dispatcher), offeredAt, union.Id, Hard, offeredAt.AddHours(24), NewId(offeredAt));
        var offer = claimed.HelpRequests[^1];
        var claimer = companies[^1];
        claimed.ClaimHelp(HandlerOf(claimer.Id), offeredAt.AddMinutes(50), offer.Id, NewId(offeredAt.AddMinutes(50)));
        claimed.RecordContact(HandlerOf(claimer.Id), offeredAt.AddHours(2), "已与老人子女联系，明早带内窥设备上门。");
        return [waiting, claimed];
    }

    /// <summary>
    /// The same caller about the same matter again: flagged as a repeat, merged into the original while
    /// that is still open, otherwise handled in its own right.
    /// </summary>
    private async Task<WorkOrder?> RepeatCallAsync(List<WorkOrder> earlier, DateTime now, CancellationToken ct)
    {
        var original = earlier[_rng.Next(earlier.Count)];
        var at = original.CreatedAt.AddHours(_rng.Next(3, 72));
        if (at > now.AddMinutes(-30) || !_scenarioOf.TryGetValue(original.Id, out var scenario))
        {
            return null;
        }

        // An owned value belongs to one order: the repeat gets its own copy of the requester.
        var details = new NewWorkOrder(Channel.Phone, original.DemandType, original.Urgency, original.Requester with { }, original.CategoryId, original.RegionCode, original.Address,
            original.Title + "（再次来电）",
            $"{original.Requester.Name}再次来电反映：{original.Title}的问题至今未解决，此前已于{Local(original.CreatedAt):M月d日}反映过（工单{original.Number}），要求尽快处理并回复。");
        var order = await RegisterAsync(details, at, ct);

        // Flagged by the same rule as at registration, so the history shows the real similarity.
        var path = _categories.Values.First(c => c.Id == original.CategoryId).Path;
        var candidate = new RepeatCandidate(original.Id, original.Number, original.Status, original.CreatedAt, original.ClosedAt, path,
            new MatterText(original.Title, original.Description, original.Address));
        if (RepeatRule.BestMatch(new MatterText(details.Title, details.Description, details.Address), path, [candidate], at, new RepeatOptions().Thresholds) is { } match)
        {
            order.FlagRepeatOf(match);
        }

        _scenarioOf[order.Id] = scenario;
        var mergeAt = (original.UpdatedAt > at ? original.UpdatedAt : at).AddMinutes(_rng.Next(3, 30));
        if (original.IsOpen && mergeAt <= now && _rng.NextDouble() < 0.8)
        {
            order.MergeInto(original, Staff(Role.Dispatcher), mergeAt, "同一来电人反映同一事项，并入原工单办理。");
        }
        else
        {
            Progress(order, scenario, at, now);
        }

        return order;
    }

    private async Task<WorkOrder> RegisterAsync(NewWorkOrder details, DateTime at, CancellationToken ct)
    {
        var localDate = DateOnly.FromDateTime(Local(at));
        var number = await OrderNumbers.NextAsync(db, details.Channel, localDate, ct);
        var (targets, policyId) = await policies.ChooseAsync(details.DemandType, details.Urgency, details.CategoryId, ct);
        var order = WorkOrder.Register(Guid.CreateVersion7(new DateTimeOffset(at, TimeSpan.Zero)), number, details, Staff(Role.Agent), at, targets, policyId);
        db.WorkOrders.Add(order);
        return order;
    }

    /// <summary>
    /// A burst main a few hours ago (demo-centre.json, burst): one caller after another from the same
    /// street, each on their own phone, filed under 停水, 水压低 or 管道漏水. The first is dispatched to
    /// the repair crew and signed for; the dispatcher merged the next ones into it; the latest are still
    /// waiting. Supervisors find it under GET /api/v1/clusters for six hours after loading (?hours=72 for three days).
    /// </summary>
    private async Task<List<WorkOrder>> BurstAsync(DateTime now, CancellationToken ct)
    {
        if (_content.Burst is not { Calls.Count: > 0 } burst)
        {
            return [];
        }

        var orders = new List<WorkOrder>();
        var at = now.AddHours(-3);
        var crew = _units[burst.UnitKey];
        foreach (var call in burst.Calls)
        {
            var region = _communities.First(c => c.Code == call.RegionCode);
            var name = Pick(_content.People.Surnames) + Pick(_content.People.Honorifics);
            var phone = "1" + Pick(["38", "39", "58", "86"]) + _rng.Next(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture);
            var address = string.Create(CultureInfo.InvariantCulture, $"{region.Name}{_rng.Next(1, 28)}栋{_rng.Next(1, 5)}单元{_rng.Next(1, 26)}0{_rng.Next(1, 5)}室");
            var category = FindCategory(call.Category);
            var order = await RegisterAsync(
                new NewWorkOrder(Channel.Phone, DemandType.Help, Urgency.Urgent, new Requester(name, phone, Confidential: false, WantsReply: true), category.Id,
                    region.Code, address, call.Title, Fill(call.Description, name, address)),
                at, ct);
            var master = orders.FirstOrDefault();
            if (master is null)
            {
                Dispatch(order, Staff(Role.Dispatcher), at.AddMinutes(6), [(crew.Id, AssignmentRole.Lead)], "爆管抢修，请立即到场。", () => NewId(at));
                order.Accept(HandlerOf(crew.Id), at.AddMinutes(11));
            }
            else if (orders.Count <= 3)
            {
                order.MergeInto(master, Staff(Role.Dispatcher), at.AddMinutes(4), burst.MergeNote);
            }

            orders.Add(order);
            at = at.AddMinutes(_rng.Next(10, 30));
        }

        return orders;
    }

    /// <summary>
    /// Walks the order as far as its age allows: each step takes a plausible time, and an order stops
    /// where the next step would fall after now, so the newest orders are the ones still open.
    /// </summary>
    private void Progress(WorkOrder order, DemoScenario scenario, DateTime createdAt, DateTime now)
    {
        var t = createdAt;
        bool Step(double minMinutes, double maxMinutes)
        {
            var next = t.AddMinutes(minMinutes + (_rng.NextDouble() * (maxMinutes - minMinutes)));
            if (next > now)
            {
                return false;
            }

            t = next;
            return true;
        }

        var roll = _rng.NextDouble();
        if (scenario.DemandType == DemandType.Consultation && roll < 0.55 && Step(2, 8))
        {
            var answer = _content.DirectAnswers.Count > 0 ? Pick(_content.DirectAnswers).Answer : "已根据知识库解答。";
            order.AnswerDirectly(Staff(Role.Agent), t, answer);
            if (Step(60 * 20, 60 * 60))
            {
                order.Archive(Staff(Role.Visitor), t, "咨询类直接答复，无需回访。");
            }

            return;
        }

        if (roll > 0.965 && _content.NotAcceptReasons.Count > 0 && Step(2, 10))
        {
            order.NotAccept(Staff(Role.Agent), t, Pick(_content.NotAcceptReasons).Reason);
            if (Step(60 * 24, 60 * 48))
            {
                order.Archive(Staff(Role.Dispatcher), t, null);
            }

            return;
        }

        var urgent = scenario.Urgency != Urgency.Normal;
        if (!Step(urgent ? 3 : 10, urgent ? 15 : 180))
        {
            return;
        }

        var lead = _units[scenario.UnitKey];

        // Many orders for a street's property company go the government way: the district's sub-centre,
        // then the street office, then the company (多级转派); the reply travels back up.
        var chain = ChainTo(lead);
        if (chain.Count == 1 || (scenario.AssistUnitKeys ?? []).Count > 0 || _rng.NextDouble() >= 0.45)
        {
            chain = [lead];
        }

        var targets = new List<(Guid, AssignmentRole)> { (chain[0].Id, AssignmentRole.Lead) };
        targets.AddRange((scenario.AssistUnitKeys ?? []).Where(_units.ContainsKey).Select(k => (_units[k].Id, AssignmentRole.Assist)));
        Dispatch(order, Staff(Role.Dispatcher), t, targets, urgent ? "紧急件，请立即处置。" : null, () => Guid.CreateVersion7(new DateTimeOffset(t, TimeSpan.Zero)));

        // A misrouted order comes back once, and goes on to the right unit.
        if (chain.Count == 1 && _rng.NextDouble() < 0.07 && _content.ReturnReasons.Count > 0 && Step(30, 600))
        {
            var why = Pick(_content.ReturnReasons);
            order.RequestReturn(HandlerOf(lead.Id), t, why.Reason, why.Basis, why.Reason.Contains("辖区", StringComparison.Ordinal) ? "outside-area" : "not-our-duty", NewId(t));
            if (!Step(20, 300))
            {
                return;
            }

            var wrong = _rng.NextDouble() < 0.5;
            order.DecideReturn(Staff(Role.Dispatcher), t, approve: !wrong, wrong ? "经核实属贵单位职责，请继续办理。" : "同意退回，改派。", null);
            if (!wrong)
            {
                if (!Step(5, 60))
                {
                    return;
                }

                var other = _units.Values.Where(u => u.Kind == lead.Kind && u.Id != lead.Id && u.IsActive).ToList();
                lead = other.Count > 0 ? Pick(other) : lead;
                chain = [lead];
                Dispatch(order, Staff(Role.Dispatcher), t, [(lead.Id, AssignmentRole.Lead)], "原单位退回，改派。", () => NewId(t));
            }
        }

        foreach (var hop in order.Assignments.Where(a => a.IsOpen && a.Status == AssignmentStatus.Pending).ToList())
        {
            if (!Step(urgent ? 2 : 15, urgent ? 25 : 600))
            {
                return;
            }

            order.Accept(HandlerOf(hop.UnitId), t);
        }

        if (order.Status != WorkOrderStatus.InProgress)
        {
            return;
        }

        for (var i = 1; i < chain.Count; i++)
        {
            if (!Step(urgent ? 3 : 20, urgent ? 30 : 240))
            {
                return;
            }

            order.Redispatch(HandlerOf(chain[i - 1].Id), t, chain[i - 1], new HopTarget(chain[i].Id, AssignmentRole.Lead, chain[i]), i == 1 ? "请街道核实处理。" : "请物业尽快上门处理并反馈。", NewId(t));
            if (!Step(urgent ? 2 : 10, urgent ? 20 : 300))
            {
                return;
            }

            order.Accept(HandlerOf(chain[i].Id), t);
        }

        // Most units call the requester soon after signing for it; some forget (联系时限).
        if (_rng.NextDouble() < 0.85 && Step(urgent ? 5 : 20, urgent ? 60 : 60 * 20))
        {
            order.RecordContact(HandlerOf(lead.Id), t, "已电话联系市民，约定上门时间。");
        }

        var slow = _rng.NextDouble() < 0.12;
        if (slow && Step(60 * 6, 60 * 30))
        {
            if (_rng.NextDouble() < 0.6 && _content.ExtensionReasons.Count > 0)
            {
                order.RequestExtension(HandlerOf(lead.Id), t, _rng.Next(2, 6), Pick(_content.ExtensionReasons), NewId(t));
                if (!Step(30, 600))
                {
                    return;
                }

                order.DecideExtension(Staff(Role.Dispatcher), t, _rng.NextDouble() < 0.8, null, null);
            }

            if (_content.UrgeNotes.Count > 0 && _rng.NextDouble() < 0.6)
            {
                order.Urge(Staff(Role.Supervisor), t, Pick(_content.UrgeNotes), NewId(t));
            }

            if (_content.SuperviseNotes.Count > 0 && _rng.NextDouble() < 0.3 && Step(60, 60 * 12))
            {
                order.Supervise(Staff(Role.Supervisor), t, Pick(_content.SuperviseNotes), t.AddDays(2), NewId(t));
            }
        }

        foreach (var assist in order.Assignments.Where(a => a.Role == AssignmentRole.Assist && a.Status == AssignmentStatus.Accepted).ToList())
        {
            if (!Step(60, 60 * 24))
            {
                return;
            }

            order.Reply(HandlerOf(assist.UnitId), t, "我单位已按职责完成配合工作，现场情况已同步主办单位。", Solved.Yes);
        }

        if (!ReplyAndReview(order, scenario, chain, urgent, ref t, now))
        {
            return;
        }

        Visit(order, scenario, chain, ref t, now);
    }

    /// <summary>The units that pass orders down above <paramref name="unit"/>, top first, then the unit.</summary>
    private List<Unit> ChainTo(Unit unit)
    {
        var chain = new List<Unit> { unit };
        for (var p = unit.ParentId; p is not null && _units.Values.FirstOrDefault(u => u.Id == p) is { } parent && parent.Kind is UnitKind.SubCentre or UnitKind.StreetOffice; p = parent.ParentId)
        {
            chain.Insert(0, parent);
        }

        return chain;
    }

    private bool ReplyAndReview(WorkOrder order, DemoScenario scenario, List<Unit> chain, bool urgent, ref DateTime t, DateTime now)
    {
        var lead = chain[^1];
        var reply = Pick(scenario.Replies);
        var replyAt = t.AddMinutes(urgent ? _rng.Next(40, 600) : _rng.Next(120, 60 * 72));
        if (replyAt > now)
        {
            return false;
        }

        order.Reply(HandlerOf(lead.Id), replyAt, reply.Text, reply.Solved);

        // Each unit above checks the reply and forwards it.
        for (var i = chain.Count - 2; i >= 0; i--)
        {
            replyAt = replyAt.AddMinutes(_rng.Next(20, urgent ? 90 : 60 * 8));
            if (replyAt > now)
            {
                t = replyAt;
                return false;
            }

            order.Reply(HandlerOf(chain[i].Id), replyAt, i == 0 ? $"经{chain[^1].Name}处理：{reply.Text}" : $"经核实，{reply.Text}", reply.Solved);
        }

        lead = chain[0];
        var reviewAt = replyAt.AddMinutes(_rng.Next(20, 60 * 16));
        if (reviewAt > now)
        {
            t = replyAt;
            return false;
        }

        if (_rng.NextDouble() < 0.08 && _content.ReviewSendBackNotes.Count > 0)
        {
            order.Review(Staff(Role.Dispatcher), reviewAt, approve: false, Pick(_content.ReviewSendBackNotes));
            replyAt = reviewAt.AddMinutes(_rng.Next(60, 60 * 24));
            if (replyAt > now)
            {
                t = reviewAt;
                return false;
            }

            order.Reply(HandlerOf(lead.Id), replyAt, reply.Text + "已补充联系市民并告知处理结果。", reply.Solved);
            reviewAt = replyAt.AddMinutes(_rng.Next(20, 60 * 8));
            if (reviewAt > now)
            {
                t = replyAt;
                return false;
            }
        }

        order.Review(Staff(Role.Dispatcher), reviewAt, approve: true, null);
        t = reviewAt;
        return true;
    }

    private void Visit(WorkOrder order, DemoScenario scenario, List<Unit> chain, ref DateTime t, DateTime now)
    {
        var lead = chain[0];
        // Visits happen from the next day on (DOMAIN.md).
        var visitAt = t.AddHours(_rng.Next(16, 60));
        if (visitAt > now)
        {
            return;
        }

        if (!order.Requester.WantsReply)
        {
            order.Archive(Staff(Role.Visitor), visitAt, "市民表示无需回访。");
            return;
        }

        if (_rng.NextDouble() < 0.06)
        {
            order.RecordVisit(Staff(Role.Visitor), visitAt, reached: false, null, null, "电话无人接听。", NewId(visitAt));
            return;
        }

        var solved = order.ReplySolved ?? Solved.Yes;
        var mood = _rng.NextDouble();
        var satisfaction = solved == Solved.No || mood < 0.07 ? Satisfaction.Unsatisfied : mood < 0.3 ? Satisfaction.BasicallySatisfied : Satisfaction.Satisfied;
        order.RecordVisit(Staff(Role.Visitor), visitAt, reached: true, solved, satisfaction, Comment(satisfaction), NewId(visitAt));

        // A redo of an order that came down a chain is the sub-centre's to send down again: left open here.
        if (order.Status != WorkOrderStatus.InProgress || chain.Count > 1)
        {
            return;
        }

        // Redo: the unit works again, then the second visit is final.
        var again = visitAt.AddHours(_rng.Next(4, 48));
        if (again > now)
        {
            return;
        }

        var better = scenario.Replies.FirstOrDefault(r => r.Solved == Solved.Yes) ?? scenario.Replies[0];
        order.Reply(HandlerOf(lead.Id), again, "重办：" + better.Text, better.Solved);
        var review = again.AddHours(_rng.Next(1, 12));
        var second = review.AddHours(_rng.Next(16, 48));
        if (review > now)
        {
            return;
        }

        order.Review(Staff(Role.Dispatcher), review, approve: true, null);
        if (second <= now)
        {
            var final = _rng.NextDouble() < 0.7 ? Satisfaction.BasicallySatisfied : Satisfaction.Unsatisfied;
            order.RecordVisit(Staff(Role.Visitor), second, reached: true, better.Solved, final, Comment(final), NewId(second));
        }
    }

    private string Comment(Satisfaction satisfaction)
    {
        var list = satisfaction switch
        {
            Satisfaction.Satisfied => _content.VisitComments.Satisfied,
            Satisfaction.BasicallySatisfied => _content.VisitComments.BasicallySatisfied,
            _ => _content.VisitComments.Unsatisfied,
        };
        return list.Count > 0 ? Pick(list) : "";
    }

    private Category FindCategory(string path)
    {
        if (_categories.TryGetValue(path.Trim(), out var category))
        {
            return category;
        }

        // A scenario names a branch that is not a leaf path: take the deepest known prefix.
        var parts = path.Split(" / ", StringSplitOptions.TrimEntries);
        for (var n = parts.Length - 1; n > 0; n--)
        {
            if (_categories.TryGetValue(string.Join(" / ", parts.Take(n)), out category))
            {
                return category;
            }
        }

        throw new InvalidOperationException($"Demo scenario category '{path}' is not in the category tree.");
    }

    private string Fill(string template, string name, string address) => template
        .Replace("{name}", name, StringComparison.Ordinal)
        .Replace("{address}", address, StringComparison.Ordinal)
        .Replace("{days}", _rng.Next(2, 6).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);

    private DateTime Local(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(utc, centre.Value.Zone);

    private static Guid NewId(DateTime at) => Guid.CreateVersion7(new DateTimeOffset(at, TimeSpan.Zero));
}
