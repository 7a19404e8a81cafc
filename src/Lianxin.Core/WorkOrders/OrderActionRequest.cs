using System.Text.Json.Serialization;

namespace Lianxin.Core.WorkOrders;

/// <summary>
/// What every order action is asked with besides its own fields: which order, and the version the
/// caller saw (If-Match over HTTP; the console always sends it). With a version, an order changed
/// meanwhile is refused (412) rather than acted on; without, the action applies to the order as it is.
/// The order and version travel outside the JSON body (route and header), hence not serialized.
/// </summary>
public abstract record OrderActionRequest
{
    [JsonIgnore]
    public Guid OrderId { get; init; }

    [JsonIgnore]
    public int? Version { get; init; }
}

/// <summary>An action with an optional note (归档, 联系, 恢复, 解除等待协办, 撤回会诊).</summary>
public sealed record NoteRequest(string? Note) : OrderActionRequest;

/// <summary>An approval or rejection (退回审核, 延期审核, 审核); <see cref="AssignmentId"/> names the hop when several wait.</summary>
public sealed record DecisionRequest(bool? Approve, string? Note, Guid? AssignmentId) : OrderActionRequest;

/// <summary>An action on a lower hop (发回, 收回), with the reason.</summary>
public sealed record AssignmentNoteRequest(Guid? AssignmentId, string? Note) : OrderActionRequest;
