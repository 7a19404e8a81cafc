using System.Buffers.Binary;
using System.Security.Cryptography;
using Lianxin.Core.Calendars;
using Lianxin.Core.WorkOrders;

namespace Lianxin.Core.ReturnVisits;

/// <summary>
/// A closed order's return-visit plan: whether it is due a visit (and whether the sample chose it), and
/// its window — due from the start of the first working day after closure, by the end of the
/// <see cref="ReturnVisitSettings.DeadlineWorkingDays"/>-th working day. The window is set for every
/// closure: for an order not due a visit it is when the order is archived without one.
/// </summary>
public sealed record VisitPlan(bool Required, bool Sampled, DateTime DueAt, DateTime Deadline);

/// <summary>
/// Decides <see cref="VisitPlan"/>s (pure: the settings and the calendar in, no clock, no database).
/// The sample is a hash of the order id, so an order always gets the same answer, whoever closes it and
/// however often: the first eight bytes of SHA-256 of the id's 16 bytes as a fraction in [0, 1), chosen
/// when below the share.
/// </summary>
public sealed class VisitPlanner(ReturnVisitSettings settings, WorkingCalendar calendar)
{
    public ReturnVisitSettings Settings => settings;

    /// <summary>The order's place in [0, 1) for the sample; the same id always gives the same value.</summary>
    public static double SampleValue(Guid orderId)
    {
        Span<byte> id = stackalloc byte[16];
        orderId.TryWriteBytes(id, bigEndian: true, out _);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(id, hash);
        return (BinaryPrimitives.ReadUInt64BigEndian(hash) >> 11) * (1.0 / (1UL << 53));
    }

    /// <summary>
    /// The plan of <paramref name="order"/> closed at <paramref name="closedAt"/> (UTC). After a redo the
    /// second visit is always due (its rating is final); a requester who wants no call-back is never visited.
    /// </summary>
    public VisitPlan Plan(WorkOrder order, DateTime closedAt) =>
        Plan(order.Id, order.DemandType, order.Requester.WantsReply, order.RedoCount, closedAt);

    public VisitPlan Plan(Guid orderId, DemandType type, bool wantsReply, int redoCount, DateTime closedAt)
    {
        var closedOn = calendar.LocalDate(closedAt);
        var dueDay = calendar.AddWorkingDays(closedOn, 1);
        var lastDay = calendar.AddWorkingDays(closedOn, settings.DeadlineWorkingDays);
        var dueAt = calendar.ToUtc(dueDay, TimeOnly.MinValue);
        var deadline = calendar.EndOfWorkingDayUtc(lastDay);
        if (!wantsReply)
        {
            return new VisitPlan(false, false, dueAt, deadline);
        }

        if (redoCount > 0 || settings.AlwaysVisited.Contains(type))
        {
            return new VisitPlan(true, false, dueAt, deadline);
        }

        var sampled = SampleValue(orderId) < settings.SampleShare;
        return new VisitPlan(sampled, sampled, dueAt, deadline);
    }
}
