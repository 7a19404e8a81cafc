using Lianxin.Core.Organization;
using Lianxin.Core.WorkOrders;

namespace Lianxin.Web.WorkOrders.Actions;

/// <summary>
/// What an action form is given by the action panel: the order as displayed, the version to act on (the
/// one shown when the form opened, so a change meanwhile is refused, not overwritten), the chosen
/// action and its target, and how to report back.
/// </summary>
public sealed record ActionContext(
    WorkOrder Order,
    ReferenceSnapshot Refs,
    Unit? ActorUnit,
    ActionButton Button,
    int Version,
    Func<WorkOrder, string?, Task> Done,
    Func<Task> Cancel,
    Func<Task> Reload)
{
    public WorkOrderAction Action => Button.Allowed.Action;

    public Guid? Target => Button.Allowed.Target;
}
