using System.Text.Json;
using System.Text.Json.Serialization;
using Lianxin.Core.Common;
using Lianxin.Core.Data;
using Lianxin.Core.Identity;
using Lianxin.Core.WorkOrders;

namespace Lianxin.Core.ReturnVisits;

/// <summary>One question a visitor reads to the requester, in both languages.</summary>
public sealed record VisitQuestion(string Zh, string En)
{
    public const int MaxLength = 300;
}

/// <summary>
/// 回访设置 (DOMAIN.md "Return visits"): which closed orders are visited — every order of the
/// <see cref="AlwaysVisited"/> demand types and a reproducible <see cref="SampleShare"/> of the rest —, the
/// visit deadline in working days, and the script the visitor reads. One JSON row in <c>app_settings</c>;
/// defaults when none.
/// </summary>
public sealed record ReturnVisitSettings
{
    public const string Key = "return-visits";
    public const int MaxQuestions = 20;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) } };

    /// <summary>The share (0–1) of the orders not always visited that the sample picks.</summary>
    public double SampleShare { get; init; } = 0.3;

    /// <summary>Demand types every order of which is visited (default complaints and help requests).</summary>
    public IReadOnlyList<DemandType> AlwaysVisited { get; init; } = [DemandType.Help, DemandType.Complaint];

    /// <summary>The visit is due by the end of this many working days after closure.</summary>
    public int DeadlineWorkingDays { get; init; } = 3;

    /// <summary>The questions read to the requester, in order.</summary>
    public IReadOnlyList<VisitQuestion> Script { get; init; } =
    [
        new("您反映的问题是否已经解决？（已解决 / 部分解决 / 未解决）", "Has the problem you reported been solved? (yes / partly / no)"),
        new("承办单位是否与您联系过？", "Did the handling unit contact you?"),
        new("您对办理结果是否满意？（满意 / 基本满意 / 不满意）", "Are you satisfied with the result? (satisfied / basically / unsatisfied)"),
        new("您还有什么意见或建议？", "Anything else you would like to tell us?"),
    ];

    public static Task<ReturnVisitSettings> ReadAsync(LianxinDbContext db, CancellationToken ct) => JsonSetting.ReadAsync(db, Key, new ReturnVisitSettings(), Json, ct);

    /// <summary>Checks every field (bilingual errors by field name) and saves (admin).</summary>
    public static async Task SaveAsync(LianxinDbContext db, Actor actor, ReturnVisitSettings s, CancellationToken ct)
    {
        actor.Require(Role.Admin, new Text("修改回访设置", "change the return-visit settings"));
        s.Validate();
        await JsonSetting.WriteAsync(db, Key, s, Json, ct);
    }

    public void Validate()
    {
        var script = Script ?? [];
        new Validator()
            .When(!(SampleShare is >= 0 and <= 1), "sampleShare", new Text("抽样比例应在 0 到 1 之间。", "The sample share is between 0 and 1."))
            .When(AlwaysVisited is null || AlwaysVisited.Any(t => !Enum.IsDefined(t)), "alwaysVisited", new Text("诉求类型无效。", "Unknown demand type."))
            .Range("deadlineWorkingDays", DeadlineWorkingDays, 1, 30)
            .When(Script is null || script.Count == 0 || script.Count > MaxQuestions, "script",
                new Text($"回访话术应有 1–{MaxQuestions} 个问题。", $"The script has 1–{MaxQuestions} questions."))
            .When(script.Any(q => q is null || string.IsNullOrWhiteSpace(q.Zh) || q.Zh.Length > VisitQuestion.MaxLength || (q.En?.Length ?? 0) > VisitQuestion.MaxLength), "script",
                new Text($"每个问题须有中文，且各不超过 {VisitQuestion.MaxLength} 字。", $"Each question needs its Chinese text; each text at most {VisitQuestion.MaxLength} characters."))
            .ThrowIfInvalid();
    }

    /// <summary>The same settings, trimmed and without repeated types (what is saved).</summary>
    public ReturnVisitSettings Normalized() => this with
    {
        AlwaysVisited = (AlwaysVisited ?? []).Distinct().Order().ToList(),
        Script = (Script ?? []).Select(q => new VisitQuestion(q.Zh.Trim(), (q.En ?? "").Trim())).ToList(),
    };
}
