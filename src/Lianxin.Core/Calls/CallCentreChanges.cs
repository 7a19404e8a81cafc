using Lianxin.Core.Common;

namespace Lianxin.Core.Calls;

/// <summary>An agent's extension answered an inbound call: their console — only theirs — opens the intake.</summary>
public sealed record ScreenPop(Guid AgentId, Guid CallId, string? From, DateTime At);

/// <summary>What a committed batch of call-centre changes touched; the wallboard and the consoles reload on it.</summary>
public sealed record CallCentreChange(bool Calls, bool Agents, bool Callbacks, IReadOnlyList<ScreenPop> Pops)
{
    public static CallCentreChange AgentsOnly { get; } = new(false, true, false, []);

    public static CallCentreChange CallbacksOnly { get; } = new(false, false, true, []);
}

/// <summary>The live feed of the call centre (calls, agent states, callbacks, screen pops).</summary>
public sealed class CallCentreChanges : ChangeFeed<CallCentreChange>;
