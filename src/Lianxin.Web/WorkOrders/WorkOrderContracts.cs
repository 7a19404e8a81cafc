using System.Text.Json;
using Lianxin.Core.Deadlines;
using Lianxin.Core.Dispatch;
using Lianxin.Core.Identity;
using Lianxin.Core.Organization;
using Lianxin.Core.WorkOrders;

namespace Lianxin.Web.WorkOrders;

public sealed record UnitRef(Guid Id, string Name);

public sealed record NodeRef(Guid Id, string Path);

public sealed record RegionRef(string Code, string Path);

public sealed record ActorRef(Guid? Id, string Name);

public sealed record DeadlineResponse(DateTimeOffset DueAt, DeadlineState State, DateTimeOffset ApproachingAt, DateTimeOffset? MetAt, string Limit)
{
    /// <summary>Open orders show the state now; finished ones the state they ended with.</summary>
    public static DeadlineResponse? From(Deadline? d, DateTime now, bool live) => d is null ? null : new(
        WorkOrderResponse.Utc(d.DueAt), live ? d.StateAt(now) : d.State, WorkOrderResponse.Utc(d.ApproachingAt), WorkOrderResponse.Utc(d.MetAt), d.Limit.ToString());
}

public sealed record DeadlinesResponse(DeadlineResponse? SignFor, DeadlineResponse? Contact, DeadlineResponse? Completion);

public sealed record AssignmentResponse(
    Guid Id, UnitRef Unit, AssignmentRole Role, Guid? ParentId, AssignmentStatus Status, DateTimeOffset DispatchedAt,
    DateTimeOffset? AcceptedAt, DateTimeOffset? RepliedAt, string? ReplyResult, Solved? ReplySolved, DeadlinesResponse Deadlines);

public sealed record PendingRequestResponse(Guid Id, Guid AssignmentId, UnitRef Unit, string Reason, string? Basis, int? WorkingDays, DateTimeOffset RequestedAt, string? ReasonCode = null);

public sealed record OpenHelpRequestResponse(Guid Id, Guid GroupId, AssignmentRole Role, string Note, DateTimeOffset ExpiresAt);

public sealed record ReplyResponse(string Result, Solved? Solved, DateTimeOffset? RepliedAt);

public sealed record VisitSummaryResponse(Satisfaction? Satisfaction, Solved? Solved, int AttemptsThisRound);

/// <summary>The return-visit plan set at the last closure: due a visit (by rule or sample), from when, by when, and when the round's visit ended.</summary>
public sealed record VisitPlanResponse(bool Required, bool Sampled, DateTimeOffset DueAt, DateTimeOffset Deadline, DateTimeOffset? VisitedAt);

public sealed record ExtraRequesterResponse(string? Name, string Phone, bool Confidential, Guid FromOrderId, string FromNumber);

public sealed record WorkOrderLinks(string Self, string History);

public sealed record WorkOrderResponse(
    Guid Id, string Number, int Version, WorkOrderStatus Status, Channel Channel, DemandType DemandType, Urgency Urgency,
    string Title, string Description, Requester Requester, NodeRef Category, RegionRef? Region, string? Address,
    DateTimeOffset CreatedAt, ActorRef CreatedBy, DateTimeOffset UpdatedAt, DeadlinesResponse Deadlines,
    IReadOnlyList<AssignmentResponse> Assignments, PendingRequestResponse? PendingReturn, PendingRequestResponse? PendingExtension,
    string? Answer, string? NotAcceptedReason, ReplyResponse? Reply, DateTimeOffset? ClosedAt, DateTimeOffset? ArchivedAt,
    VisitSummaryResponse? Visit, int RedoCount, int UrgeCount, int SuperviseCount, Guid? RepeatOf, Guid? MergedInto,
    IReadOnlyList<ExtraRequesterResponse> ExtraRequesters, DateTimeOffset? SuspendedSince, int ExtensionDays, Guid? PolicyId, WorkOrderLinks Links,
    IReadOnlyList<PendingRequestResponse> PendingReturns, OpenHelpRequestResponse? HelpRequest, DateTimeOffset? AssistsReleasedAt,
    VisitPlanResponse? VisitPlan = null)
{
    public static WorkOrderResponse From(WorkOrder o, Actor actor, ReferenceSnapshot refs, DateTime now)
    {
        var live = o.IsOpen && o.SuspendedSince is null;
        var category = refs.Categories.Find(o.CategoryId);
        var region = o.RegionCode is null ? null : refs.Regions.FindByCode(o.RegionCode);
        var mask = actor.MasksRequester();
        return new WorkOrderResponse(
            o.Id, o.Number, o.Version, o.Status, o.Channel, o.DemandType, o.Urgency, o.Title, o.Description,
            o.RequesterFor(actor),
            new NodeRef(o.CategoryId, category is null ? "" : refs.Categories.PathName(category)),
            o.RegionCode is null ? null : new RegionRef(o.RegionCode, region is null ? "" : refs.Regions.PathName(region)),
            o.Address, Utc(o.CreatedAt), new ActorRef(o.CreatedById, o.CreatedByName), Utc(o.UpdatedAt),
            new DeadlinesResponse(DeadlineResponse.From(o.SignFor, now, live), DeadlineResponse.From(o.Contact, now, live), DeadlineResponse.From(o.Completion, now, live)),
            o.Assignments.OrderBy(a => a.DispatchedAt).Select(a => new AssignmentResponse(
                a.Id, Unit(refs, a.UnitId), a.Role, a.ParentId, a.Status, Utc(a.DispatchedAt), Utc(a.AcceptedAt), Utc(a.RepliedAt),
                a.ReplyResult, a.ReplySolved,
                new DeadlinesResponse(DeadlineResponse.From(a.SignFor, now, live && a.IsOpen), null, DeadlineResponse.From(a.Completion, now, live && a.IsOpen)))).ToList(),
            o.Returns.Where(r => r.Decision == Decision.Pending).Select(r => ReturnOf(r, refs)).FirstOrDefault(),
            o.Extensions.Where(e => e.Decision == Decision.Pending).Select(e =>
                new PendingRequestResponse(e.Id, e.AssignmentId, Unit(refs, e.UnitId), e.Reason, null, e.WorkingDays, Utc(e.RequestedAt))).FirstOrDefault(),
            o.Answer, o.NotAcceptedReason,
            o.ReplyResult is null ? null : new ReplyResponse(o.ReplyResult, o.ReplySolved, Utc(o.RepliedAt)),
            Utc(o.ClosedAt), Utc(o.ArchivedAt),
            o.FinalSatisfaction is null && o.VisitAttempts == 0 ? null : new VisitSummaryResponse(o.FinalSatisfaction, o.FinalSolved, o.VisitAttempts),
            o.RedoCount, o.UrgeCount, o.SuperviseCount, o.RepeatOfId, o.MergedIntoId,
            o.ExtraRequesters.Select(r => mask && r.Confidential
                ? new ExtraRequesterResponse(Requester.MaskName(r.Name), Requester.MaskPhone(r.Phone), true, r.FromOrderId, r.FromNumber)
                : new ExtraRequesterResponse(r.Name, r.Phone, r.Confidential, r.FromOrderId, r.FromNumber)).ToList(),
            Utc(o.SuspendedSince), o.ExtensionDays, o.PolicyId,
            new WorkOrderLinks($"/api/v1/work-orders/{o.Id}", $"/api/v1/work-orders/{o.Id}/history"),
            o.Returns.Where(r => r.Decision == Decision.Pending).OrderBy(r => r.RequestedAt).Select(r => ReturnOf(r, refs)).ToList(),
            o.HelpRequests.Where(h => h.IsOpenAt(now)).Select(h => new OpenHelpRequestResponse(h.Id, h.GroupId, h.Role, h.Note, Utc(h.ExpiresAt))).FirstOrDefault(),
            Utc(o.AssistsReleasedAt),
            o.VisitDueAt is { } due && o.VisitDeadline is { } deadline ? new VisitPlanResponse(o.VisitRequired, o.VisitSampled, Utc(due), Utc(deadline), Utc(o.VisitedAt)) : null);
    }

    private static PendingRequestResponse ReturnOf(ReturnRequest r, ReferenceSnapshot refs) =>
        new(r.Id, r.AssignmentId, Unit(refs, r.UnitId), r.Reason, r.Basis, null, Utc(r.RequestedAt), r.ReasonCode);

    internal static UnitRef Unit(ReferenceSnapshot refs, Guid id) => new(id, refs.Units.Find(id)?.Name ?? "");

    internal static DateTimeOffset Utc(DateTime at) => new(DateTime.SpecifyKind(at, DateTimeKind.Utc));

    internal static DateTimeOffset? Utc(DateTime? at) => at is null ? null : Utc(at.Value);
}

/// <summary>The clock a list shows: the first overdue, else 临期, else the next due.</summary>
public sealed record PressingDeadlineResponse(DeadlineKind Kind, DateTimeOffset DueAt, DeadlineState State);

public sealed record WorkOrderListItem(
    Guid Id, string Number, int Version, WorkOrderStatus Status, Channel Channel, DemandType DemandType, Urgency Urgency, string Title,
    Requester Requester, NodeRef Category, RegionRef? Region, UnitRef? LeadUnit, DateTimeOffset CreatedAt, int RedoCount, Guid? RepeatOf, Guid? MergedInto,
    PressingDeadlineResponse? Deadline)
{
    public static WorkOrderListItem From(WorkOrderSummary s, ReferenceSnapshot refs, DateTime now)
    {
        var pressing = s.Pressing(now);
        var category = refs.Categories.Find(s.CategoryId);
        var region = s.RegionCode is null ? null : refs.Regions.FindByCode(s.RegionCode);
        return new WorkOrderListItem(
            s.Id, s.Number, s.Version, s.Status, s.Channel, s.DemandType, s.Urgency, s.Title, s.Requester,
            new NodeRef(s.CategoryId, category is null ? "" : refs.Categories.PathName(category)),
            s.RegionCode is null ? null : new RegionRef(s.RegionCode, region is null ? "" : refs.Regions.PathName(region)),
            s.LeadUnitId is { } u ? WorkOrderResponse.Unit(refs, u) : null,
            WorkOrderResponse.Utc(s.CreatedAt), s.RedoCount, s.RepeatOfId, s.MergedIntoId,
            pressing is { } p ? new PressingDeadlineResponse(p.Kind, WorkOrderResponse.Utc(p.DueAt), p.State) : null);
    }
}

public sealed record HistoryEventResponse(
    int Version, DateTimeOffset At, string Type, ActorRef Actor, UnitRef? ActorUnit, WorkOrderStatus FromStatus, WorkOrderStatus ToStatus,
    Guid? AssignmentId, UnitRef? Unit, string? Note, JsonElement? Data)
{
    public static HistoryEventResponse From(WorkOrderEvent e, ReferenceSnapshot refs) =>
        new(e.Version, WorkOrderResponse.Utc(e.At), e.Type, new ActorRef(e.ActorId, e.ActorName),
            e.ActorUnitId is { } au ? WorkOrderResponse.Unit(refs, au) : null, e.FromStatus, e.ToStatus, e.AssignmentId,
            e.UnitId is { } u ? WorkOrderResponse.Unit(refs, u) : null, e.Note,
            e.Data is null ? null : JsonDocument.Parse(e.Data).RootElement.Clone());
}
