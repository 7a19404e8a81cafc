using System.Text.Json;
using System.Text.Json.Serialization;
using Lianxin.Core.Common;
using Lianxin.Core.Data;
using Lianxin.Core.Identity;

namespace Lianxin.Core.Reports;

/// <summary>Which return visits the resolution and satisfaction rates count.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<VisitsCounted>))]
public enum VisitsCounted
{
    /// <summary>Every reached visit (a first round that caused a redo and the second round both count).</summary>
    All,

    /// <summary>Only final ratings: a second round, or a first round that did not cause a redo.</summary>
    FinalOnly,
}

/// <summary>
/// The KPI variants and the unit ranking's weights (app_settings row <c>kpis</c>, admin-editable). Variants apply when
/// figures are read, so changing them needs no rebuild: the daily rows keep both sides of every variant.
/// Ranking score (0–100) = 100 × the weighted mean of the unit's rates that have a denominator (the weights of missing
/// rates are left out, the rest re-scaled) − <see cref="ReturnPenalty"/> per return − <see cref="RepeatPenalty"/> per repeat.
/// </summary>
public sealed record KpiSettings(
    bool BasicallySatisfiedCounts = true,
    bool CountShortAbandons = false,
    VisitsCounted VisitsCounted = VisitsCounted.All,
    double SignWeight = 0.2,
    double CompletionWeight = 0.25,
    double ResolutionWeight = 0.25,
    double SatisfactionWeight = 0.3,
    double ReturnPenalty = 0.5,
    double RepeatPenalty = 0.5)
{
    public const string Key = "kpis";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static KpiSettings Default { get; } = new();

    public static Task<KpiSettings> ReadAsync(LianxinDbContext db, CancellationToken ct) => JsonSetting.ReadAsync(db, Key, Default, Json, ct);

    /// <summary>Checks every field (bilingual errors by field name) and saves (admin).</summary>
    public static async Task SaveAsync(LianxinDbContext db, Actor actor, KpiSettings s, CancellationToken ct)
    {
        actor.Require(Role.Admin, new Text("修改考核与统计设置", "change the KPI settings"));
        s.Validate();
        await JsonSetting.WriteAsync(db, Key, s, Json, ct);
    }

    public void Validate()
    {
        var v = new Validator();
        Weight(v, "signWeight", SignWeight);
        Weight(v, "completionWeight", CompletionWeight);
        Weight(v, "resolutionWeight", ResolutionWeight);
        Weight(v, "satisfactionWeight", SatisfactionWeight);
        v.When(SignWeight + CompletionWeight + ResolutionWeight + SatisfactionWeight <= 0, "signWeight",
            new Text("至少一项权重须大于 0。", "At least one weight must be above 0."));
        Penalty(v, "returnPenalty", ReturnPenalty);
        Penalty(v, "repeatPenalty", RepeatPenalty);
        v.When(!Enum.IsDefined(VisitsCounted), "visitsCounted", new Text("取值无效。", "Not a valid value."));
        v.ThrowIfInvalid();
    }

    private static void Weight(Validator v, string field, double w) =>
        v.When(double.IsNaN(w) || w < 0 || w > 1, field, new Text("权重应在 0 到 1 之间。", "A weight is between 0 and 1."));

    private static void Penalty(Validator v, string field, double p) =>
        v.When(double.IsNaN(p) || p < 0 || p > 100, field, new Text("扣分应在 0 到 100 之间。", "A penalty is between 0 and 100 points."));
}
