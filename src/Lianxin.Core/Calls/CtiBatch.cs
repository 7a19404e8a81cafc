using Lianxin.Core.Calendars;
using Lianxin.Core.Common;
using Lianxin.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Lianxin.Core.Calls;

/// <summary>
/// Applies one batch of the call-centre writer's work in one transaction: reads every call, agent and
/// callback the batch touches in a few queries, applies the events in arrival order, and saves once.
/// </summary>
internal sealed class CtiBatch(LianxinDbContext db, CentreCalendar calendar, TimeProvider clock)
{
    private readonly Dictionary<(Guid, string), PhoneCall> _calls = [];
    private readonly HashSet<(Guid, string, CtiEventKind)> _seen = [];
    private readonly Dictionary<Guid, AgentPresence> _presences = [];
    private readonly Dictionary<string, Callback> _openCallbacks = new(StringComparer.Ordinal);
    private readonly List<ScreenPop> _pops = [];
    private HashSet<string> _blocked = new(StringComparer.Ordinal);
    private AgentDirectory _agents = AgentDirectory.Empty;
    private CallCentreSettings _settings = new();
    private TimeZoneInfo _zone = TimeZoneInfo.Utc;
    private bool? _anyoneSignedIn;
    private bool _callsChanged;
    private bool _agentsChanged;
    private bool _callbacksChanged;

    public sealed record Outcome(IReadOnlyList<(CtiIngest.Work Work, object? Result)> Results, CallCentreChange? Change);

    public async Task<Outcome> ApplyAsync(IReadOnlyList<CtiIngest.Work> batch, CancellationToken ct)
    {
        _settings = await CallCentreSettings.ReadAsync(db, ct);
        _zone = TimeZoneInfo.FindSystemTimeZoneById((await calendar.SettingsAsync(db, ct)).TimeZone);
        var now = clock.GetUtcNow().UtcDateTime;
        await LoadAsync(batch, ct);

        var results = new List<(CtiIngest.Work, object?)>(batch.Count);
        foreach (var work in batch)
        {
            results.Add((work, work switch
            {
                CtiIngest.Work.Event e => Apply(e.PhoneSystemId, e.Cti, e.Fields),
                CtiIngest.Work.Choose c => Choose(c, now),
                _ => await SweepAsync(now, ct),
            }));
        }

        await db.SaveChangesAsync(ct);
        var change = _callsChanged || _agentsChanged || _callbacksChanged || _pops.Count > 0
            ? new CallCentreChange(_callsChanged, _agentsChanged, _callbacksChanged, _pops)
            : null;
        return new Outcome(results, change);
    }

    private async Task LoadAsync(IReadOnlyList<CtiIngest.Work> batch, CancellationToken ct)
    {
        var events = batch.OfType<CtiIngest.Work.Event>().ToList();
        var callIds = events.Select(e => e.Cti.CallId).Distinct(StringComparer.Ordinal).ToList();
        if (callIds.Count > 0)
        {
            // By phone system and call id: the unique keys lead with the phone system, so both lookups are index
            // scans (by call id alone they were sequential scans, slower with every event stored; bench/cti.sh).
            var systems = events.Select(e => e.PhoneSystemId).Distinct().ToList();
            foreach (var call in await db.PhoneCalls.Where(c => systems.Contains(c.PhoneSystemId) && callIds.Contains(c.ExternalId)).ToListAsync(ct))
            {
                _calls[(call.PhoneSystemId, call.ExternalId)] = call;
            }

            foreach (var key in await db.CtiEvents.Where(e => systems.Contains(e.PhoneSystemId) && callIds.Contains(e.CallId))
                .Select(e => new { e.PhoneSystemId, e.CallId, e.Kind }).ToListAsync(ct))
            {
                _seen.Add((key.PhoneSystemId, key.CallId, key.Kind));
            }
        }

        var callers = events.Where(e => e.Cti.Kind == CtiEventKind.NewCall && e.Cti.From is not null).Select(e => e.Cti.From!).Distinct(StringComparer.Ordinal).ToList();
        if (callers.Count > 0)
        {
            _blocked = [.. await db.BlockedNumbers.Where(b => callers.Contains(b.Phone)).Select(b => b.Phone).ToListAsync(ct)];
        }

        var names = events.Select(e => e.Cti.AgentExtension).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        _agents = await AgentDirectory.LoadAsync(db, names, ct);

        var agentIds = _agents.Ids.Concat(_calls.Values.Select(c => c.AgentId).OfType<Guid>())
            .Concat(batch.OfType<CtiIngest.Work.Choose>().Select(c => c.UserId)).Distinct().ToList();
        if (agentIds.Count > 0)
        {
            foreach (var presence in await db.AgentPresences.Where(p => agentIds.Contains(p.UserId)).ToListAsync(ct))
            {
                _presences[presence.UserId] = presence;
            }
        }

        if (events.Any(e => e.Cti.Kind == CtiEventKind.NewCall))
        {
            _anyoneSignedIn = await db.AgentPresences.AnyAsync(p => p.State != AgentState.LoggedOut, ct);
        }

        var phones = events.Select(e => e.Cti.From).Concat(_calls.Values.Select(c => c.From)).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        if (phones.Count > 0)
        {
            foreach (var item in await db.Callbacks.Where(c => c.Status == CallbackStatus.Open && phones.Contains(c.Phone)).ToListAsync(ct))
            {
                _openCallbacks[item.Phone] = item;
            }
        }
    }

    private CtiReply Apply(Guid systemId, CtiEvent e, string fields)
    {
        var key = (systemId, e.CallId, e.Kind);
        _calls.TryGetValue((systemId, e.CallId), out var call);
        if (!_seen.Add(key))
        {
            // A retried or repeated event: stored once already; a blocked caller's retried newCall is turned away again.
            return call?.Outcome == CallOutcome.Rejected && e.Kind == CtiEventKind.NewCall ? new CtiReply(true, true) : new CtiReply(false, true);
        }

        db.CtiEvents.Add(new CtiEventRecord(systemId, e, fields));
        _callsChanged = true;
        if (call is null)
        {
            call = PhoneCall.Start(systemId, e, _settings.CallRules);
            _calls[(systemId, e.CallId)] = call;
            db.PhoneCalls.Add(call);
            if (e.Kind == CtiEventKind.NewCall && call.Direction == CallDirection.In && call.From is { } from && _blocked.Contains(from))
            {
                call.Reject(e.At);
                return new CtiReply(true, false);
            }

            if (call.Direction == CallDirection.In)
            {
                var local = TimeOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(call.OfferedAt, _zone));
                call.SetOfferContext(AnyoneSignedIn(), _settings.IsWithinServiceHours(local), _settings.CallRules);
            }
        }
        else if (!call.Apply(e, _settings.CallRules))
        {
            return CtiReply.Accepted;
        }

        if (call.Outcome == CallOutcome.Rejected)
        {
            return new CtiReply(true, false);
        }

        if (call.AgentId is null && call.Extension is { } extension && _agents.Find(extension) is { } agentId)
        {
            call.AssignAgent(agentId);
        }

        if (call.AgentId is { } agent)
        {
            var presence = Presence(agent, e.At);
            if (e.Kind == CtiEventKind.Answer && call.AnsweredAt is not null && !call.IsEnded)
            {
                Log(presence.Answered(call.ExternalId, e.At));
                if (call.Direction == CallDirection.In)
                {
                    _pops.Add(new ScreenPop(agent, call.Id, call.From, e.At));
                }
            }
            else if (e.Kind == CtiEventKind.Hangup)
            {
                Log(presence.HungUp(call.ExternalId, e.At, _settings.MaxWrapUp));
            }
        }

        if (call.IsEnded)
        {
            Ended(call);
        }

        return CtiReply.Accepted;
    }

    /// <summary>An abandoned call opens (or adds to) its caller's callback item; an answered one closes it.</summary>
    private void Ended(PhoneCall call)
    {
        if (call.Direction != CallDirection.In || call.From is not { } phone)
        {
            return;
        }

        _openCallbacks.TryGetValue(phone, out var open);
        if (call.Outcome is CallOutcome.Abandoned or CallOutcome.ShortAbandon)
        {
            if (open is not null)
            {
                _callbacksChanged |= open.Missed(call, _settings.CallbackRules);
            }
            else if (Callback.ForAbandoned(call, _settings.CallbackRules) is { } item)
            {
                _openCallbacks[phone] = item;
                db.Callbacks.Add(item);
                _callbacksChanged = true;
            }
        }
        else if (call.Outcome == CallOutcome.Answered && open is not null)
        {
            // Got through (or its answer arrived after its hangup): nobody needs to ring back.
            var at = open.CallIds.Contains(call.ExternalId) ? open.FirstMissedAt : call.AnsweredAt!.Value;
            _callbacksChanged |= open.CalledAgain(at);
        }
    }

    private object? Choose(CtiIngest.Work.Choose c, DateTime now)
    {
        try
        {
            var presence = Presence(c.UserId, now);
            Log(presence.Choose(c.State, c.Reason, now));
            _agentsChanged = true;
            return presence;
        }
        catch (Exception ex) when (ex is ValidationFailedException or RuleViolationException)
        {
            return ex;
        }
    }

    private async Task<object?> SweepAsync(DateTime now, CancellationToken ct)
    {
        var rules = _settings.CallRules;
        var cutoff = now - rules.StuckAfter;
        foreach (var call in await db.PhoneCalls.Where(c => c.EndedAt == null && c.OfferedAt < cutoff).OrderBy(c => c.OfferedAt).Take(1000).ToListAsync(ct))
        {
            var known = _calls.TryAdd((call.PhoneSystemId, call.ExternalId), call) ? call : _calls[(call.PhoneSystemId, call.ExternalId)];
            if (!known.CloseIfStuck(now, rules))
            {
                continue;
            }

            _callsChanged = true;
            if (known.AgentId is { } agent && await PresenceAsync(agent, ct) is { } presence)
            {
                Log(presence.HungUp(known.ExternalId, known.EndedAt!.Value, TimeSpan.Zero));
            }

            if (known.From is { } phone && !_openCallbacks.ContainsKey(phone)
                && await db.Callbacks.SingleOrDefaultAsync(c => c.Status == CallbackStatus.Open && c.Phone == phone, ct) is { } open)
            {
                _openCallbacks[phone] = open;
            }

            Ended(known);
        }

        foreach (var presence in await db.AgentPresences.Where(p => p.State == AgentState.WrapUp && p.WrapUpEndsAt <= now).ToListAsync(ct))
        {
            var tracked = _presences.TryAdd(presence.UserId, presence) ? presence : _presences[presence.UserId];
            Log(tracked.EndWrapUpIfDue(now));
        }

        return null;
    }

    private async Task<AgentPresence?> PresenceAsync(Guid userId, CancellationToken ct)
    {
        if (!_presences.TryGetValue(userId, out var presence))
        {
            presence = await db.AgentPresences.SingleOrDefaultAsync(p => p.UserId == userId, ct);
            if (presence is not null)
            {
                _presences[userId] = presence;
            }
        }

        return presence;
    }

    private AgentPresence Presence(Guid userId, DateTime now)
    {
        if (!_presences.TryGetValue(userId, out var presence))
        {
            presence = AgentPresence.New(userId, now);
            _presences[userId] = presence;
            db.AgentPresences.Add(presence);
        }

        return presence;
    }

    private bool AnyoneSignedIn() => _anyoneSignedIn ?? true;

    private void Log(AgentStateSpan? span)
    {
        if (span is null)
        {
            return;
        }

        _agentsChanged = true;
        if (span.To > span.From)
        {
            db.AgentStateSpans.Add(span);
        }
    }
}
