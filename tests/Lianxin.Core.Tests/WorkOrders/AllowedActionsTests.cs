using Lianxin.Core.Common;
using Lianxin.Core.Dispatch;
using Lianxin.Core.Identity;
using Lianxin.Core.WorkOrders;
using static Lianxin.Core.Tests.WorkOrders.World;

namespace Lianxin.Core.Tests.WorkOrders;

/// <summary>
/// The staff console shows a button for each action <see cref="WorkOrder.AllowedActions"/> lists and no other.
/// For every state of <see cref="OrderStates"/> and every actor of the <see cref="World"/>, each listed action
/// (with each target it names) must work when taken on a fresh copy of the order with plausible arguments,
/// and each action not listed must be refused — and leave the order as it was.
/// </summary>
public class AllowedActionsTests
{
    public static IEnumerable<TheoryDataRow<string>> States() =>
        OrderStates.All.Select(g => new TheoryDataRow<string>(g.Name) { TestDisplayName = $"AllowedActions: {g.Name}" }).ToList();

    [Theory]
    [MemberData(nameof(States))]
    public void AllowedActions_ForEveryActor_AreExactlyTheActionsThatWork(string state)
    {
        // No guard reads a deadline, so the copies are built without recomputing them: the test stays fast.
        var given = OrderStates.All.Single(g => g.Name == state);
        OrderBuilder Fresh() => OrderBuilder.WithoutDeadlines(given.Build);

        // One copy serves every attempt that is refused (a refusal changes nothing, which is checked);
        // after an attempt that works, the next one gets a fresh copy.
        var copy = Fresh();
        var pristine = OrderSnapshot.Of(copy.Order);
        var problems = new List<string>();
        foreach (var actor in Actors)
        {
            var allowed = copy.Order.AllowedActions(actor, UnitOf(actor)).ToHashSet();
            var attempts = Attempts(copy.Order, actor).ToList();
            foreach (var missing in allowed.Where(a => !attempts.Any(t => t.Action == a.Action && t.Target == a.Target)))
            {
                problems.Add($"{actor.Name}: {missing.Action} {missing.Target} is listed, but this test has no way to take it");
            }

            foreach (var attempt in attempts)
            {
                var listed = allowed.Contains(new AllowedAction(attempt.Action, attempt.Target));
                var refusal = Try(attempt, copy, actor);
                if (refusal is null)
                {
                    if (!listed)
                    {
                        problems.Add($"{actor.Name}: {attempt} is not listed but works");
                    }

                    copy = Fresh();
                }
                else
                {
                    if (listed)
                    {
                        problems.Add($"{actor.Name}: {attempt} is listed but refused ({refusal.Code}: {refusal.Message})");
                    }

                    if (OrderSnapshot.Of(copy.Order) != pristine)
                    {
                        problems.Add($"{actor.Name}: {attempt} was refused ({refusal.Code}) but changed the order");
                        copy = Fresh();
                    }
                }
            }
        }

        Assert.True(problems.Count == 0, $"{state}:\n" + string.Join("\n", problems));
    }

    /// <summary>The builder must be deterministic for "a fresh copy" to mean the same order.</summary>
    [Fact]
    public void OrderStates_BuiltTwice_AreTheSameOrder()
    {
        foreach (var given in OrderStates.All)
        {
            var (a, b) = (given.Build(), given.Build());
            Assert.Equal(OrderSnapshot.Of(a.Order), OrderSnapshot.Of(b.Order));
            Assert.Equal(a.Order.Id, b.Order.Id);
            Assert.Equal(a.Now, b.Now);
        }
    }

    [Fact]
    public void OrderStates_CoverEveryStatusAndEveryAction()
    {
        var orders = OrderStates.All.Select(g => g.Build().Order).ToList();
        Assert.Equal(Enum.GetValues<WorkOrderStatus>().Order(), orders.Select(o => o.Status).Distinct().Order());

        var listed = orders.SelectMany(o => Actors.SelectMany(a => o.AllowedActions(a, UnitOf(a)))).Select(a => a.Action).Distinct();
        Assert.Equal(Enum.GetValues<WorkOrderAction>().Order(), listed.Order());
    }

    [Fact]
    public void AllowedActions_ForTheDispatcherOfAReturnedHop_NameTheHop()
    {
        var b = OrderStates.OneDownReturnRequested.Build();
        var street = b.HopOf(Street).Id;

        Assert.Contains(new AllowedAction(WorkOrderAction.DecideReturn, street), b.Order.AllowedActions(SubCentreHandler, SubCentre));
        Assert.DoesNotContain(b.Order.AllowedActions(Dispatcher, null), a => a.Action == WorkOrderAction.DecideReturn);
        Assert.DoesNotContain(b.Order.AllowedActions(StreetHandler, Street), a => a.Action == WorkOrderAction.DecideReturn);
    }

    [Fact]
    public void AllowedActions_ForAnActorWithNoRole_AreNone()
    {
        foreach (var given in OrderStates.All)
        {
            var b = given.Build();
            Assert.Empty(b.Order.AllowedActions(NoRole, null));
        }
    }

    private static LianxinException? Try(Attempt attempt, OrderBuilder b, Actor actor)
    {
        try
        {
            attempt.Run(b, actor);
            return null;
        }
        catch (LianxinException ex)
        {
            return ex;
        }
    }

    /// <summary>Every action with plausible arguments, once per target where it takes one (and per decision where it makes one).</summary>
    private static IEnumerable<Attempt> Attempts(WorkOrder order, Actor actor)
    {
        var hops = order.Assignments.Select(h => h.Id).ToList();
        foreach (var action in Enum.GetValues<WorkOrderAction>())
        {
            switch (action)
            {
                case WorkOrderAction.AnswerDirectly:
                    yield return new(action, null, null, (b, a) => b.Order.AnswerDirectly(a, b.Now, "已解答", OrderBuilder.Visits));
                    break;
                case WorkOrderAction.NotAccept:
                    yield return new(action, null, null, (b, a) => b.Order.NotAccept(a, b.Now, "属于法院管辖"));
                    break;
                case WorkOrderAction.Dispatch:
                    var free = new[] { Department, SubCentre, Unrelated, Street }.First(u => !order.Hops.HoldsLiveHop(u.Id));
                    yield return new(action, null, free.Name, (b, a) => b.Order.Dispatch(a, b.Now, [Lead(free)], null, b.NextId));
                    break;
                case WorkOrderAction.Accept:
                    yield return new(action, null, null, (b, a) => b.Order.Accept(a, b.Now));
                    break;
                case WorkOrderAction.RecordContact:
                    yield return new(action, null, null, (b, a) => b.Order.RecordContact(a, b.Now, "已联系"));
                    break;
                case WorkOrderAction.Redispatch:
                    var own = UnitOf(actor);
                    var below = Units.FirstOrDefault(u => own is not null && u.Id != own.Id && u.IsActive && u.IsInSubtreeOf(own) && !order.Hops.HoldsLiveHop(u.Id));
                    var role = order.Hops.LiveHopsOf(actor.UnitId).Any(h => h.Status == AssignmentStatus.Redispatched) ? AssignmentRole.Assist : AssignmentRole.Lead;
                    var target = below ?? Crew;
                    yield return new(action, null, $"{target.Name} as {role}{(below is null ? " (no free unit below)" : "")}",
                        (b, a) => b.Order.Redispatch(a, b.Now, own, new HopTarget(target.Id, role, target), null, b.NextId()));
                    break;
                case WorkOrderAction.RequestReturn:
                    yield return new(action, null, null, (b, a) => b.Order.RequestReturn(a, b.Now, "非本单位职责", "三定方案", null, b.NextId()));
                    break;
                case WorkOrderAction.DecideReturn:
                    foreach (var hop in hops)
                    {
                        yield return new(action, hop, "approve", (b, a) => b.Order.DecideReturn(a, b.Now, true, null, hop));
                        yield return new(action, hop, "reject", (b, a) => b.Order.DecideReturn(a, b.Now, false, "属于本单位职责", hop));
                    }

                    break;
                case WorkOrderAction.RequestExtension:
                    yield return new(action, null, null, (b, a) => b.Order.RequestExtension(a, b.Now, 3, "等待配件", b.NextId()));
                    break;
                case WorkOrderAction.DecideExtension:
                    foreach (var hop in hops)
                    {
                        yield return new(action, hop, "approve", (b, a) => b.Order.DecideExtension(a, b.Now, true, null, hop));
                        yield return new(action, hop, "reject", (b, a) => b.Order.DecideExtension(a, b.Now, false, null, hop));
                    }

                    break;
                case WorkOrderAction.Reply:
                    yield return new(action, null, null, (b, a) => b.Order.Reply(a, b.Now, "已处理", Solved.Yes));
                    break;
                case WorkOrderAction.SendBack:
                    foreach (var hop in hops)
                    {
                        yield return new(action, hop, null, (b, a) => b.Order.SendBack(a, b.Now, hop, "请补充"));
                    }

                    break;
                case WorkOrderAction.Recall:
                    foreach (var hop in hops)
                    {
                        yield return new(action, hop, null, (b, a) => b.Order.Recall(a, b.Now, hop, "派错单位"));
                    }

                    break;
                case WorkOrderAction.ReleaseAssists:
                    yield return new(action, null, null, (b, a) => b.Order.ReleaseAssists(a, b.Now, null));
                    break;
                case WorkOrderAction.Review:
                    yield return new(action, null, "approve", (b, a) => b.Order.Review(a, b.Now, true, null, OrderBuilder.Visits));
                    yield return new(action, null, "reject", (b, a) => b.Order.Review(a, b.Now, false, "答复不完整", OrderBuilder.Visits));
                    break;
                case WorkOrderAction.RecordVisit:
                    yield return new(action, null, "satisfied", (b, a) => b.Order.RecordVisit(a, b.Now, true, Solved.Yes, Satisfaction.Satisfied, null, b.NextId()));
                    yield return new(action, null, "unsatisfied", (b, a) => b.Order.RecordVisit(a, b.Now, true, Solved.No, Satisfaction.Unsatisfied, null, b.NextId()));
                    yield return new(action, null, "unreached", (b, a) => b.Order.RecordVisit(a, b.Now, false, null, null, "无人接听", b.NextId()));
                    break;
                case WorkOrderAction.Archive:
                    yield return new(action, null, null, (b, a) => b.Order.Archive(a, b.Now, null));
                    break;
                case WorkOrderAction.Urge:
                    yield return new(action, null, null, (b, a) => b.Order.Urge(a, b.Now, "请加快", b.NextId()));
                    break;
                case WorkOrderAction.Supervise:
                    yield return new(action, null, null, (b, a) => b.Order.Supervise(a, b.Now, "请书面说明", b.Now.AddDays(2), b.NextId()));
                    break;
                case WorkOrderAction.ReplyToSupervision:
                    foreach (var record in order.Supervisions.Select(s => s.Id))
                    {
                        yield return new(action, record, null, (b, a) => b.Order.ReplyToSupervision(a, b.Now, record, "已整改"));
                    }

                    break;
                case WorkOrderAction.Suspend:
                    yield return new(action, null, null, (b, a) => b.Order.Suspend(a, b.Now, "等待市民", b.NextId()));
                    break;
                case WorkOrderAction.Resume:
                    yield return new(action, null, null, (b, a) => b.Order.Resume(a, b.Now, null));
                    break;
                case WorkOrderAction.OfferHelp:
                    yield return new(action, null, null, (b, a) => b.Order.OfferHelp(a, b.Now, GroupId, "疑难件", b.Now.AddHours(24), b.NextId()));
                    break;
                case WorkOrderAction.WithdrawHelp:
                    foreach (var offer in order.HelpRequests.Select(h => h.Id))
                    {
                        yield return new(action, offer, null, (b, a) => b.Order.WithdrawHelp(a, b.Now, offer, null));
                    }

                    break;
                case WorkOrderAction.Merge:
                    yield return new(action, null, "into an open order", (b, a) => b.Order.MergeInto(OrderBuilder.Registered(seed: 9).Order, a, b.Now, null));
                    break;
                default:
                    throw new InvalidOperationException($"No attempt for {action}: add one.");
            }
        }
    }

    private sealed record Attempt(WorkOrderAction Action, Guid? Target, string? Variant, Action<OrderBuilder, Actor> Run)
    {
        public override string ToString() => $"{Action}{(Target is null ? "" : $" [{Target}]")}{(Variant is null ? "" : $" ({Variant})")}";
    }
}
