using System.Security.Claims;
using Lianxin.Core.WorkOrders;
using Lianxin.Web.Api;
using Lianxin.Web.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lianxin.Web.WorkOrders;

/// <summary>
/// Every order action over HTTP the same way: <c>POST /api/v1/work-orders/{id}/{action}</c>, the order from
/// the route, the caller's version from If-Match, the JSON body as the use case's request; the answer is
/// the order as GET returns it, with its ETag (API.md). The use case does the rest.
/// </summary>
public static class OrderActionEndpoints
{
    /// <summary>The route group each feature maps its order actions into.</summary>
    public static RouteGroupBuilder MapOrderGroup(this IEndpointRouteBuilder app) =>
        app.MapGroup("/api/v1/work-orders").WithTags("Work orders").RequireAuthorization();

    /// <summary>
    /// Maps <c>POST {id}/{route}</c> to <typeparamref name="TAction"/>. <paramref name="optionalBody"/>: the body
    /// may be left out (an action with nothing or only a note to say).
    /// </summary>
    public static RouteHandlerBuilder MapOrderAction<TAction, TRequest>(this RouteGroupBuilder group, string route, string summary, bool optionalBody = false)
        where TAction : IOrderAction<TRequest>
        where TRequest : OrderActionRequest =>
        group.MapPost($"/{{id:guid}}/{route}", optionalBody ? (Delegate)Optional<TAction, TRequest> : Required<TAction, TRequest>)
            .Accepts<TRequest>("application/json")
            .WithIdempotency()
            .WithSummary(summary);

    private static Task<Ok<WorkOrderResponse>> Required<TAction, TRequest>(Guid id, HttpContext http, ClaimsPrincipal principal, TAction action, Responses responses, CancellationToken ct)
        where TAction : IOrderAction<TRequest>
        where TRequest : OrderActionRequest =>
        Act<TAction, TRequest>(id, http, principal, action, responses, optional: false, ct);

    private static Task<Ok<WorkOrderResponse>> Optional<TAction, TRequest>(Guid id, HttpContext http, ClaimsPrincipal principal, TAction action, Responses responses, CancellationToken ct)
        where TAction : IOrderAction<TRequest>
        where TRequest : OrderActionRequest =>
        Act<TAction, TRequest>(id, http, principal, action, responses, optional: true, ct);

    private static async Task<Ok<WorkOrderResponse>> Act<TAction, TRequest>(
        Guid id, HttpContext http, ClaimsPrincipal principal, TAction action, Responses responses, bool optional, CancellationToken ct)
        where TAction : IOrderAction<TRequest>
        where TRequest : OrderActionRequest
    {
        var body = await RequestBodies.ReadAsync<TRequest>(http, optional, ct);
        var actor = principal.ToActor();
        var request = (TRequest)((OrderActionRequest)body with { OrderId = id, Version = Versions.FromIfMatch(http) });
        var order = await action.ExecuteAsync(actor, request, ct);
        return await responses.OrderAsync(http, order, actor, ct);
    }
}
