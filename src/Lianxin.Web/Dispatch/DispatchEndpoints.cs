using Lianxin.Core.Dispatch;
using Lianxin.Core.WorkOrders;
using Lianxin.Web.WorkOrders;

namespace Lianxin.Web.Dispatch;

/// <summary>
/// The hops of an order: dispatch by the centre and down the chain, signing for, contact, returns,
/// extensions, replies up the chain and the centre's review. Each is one use case of Core/Dispatch.
/// </summary>
public static class DispatchEndpoints
{
    public static IEndpointRouteBuilder MapDispatchEndpoints(this IEndpointRouteBuilder app)
    {
        var orders = app.MapOrderGroup();
        orders.MapOrderAction<DispatchWorkOrder, DispatchRequest>("dispatch", "Dispatch to one lead unit and any assist units (派单); dispatcher");
        orders.MapOrderAction<RedispatchWorkOrder, RedispatchRequest>("redispatch", "Pass your unit's part down to a unit below it (转派); handler of a sub-centre or street office")
            .WithDescription("role lead (default): the unit below takes over your part and replies to you; role assist: it helps with your part. A pending hop passed down counts as signed for.");
        orders.MapOrderAction<AcceptWorkOrder, AcceptRequest>("accept", "Sign for the order (签收); handler of an assigned unit", optionalBody: true);
        orders.MapOrderAction<RecordContact, NoteRequest>("contact", "Record that the unit contacted the requester (联系; meets the contact deadline); handler of an assigned unit", optionalBody: true);
        orders.MapOrderAction<RequestReturn, ReturnRequestBody>("return", "Ask to return the order (退回) with reason and basis; handler of an assigned unit")
            .WithDescription("reasonCode, when given, is one of the centre's active return reasons (GET /api/v1/return-reasons). A first-level hop's return goes to the centre's dispatcher; a lower hop's to the unit that passed it down.");
        orders.MapOrderAction<DecideReturn, DecisionRequest>("return/decision", "Approve or reject a pending return; the dispatcher for a first-level hop, the handler of the unit above for a lower hop");
        orders.MapOrderAction<RequestExtension, ExtensionRequestBody>("extension", "Ask for more working days (延期); handler of an assigned unit");
        orders.MapOrderAction<DecideExtension, DecisionRequest>("extension/decision", "Approve or reject a pending extension; dispatcher");
        orders.MapOrderAction<ReplyToWorkOrder, ReplyRequest>("reply", "Reply with the result (答复); handler of the lead or an assist unit");
        orders.MapOrderAction<SendBackReply, AssignmentNoteRequest>("send-back", "Send a lower hop's reply back down to it (发回重办); handler of the unit that passed it down");
        orders.MapOrderAction<RecallHop, AssignmentNoteRequest>("recall", "Take back a hop your unit passed down (收回); handler of the unit that passed it down");
        orders.MapOrderAction<ReleaseAssists, NoteRequest>("release-assists", "Let the lead reply without waiting for its assists (解除等待协办); dispatcher", optionalBody: true);
        orders.MapOrderAction<ReviewReply, DecisionRequest>("review", "Approve the reply (closed) or send it back to the unit (审核); dispatcher");
        return app;
    }
}
