using System.Security.Claims;
using Lianxin.Core.Common;
using Lianxin.Core.Data;
using Lianxin.Core.Organization;
using Lianxin.Core.Requesters;
using Lianxin.Core.WorkOrders;
using Lianxin.Web.Identity;
using Lianxin.Web.WorkOrders;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lianxin.Web.Requesters;

public sealed record OrderRef(Guid Id, string? Number);

public sealed record CallerOrderResponse(
    Guid Id, string Number, WorkOrderStatus Status, Channel Channel, string Title, NodeRef Category, RegionRef? Region, DateTimeOffset CreatedAt,
    UnitRef? LeadUnit, OrderRef? RepeatOf, Guid? MergedInto, Requester Requester);

public sealed record CallerCallResponse(string CallId, string Direction, DateTimeOffset StartedAt, DateTimeOffset? AnsweredAt, DateTimeOffset? EndedAt, string? Agent, Lianxin.Core.Calls.CallOutcome? Outcome);

public sealed record CallerHistoryResponse(
    string Phone, DateTimeOffset Since, int OrderCount, int RepeatCount, int OpenCount, bool HasOpen, bool Truncated,
    IReadOnlyList<CallerOrderResponse> Orders, IReadOnlyList<CallerCallResponse> Calls)
{
    public static CallerHistoryResponse From(CallerHistory h, ReferenceSnapshot refs) => new(
        h.Phone, WorkOrderResponse.Utc(h.Since), h.OrderCount, h.RepeatCount, h.OpenCount, h.OpenCount > 0, h.Truncated,
        h.Orders.Select(o =>
        {
            var category = refs.Categories.Find(o.CategoryId);
            var region = o.RegionCode is null ? null : refs.Regions.FindByCode(o.RegionCode);
            return new CallerOrderResponse(
                o.Id, o.Number, o.Status, o.Channel, o.Title,
                new NodeRef(o.CategoryId, category is null ? "" : refs.Categories.PathName(category)),
                o.RegionCode is null ? null : new RegionRef(o.RegionCode, region is null ? "" : refs.Regions.PathName(region)),
                WorkOrderResponse.Utc(o.CreatedAt), o.LeadUnitId is { } u ? WorkOrderResponse.Unit(refs, u) : null,
                o.RepeatOfId is { } r ? new OrderRef(r, o.RepeatOfNumber) : null, o.MergedIntoId, o.Requester);
        }).ToList(),
        h.Calls.Select(c => new CallerCallResponse(c.CallId, c.Direction, WorkOrderResponse.Utc(c.StartedAt), WorkOrderResponse.Utc(c.AnsweredAt), WorkOrderResponse.Utc(c.EndedAt), c.AgentName, c.Outcome)).ToList());
}

/// <summary>The caller history behind the screen pop (来电弹屏).</summary>
public static class RequesterEndpoints
{
    public static IEndpointRouteBuilder MapRequesterEndpoints(this IEndpointRouteBuilder app)
    {
        var requesters = app.MapGroup("/api/v1/requesters").WithTags("Repeats and clusters").RequireAuthorization();
        requesters.MapGet("/{phone}/history", History)
            .WithSummary("A phone's orders of the last 90 days and its calls, for the screen pop; agent, dispatcher, supervisor, visitor, or a unit's handler")
            .WithDescription("Newest first (at most 100 listed; the counts cover the whole period). The phone is normalised as at registration (spaces and dashes dropped). "
                + "A handler sees only orders of their unit, never confidential ones. calls are the phone's calls in the call log (at most 50, newest first; centre staff only).");
        return app;
    }

    private static async Task<Ok<CallerHistoryResponse>> History(
        string phone, ClaimsPrincipal principal, GetCallerHistory history, ReferenceData refs, LianxinDbContext db, CancellationToken ct)
    {
        var normalized = Requester.NormalizePhone(phone);
        new Validator()
            .When(!Requester.IsPhone(normalized), "phone",
                new Text("电话号码只能包含数字（可带 + 和 -），3–20 位。", "A phone number has 3–20 digits (with optional + and -)."))
            .ThrowIfInvalid();
        var result = await history.ExecuteAsync(normalized, principal.ToActor(), ct);
        return TypedResults.Ok(CallerHistoryResponse.From(result, await refs.GetAsync(db, ct)));
    }
}
