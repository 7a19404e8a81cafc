using System.Collections.Concurrent;
using Lianxin.Core.Common;
using Lianxin.Core.Data;
using Lianxin.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace Lianxin.Core.Calls;

/// <summary>Adds a phone system and gives its token, once (admin).</summary>
public sealed class CreatePhoneSystem(LianxinDbContext db, TimeProvider clock)
{
    public async Task<(PhoneSystem System, string Token)> ExecuteAsync(Actor actor, string? name, CancellationToken ct)
    {
        actor.Require(Role.Admin, new Text("添加话务系统", "add a phone system"));
        var created = PhoneSystem.Create(name ?? "", clock);
        db.PhoneSystems.Add(created.System);
        await db.SaveChangesAsync(ct);
        return created;
    }
}

/// <summary>
/// Finds the phone system a CTI token names. Tokens are looked up by their hash and remembered, since every
/// event carries one; an unknown token is not remembered (it may be added a moment later).
/// </summary>
public sealed class PhoneSystemTokens(TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, Guid> _known = new(StringComparer.Ordinal);
    private (DateTime ReadAt, string? Code)? _areaCode;

    /// <summary>The centre's own area code (completes local landlines), read at most every few seconds.</summary>
    public async Task<string?> LocalAreaCodeAsync(LianxinDbContext db, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (_areaCode is { } cached && now - cached.ReadAt < TimeSpan.FromSeconds(5))
        {
            return cached.Code;
        }

        var code = (await CallCentreSettings.ReadAsync(db, ct)).LocalAreaCode;
        _areaCode = (now, code);
        return code;
    }

    public async Task<Guid?> FindAsync(LianxinDbContext db, string token, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 200)
        {
            return null;
        }

        var hash = PhoneSystem.Hash(token);
        if (_known.TryGetValue(hash, out var id))
        {
            return id;
        }

        var found = await db.PhoneSystems.AsNoTracking().Where(s => s.TokenHash == hash && s.IsActive).Select(s => (Guid?)s.Id).SingleOrDefaultAsync(ct);
        if (found is { } system)
        {
            _known[hash] = system;
        }

        return found;
    }
}

/// <summary>Numbers turned away at newCall (admin, supervisor).</summary>
public sealed class BlockedNumbers(LianxinDbContext db, TimeProvider clock)
{
    public async Task<IReadOnlyList<BlockedNumber>> ListAsync(Actor actor, CancellationToken ct)
    {
        CallCentreAccess.RequireManager(actor);
        return await db.BlockedNumbers.AsNoTracking().OrderByDescending(b => b.CreatedAt).ToListAsync(ct);
    }

    public async Task<BlockedNumber> BlockAsync(Actor actor, string? phone, string? note, CancellationToken ct)
    {
        CallCentreAccess.RequireManager(actor);
        var number = new BlockedNumber(phone ?? "", note, actor.UserId == Guid.Empty ? null : actor.UserId, clock.GetUtcNow().UtcDateTime);
        if (await db.BlockedNumbers.AnyAsync(b => b.Phone == number.Phone, ct))
        {
            throw new RuleViolationException(new Text("该号码已在黑名单中。", "This number is already blocked."), "already-blocked");
        }

        db.BlockedNumbers.Add(number);
        await db.SaveChangesAsync(ct);
        return number;
    }

    public async Task UnblockAsync(Actor actor, string phone, CancellationToken ct)
    {
        CallCentreAccess.RequireManager(actor);
        var normalized = Requesters.ChinaPhone.Normalize(phone);
        var row = await db.BlockedNumbers.SingleOrDefaultAsync(b => b.Phone == normalized, ct)
            ?? throw new NotFoundException(new Text("黑名单中没有该号码。", "This number is not blocked."));
        db.BlockedNumbers.Remove(row);
        await db.SaveChangesAsync(ct);
    }
}

/// <summary>Links a call to the work order registered or answered during it (the agent who took the call, or centre staff).</summary>
public sealed class LinkCallToOrder(LianxinDbContext db, TimeProvider clock, CallCentreChanges changes)
{
    public async Task ExecuteAsync(Actor actor, Guid callId, Guid workOrderId, CancellationToken ct)
    {
        CallCentreAccess.RequireReader(actor);
        if (!await db.PhoneCalls.AnyAsync(c => c.Id == callId, ct))
        {
            throw new NotFoundException(new Text("通话记录不存在。", "No such call."));
        }

        if (!await db.WorkOrders.AnyAsync(o => o.Id == workOrderId, ct))
        {
            throw ValidationFailedException.For("workOrderId", new Text("工单不存在。", "No such work order."));
        }

        if (await db.CallOrderLinks.AnyAsync(l => l.CallId == callId && l.WorkOrderId == workOrderId, ct))
        {
            return;
        }

        db.CallOrderLinks.Add(new CallOrderLink(callId, workOrderId, clock.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(ct);
        changes.Publish(new CallCentreChange(true, false, false, []));
    }
}
