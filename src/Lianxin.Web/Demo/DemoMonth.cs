using System.Globalization;
using Lianxin.Core.Calendars;
using Lianxin.Core.Data;
using Lianxin.Core.Deadlines;
using Lianxin.Core.Dispatch;
using Lianxin.Core.Identity;
using Lianxin.Core.Organization;
using Lianxin.Core.Repeats;
using Lianxin.Core.ReturnVisits;
using Lianxin.Core.Routing;
using Lianxin.Core.Supervision;
using Lianxin.Core.WorkOrders;
using Microsoft.EntityFrameworkCore;

namespace Lianxin.Web.Demo;

/// <summary>
/// The demo centre's last month, lived step by step: citizens call, the demo's call-takers register
/// their orders, dispatchers route them, units sign for, pass down, return, ask for time and reply,
/// supervisors urge, visitors call back. Every step is the real use case (the one the API calls), done by
/// a demo login at the step's instant on the demo clock, so numbering, repeat detection, routing decisions,
/// deadlines and every rule are the real ones; the deadline sweep runs along as the app's would. Each step takes
/// a plausible time, and a process stops where its next step would fall after now, so the newest orders
/// are the ones still open. Deterministic: one seeded generator, drawn in time order.
/// </summary>
internal sealed class DemoMonth(DemoServices services, DemoClock clock, DemoContent content, DemoWorld world, TimeZoneInfo zone, CancellationToken ct)
{
    /// <summary>
    /// Days of history back from today: nine weeks, so that 国庆 (1–7 October in 2026, with its 调休 Saturday
    /// after it) and the weeks either side are in the trend charts.
    /// </summary>
    public const int HistoryDays = 63;

    /// <summary>First calls (new matters) on an ordinary working day, on average; weekends and holidays bring fewer.</summary>
    public const double WorkdayFirstCalls = 9;

    private const double WeekendFirstCalls = 5;
    private const double HolidayFirstCalls = 3;

    /// <summary>About one in eight callers calls again about the same matter.</summary>
    private const double CallAgainShare = 0.125;

    /// <summary>When in the day citizens call, by local hour: the morning peak, a lunch dip, the afternoon, a quiet night.</summary>
    internal static readonly double[] HourWeights =
        [0.3, 0.2, 0.1, 0.1, 0.1, 0.2, 0.5, 1.5, 4, 6, 6.5, 5.5, 3.5, 4, 5.5, 5.5, 5, 4, 3, 2.5, 2.2, 1.8, 1.2, 0.6];

    /// <summary>The hard case offered to a union of property companies (专家会诊).</summary>
    private const string HardCase = "老旧小区加装电梯后，独居老人家中卫生间下水反复堵塞冒水，本小区维修工多次上门未查明原因，请有类似经验的物业企业认领会诊。";

    private static readonly TimeSpan AppSweepInterval = TimeSpan.FromSeconds(30);

    private static readonly WorkOrderStatus[] OpenStatuses =
        [WorkOrderStatus.Registered, WorkOrderStatus.Dispatched, WorkOrderStatus.InProgress, WorkOrderStatus.ReturnRequested, WorkOrderStatus.Replied];

    private readonly Random _rng = new(20261123);
    private readonly List<Call> _calls = [];
    private DemoTimeline _timeline = null!;
    private WorkingCalendar _calendar = null!;

    /// <summary>When the next sweep is queued for (<see cref="SweepBy"/>); null while the demo does not sweep.</summary>
    private DateTime? _sweepAt;

    public async Task RunAsync(DateTime now)
    {
        _calendar = (await services.RunAsync(sp => sp.GetRequiredService<CentreCalendar>().GetAsync(sp.GetRequiredService<LianxinDbContext>(), ct))).Calendar;
        _timeline = new DemoTimeline(clock, now);
        _sweepAt = DateTime.MaxValue;
        var weighted = content.Scenarios.SelectMany(s => Enumerable.Repeat(s, Math.Clamp(s.Weight, 1, 5))).ToList();
        var today = _calendar.LocalDate(now);
        for (var day = today.AddDays(-HistoryDays); day <= today; day = day.AddDays(1))
        {
            for (var i = FirstCallsOn(day); i > 0; i--)
            {
                var at = _calendar.ToUtc(day, TimeOnly.FromTimeSpan(TimeSpan.FromMinutes((PickHour(HourWeights) * 60) + _rng.Next(60))));
                var scenario = Pick(weighted);
                if (at <= now)
                {
                    _timeline.Start(at, () => FirstCall(scenario));
                }
            }
        }

        if (content.Burst is { Calls.Count: > 0 } burst)
        {
            _timeline.Start(now.AddHours(-3), () => Burst(burst));
        }

        if (world.Groups.Count > 0 && content.Scenarios.FirstOrDefault(s => s.UnitKey.EndsWith("-pm", StringComparison.Ordinal)) is { } hard)
        {
            _timeline.Start(now.AddDays(-2), () => HelpClaimed(hard, world.Groups[0]));
            _timeline.Start(now.AddHours(-3), () => HelpWaiting(hard, world.Groups[0]));
        }

        await _timeline.RunAsync(ct);

        // Every status must be there to try, however the dice fell: a few recent orders walked to the missing ones.
        // They start before the month's last steps, so their numbers come after orders registered later than they were;
        // the sweep waits for the end, so that no order's history goes back in time.
        _sweepAt = null;
        var counts = await services.RunAsync(sp => sp.GetRequiredService<LianxinDbContext>().WorkOrders.AsNoTracking()
            .GroupBy(o => o.Status).Select(g => new { Status = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Status, g => g.Count, ct));
        _timeline = new DemoTimeline(clock, now);
        foreach (var status in Enum.GetValues<WorkOrderStatus>())
        {
            for (var n = counts.GetValueOrDefault(status); n < 3; n++)
            {
                // An archived one needs days: its visit comes on a working day after it closed.
                _timeline.Start(now.AddHours(-_rng.Next(3, 20) - (status == WorkOrderStatus.Archived ? 96 : 0)), () => Showcase(status));
            }
        }

        await _timeline.RunAsync(ct);

        // Deadlines as they stand now, marked by the sweep as the app's own would a moment after it starts.
        clock.MoveTo(now);
        await SweepAsync();
    }

    /// <summary>A citizen's first call about a matter, and whatever follows.</summary>
    private async IAsyncEnumerable<DateTime> FirstCall(DemoScenario scenario)
    {
        var call = await RegisterAsync(scenario, CallRequest(scenario));
        if (_rng.NextDouble() < CallAgainShare)
        {
            var again = call.Order.CreatedAt.AddHours(_rng.Next(3, 72));
            _timeline.Start(again, () => CallAgain(call));
        }

        await foreach (var at in Progress(call))
        {
            yield return at;
        }
    }

    /// <summary>
    /// The same caller about the same matter again. Whether it is a repeat is for registration to say
    /// (DetectRepeat, with the similarity in the history); the dispatcher merges a flagged repeat into the
    /// original while that is still open, otherwise it is handled in its own right.
    /// </summary>
    private async IAsyncEnumerable<DateTime> CallAgain(Call original)
    {
        var o = original.Order;
        var r = o.Requester;
        var call = await RegisterAsync(original.Scenario, new CreateWorkOrderRequest(
            Channel.Phone, o.DemandType, o.Urgency, new RequesterRequest(r.Name, r.Phone, r.Confidential, r.WantsReply), o.CategoryId, o.RegionCode, o.Address,
            o.Title + "（再次来电）",
            $"{r.Name}再次来电反映：{o.Title}的问题至今未解决，此前已于{Local(o.CreatedAt):M月d日}反映过（工单{o.Number}），要求尽快处理并回复。"));
        if (call.Order.RepeatOfId == o.Id && _rng.NextDouble() < 0.8)
        {
            yield return After(3, 30);
            if (await IsOpenAsync(o.Id))
            {
                await MergeAsync(call, o.Id, "同一来电人反映同一事项，并入原工单办理。");
                yield break;
            }
        }

        await foreach (var at in Progress(call))
        {
            yield return at;
        }
    }

    /// <summary>Walks an order from registration as far as its age allows.</summary>
    private async IAsyncEnumerable<DateTime> Progress(Call call)
    {
        var scenario = call.Scenario!;
        var roll = _rng.NextDouble();
        if (scenario.DemandType == DemandType.Consultation && roll < 0.55)
        {
            yield return After(2, 8);
            var answer = content.DirectAnswers.Count > 0 ? Pick(content.DirectAnswers).Answer : "已根据知识库解答。";
            await ActAsync<AnswerWorkOrderDirectly, AnswerRequest>(call, Staff(Role.Agent), new AnswerRequest(answer) { OrderId = call.Id });
            yield return After(60 * 20, 60 * 60);
            await ArchiveAsync(call, Staff(Role.Visitor), "咨询类直接答复，无需回访。");
            yield break;
        }

        if (roll > 0.965 && content.NotAcceptReasons.Count > 0)
        {
            yield return After(2, 10);
            await ActAsync<NotAcceptWorkOrder, NotAcceptRequest>(call, Staff(Role.Agent), new NotAcceptRequest(Pick(content.NotAcceptReasons).Reason) { OrderId = call.Id });
            yield return After(60 * 24, 60 * 48);
            await ArchiveAsync(call, Staff(Role.Dispatcher), null);
            yield break;
        }

        var urgent = scenario.Urgency != Urgency.Normal;
        yield return After(urgent ? 3 : 10, urgent ? 15 : 180);
        var lead = world.Units[scenario.UnitKey];

        // Many orders for a street's property company go the government way: the district's sub-centre, then
        // the street office, then the company (多级转派); the reply travels back up.
        var chain = ChainTo(lead);
        if (chain.Count == 1 || (scenario.AssistUnitKeys ?? []).Count > 0 || _rng.NextDouble() >= 0.45)
        {
            chain = [lead];
        }

        var assists = (scenario.AssistUnitKeys ?? []).Where(world.Units.ContainsKey).Select(k => world.Units[k]).ToList();
        await DispatchAsync(call, chain[0], assists, urgent ? "紧急件，请立即处置。" : null);

        // A misrouted order comes back once: the dispatcher rejects a wrong return, or approves it and sends the order on.
        if (chain.Count == 1 && _rng.NextDouble() < 0.07 && content.ReturnReasons.Count > 0)
        {
            yield return After(30, 600);
            var why = Pick(content.ReturnReasons);
            await ActAsync<RequestReturn, ReturnRequestBody>(call, HandlerOf(lead),
                new ReturnRequestBody(why.Reason, why.Basis, why.Reason.Contains("辖区", StringComparison.Ordinal) ? "outside-area" : "not-our-duty") { OrderId = call.Id });
            yield return After(20, 300);
            var wrong = _rng.NextDouble() < 0.5;
            await DecideAsync<DecideReturn>(call, Staff(Role.Dispatcher), approve: !wrong, wrong ? "经核实属贵单位职责，请继续办理。" : "同意退回，改派。");
            if (!wrong)
            {
                yield return After(5, 60);
                lead = await NextUnitAfterReturnAsync(call, lead);
                chain = [lead];
                await DispatchAsync(call, lead, [], "原单位退回，改派。");
            }
        }

        foreach (var unitId in call.Order.Assignments.Where(a => a.IsOpen && a.Status == AssignmentStatus.Pending).Select(a => a.UnitId).ToList())
        {
            yield return After(urgent ? 2 : 15, urgent ? 25 : 600);
            await AcceptAsync(call, unitId);
        }

        if (call.Order.Status != WorkOrderStatus.InProgress)
        {
            yield break;
        }

        for (var i = 1; i < chain.Count; i++)
        {
            yield return After(urgent ? 3 : 20, urgent ? 30 : 240);
            var note = chain[i].Kind == UnitKind.StreetOffice ? "请街道核实处理。" : "请尽快上门处理并反馈。";
            await ActAsync<RedispatchWorkOrder, RedispatchRequest>(call, HandlerOf(chain[i - 1]), new RedispatchRequest(chain[i].Id, AssignmentRole.Lead, note) { OrderId = call.Id });
            yield return After(urgent ? 2 : 10, urgent ? 20 : 300);
            await AcceptAsync(call, chain[i].Id);
        }

        // Most units call the requester soon after signing for it; some forget (联系时限).
        if (_rng.NextDouble() < 0.85)
        {
            yield return After(urgent ? 5 : 20, urgent ? 60 : 60 * 20);
            await ActAsync<RecordContact, NoteRequest>(call, HandlerOf(lead), new NoteRequest("已电话联系市民，约定上门时间。") { OrderId = call.Id });
        }

        if (_rng.NextDouble() < 0.12)
        {
            await foreach (var at in Slow(call, lead))
            {
                yield return at;
            }
        }

        foreach (var unitId in call.Order.Assignments.Where(a => a.Role == AssignmentRole.Assist && a.Status == AssignmentStatus.Accepted).Select(a => a.UnitId).ToList())
        {
            yield return After(60, 60 * 24);
            await ReplyAsync(call, unitId, "我单位已按职责完成配合工作，现场情况已同步主办单位。", Solved.Yes);
        }

        await foreach (var at in ReplyAndReview(call, chain, urgent))
        {
            yield return at;
        }

        await foreach (var at in Visit(call, chain))
        {
            yield return at;
        }
    }

    /// <summary>A slow order: the unit asks for more time, the centre urges and sometimes supervises (督办, its reply due by the rule).</summary>
    private async IAsyncEnumerable<DateTime> Slow(Call call, Unit lead)
    {
        yield return After(60 * 6, 60 * 30);
        if (_rng.NextDouble() < 0.6 && content.ExtensionReasons.Count > 0)
        {
            await ActAsync<RequestExtension, ExtensionRequestBody>(call, HandlerOf(lead),
                new ExtensionRequestBody(_rng.Next(2, 6), Pick(content.ExtensionReasons)) { OrderId = call.Id });
            yield return After(30, 600);
            await DecideAsync<DecideExtension>(call, Staff(Role.Dispatcher), _rng.NextDouble() < 0.8, null);
        }

        if (content.UrgeNotes.Count > 0 && _rng.NextDouble() < 0.6)
        {
            yield return After(10, 120);
            await ActAsync<UrgeWorkOrder, UrgeRequest>(call, Staff(Role.Supervisor), new UrgeRequest(Pick(content.UrgeNotes)) { OrderId = call.Id });
        }

        if (content.SuperviseNotes.Count > 0 && _rng.NextDouble() < 0.3)
        {
            yield return After(60, 60 * 12);
            await ActAsync<SuperviseWorkOrder, SuperviseRequest>(call, Staff(Role.Supervisor), new SuperviseRequest(Pick(content.SuperviseNotes), ReplyDueAt: null) { OrderId = call.Id });
        }
    }

    /// <summary>The unit at the end of the chain replies, each unit above checks and forwards it, and the centre reviews.</summary>
    private async IAsyncEnumerable<DateTime> ReplyAndReview(Call call, List<Unit> chain, bool urgent)
    {
        var reply = Pick(call.Scenario!.Replies);
        yield return After(urgent ? 40 : 120, urgent ? 600 : 60 * 72);
        await ReplyAsync(call, chain[^1].Id, reply.Text, reply.Solved);
        for (var i = chain.Count - 2; i >= 0; i--)
        {
            yield return After(20, urgent ? 90 : 60 * 8);
            await ReplyAsync(call, chain[i].Id, i == 0 ? $"经{chain[^1].Name}处理：{reply.Text}" : $"经核实，{reply.Text}", reply.Solved);
        }

        yield return After(20, 60 * 16);
        if (_rng.NextDouble() < 0.08 && content.ReviewSendBackNotes.Count > 0)
        {
            await DecideAsync<ReviewReply>(call, Staff(Role.Dispatcher), approve: false, Pick(content.ReviewSendBackNotes));
            yield return After(60, 60 * 24);
            await ReplyAsync(call, chain[0].Id, reply.Text + "已补充联系市民并告知处理结果。", reply.Solved);
            yield return After(20, 60 * 8);
        }

        await DecideAsync<ReviewReply>(call, Staff(Role.Dispatcher), approve: true, null);
    }

    /// <summary>回访; unsatisfied or unsolved sends it back to the unit (重办), and the second visit is final.</summary>
    private async IAsyncEnumerable<DateTime> Visit(Call call, List<Unit> chain)
    {
        yield return VisitAt();
        if (!call.Order.Requester.WantsReply)
        {
            await ArchiveAsync(call, Staff(Role.Visitor), "市民表示无需回访。");
            yield break;
        }

        // Not every closure is visited: complaints and help requests always, the rest by the sample the closure recorded.
        if (!call.Order.VisitRequired)
        {
            await ArchiveAsync(call, Staff(Role.Visitor), "未抽中回访，办结归档。");
            yield break;
        }

        // Some citizens do not pick up: tried again a few hours later, up to the third attempt (then 无法联系);
        // half of the first misses answer on a later try.
        if (_rng.NextDouble() < 0.08)
        {
            var reachedLater = _rng.NextDouble() < 0.5;
            for (var attempt = 1; attempt <= ReturnVisit.MaxAttempts; attempt++)
            {
                if (attempt > 1)
                {
                    // Two to six working hours on: a Friday evening's miss is tried again on the next working day.
                    yield return _calendar.AddWorkingTime(clock.Now, TimeSpan.FromMinutes(120 + (_rng.NextDouble() * 240)));
                    if (reachedLater && _rng.NextDouble() < 0.6)
                    {
                        break;
                    }
                }

                await VisitAsync(call, reached: false, null, null, attempt == 1 ? "电话无人接听。" : attempt == 2 ? "再次拨打，仍无人接听。" : "第三次拨打无人接听，按无法联系处理。");
                if (call.Order.Status != WorkOrderStatus.Closed)
                {
                    yield break;
                }
            }
        }

        var solved = call.Order.ReplySolved ?? Solved.Yes;
        var mood = _rng.NextDouble();
        var satisfaction = solved == Solved.No || mood < 0.07 ? Satisfaction.Unsatisfied : mood < 0.3 ? Satisfaction.BasicallySatisfied : Satisfaction.Satisfied;
        await VisitAsync(call, reached: true, solved, satisfaction, Comment(satisfaction));

        // A redo of an order that came down a chain is the sub-centre's to send down again: left open here.
        if (call.Order.Status != WorkOrderStatus.InProgress || chain.Count > 1)
        {
            yield break;
        }

        var better = call.Scenario!.Replies.FirstOrDefault(r => r.Solved == Solved.Yes) ?? call.Scenario.Replies[0];
        yield return After(60 * 4, 60 * 48);
        await ReplyAsync(call, chain[0].Id, "重办：" + better.Text, better.Solved);
        yield return After(60, 60 * 12);
        await DecideAsync<ReviewReply>(call, Staff(Role.Dispatcher), approve: true, null);
        yield return VisitAt();
        if (!call.Order.VisitRequired)
        {
            await ArchiveAsync(call, Staff(Role.Visitor), "重办后办结，未抽中回访，归档。");
            yield break;
        }

        var final = _rng.NextDouble() < 0.7 ? Satisfaction.BasicallySatisfied : Satisfaction.Unsatisfied;
        await VisitAsync(call, reached: true, better.Solved, final, Comment(final));
    }

    /// <summary>
    /// A burst main a few hours ago (demo-centre.json, burst): one caller after another from the same
    /// street, each on their own phone, filed under 停水, 水压低 or 管道漏水. The first is dispatched to the
    /// repair crew and signed for; the dispatcher merges the next ones into it; the latest are still
    /// waiting. Supervisors find it under GET /api/v1/clusters for six hours after loading (?hours=72 for three days).
    /// </summary>
    private async IAsyncEnumerable<DateTime> Burst(DemoBurst burst)
    {
        var crew = world.Units[burst.UnitKey];
        Call? master = null;
        for (var i = 0; i < burst.Calls.Count; i++)
        {
            if (i > 0)
            {
                yield return After(10, 30);
            }

            var c = burst.Calls[i];
            var region = world.Communities.First(r => r.Code == c.RegionCode);
            var (name, phone, address) = Caller(region, ["38", "39", "58", "86"]);
            var call = await RegisterAsync(null, new CreateWorkOrderRequest(Channel.Phone, DemandType.Help, Urgency.Urgent, new RequesterRequest(name, phone, false, true),
                FindCategory(c.Category).Id, region.Code, address, c.Title, Fill(c.Description, name, address)));
            if (master is null)
            {
                master = call;
                _timeline.Start(clock.Now.AddMinutes(6), () => Once(() => DispatchAsync(call, crew, [], "爆管抢修，请立即到场。")));
                _timeline.Start(clock.Now.AddMinutes(11), () => Once(() => AcceptAsync(call, crew.Id)));
            }
            else if (i <= 3)
            {
                var into = master.Id;
                _timeline.Start(clock.Now.AddMinutes(4), () => Once(() => MergeAsync(call, into, burst.MergeNote)));
            }
        }
    }

    /// <summary>专家会诊 still waiting: offered to the district's property union an hour after the call, for a day.</summary>
    private async IAsyncEnumerable<DateTime> HelpWaiting(DemoScenario scenario, DemoGroup union)
    {
        var call = await RegisterAsync(scenario, CallRequest(scenario));
        yield return clock.Now.AddHours(1);
        await OfferHelpAsync(call, union);
    }

    /// <summary>专家会诊 claimed by a company that had seen the case before, which then calls the family.</summary>
    private async IAsyncEnumerable<DateTime> HelpClaimed(DemoScenario scenario, DemoGroup union)
    {
        var call = await RegisterAsync(scenario, CallRequest(scenario));
        yield return clock.Now.AddHours(1);
        await OfferHelpAsync(call, union);
        var offer = call.Order.HelpRequests.Single(h => h.Status == HelpRequestStatus.Open).Id;
        var claimer = HandlerOf(union.Members[^1]);
        yield return clock.Now.AddMinutes(50);
        call.Order = await services.RunAsync(sp => sp.GetRequiredService<ClaimHelpRequest>().ExecuteAsync(claimer, new ClaimRequest(offer), ct));
        SweepBy(call.Order.DeadlineCheckAt);
        yield return clock.Now.AddMinutes(70);
        await ActAsync<RecordContact, NoteRequest>(call, claimer, new NoteRequest("已与老人子女联系，明早带内窥设备上门。") { OrderId = call.Id });
    }

    /// <summary>A recent order driven step by step to <paramref name="status"/>.</summary>
    private async IAsyncEnumerable<DateTime> Showcase(WorkOrderStatus status)
    {
        var scenario = Pick(content.Scenarios.Where(s => s.DemandType != DemandType.Consultation).ToList());
        var call = await RegisterAsync(scenario, CallRequest(scenario));
        var lead = world.Units[scenario.UnitKey];
        switch (status)
        {
            case WorkOrderStatus.Registered:
                yield break;
            case WorkOrderStatus.NotAccepted:
                yield return Next();
                await ActAsync<NotAcceptWorkOrder, NotAcceptRequest>(call, Staff(Role.Agent), new NotAcceptRequest(Pick(content.NotAcceptReasons).Reason) { OrderId = call.Id });
                yield break;
            case WorkOrderStatus.Merged:
                // Another caller about the same kind of matter: merged, but no repeat (that is one caller again).
                yield return Next();
                if (await OpenMasterForAsync(call) is { } master)
                {
                    await MergeAsync(call, master, "与原工单为同一事项，并入原工单办理。");
                }

                yield break;
        }

        yield return Next();
        await DispatchAsync(call, lead, [], null);
        if (status == WorkOrderStatus.Dispatched)
        {
            yield break;
        }

        yield return Next();
        if (status == WorkOrderStatus.ReturnRequested)
        {
            var why = Pick(content.ReturnReasons);
            await ActAsync<RequestReturn, ReturnRequestBody>(call, HandlerOf(lead), new ReturnRequestBody(why.Reason, why.Basis, null) { OrderId = call.Id });
            yield break;
        }

        await AcceptAsync(call, lead.Id);
        if (status == WorkOrderStatus.InProgress)
        {
            yield break;
        }

        yield return Next();
        var reply = Pick(scenario.Replies);
        await ReplyAsync(call, lead.Id, reply.Text, reply.Solved);
        if (status == WorkOrderStatus.Replied)
        {
            yield break;
        }

        yield return Next();
        await DecideAsync<ReviewReply>(call, Staff(Role.Dispatcher), approve: true, null);
        if (status == WorkOrderStatus.Archived)
        {
            yield return VisitAt();
            await VisitAsync(call, reached: true, Solved.Yes, Satisfaction.Satisfied, Comment(Satisfaction.Satisfied));
        }
    }

    /// <summary>
    /// The deadline sweep, run when something falls due: the app's sweeper runs every 30 s (by default) and marks 临期
    /// and 超期 (raising the automatic 催办 and 督办) within 30 s of the instant; the demo runs it at the
    /// instant, and not in between, when it would find nothing. Each step asks for a sweep by the instant the
    /// order it saved next changes by the clock alone, and each sweep for one by the earliest pending check.
    /// </summary>
    private void SweepBy(DateTime? due)
    {
        if (_sweepAt is not { } planned || due is not { } at)
        {
            return;
        }

        at = at < clock.Now ? clock.Now : at;
        if (at < planned)
        {
            _sweepAt = at;
            _timeline.Start(at, Sweep);
        }
    }

    private async IAsyncEnumerable<DateTime> Sweep()
    {
        // An earlier sweep was asked for after this one was queued, and has run: this one is not needed.
        if (_sweepAt != clock.Now)
        {
            yield break;
        }

        _sweepAt = DateTime.MaxValue;
        await SweepAsync();

        // Not sooner than the app's sweeper would come round again (a check it put back must not spin here).
        var next = await services.RunAsync(sp => sp.GetRequiredService<LianxinDbContext>().WorkOrders.AsNoTracking()
            .Where(o => o.Check != null).MinAsync(o => (DateTime?)o.Check!.At, ct));
        var soonest = clock.Now + AppSweepInterval;
        SweepBy(next < soonest ? soonest : next);
    }

    private async Task SweepAsync()
    {
        SweepResult result;
        do
        {
            result = await services.RunAsync(sp => sp.GetRequiredService<DeadlineSweep>().RunOnceAsync(ct));
        }
        while (result.Claimed >= DeadlineSweep.DefaultBatchSize);

        await services.RunAsync(sp => sp.GetRequiredService<ExpireHelpRequests>().RunOnceAsync(ct));
    }

    private static async IAsyncEnumerable<DateTime> Once(Func<Task> act)
    {
        await act();
        yield break;
    }

    // The steps, each through its use case in a scope of its own; the order as saved is kept for the next step.
    private async Task<Call> RegisterAsync(DemoScenario? scenario, CreateWorkOrderRequest request)
    {
        var agent = Staff(Role.Agent);
        var order = await services.RunAsync(sp => sp.GetRequiredService<RegisterWorkOrder>().ExecuteAsync(agent, request, ct));
        var call = new Call(scenario, order);
        _calls.Add(call);
        SweepBy(order.DeadlineCheckAt);
        return call;
    }

    private async Task ActAsync<TAction, TRequest>(Call call, Actor actor, TRequest request)
        where TAction : IOrderAction<TRequest>
        where TRequest : OrderActionRequest
    {
        call.Order = await services.RunAsync(sp => sp.GetRequiredService<TAction>().ExecuteAsync(actor, request, ct));
        SweepBy(call.Order.DeadlineCheckAt);
    }

    private Task DecideAsync<TAction>(Call call, Actor actor, bool approve, string? note)
        where TAction : IOrderAction<DecisionRequest> =>
        ActAsync<TAction, DecisionRequest>(call, actor, new DecisionRequest(approve, note, null) { OrderId = call.Id });

    private Task DispatchAsync(Call call, Unit lead, IReadOnlyList<Unit> assists, string? note) =>
        ActAsync<DispatchWorkOrder, DispatchRequest>(call, Staff(Role.Dispatcher),
            new DispatchRequest([new AssignmentTarget(lead.Id, AssignmentRole.Lead), .. assists.Select(a => new AssignmentTarget(a.Id, AssignmentRole.Assist))], note) { OrderId = call.Id });

    private Task AcceptAsync(Call call, Guid unitId) =>
        ActAsync<AcceptWorkOrder, AcceptRequest>(call, HandlerOf(unitId), new AcceptRequest { OrderId = call.Id });

    private Task ReplyAsync(Call call, Guid unitId, string text, Solved solved) =>
        ActAsync<ReplyToWorkOrder, ReplyRequest>(call, HandlerOf(unitId), new ReplyRequest(text, solved) { OrderId = call.Id });

    private Task VisitAsync(Call call, bool reached, Solved? solved, Satisfaction? satisfaction, string? comment) =>
        ActAsync<RecordReturnVisit, VisitRequest>(call, Staff(Role.Visitor), new VisitRequest(reached, solved, satisfaction, comment) { OrderId = call.Id });

    private Task ArchiveAsync(Call call, Actor actor, string? note) =>
        ActAsync<ArchiveWorkOrder, NoteRequest>(call, actor, new NoteRequest(note) { OrderId = call.Id });

    private Task MergeAsync(Call call, Guid into, string note) =>
        ActAsync<MergeWorkOrder, MergeRequest>(call, Staff(Role.Dispatcher), new MergeRequest(into, note) { OrderId = call.Id });

    /// <summary>Offered for a day; the sweep ends the offer if nobody claims it by then.</summary>
    private async Task OfferHelpAsync(Call call, DemoGroup group)
    {
        await ActAsync<OfferHelpRequest, OfferHelpRequestBody>(call, Staff(Role.Dispatcher), new OfferHelpRequestBody(group.Id, HardCase, 24) { OrderId = call.Id });
        SweepBy(call.Order.HelpRequests.Where(h => h.Status == HelpRequestStatus.Open).Min(h => (DateTime?)h.ExpiresAt));
    }

    /// <summary>
    /// After an approved return the dispatcher asks the catalogue, which passes over the unit that returned it;
    /// without a suggestion, another unit of the same kind. Never one that already holds a part of the order.
    /// </summary>
    private async Task<Unit> NextUnitAfterReturnAsync(Call call, Unit returned)
    {
        var dispatcher = Staff(Role.Dispatcher);
        var suggestion = await services.RunAsync(sp => sp.GetRequiredService<SuggestRouting>().ExecuteAsync(call.Id, dispatcher, null, ct));
        bool Free(Unit u) => u.Id != returned.Id && u.IsActive && !call.Order.Hops.HoldsLiveHop(u.Id);
        if (world.Units.Values.FirstOrDefault(u => u.Id == suggestion.LeadUnitId) is { } unit && Free(unit))
        {
            return unit;
        }

        var others = world.Units.Values.Where(u => u.Kind == returned.Kind && Free(u)).ToList();
        return others.Count > 0 ? Pick(others) : returned;
    }

    private async Task<bool> IsOpenAsync(Guid orderId)
    {
        var status = await services.RunAsync(sp => sp.GetRequiredService<LianxinDbContext>().WorkOrders.AsNoTracking()
            .Where(o => o.Id == orderId).Select(o => o.Status).SingleAsync(ct));
        return OpenStatuses.Contains(status);
    }

    /// <summary>An open order that last changed before now, preferably about the same kind of matter.</summary>
    private async Task<Guid?> OpenMasterForAsync(Call call)
    {
        var now = clock.Now;
        var open = await services.RunAsync(sp => sp.GetRequiredService<LianxinDbContext>().WorkOrders.AsNoTracking()
            .Where(o => OpenStatuses.Contains(o.Status) && o.UpdatedAt < now && o.Id != call.Id)
            .OrderBy(o => o.CreatedAt).Select(o => o.Id).ToListAsync(ct));
        var same = _calls.Where(c => c.Scenario == call.Scenario).Select(c => c.Id).ToHashSet();
        return open.Where(same.Contains).Concat(open).Select(id => (Guid?)id).FirstOrDefault();
    }

    private CreateWorkOrderRequest CallRequest(DemoScenario scenario)
    {
        var region = Pick(world.Communities);
        var (name, phone, address) = Caller(region, ["38", "39", "37", "58", "59", "86", "87", "36", "52", "88"]);
        var title = Pick(scenario.Titles);
        var description = Fill(Pick(scenario.Descriptions), name, address);
        var channel = _rng.NextDouble() switch { < 0.78 => Channel.Phone, < 0.88 => Channel.Wechat, < 0.95 => Channel.Web, _ => Channel.App };
        var requester = new RequesterRequest(name, phone, Confidential: scenario.DemandType is DemandType.Report || _rng.NextDouble() < 0.06, WantsReply: _rng.NextDouble() > 0.05);
        return new CreateWorkOrderRequest(channel, scenario.DemandType, scenario.Urgency, requester, FindCategory(scenario.Category).Id, region.Code, address, title, description);
    }

    private (string Name, string Phone, string Address) Caller(Region region, string[] prefixes)
    {
        var phone = "1" + Pick(prefixes) + _rng.Next(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture);
        var name = Pick(content.People.Surnames) + Pick(content.People.Honorifics);
        var address = string.Create(CultureInfo.InvariantCulture, $"{region.Name}{_rng.Next(1, 28)}栋{_rng.Next(1, 5)}单元{_rng.Next(1, 26)}0{_rng.Next(1, 5)}室");
        return (name, phone, address);
    }

    /// <summary>The units that pass orders down above <paramref name="unit"/>, top first, then the unit.</summary>
    private List<Unit> ChainTo(Unit unit)
    {
        var chain = new List<Unit> { unit };
        for (var p = unit.ParentId; p is not null && world.Units.Values.FirstOrDefault(u => u.Id == p) is { } parent && parent.Kind is UnitKind.SubCentre or UnitKind.StreetOffice; p = parent.ParentId)
        {
            chain.Insert(0, parent);
        }

        return chain;
    }

    private Category FindCategory(string path)
    {
        if (world.Categories.TryGetValue(path.Trim(), out var category))
        {
            return category;
        }

        // A scenario names a branch that is not a leaf path: take the deepest known prefix.
        var parts = path.Split(" / ", StringSplitOptions.TrimEntries);
        for (var n = parts.Length - 1; n > 0; n--)
        {
            if (world.Categories.TryGetValue(string.Join(" / ", parts.Take(n)), out category))
            {
                return category;
            }
        }

        throw new InvalidOperationException($"Demo scenario category '{path}' is not in the category tree.");
    }

    private string Comment(Satisfaction satisfaction)
    {
        var list = satisfaction switch
        {
            Satisfaction.Satisfied => content.VisitComments.Satisfied,
            Satisfaction.BasicallySatisfied => content.VisitComments.BasicallySatisfied,
            _ => content.VisitComments.Unsatisfied,
        };
        return list.Count > 0 ? Pick(list) : "";
    }

    private string Fill(string template, string name, string address) => template
        .Replace("{name}", name, StringComparison.Ordinal)
        .Replace("{address}", address, StringComparison.Ordinal)
        .Replace("{days}", _rng.Next(2, 6).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);

    private Actor Staff(Role role) => world.Staff.TryGetValue(role, out var list) && list.Count > 0
        ? list[_rng.Next(list.Count)]
        : throw new InvalidOperationException($"The demo centre has no {role} login.");

    private Actor HandlerOf(Unit unit) => HandlerOf(unit.Id);

    private Actor HandlerOf(Guid unitId) => world.Handlers.TryGetValue(unitId, out var actor)
        ? actor
        : throw new InvalidOperationException($"The demo centre has no login for unit {unitId}.");

    private T Pick<T>(IReadOnlyList<T> items) => items[_rng.Next(items.Count)];

    /// <summary>How many new matters come in on <paramref name="day"/>: fewer at the weekend, fewer still on a holiday (调休 Saturdays are working days).</summary>
    private int FirstCallsOn(DateOnly day)
    {
        var mean = _calendar.Describe(day).Kind switch
        {
            CalendarDayKind.Holiday or CalendarDayKind.LocalDayOff => HolidayFirstCalls,
            CalendarDayKind.Weekend => WeekendFirstCalls,
            _ => WorkdayFirstCalls,
        };
        return (int)Math.Round(mean * (0.7 + (_rng.NextDouble() * 0.6)));
    }

    /// <summary>A local hour drawn by <paramref name="weights"/>.</summary>
    private int PickHour(double[] weights)
    {
        var roll = _rng.NextDouble() * weights.Sum();
        for (var h = 0; h < weights.Length; h++)
        {
            roll -= weights[h];
            if (roll < 0)
            {
                return h;
            }
        }

        return weights.Length - 1;
    }

    /// <summary>The instant of the next step, a plausible while after the current one.</summary>
    private DateTime After(double minMinutes, double maxMinutes) => clock.Now.AddMinutes(minMinutes + (_rng.NextDouble() * (maxMinutes - minMinutes)));

    private DateTime Next() => After(5, 25);

    /// <summary>
    /// When the visitor calls back: in working hours of the first or second working day after today
    /// (DOMAIN.md: a closed order is visited not before the next working day).
    /// </summary>
    private DateTime VisitAt()
    {
        var day = _calendar.AddWorkingDays(_calendar.LocalDate(clock.Now), _rng.Next(1, 3));
        var period = Pick(_calendar.Hours.Periods);
        return _calendar.ToUtc(day, period.Start.AddMinutes(_rng.Next((int)(period.End - period.Start).TotalMinutes)));
    }

    private DateTime Local(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(utc, zone);

    /// <summary>One order as the demo walks it: the matter it is about, and the order as last saved.</summary>
    private sealed class Call(DemoScenario? scenario, WorkOrder order)
    {
        public DemoScenario? Scenario { get; } = scenario;

        public WorkOrder Order { get; set; } = order;

        public Guid Id => Order.Id;
    }
}
