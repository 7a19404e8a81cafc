using Lianxin.Core.Calendars;
using Lianxin.Core.Deadlines;
using Lianxin.Core.Dispatch;
using Lianxin.Core.Organization;
using Lianxin.Core.ReturnVisits;
using Lianxin.Core.WorkOrders;
using static Lianxin.Core.Tests.WorkOrders.World;

namespace Lianxin.Core.Tests.WorkOrders;

/// <summary>
/// Brings an order of the <see cref="World"/> to any point of its life through the real transitions, each
/// step at its own instant (<see cref="Step"/> apart unless <see cref="At"/> or <see cref="After"/> say
/// otherwise), recomputing the deadlines after every step as the store does. Ids come from a counter, so
/// the same steps always give the same order: a test can build a fresh copy of any order it has seen.
/// Each step is done by the actor whose job it is (the unit's handler, the dispatcher, the unit above …).
/// </summary>
public sealed class OrderBuilder
{
    public static readonly TimeSpan Step = TimeSpan.FromMinutes(10);

    public static readonly DeadlineRules Rules = new(WorkingCalendar.Default, ApproachingRule.Default);

    /// <summary>Return-visit plans with the default settings on the default calendar.</summary>
    public static readonly VisitPlanner Visits = new(new ReturnVisitSettings(), WorkingCalendar.Default);

    private static readonly AsyncLocal<bool> SkipDeadlines = new();

    private readonly int _seed;
    private int _ids;

    private OrderBuilder(int seed, DateTime at)
    {
        _seed = seed;
        Now = at;
    }

    public WorkOrder Order { get; private set; } = null!;

    /// <summary>When the next step (or the test's own action) happens.</summary>
    public DateTime Now { get; private set; }

    /// <summary>The offer made by the last <see cref="HelpOffered"/>.</summary>
    public Guid OfferId { get; private set; }

    /// <summary>The 督办 raised by the last <see cref="Supervised"/>.</summary>
    public Guid SupervisionId { get; private set; }

    /// <summary>
    /// A newly registered order (help, normal urgency: sign-for and contact 1 working day, completion 5).
    /// Orders built side by side (a master and the order merged into it) need different <paramref name="seed"/>s.
    /// </summary>
    public static OrderBuilder Registered(DemandType demandType = DemandType.Help, Urgency urgency = Urgency.Normal, DateTime? at = null, int seed = 1)
    {
        var b = new OrderBuilder(seed, at ?? T0);
        b.Order = WorkOrder.Register(
            b.NextId(),
            $"RX261123{seed:0000}",
            new NewWorkOrder(Channel.Phone, demandType, urgency, new Requester($"李女士{seed}", $"1370000{seed:0000}", false, true), CategoryId,
                "110101", "和平街3号", "楼上渗水，顶棚一直滴水", "来电人称楼上渗水，家中顶棚一直滴水。"),
            Agent,
            b.Now,
            DeadlinePresets.For(demandType, urgency),
            policyId: null);
        b.Done();
        return b;
    }

    /// <summary>
    /// Builds without recomputing deadlines after each step, for tests about who may do what (no guard reads
    /// a deadline) that build thousands of orders.
    /// </summary>
    public static OrderBuilder WithoutDeadlines(Func<OrderBuilder> build)
    {
        var outer = SkipDeadlines.Value;
        SkipDeadlines.Value = true;
        try
        {
            return build();
        }
        finally
        {
            SkipDeadlines.Value = outer;
        }
    }

    public Guid NextId() => new($"{_seed:x8}-0000-4000-9000-{++_ids:x12}");

    public OrderBuilder At(DateTime instant)
    {
        Now = instant;
        return this;
    }

    public OrderBuilder After(TimeSpan span)
    {
        Now += span;
        return this;
    }

    /// <summary>The deadlines as the store would save them after an action taken now.</summary>
    public void Recompute() => Order.RecomputeDeadlines(Rules, Now);

    /// <summary>The unit's latest hop.</summary>
    public Assignment HopOf(Unit unit) =>
        Order.Assignments.LastOrDefault(a => a.UnitId == unit.Id) ?? throw new InvalidOperationException($"{unit.Name} holds no hop of this order.");

    /// <summary>The unit that passed <paramref name="unit"/>'s hop down (null for a first-level hop).</summary>
    public Unit? UnitAbove(Unit unit) =>
        HopOf(unit).ParentId is { } parent ? Units.Single(u => u.Id == Order.Hops.Get(parent).UnitId) : null;

    public OrderBuilder AnsweredDirectly() => Do((o, now) => o.AnswerDirectly(Agent, now, "已按知识库解答：停水通知见官网。", Visits));

    public OrderBuilder NotAccepted() => Do((o, now) => o.NotAccept(Agent, now, "属于法院管辖"));

    public OrderBuilder Dispatched(Unit lead, params Unit[] assists) =>
        Do((o, now) => o.Dispatch(Dispatcher, now, [Lead(lead), .. assists.Select(Assist)], note: null, NextId));

    public OrderBuilder Accepted(Unit unit) => Do((o, now) => o.Accept(HandlerOf(unit), now));

    /// <summary>Dispatched to <paramref name="lead"/> and signed for.</summary>
    public OrderBuilder InProgress(Unit lead, params Unit[] assists) => Dispatched(lead, assists).Accepted(lead);

    public OrderBuilder Contacted(Unit unit) => Do((o, now) => o.RecordContact(HandlerOf(unit), now, "已电话联系市民"));

    public OrderBuilder PassedDown(Unit from, Unit to, AssignmentRole role = AssignmentRole.Lead) =>
        Do((o, now) => o.Redispatch(HandlerOf(from), now, from, new HopTarget(to.Id, role, to), "请核实处理", NextId()));

    public OrderBuilder ReturnRequested(Unit unit) =>
        Do((o, now) => o.RequestReturn(HandlerOf(unit), now, "非本单位职责", "三定方案第三条", reasonCode: null, NextId()));

    /// <summary>Decided by whoever dispatched the hop: the dispatcher for a first-level hop, the unit above for a lower one.</summary>
    public OrderBuilder ReturnDecided(Unit unit, bool approve)
    {
        var decider = UnitAbove(unit) is { } above ? HandlerOf(above) : Dispatcher;
        return Do((o, now) => o.DecideReturn(decider, now, approve, approve ? "同意退回" : "属于本单位职责", HopOf(unit).Id));
    }

    public OrderBuilder ExtensionRequested(Unit unit, int workingDays = 3) =>
        Do((o, now) => o.RequestExtension(HandlerOf(unit), now, workingDays, "等待配件到货", NextId()));

    public OrderBuilder ExtensionDecided(Unit unit, bool approve) =>
        Do((o, now) => o.DecideExtension(Dispatcher, now, approve, null, HopOf(unit).Id));

    public OrderBuilder Replied(Unit unit, Solved solved = Solved.Yes) => Do((o, now) => o.Reply(HandlerOf(unit), now, "已上门维修，漏点已封堵。", solved));

    public OrderBuilder SentBack(Unit unit) => Do((o, now) => o.SendBack(HandlerOf(UnitAbove(unit)!), now, HopOf(unit).Id, "请补充现场照片"));

    public OrderBuilder Recalled(Unit unit) => Do((o, now) => o.Recall(HandlerOf(UnitAbove(unit)!), now, HopOf(unit).Id, "派错单位"));

    public OrderBuilder AssistsReleased() => Do((o, now) => o.ReleaseAssists(Dispatcher, now, "协办单位长期未答复"));

    public OrderBuilder Reviewed(bool approve) => Do((o, now) => o.Review(Dispatcher, now, approve, approve ? null : "答复不完整", Visits));

    /// <summary>Dispatched to <paramref name="lead"/>, signed for, replied and approved.</summary>
    public OrderBuilder Closed(Unit lead) => InProgress(lead).Replied(lead).Reviewed(approve: true);

    public OrderBuilder Visited(Satisfaction satisfaction = Satisfaction.Satisfied, Solved solved = Solved.Yes) =>
        Do((o, now) => o.RecordVisit(Visitor, now, reached: true, solved, satisfaction, "市民表示已修好", NextId()));

    public OrderBuilder Unreached() => Do((o, now) => o.RecordVisit(Visitor, now, reached: false, null, null, "无人接听", NextId()));

    public OrderBuilder Archived() => Do((o, now) => o.Archive(Dispatcher, now, "市民不需回访"));

    public OrderBuilder Urged() => Do((o, now) => o.Urge(Supervisor, now, "请加快办理", NextId()));

    public OrderBuilder Supervised() =>
        Do((o, now) => SupervisionId = o.Supervise(Supervisor, now, "已超期，请书面说明", now.AddDays(2), NextId()).Id);

    public OrderBuilder SupervisionAnswered(Unit unit) => Do((o, now) => o.ReplyToSupervision(HandlerOf(unit), now, SupervisionId, "已整改完毕"));

    public OrderBuilder Suspended() => Do((o, now) => o.Suspend(Dispatcher, now, "等待市民提供材料", NextId()));

    public OrderBuilder Resumed() => Do((o, now) => o.Resume(Dispatcher, now, "市民已提供材料"));

    /// <summary>Offered to <see cref="World.GroupId"/> for <paramref name="hours"/> (24 unless told).</summary>
    public OrderBuilder HelpOffered(int hours = 24) =>
        Do((o, now) => OfferId = o.OfferHelp(Dispatcher, now, GroupId, "疑难件，请有经验的单位认领", now.AddHours(hours), NextId()).Id);

    public OrderBuilder HelpClaimed(Unit unit) => Do((o, now) => o.ClaimHelp(HandlerOf(unit), now, OfferId, NextId()));

    public OrderBuilder HelpWithdrawn() => Do((o, now) => o.WithdrawHelp(Dispatcher, now, OfferId, null));

    /// <summary>The expiry job runs at the instant the offer expires.</summary>
    public OrderBuilder HelpExpired()
    {
        Now = Order.HelpRequests.Single(h => h.Id == OfferId).ExpiresAt;
        return Do((o, now) =>
        {
            if (!o.ExpireHelp(now, OfferId))
            {
                throw new InvalidOperationException("The offer did not expire.");
            }
        });
    }

    public OrderBuilder MergedInto(OrderBuilder master) => Do((o, now) => o.MergeInto(master.Order, Dispatcher, now, "同一来电人同一事项"));

    private OrderBuilder Do(Action<WorkOrder, DateTime> step)
    {
        step(Order, Now);
        Done();
        return this;
    }

    private void Done()
    {
        if (!SkipDeadlines.Value)
        {
            Recompute();
        }

        Now += Step;
    }
}
