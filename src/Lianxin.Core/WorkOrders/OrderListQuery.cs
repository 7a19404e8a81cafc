using Lianxin.Core.Common;

namespace Lianxin.Core.WorkOrders;

/// <summary>
/// The order list's filters as they arrive in a query string, shared by the API's list and export and
/// the staff pages: one parser, one set of messages.
/// </summary>
public sealed record OrderListQuery(
    string? Status = null, Guid? UnitId = null, string? Q = null, string? From = null, string? To = null, Guid? CategoryId = null,
    string? RegionCode = null, string? DemandType = null, string? Urgency = null, string? Channel = null, string? Phone = null, string? Deadline = null)
{
    /// <summary>The longest text search honoured; the rest is ignored.</summary>
    public const int MaxQueryLength = 100;

    /// <summary>The filter, with each bad field reported in <paramref name="v"/> (and left out of the filter).</summary>
    public WorkOrderFilter Parse(Validator v, TimeZoneInfo zone, DateTime nowUtc)
    {
        DeadlineFilter? deadline = Deadline switch
        {
            null or "" => null,
            "approaching" => DeadlineFilter.Approaching,
            "overdue" => DeadlineFilter.Overdue,
            _ => null,
        };
        v.When(Deadline is { Length: > 0 } && deadline is null, "deadline", new Text("可选：approaching、overdue。", "Use approaching or overdue."));
        return new WorkOrderFilter(
            Status: v.Enum<WorkOrderStatus>("status", Status),
            UnitId: UnitId,
            Query: Q is { Length: > MaxQueryLength } ? Q[..MaxQueryLength] : Q,
            FromUtc: Periods.ParseInstant(v, "from", From, zone, endOfDay: false),
            ToUtc: Periods.ParseInstant(v, "to", To, zone, endOfDay: true),
            CategoryId: CategoryId,
            RegionCode: RegionCode,
            DemandType: v.Enum<DemandType>("demandType", DemandType),
            Urgency: v.Enum<Urgency>("urgency", Urgency),
            Channel: v.Enum<Channel>("channel", Channel),
            Phone: Phone is null ? null : Requester.NormalizePhone(Phone),
            Deadline: deadline,
            NowUtc: nowUtc);
    }
}
