using System.Reflection;
using System.Text.Json;
using Lianxin.Core.WorkOrders;

namespace Lianxin.Web.Demo;

/// <summary>The demo centre's data and texts (demo-centre.json, embedded), written for the product.</summary>
internal sealed record DemoContent(
    DemoCity City,
    IReadOnlyList<DemoRegion> Regions,
    IReadOnlyList<DemoUnit> Units,
    IReadOnlyList<string> CategoryAdditions,
    IReadOnlyList<DemoScenario> Scenarios,
    IReadOnlyList<DemoDirectAnswer> DirectAnswers,
    IReadOnlyList<DemoNotAccept> NotAcceptReasons,
    IReadOnlyList<DemoReturnReason> ReturnReasons,
    IReadOnlyList<string> ExtensionReasons,
    IReadOnlyList<string> ReviewSendBackNotes,
    DemoVisitComments VisitComments,
    IReadOnlyList<string> UrgeNotes,
    IReadOnlyList<string> SuperviseNotes,
    DemoPeople People,
    IReadOnlyList<DemoStaff> Staff,
    IReadOnlyList<DemoRoutingRule>? RoutingRules = null,
    DemoBurst? Burst = null,
    IReadOnlyList<DemoArticle>? Knowledge = null,
    IReadOnlyList<DemoPhrase>? Phrases = null,
    IReadOnlyList<DemoStaff>? CallAgents = null)
{
    public static DemoContent Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Lianxin.Web.Demo.demo-centre.json")
            ?? throw new InvalidOperationException("demo-centre.json is not embedded.");
        return JsonSerializer.Deserialize<DemoContent>(stream, EventJson.Options)
            ?? throw new InvalidOperationException("demo-centre.json is empty.");
    }
}

internal sealed record DemoCity(string Name, string CentreName);

internal sealed record DemoRegion(string Code, string Name, IReadOnlyList<DemoRegion>? Children);

internal sealed record DemoUnit(string Key, string Name, string Kind, string? Code, IReadOnlyList<DemoUnit>? Children);

internal sealed record DemoReply(string Text, Solved Solved);

internal sealed record DemoScenario(
    string Key, string Category, DemandType DemandType, Urgency Urgency, string UnitKey, IReadOnlyList<string>? AssistUnitKeys, int Weight,
    IReadOnlyList<string> Titles, IReadOnlyList<string> Descriptions, IReadOnlyList<DemoReply> Replies);

internal sealed record DemoDirectAnswer(string Title, string Question, string Answer);

internal sealed record DemoNotAccept(string Title, string Description, string Reason);

internal sealed record DemoReturnReason(string Reason, string Basis);

internal sealed record DemoVisitComments(IReadOnlyList<string> Satisfied, IReadOnlyList<string> BasicallySatisfied, IReadOnlyList<string> Unsatisfied);

internal sealed record DemoPeople(IReadOnlyList<string> Surnames, IReadOnlyList<string> Honorifics);

internal sealed record DemoStaff(string Username, string DisplayName, IReadOnlyList<string> Roles, string UnitKey, string? Extension);

/// <summary>派单目录 entry: a category path and a region code (either may be absent = any) to a unit by key.</summary>
internal sealed record DemoRoutingRule(string? Category, string? RegionCode, string UnitKey, IReadOnlyList<string>? AssistUnitKeys, string? Note);

/// <summary>Calls from many phones about one burst main a few hours ago: a cluster (多频件) to find.</summary>
internal sealed record DemoBurst(string UnitKey, string MergeNote, IReadOnlyList<DemoBurstCall> Calls);

internal sealed record DemoBurstCall(string RegionCode, string Category, string Title, string Description);

/// <summary>知识库 entry: an answer a call-taker reads out, filed under a category path.</summary>
internal sealed record DemoArticle(string Title, string? Category, IReadOnlyList<string> Keywords, string Answer);

/// <summary>常用语 with its shortcut word.</summary>
internal sealed record DemoPhrase(string Text, string? Shortcut);
