using Lianxin.Core.Identity;

namespace Lianxin.Core.WorkOrders;

/// <summary>
/// A use case that acts on one existing order: every order action has this shape, so the API maps them
/// all through one handler and the console calls them the same way.
/// </summary>
public interface IOrderAction<in TRequest>
    where TRequest : OrderActionRequest
{
    /// <summary>Validates the request, applies the action as <paramref name="actor"/>, saves; returns the order as saved.</summary>
    Task<WorkOrder> ExecuteAsync(Actor actor, TRequest request, CancellationToken ct);
}
