using System.Text.RegularExpressions;

namespace Lianxin.Core.Repeats;

/// <summary>What an order says about its matter: the call-taker's one-line title, the description and where.</summary>
public sealed record MatterText(string Title, string? Description, string? Address);

/// <summary>
/// The bigram tokens of one order's text, prepared once so a new order can be compared with many earlier
/// ones cheaply.
/// </summary>
public sealed class MatterProfile
{
    internal MatterProfile(HashSet<string> title, HashSet<string> description, HashSet<string> address)
    {
        Title = title;
        Description = description;
        Address = address;
    }

    internal HashSet<string> Title { get; }

    internal HashSet<string> Description { get; }

    internal HashSet<string> Address { get; }
}

/// <summary>
/// "Same matter?" for two orders of one caller (重复件), judged on the text (ADR 0009). A weighted Dice
/// coefficient over character bigrams, after taking out what two orders of one caller share whatever
/// their matter: the call-taker's boilerplate (来电人反映…请求处理), the place (the caller's home is in
/// both), and words of place and time that go with every matter (楼道, 物业, 晚上). A small table maps
/// the words callers use for one thing to one word (渗水, 滴水 → 漏水), because a caller who rings again
/// rarely repeats their own words. Title bigrams weigh twice a description's: the title is the
/// call-taker's summary of the matter.
/// </summary>
public static class MatterSimilarity
{
    public const double TitleWeight = 2.0;

    /// <summary>Canonical word ← the ways hotline callers and call-takers say it. Longest variants win.</summary>
    internal static readonly IReadOnlyDictionary<string, string[]> Synonyms = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["漏水"] = ["渗水", "滴水", "漏雨", "渗漏"],
        ["天花板"] = ["顶棚", "吊顶"],
        ["堵塞"] = ["堵住", "堵了", "不通", "的堵", "是堵"],
        ["停水"] = ["没水", "断水", "不来水", "没来水"],
        ["停电"] = ["断电", "没电"],
        ["暖气"] = ["暖气片", "供暖", "采暖", "热力公司"],
        ["噪音"] = ["噪声", "很吵", "太吵", "吵得"],
        ["消防通道"] = ["生命通道"],
        ["工资"] = ["欠薪", "工钱", "薪水"],
        ["坑洼"] = ["大坑", "坑槽"],
        ["井盖"] = ["窨井盖"],
        ["故障"] = ["坏了", "损坏", "失灵", "不亮", "停运", "坏掉"],
        ["燃气"] = ["煤气", "天然气", "燃气公司"],
        ["供水"] = ["自来水公司", "供水公司"],
        ["供电"] = ["供电公司", "电力公司"],
    };

    /// <summary>How call-takers frame every order; removed as phrases, so no bigram spans their edges.</summary>
    internal static readonly IReadOnlyList<string> Boilerplate = new[]
    {
        "来电人反映", "来电人称", "来电人表示", "来电人询问", "来电人", "市民来电", "市民反映", "市民", "来电反映", "来电称", "来电",
        "再次", "反映", "表示", "请求", "要求", "希望", "建议", "尽快", "马上", "立即", "相关部门", "有关部门", "相关单位", "有关单位",
        "处理", "解决", "处置", "核实", "核查", "之前", "此前", "上次", "至今", "到现在", "现在", "目前", "仍然", "仍未", "依旧", "依然",
        "还是", "还没", "一直", "已经", "没有", "没人", "无人", "问题", "情况", "一下", "管一管",
    }.OrderByDescending(p => p.Length).ToArray();

    /// <summary>
    /// Bigrams of place, time, handling and complaint that go with any matter: two different matters of
    /// one caller share them (楼道 in 楼道灯 and in 楼道下水管), so they are no evidence of the same one.
    /// Dropped as tokens, not as phrases, so 楼道灯 still keeps 道灯.
    /// </summary>
    internal static readonly IReadOnlySet<string> ContextTokens = new HashSet<string>(StringComparer.Ordinal)
    {
        "楼道", "单元", "所住", "小区", "楼下", "楼上", "门口", "家里", "我家", "自家", "家中", "住户", "业主", "物业", "社区", "附近",
        "旁边", "对面", "今天", "昨天", "晚上", "早上", "白天", "每天", "三天", "一周", "几天", "好几", "没来", "不管", "拖着", "多次",
        "反复", "严重", "影响", "困难", "危险", "很大", "很多", "公司", "部门", "上门", "维修", "检查", "查处", "修复", "更换", "协调",
    };

    // The canonical word is matched too, so it stands alone like a mapped variant: no bigram spans its edges.
    private static readonly Dictionary<string, string> CanonicalOf = Synonyms
        .SelectMany(s => s.Value.Prepend(s.Key).Select(v => (Variant: v, Canonical: s.Key)))
        .ToDictionary(p => p.Variant, p => p.Canonical, StringComparer.Ordinal);

    private static readonly Regex SynonymPattern = new(
        string.Join("|", CanonicalOf.Keys.OrderByDescending(v => v.Length).Select(Regex.Escape)),
        RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    public static MatterProfile Profile(MatterText text) =>
        new(TokenSet(text.Title), TokenSet(text.Description), TokenSet(text.Address));

    public static double Score(MatterText a, MatterText b) => Score(Profile(a), Profile(b));

    /// <summary>
    /// Σ weight of the shared tokens (counted on both sides) ÷ Σ weight of all tokens: 1 for the same
    /// text, 0 for nothing in common. Symmetric. Tokens of either order's address are left out of both.
    /// </summary>
    public static double Score(MatterProfile a, MatterProfile b)
    {
        var ignore = new HashSet<string>(a.Address, StringComparer.Ordinal);
        ignore.UnionWith(b.Address);
        var wa = Weights(a, ignore);
        var wb = Weights(b, ignore);
        var total = wa.Values.Sum() + wb.Values.Sum();
        if (total == 0)
        {
            return 0;
        }

        var shared = wa.Where(t => wb.ContainsKey(t.Key)).Sum(t => t.Value + wb[t.Key]);
        return shared / total;
    }

    /// <summary>The text as the measure sees it: normalised, synonyms mapped, boilerplate removed (exposed for tests and the ADR).</summary>
    public static string Prepare(string? text)
    {
        var s = Bigrams.Normalize(text);
        if (s.Length == 0)
        {
            return s;
        }

        s = SynonymPattern.Replace(s, m => " " + CanonicalOf[m.Value] + " ");
        foreach (var phrase in Boilerplate)
        {
            s = s.Replace(phrase, " ", StringComparison.Ordinal);
        }

        return s;
    }

    private static HashSet<string> TokenSet(string? text) => new(Bigrams.Tokens(Prepare(text)), StringComparer.Ordinal);

    private static Dictionary<string, double> Weights(MatterProfile p, HashSet<string> ignore)
    {
        var weights = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var t in p.Description.Where(t => !ignore.Contains(t) && !ContextTokens.Contains(t)))
        {
            weights[t] = 1;
        }

        foreach (var t in p.Title.Where(t => !ignore.Contains(t) && !ContextTokens.Contains(t)))
        {
            weights[t] = TitleWeight;
        }

        return weights;
    }
}
