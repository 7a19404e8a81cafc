using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lianxin.Core.Common;
using Lianxin.Core.Deadlines;
using Lianxin.Core.Identity;
using Lianxin.Core.Repeats;
using Lianxin.Core.ReturnVisits;

namespace Lianxin.Core.WorkOrders;

/// <summary>Intake (受理): registration, answering on the call, refusing, and the repeat flag.</summary>
public sealed partial class WorkOrder
{
    private static readonly Text RegisterText = new("登记工单", "register orders");
    private static readonly Text AnswerText = new("直接答复", "answer directly");
    private static readonly Text NotAcceptText = new("不予受理", "refuse");

    /// <summary>Who may register orders: call-takers, dispatchers and supervisors.</summary>
    public static Refusal? CanRegister(Actor actor) => actor.Lacks(Role.Agent | Role.Dispatcher | Role.Supervisor, RegisterText);

    /// <summary>A new order, with the limits the deadline policy <paramref name="policyId"/> (null: the built-in presets) gives it.</summary>
    public static WorkOrder Register(Guid id, string number, NewWorkOrder details, Actor actor, DateTime now, DeadlineTargets targets, Guid? policyId)
    {
        Refusal.ThrowIf(CanRegister(actor));
        var order = new WorkOrder
        {
            Id = id,
            Number = number,
            Version = 1,
            Status = WorkOrderStatus.Registered,
            Channel = details.Channel,
            DemandType = details.DemandType,
            Urgency = details.Urgency,
            Requester = details.Requester,
            CategoryId = details.CategoryId,
            RegionCode = details.RegionCode,
            Address = details.Address,
            Title = details.Title,
            Description = details.Description,
            CreatedAt = now,
            CreatedById = actor.UserId == Guid.Empty ? null : actor.UserId,
            CreatedByName = actor.Name,
            UpdatedAt = now,
            PolicyId = policyId,
            SignFor = new Deadline(targets.SignFor, now),
            Contact = new Deadline(targets.Contact, now),
            Completion = new Deadline(targets.Completion, now),
        };
        order.Record(EventTypes.Registered, actor, now, WorkOrderStatus.Registered, WorkOrderStatus.Registered, note: null,
            data: new
            {
                number, channel = details.Channel, demandType = details.DemandType, urgency = details.Urgency, policyId,
                limits = new { signFor = targets.SignFor.ToString(), contact = targets.Contact.ToString(), completion = targets.Completion.ToString() },
            });
        return order;
    }

    private Refusal? CanAnswerDirectly(Actor actor) =>
        actor.Lacks(Role.Agent | Role.Dispatcher, new Text("直接答复", "answer orders directly")) ?? StatusRefusal(AnswerText, WorkOrderStatus.Registered);

    /// <summary>直接答复: the call-taker answered on the call (knowledge base); the order closes at once.</summary>
    public void AnswerDirectly(Actor actor, DateTime now, string answer, VisitPlanner visits)
    {
        Refusal.ThrowIf(CanAnswerDirectly(actor));
        var ended = EndOpenWork(actor, now, new Text("工单已直接答复", "the order was answered on the call"));
        Answer = answer;
        ClosedAt = now;
        var plan = PlanVisit(visits, now);
        Transition(EventTypes.AnsweredDirectly, actor, now, WorkOrderStatus.Closed, note: answer, data: ClosingData(ended, plan));
    }

    private Refusal? CanNotAccept(Actor actor) =>
        actor.Lacks(Role.Agent | Role.Dispatcher, new Text("不予受理", "refuse orders")) ?? StatusRefusal(NotAcceptText, WorkOrderStatus.Registered);

    /// <summary>不予受理: outside the centre's scope (a police matter, a court case); nothing is dispatched.</summary>
    public void NotAccept(Actor actor, DateTime now, string reason)
    {
        Refusal.ThrowIf(CanNotAccept(actor));
        var ended = EndOpenWork(actor, now, new Text("工单不予受理", "the order was refused"));
        NotAcceptedReason = reason;
        ClosedAt = now;
        Transition(EventTypes.NotAccepted, actor, now, WorkOrderStatus.NotAccepted, note: reason, data: ended);
    }

    /// <summary>
    /// 重复件 found while registering (<see cref="DetectRepeat"/>): links this new, unsaved order to the
    /// earlier one, and the registration event says why. It is part of the first version rather than an
    /// event of its own, so every newly registered order is version 1, repeat or not.
    /// </summary>
    public void FlagRepeatOf(RepeatMatch match)
    {
        if (Version != 1 || _history is not [{ Type: EventTypes.Registered } registered])
        {
            throw new InvalidOperationException("A repeat is flagged while the order is being registered, before it is saved.");
        }

        RepeatOfId = match.EarlierId;
        var data = JsonNode.Parse(registered.Data ?? "{}")!.AsObject();
        data["repeatOf"] = JsonSerializer.SerializeToNode(
            new { id = match.EarlierId, number = match.EarlierNumber, similarity = match.Similarity, threshold = match.Threshold, categories = match.Relation },
            EventJson.Options);
        var similarity = match.Similarity.ToString("0.00", CultureInfo.InvariantCulture);
        registered.CompleteUnsaved($"重复件：与工单{match.EarlierNumber}为同一来电人反映的同一事项（文本相似度 {similarity}）。", data.ToJsonString(EventJson.Options));
    }
}
