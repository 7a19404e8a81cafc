using Lianxin.Core.Common;
using Lianxin.Core.Dispatch;
using Lianxin.Core.Identity;
using Lianxin.Core.Organization;
using Lianxin.Core.Supervision;

namespace Lianxin.Core.WorkOrders;

/// <summary>What an actor may do to the order now, asked of the very guards the transitions run.</summary>
public sealed partial class WorkOrder
{
    /// <summary>
    /// Every action <paramref name="actor"/> may take now, one per target where the order has several
    /// (a pending return per hop, a lower hop to send back or recall, an open 督办). It sees only what is
    /// loaded: load the order with its supervision records for a complete answer.
    /// <paramref name="actorUnit"/> is the actor's unit (whether it passes orders down); null for centre staff.
    /// Claiming an offer is not listed: the claiming unit cannot see the order before it claims.
    /// </summary>
    public IReadOnlyList<AllowedAction> AllowedActions(Actor actor, Unit? actorUnit)
    {
        var allowed = new List<AllowedAction>();
        foreach (var action in Enum.GetValues<WorkOrderAction>())
        {
            switch (action)
            {
                case WorkOrderAction.DecideReturn:
                    foreach (var r in _returns.Where(r => r.Decision == Decision.Pending))
                    {
                        Add(CanDecideReturn(actor, r.AssignmentId, out _), action, r.AssignmentId);
                    }

                    break;
                case WorkOrderAction.DecideExtension:
                    foreach (var e in _extensions.Where(e => e.Decision == Decision.Pending))
                    {
                        Add(CanDecideExtension(actor, e.AssignmentId, out _), action, e.AssignmentId);
                    }

                    break;
                case WorkOrderAction.SendBack:
                    foreach (var hop in _assignments.Where(a => a.ParentId is not null))
                    {
                        Add(CanSendBack(actor, hop.Id, out _, out _), action, hop.Id);
                    }

                    break;
                case WorkOrderAction.Recall:
                    foreach (var hop in _assignments.Where(a => a.ParentId is not null))
                    {
                        Add(CanRecall(actor, hop.Id, out _, out _), action, hop.Id);
                    }

                    break;
                case WorkOrderAction.ReplyToSupervision:
                    foreach (var s in _supervisions.Where(s => s.Kind == SupervisionKind.Supervise && s.IsOpen))
                    {
                        Add(CanReplyToSupervision(actor, s.Id, out _), action, s.Id);
                    }

                    break;
                case WorkOrderAction.WithdrawHelp:
                    foreach (var offer in _helpRequests.Where(h => h.Status == HelpRequestStatus.Open))
                    {
                        Add(CanWithdrawHelp(actor, offer.Id, out _), action, offer.Id);
                    }

                    break;
                default:
                    Add(WhyNot(action, actor, actorUnit), action, null);
                    break;
            }
        }

        return allowed;

        void Add(Refusal? refusal, WorkOrderAction action, Guid? target)
        {
            if (refusal is null)
            {
                allowed.Add(new AllowedAction(action, target));
            }
        }
    }

    /// <summary>
    /// Why the actor may not take <paramref name="action"/> now, as far as the order alone can tell (what
    /// the action is given — the units, the master order, the hop — is checked when it is taken); null when
    /// nothing stands in the way. Use cases ask it before loading what an action names, so a role that may
    /// not act is told so first.
    /// </summary>
    public Refusal? WhyNot(WorkOrderAction action, Actor actor, Unit? actorUnit = null) => action switch
    {
        WorkOrderAction.AnswerDirectly => CanAnswerDirectly(actor),
        WorkOrderAction.NotAccept => CanNotAccept(actor),
        WorkOrderAction.Dispatch => CanDispatch(actor),
        WorkOrderAction.Accept => CanAccept(actor, out _),
        WorkOrderAction.RecordContact => CanRecordContact(actor, out _),
        WorkOrderAction.Redispatch => CanRedispatch(actor, actorUnit, out _),
        WorkOrderAction.RequestReturn => CanRequestReturn(actor, out _),
        WorkOrderAction.DecideReturn => CanDecideReturn(actor, null, out _),
        WorkOrderAction.RequestExtension => CanRequestExtension(actor, out _),
        WorkOrderAction.DecideExtension => CanDecideExtension(actor, null, out _),
        WorkOrderAction.Reply => CanReply(actor, out _),
        WorkOrderAction.SendBack => CanSendBack(actor),
        WorkOrderAction.Recall => CanRecall(actor),
        WorkOrderAction.ReleaseAssists => CanReleaseAssists(actor),
        WorkOrderAction.Review => CanReview(actor),
        WorkOrderAction.RecordVisit => CanRecordVisit(actor),
        WorkOrderAction.Archive => CanArchive(actor),
        WorkOrderAction.Urge => CanUrge(actor),
        WorkOrderAction.Supervise => CanSupervise(actor),
        WorkOrderAction.ReplyToSupervision => CanReplyToSupervision(actor),
        WorkOrderAction.Suspend => CanSuspend(actor),
        WorkOrderAction.Resume => CanResume(actor, out _),
        WorkOrderAction.OfferHelp => CanOfferHelp(actor),
        WorkOrderAction.WithdrawHelp => CanWithdrawHelp(actor),
        WorkOrderAction.Merge => CanMerge(actor),
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };
}
