using System.Globalization;
using System.Text.Json;
using Lianxin.Core.Calendars;
using Lianxin.Core.Calls;
using Lianxin.Core.Common;
using Lianxin.Core.Data;
using Lianxin.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace Lianxin.Web.Demo;

/// <summary>
/// The demo centre's phones this morning (issue 10): a phone system with a documented token, the calls since
/// 08:00 (or the last hours) played by <see cref="TrafficSimulator"/> with a fixed seed and fed through the real
/// ingest (<see cref="CtiBatch"/>, each event at its own instant), abandoned calls left as callbacks, and the
/// agents left in every state: some on a call, one wrapping up, ready, not ready, on a break and signed out.
/// Events after startup are not posted: callers still waiting then were never offered, calls still running stay
/// on the board until the simulator (README) or the stuck-call sweep ends them.
/// </summary>
internal sealed class DemoCalls(DemoServices services, DemoClock clock, TimeZoneInfo zone, WorkingCalendar calendar, int historyDays, CancellationToken ct)
{
    /// <summary>The demo phone system's CTI token (README.md, docs/cti.md): POST /api/v1/cti/demo-cti-token.</summary>
    public const string Token = "demo-cti-token";

    /// <summary>Agents on the phones this morning; the ones after them show the other states.</summary>
    public const int OnThePhones = 5;

    private const double TalkSeconds = 200;
    private const double WrapUpSeconds = 30;
    private const double PatienceSeconds = 90;

    /// <summary>Calls per hour by local hour, a weekday morning's rise.</summary>
    private static readonly Dictionary<int, double> CallsPerHour = new()
    {
        [8] = 40, [9] = 58, [10] = 62, [11] = 56, [12] = 38, [13] = 44, [14] = 52, [15] = 50, [16] = 46, [17] = 36,
    };

    /// <summary>Calls on a past working day, weekend day and holiday, on average (<see cref="PastDayAsync"/>).</summary>
    private const double PastWorkdayCalls = 70;
    private const double PastWeekendCalls = 40;
    private const double PastHolidayCalls = 24;

    /// <summary>Outside the day's profile the demo still plays a daytime hour's calls.</summary>
    private const double NightDemoCallsPerHour = 50;

    private readonly Random _rng = new(20261130);

    public async Task RunAsync(DateTime now)
    {
        var agents = await services.RunAsync(sp => sp.GetRequiredService<LianxinDbContext>().Users.AsNoTracking()
            .Where(u => u.IsActive && u.Extension != null).OrderBy(u => u.Extension).Select(u => new { u.Id, u.Extension, u.Roles }).ToListAsync(ct));
        var phones = agents.Where(a => (a.Roles & Role.Agent) != 0).Select(a => (a.Id, Extension: a.Extension!)).ToList();
        if (phones.Count < OnThePhones + 3)
        {
            throw new InvalidOperationException($"The demo's call centre needs {OnThePhones + 3} agents with extensions; demo-centre.json has {phones.Count}.");
        }

        var start = MorningStart(now);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(now, zone));
        var first = today.AddDays(-historyDays);
        var installed = historyDays > 0 ? LocalMidnight(first) : start;
        clock.MoveTo(installed);
        await services.RunAsync(async sp =>
        {
            var db = sp.GetRequiredService<LianxinDbContext>();
            db.PhoneSystems.Add(PhoneSystem.WithToken(Ids.New(clock), "演示话务平台", Token, installed));
            await db.SaveChangesAsync(ct);
        });
        var system = await services.RunAsync(sp => sp.GetRequiredService<LianxinDbContext>().PhoneSystems.AsNoTracking()
            .Where(s => s.TokenHash == PhoneSystem.Hash(Token)).Select(s => s.Id).SingleAsync(ct));

        var pool = phones.Take(OnThePhones).ToList();
        var ringer = (await services.RunAsync(sp => sp.GetRequiredService<LianxinDbContext>().Users.AsNoTracking().SingleAsync(u => u.Id == phones[OnThePhones].Id, ct))).ToActor();
        for (var day = first; day < today; day = day.AddDays(1))
        {
            await PastDayAsync(system, day, pool, ringer, start);
        }

        var plan = Plan(start, now, pool.Select(p => p.Extension).ToList());
        var calls = TrafficSimulator.Play(plan).Where(c => c.AnsweredAt is { } a ? a <= now : c.EndedAt <= now).ToList();
        calls = [.. calls, .. Showcase(calls, pool.Select(p => p.Extension).ToList(), now)];

        // What happens, in time order: everyone signs in as the morning starts, the calls' events, each agent
        // choosing ready when their wrap-up is done, and the three off the phones changing state late in the morning.
        var steps = new List<(DateTime At, int Order, CtiIngest.Work Work)>();
        foreach (var (id, _) in phones.Take(OnThePhones + 3))
        {
            steps.Add((start, 0, new CtiIngest.Work.Choose(id, AgentState.Ready, null)));
        }

        var byExtension = pool.ToDictionary(p => p.Extension, p => p.Id, StringComparer.Ordinal);
        foreach (var e in TrafficSimulator.Events(calls, plan).Where(e => e.At <= now))
        {
            var cti = CtiEvent.Parse(e.Fields(), e.At);
            steps.Add((e.At, 1, new CtiIngest.Work.Event(system, cti, JsonSerializer.Serialize(e.Fields()))));
        }

        foreach (var c in calls.Where(c => c.AgentFreeAt is { } free && free <= now && c.EndedAt <= now))
        {
            steps.Add((c.AgentFreeAt!.Value, 2, new CtiIngest.Work.Choose(byExtension[c.Extension!], AgentState.Ready, null)));
        }

        var (notReady, onBreak, signedOut) = (phones[OnThePhones].Id, phones[OnThePhones + 1].Id, phones[OnThePhones + 2].Id);
        steps.Add((Later(start, now, now.AddMinutes(-70)), 3, new CtiIngest.Work.Choose(signedOut, AgentState.LoggedOut, null)));
        steps.Add((Later(start, now, now.AddMinutes(-25)), 3, new CtiIngest.Work.Choose(onBreak, AgentState.Break, "用餐")));
        steps.Add((Later(start, now, now.AddMinutes(-12)), 3, new CtiIngest.Work.Choose(notReady, AgentState.NotReady, "整理工单")));

        await ApplyAsync([.. steps.OrderBy(s => s.At).ThenBy(s => s.Order).Select(s => (s.At, s.Work))]);
        await RingBackAsync(now);
        clock.MoveTo(now);
        await RosterAsync(now);
    }

    /// <summary>
    /// One past day's calls (the history before this morning): round the clock by <see cref="DemoMonth.HourWeights"/>,
    /// fewer at the weekend and on holidays, one agent on the phone (a different one each day), so the busy hours
    /// queue and some callers give up. Fed through the real ingest; the agent signs in at midnight and out at the
    /// day's end. Afterwards the shift rings back the day's missed callers (at the instants it would have), up to the
    /// attempts the rules allow; a caller who got through again in the meantime needs none.
    /// </summary>
    private async Task PastDayAsync(Guid system, DateOnly day, List<(Guid Id, string Extension)> pool, Actor caller, DateTime before)
    {
        var kind = calendar.Describe(day).Kind;
        var perDay = kind switch
        {
            CalendarDayKind.Holiday or CalendarDayKind.LocalDayOff => PastHolidayCalls,
            CalendarDayKind.Weekend => PastWeekendCalls,
            _ => PastWorkdayCalls,
        } * (0.85 + (_rng.NextDouble() * 0.3));
        var index = day.DayNumber;
        var onDuty = new[] { pool[index % pool.Count] };
        var from = LocalMidnight(day);
        var to = LocalMidnight(day.AddDays(1));
        var weights = DemoMonth.HourWeights;
        var intervals = Enumerable.Range(0, 48).Select(i => perDay * weights[i / 2] / weights.Sum() / 2).ToList();
        var plan = new TrafficPlan(from, intervals, 30, TalkSeconds, PatienceSeconds, onDuty.Select(p => p.Extension).ToList(), WrapUpSeconds, Seed: 20260000 + index);
        var off = to.AddMinutes(-1) < before ? to.AddMinutes(-1) : before.AddSeconds(-1);
        var calls = TrafficSimulator.Play(plan).Where(c => (c.AgentFreeAt ?? c.EndedAt) < off).ToList();

        var steps = new List<(DateTime At, CtiIngest.Work Work)>();
        steps.AddRange(onDuty.Select(p => (from, (CtiIngest.Work)new CtiIngest.Work.Choose(p.Id, AgentState.Ready, null))));
        steps.AddRange(TrafficSimulator.Events(calls, plan).Select(e =>
            (e.At, (CtiIngest.Work)new CtiIngest.Work.Event(system, CtiEvent.Parse(e.Fields(), e.At), JsonSerializer.Serialize(e.Fields())))));
        steps.AddRange(onDuty.Select(p => (off, (CtiIngest.Work)new CtiIngest.Work.Choose(p.Id, AgentState.LoggedOut, null))));
        await ApplyAsync(steps);

        var missed = await services.RunAsync(sp => sp.GetRequiredService<LianxinDbContext>().Callbacks.AsNoTracking()
            .Where(c => c.Status == CallbackStatus.Open).Select(c => new { c.Id, c.LastMissedAt }).ToListAsync(ct));
        foreach (var item in missed.OrderBy(m => m.LastMissedAt))
        {
            var at = item.LastMissedAt.AddMinutes(15 + _rng.Next(0, 20));
            for (var attempt = 0; attempt < 3 && at < before; attempt++)
            {
                var reached = _rng.NextDouble() < 0.7;
                clock.MoveTo(at);
                var done = await services.RunAsync(async sp =>
                {
                    var work = sp.GetRequiredService<WorkCallback>();
                    await work.TakeAsync(caller, item.Id, ct);
                    var row = await work.RecordAttemptAsync(caller, item.Id, reached, reached ? "已回拨，市民诉求已记录。" : "回拨无人接听。", ct);
                    return row.Status == CallbackStatus.Done;
                });
                if (done)
                {
                    break;
                }

                at = at.AddMinutes(15 + _rng.Next(0, 45));
            }
        }
    }

    private DateTime LocalMidnight(DateOnly day) => TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue), zone);

    /// <summary>
    /// This week's and next week's roster (排班), imported as a supervisor would, so the staffing plan has something
    /// to compare its need with: a day shift, an evening shift and a night shift in turn, thinner at the weekend,
    /// and an emergency line (应急坐席) on weekday mornings.
    /// </summary>
    private async Task RosterAsync(DateTime now)
    {
        var logins = await services.RunAsync(sp => sp.GetRequiredService<LianxinDbContext>().Users.AsNoTracking()
            .Where(u => u.IsActive && u.Extension != null && (u.Roles & Role.Agent) != 0).OrderBy(u => u.Extension).Select(u => u.UserName).ToListAsync(ct));
        var supervisor = await services.RunAsync(sp => sp.GetRequiredService<LianxinDbContext>().Users.AsNoTracking()
            .Where(u => u.IsActive && (u.Roles & Role.Supervisor) != 0).OrderBy(u => u.UserName).FirstAsync(ct));
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(now, zone));
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        (string Start, string End)[] shifts = [("08:00", "16:00"), ("16:00", "24:00"), ("00:00", "08:00")];
        var csv = new System.Text.StringBuilder("login,date,start,end,kind,note\n");
        for (var d = 0; d < 14; d++)
        {
            var date = monday.AddDays(d);
            var weekend = date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            string? evening = null;
            for (var i = 0; i < logins.Count; i++)
            {
                // A day off in turn; at the weekend every other agent is off. The shifts rotate weekly.
                if ((i + d) % 7 == 6 || (weekend && i % 2 == 1))
                {
                    continue;
                }

                var (start, end) = shifts[(i + (d / 7)) % 3];
                evening ??= start == "16:00" ? logins[i] : null;
                csv.Append(CultureInfo.InvariantCulture, $"{logins[i]},{date:yyyy-MM-dd},{start},{end},,\n");
            }

            if (!weekend && evening is not null)
            {
                // The evening shift's first agent also covers the weekday morning peak on an emergency line.
                csv.Append(CultureInfo.InvariantCulture, $"{evening},{date:yyyy-MM-dd},09:00,12:00,应急坐席,早高峰\n");
            }
        }

        var outcome = await services.RunAsync(sp => sp.GetRequiredService<Lianxin.Core.Staffing.ImportRoster>().ExecuteAsync(supervisor.ToActor(), csv.ToString(), replace: false, ct));
        if (outcome.Issues.Count > 0)
        {
            throw new InvalidOperationException("The demo roster did not import: " + string.Join("; ", outcome.Issues.Select(i => $"row {i.Row}: {i.Message.Zh}")));
        }
    }

    /// <summary>
    /// The shift's 示忙 agent rings back the callers who gave up more than 40 minutes ago, each 20–40 minutes after
    /// their last missed call, through the real use case: most are reached, some not (and wait for another try).
    /// The newer ones stay open for the demo's agents to work.
    /// </summary>
    private async Task RingBackAsync(DateTime now)
    {
        var items = await services.RunAsync(sp => sp.GetRequiredService<LianxinDbContext>().Callbacks.AsNoTracking()
            .Where(c => c.Status == CallbackStatus.Open).Select(c => new { c.Id, c.LastMissedAt }).ToListAsync(ct));
        var agents = await services.RunAsync(sp => sp.GetRequiredService<LianxinDbContext>().Users.AsNoTracking()
            .Where(u => u.IsActive && u.Extension != null).OrderBy(u => u.Extension).ToListAsync(ct));
        var caller = agents.Where(u => (u.Roles & Role.Agent) != 0).Skip(OnThePhones).First().ToActor();
        var plan = items.Where(i => i.LastMissedAt < now.AddMinutes(-40))
            .Select(i => (i.Id, At: i.LastMissedAt.AddMinutes(20 + _rng.Next(0, 21)), Reached: _rng.NextDouble() < 0.75))
            .Where(i => i.At < now)
            .OrderBy(i => i.At)
            .ToList();
        foreach (var (id, at, reached) in plan)
        {
            clock.MoveTo(at);
            await services.RunAsync(async sp =>
            {
                var work = sp.GetRequiredService<WorkCallback>();
                await work.TakeAsync(caller, id, ct);
                await work.RecordAttemptAsync(caller, id, reached, reached ? "已回拨，来电人已通过其他渠道反映，无需登记。" : "无人接听。", ct);
            });
        }
    }

    /// <summary>
    /// 08:00 local today, or four hours back if that was longer ago; before 09:00 or after 18:00 local (a demo started
    /// at night, or from another time zone) the last three hours, at a daytime rate, so the board is never empty.
    /// </summary>
    private DateTime MorningStart(DateTime now)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(now, zone);
        if (local.Hour is < 9 or >= 18)
        {
            return now.AddHours(-3);
        }

        var eight = TimeZoneInfo.ConvertTimeToUtc(local.Date.AddHours(8), zone);
        return eight > now.AddHours(-4) ? eight : now.AddHours(-4);
    }

    private TrafficPlan Plan(DateTime start, DateTime now, IReadOnlyList<string> extensions)
    {
        var intervals = new List<double>();
        for (var at = start; at < now; at = at.AddMinutes(30))
        {
            var hour = TimeZoneInfo.ConvertTimeFromUtc(at, zone).Hour;
            intervals.Add(CallsPerHour.GetValueOrDefault(hour, NightDemoCallsPerHour) / 2);
        }

        return new TrafficPlan(start, intervals, 30, TalkSeconds, PatienceSeconds, extensions, WrapUpSeconds, Seed: 20261130);
    }

    /// <summary>
    /// However the dice fell, the board shows an agent on a call and one wrapping up at startup: when nobody is,
    /// the agent idle longest takes one more call (still running, or just ended).
    /// </summary>
    private List<SimulatedCall> Showcase(List<SimulatedCall> calls, IReadOnlyList<string> extensions, DateTime now)
    {
        var added = new List<SimulatedCall>();
        var freeAt = extensions.ToDictionary(x => x, x => DateTime.MinValue, StringComparer.Ordinal);
        foreach (var c in calls.Where(c => c.Extension is not null))
        {
            freeAt[c.Extension!] = c.AgentFreeAt!.Value > freeAt[c.Extension!] ? c.AgentFreeAt.Value : freeAt[c.Extension!];
        }

        string? Idle() => freeAt.Where(f => f.Value <= now.AddSeconds(-150)).OrderBy(f => f.Value).Select(f => f.Key).FirstOrDefault();
        string Caller() => "13" + _rng.Next(0, 1_000_000_000).ToString("000000000", CultureInfo.InvariantCulture);
        var n = 0;
        SimulatedCall Call(string ext, DateTime answered, DateTime ended) =>
            new($"demo-{++n}", Caller(), answered.AddSeconds(-8), answered, ended, ext, ended.AddSeconds(WrapUpSeconds));

        if (!calls.Any(c => c.AnsweredAt <= now && c.EndedAt > now) && Idle() is { } talking)
        {
            added.Add(Call(talking, now.AddSeconds(-95), now.AddMinutes(5)));
            freeAt[talking] = now.AddMinutes(6);
        }

        if (!calls.Any(c => c.EndedAt <= now && c.AgentFreeAt > now && !c.Abandoned) && Idle() is { } wrapping)
        {
            added.Add(Call(wrapping, now.AddSeconds(-140), now.AddSeconds(-10)));
        }

        return added;
    }

    private static DateTime Later(DateTime start, DateTime now, DateTime at) => at < start ? start + ((now - start) / 2) : at;

    /// <summary>
    /// Feeds the steps to the real ingest in batches, as its writer would: events carry their own instants; a state
    /// choice happens at the clock's, so a batch ends with each choice and the clock stands at its instant.
    /// </summary>
    private async Task ApplyAsync(IReadOnlyList<(DateTime At, CtiIngest.Work Work)> steps)
    {
        var batch = new List<CtiIngest.Work>();
        foreach (var (at, work) in steps)
        {
            batch.Add(work);
            if (work is CtiIngest.Work.Choose || batch.Count == CtiIngest.MaxBatch)
            {
                clock.MoveTo(at);
                await FlushAsync(batch);
            }
        }

        if (batch.Count > 0)
        {
            await FlushAsync(batch);
        }
    }

    private async Task FlushAsync(List<CtiIngest.Work> batch)
    {
        var outcome = await services.RunAsync(sp => new CtiBatch(sp.GetRequiredService<LianxinDbContext>(), sp.GetRequiredService<CentreCalendar>(), clock).ApplyAsync(batch, ct));
        if (outcome.Results.Select(r => r.Result).OfType<Exception>().FirstOrDefault() is { } refused)
        {
            throw new InvalidOperationException("The demo's calls were refused by the ingest.", refused);
        }

        batch.Clear();
    }
}
