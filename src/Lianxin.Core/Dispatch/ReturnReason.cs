using Lianxin.Core.Common;
using Lianxin.Core.Data;
using Lianxin.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace Lianxin.Core.Dispatch;

/// <summary>
/// 退单原因: a reason a unit may give for returning an order, configured by the centre, so returns can be
/// counted by reason. Deactivated, never deleted: returns keep pointing at it.
/// </summary>
public sealed class ReturnReason
{
    public const int MaxCodeLength = 40;
    public const int MaxNameLength = 100;

    private ReturnReason()
    {
    }

    public ReturnReason(string code, string name, string? nameEn, int position, DateTime createdAt)
    {
        Code = code;
        Name = name;
        NameEn = nameEn;
        Position = position;
        IsActive = true;
        CreatedAt = createdAt;
    }

    public string Code { get; private set; } = "";

    public string Name { get; private set; } = "";

    public string? NameEn { get; private set; }

    /// <summary>Order in the unit's drop-down list.</summary>
    public int Position { get; private set; }

    public bool IsActive { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public void Change(string? name, string? nameEn, int? position, bool? active)
    {
        Name = name ?? Name;
        NameEn = nameEn ?? NameEn;
        Position = position ?? Position;
        IsActive = active ?? IsActive;
    }

    /// <summary>What most centres start with; each centre edits its own list.</summary>
    public static IReadOnlyList<(string Code, string Name, string NameEn)> Defaults { get; } =
    [
        ("not-our-duty", "不属于本单位职责", "Not this unit's responsibility"),
        ("outside-area", "不在本单位辖区", "Outside this unit's area"),
        ("unclear", "诉求不清，需补充信息", "Unclear; more information needed"),
        ("handled-elsewhere", "已由其他渠道或单位办理", "Already handled elsewhere"),
        ("judicial", "属司法、仲裁或信访途径", "A matter for courts, arbitration or petitions"),
        ("other", "其他", "Other"),
    ];
}

/// <summary>The return reasons: list, add, change; defaults loaded into an empty table at start.</summary>
public sealed class ManageReturnReasons(LianxinDbContext db, TimeProvider clock)
{
    public const int MaxPosition = 10_000;

    private static readonly Text Configure = new("设置退单原因", "configure return reasons");

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    public Task<List<ReturnReason>> ListAsync(bool activeOnly, CancellationToken ct) =>
        db.ReturnReasons.AsNoTracking().Where(r => !activeOnly || r.IsActive).OrderBy(r => r.Position).ThenBy(r => r.Code).ToListAsync(ct);

    public async Task SeedDefaultsAsync(CancellationToken ct)
    {
        if (await db.ReturnReasons.AnyAsync(ct))
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var position = 0;
        foreach (var (code, name, nameEn) in ReturnReason.Defaults)
        {
            db.ReturnReasons.Add(new ReturnReason(code, name, nameEn, position += 10, now));
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();

            // Another instance starting at the same moment loaded them first; anything else is a real failure.
            if (!await db.ReturnReasons.AsNoTracking().AnyAsync(ct))
            {
                throw;
            }
        }
    }

    public async Task<ReturnReason> AddAsync(Actor actor, string? code, string? name, string? nameEn, int? position, CancellationToken ct)
    {
        // The form is checked before the role, as the API always answered.
        var v = new Validator().Required("code", code, ReturnReason.MaxCodeLength).Required("name", name, ReturnReason.MaxNameLength)
            .MaxLength("nameEn", nameEn, ReturnReason.MaxNameLength).Range("position", position, 0, MaxPosition);
        v.When(code is { Length: > 0 } c && !c.Trim().All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_'), "code",
            new Text("代码只能由字母、数字、- 和 _ 组成。", "A code has letters, digits, - and _ only."));
        v.ThrowIfInvalid();
        code = code!.Trim();
        name = name!.Trim();
        nameEn = Blank(nameEn);

        actor.Require(Role.Admin, Configure);
        if (await db.ReturnReasons.AnyAsync(r => r.Code == code, ct))
        {
            throw ValidationFailedException.For("code", new Text($"退单原因代码“{code}”已存在。", $"Return reason code '{code}' exists already."));
        }

        var reason = new ReturnReason(code, name, nameEn, position ?? (await db.ReturnReasons.MaxAsync(r => (int?)r.Position, ct) ?? 0) + 10, clock.GetUtcNow().UtcDateTime);
        db.ReturnReasons.Add(reason);
        await db.SaveChangesAsync(ct);
        return reason;
    }

    public async Task<ReturnReason> ChangeAsync(Actor actor, string code, string? name, string? nameEn, int? position, bool? active, CancellationToken ct)
    {
        var v = new Validator().MaxLength("nameEn", nameEn, ReturnReason.MaxNameLength).Range("position", position, 0, MaxPosition);
        v.When(name is not null && string.IsNullOrWhiteSpace(name), "name", new Text("名称不能为空。", "The name cannot be blank."));
        v.MaxLength("name", name, ReturnReason.MaxNameLength);
        v.ThrowIfInvalid();
        name = name?.Trim();
        nameEn = Blank(nameEn);

        actor.Require(Role.Admin, Configure);
        var reason = await db.ReturnReasons.SingleOrDefaultAsync(r => r.Code == code, ct)
            ?? throw new NotFoundException(new Text("没有该退单原因。", "No such return reason."));
        reason.Change(name, nameEn, position, active);
        await db.SaveChangesAsync(ct);
        return reason;
    }
}
