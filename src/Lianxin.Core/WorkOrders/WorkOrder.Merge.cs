using Lianxin.Core.Common;
using Lianxin.Core.Identity;

namespace Lianxin.Core.WorkOrders;

/// <summary>并单: a repeat ends in the order it repeats, and its requester joins that order.</summary>
public sealed partial class WorkOrder
{
    private Refusal? CanMerge(Actor actor) =>
        actor.Lacks(Role.Dispatcher, new Text("并单", "merge orders"))
        ?? StatusRefusal(new Text("并单", "merge"), WorkOrderStatus.Registered, WorkOrderStatus.Dispatched, WorkOrderStatus.InProgress,
            WorkOrderStatus.ReturnRequested, WorkOrderStatus.Replied);

    private Refusal? CanMergeInto(Actor actor, WorkOrder master)
    {
        if (actor.Lacks(Role.Dispatcher, new Text("并单", "merge orders")) is { } role)
        {
            return role;
        }

        if (master.Id == Id)
        {
            return Refusal.Invalid("intoId", new Text("不能与自身并单。", "An order cannot be merged into itself."));
        }

        // A closed master is worked on by nobody: the new call would be lost in it. If the matter is not
        // solved, it is handled as its own order (or the master's visit orders a redo).
        return CanMerge(actor) ?? (master.Status is WorkOrderStatus.Merged or WorkOrderStatus.NotAccepted or WorkOrderStatus.Archived or WorkOrderStatus.Closed
            ? Refusal.NotNow(
                new Text($"目标工单{master.Number}状态为“{StatusNames.Zh(master.Status)}”，不能并入；问题仍未解决的，请按新工单办理。",
                    $"Order {master.Number} is {StatusNames.En(master.Status)}; nothing can be merged into it. If the matter is not solved, handle this order on its own."),
                "master-not-open")
            : null);
    }

    /// <summary>并单: this order is the same matter as <paramref name="master"/> and ends here.</summary>
    public void MergeInto(WorkOrder master, Actor actor, DateTime now, string? note)
    {
        Refusal.ThrowIf(CanMergeInto(actor, master));
        // Nothing is left hanging on the merged order: its hops, requests, offers and pause end; its 督办 go with the master.
        var ended = EndOpenWork(actor, now, new Text($"工单已并入{master.Number}", $"the order was merged into {master.Number}"));
        foreach (var supervision in _supervisions.Where(s => s.IsOpen))
        {
            supervision.Reply($"工单已并入{master.Number}，本督办随主工单办理。", now, actor.UserId);
        }

        MergedIntoId = master.Id;
        Transition(EventTypes.Merged, actor, now, WorkOrderStatus.Merged, note, data: new { intoId = master.Id, intoNumber = master.Number, ended });
        master.AbsorbRequester(this, actor, now, note);
    }

    private void AbsorbRequester(WorkOrder merged, Actor actor, DateTime now, string? note)
    {
        var r = merged.Requester;
        _extraRequesters.Add(new MergedRequester(r.Name, r.Phone, r.Confidential, merged.Id, merged.Number, now));

        // Requesters merged into the merged order earlier come along: each must still get the answer.
        _extraRequesters.AddRange(merged.ExtraRequesters.Select(e => e with { }));
        Transition(EventTypes.MergedFrom, actor, now, Status, note, data: new { fromId = merged.Id, fromNumber = merged.Number });
    }
}
