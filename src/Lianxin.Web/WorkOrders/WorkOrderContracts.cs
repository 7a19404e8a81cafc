using System.Text.Json;
using System.Text.RegularExpressions;
using Lianxin.Core.Common;
using Lianxin.Core.Deadlines;
using Lianxin.Core.Dispatch;
using Lianxin.Core.Identity;
using Lianxin.Core.Organization;
using Lianxin.Core.ReturnVisits;
using Lianxin.Core.Supervision;
using Lianxin.Core.WorkOrders;

namespace Lianxin.Web.WorkOrders;

public sealed record RequesterRequest(string? Name, string? Phone, bool? Confidential, bool? WantsReply);

public sealed partial record CreateWorkOrderRequest(
    Channel? Channel, DemandType? DemandType, Urgency? Urgency, RequesterRequest? Requester, Guid? CategoryId,
    string? RegionCode, string? Address, string? Title, string? Description)
{
    public NewWorkOrder Validated()
    {
        var v = new Validator();
        v.Required("channel", Channel).Required("demandType", DemandType).Required("urgency", Urgency);
        v.Required("requester", Requester);
        string phone = "";
        if (Requester is not null)
        {
            v.MaxLength("requester.name", Requester.Name, Core.WorkOrders.Requester.MaxNameLength);
            v.Required("requester.phone", Requester.Phone, Core.WorkOrders.Requester.MaxPhoneLength);
            phone = NormalizePhone(Requester.Phone);
            v.When(Requester.Phone is { Length: > 0 } && !PhonePattern().IsMatch(phone), "requester.phone",
                new Text("电话号码只能包含数字（可带 + 和 -），3–20 位。", "A phone number has 3–20 digits (with optional + and -)."));
        }

        v.Required("categoryId", CategoryId);
        v.MaxLength("regionCode", RegionCode, TreeNode.MaxCodeLength);
        v.MaxLength("address", Address, WorkOrder.MaxAddressLength);
        v.Required("title", Title, WorkOrder.MaxTitleLength);
        v.Required("description", Description, WorkOrder.MaxDescriptionLength);
        v.ThrowIfInvalid();
        return new NewWorkOrder(
            Channel!.Value, DemandType!.Value, Urgency!.Value,
            new Requester(Blank(Requester!.Name), phone, Requester.Confidential ?? false, Requester.WantsReply ?? true),
            CategoryId!.Value, Blank(RegionCode), Blank(Address), Title!.Trim(), Description!.Trim());
    }

    /// <summary>Spaces and dashes are how people write numbers, not part of them: 0571-8888 6666 → 057188886666.</summary>
    internal static string NormalizePhone(string? phone) =>
        new((phone ?? "").Where(c => char.IsAsciiDigit(c) || c == '+').ToArray());

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    [GeneratedRegex(@"^\+?[0-9]{3,20}$")]
    internal static partial Regex PhonePattern();
}

public sealed record TextRequest(string? Text)
{
    public string Validated(string field, int max)
    {
        new Validator().Required(field, Text, max).ThrowIfInvalid();
        return Text!.Trim();
    }
}

public sealed record AnswerRequest(string? Answer);

public sealed record NotAcceptRequest(string? Reason);

public sealed record AssignmentTarget(Guid? UnitId, AssignmentRole? Role);

public sealed record DispatchRequest(IReadOnlyList<AssignmentTarget>? Assignments, string? Note)
{
    public IReadOnlyList<(Guid UnitId, AssignmentRole Role)> Validated()
    {
        var v = new Validator();
        v.When(Assignments is null || Assignments.Count == 0, "assignments", new Text("至少派给一个单位。", "At least one unit is required."));
        v.When(Assignments is { Count: > 20 }, "assignments", new Text("一次最多派给 20 个单位。", "At most 20 units at once."));
        for (var i = 0; Assignments is not null && i < Assignments.Count; i++)
        {
            v.Required($"assignments[{i}].unitId", Assignments[i]?.UnitId);
        }

        v.MaxLength("note", Note, WorkOrder.MaxNoteLength);
        v.ThrowIfInvalid();
        return Assignments!.Select(a => (a.UnitId!.Value, a.Role ?? AssignmentRole.Lead)).ToList();
    }
}

public sealed record ReturnRequestBody(string? Reason, string? Basis, string? ReasonCode);

public sealed record RedispatchRequest(Guid? UnitId, AssignmentRole? Role, string? Note);

public sealed record AssignmentNoteRequest(Guid? AssignmentId, string? Note);

public sealed record DecisionRequest(bool? Approve, string? Note, Guid? AssignmentId)
{
    public bool Validated(bool noteRequiredOnReject = false)
    {
        var v = new Validator();
        v.Required("approve", Approve);
        v.MaxLength("note", Note, WorkOrder.MaxNoteLength);
        v.When(noteRequiredOnReject && Approve == false && string.IsNullOrWhiteSpace(Note), "note",
            new Text("退回修改时须说明原因。", "Say why when sending a reply back."));
        v.ThrowIfInvalid();
        return Approve!.Value;
    }
}

public sealed record ExtensionRequestBody(int? WorkingDays, string? Reason);

public sealed record ReplyRequest(string? Result, Solved? Solved);

public sealed record VisitRequest(bool? Reached, Solved? Solved, Satisfaction? Satisfaction, string? Comment);

public sealed record NoteRequest(string? Note);

public sealed record ReasonRequest(string? Reason);

public sealed record SuperviseRequest(string? Note, DateTimeOffset? ReplyDueAt);

public sealed record MergeRequest(Guid? IntoId, string? Note);

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
    IReadOnlyList<PendingRequestResponse> PendingReturns, OpenHelpRequestResponse? HelpRequest, DateTimeOffset? AssistsReleasedAt)
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
            Utc(o.AssistsReleasedAt));
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

public sealed record SupervisionResponse(
    Guid Id, Guid WorkOrderId, SupervisionKind Kind, UnitRef? Unit, string Note, bool Automatic, DateTimeOffset CreatedAt,
    DateTimeOffset? ReplyDueAt, bool ReplyOverdue, string? ReplyText, DateTimeOffset? RepliedAt)
{
    public static SupervisionResponse From(SupervisionRecord s, ReferenceSnapshot refs, DateTime now) =>
        new(s.Id, s.WorkOrderId, s.Kind, s.UnitId is { } u ? WorkOrderResponse.Unit(refs, u) : null, s.Note, s.Automatic, WorkOrderResponse.Utc(s.CreatedAt),
            WorkOrderResponse.Utc(s.ReplyDueAt), s.IsOpen && s.ReplyDueAt is { } due && due <= now, s.ReplyText, WorkOrderResponse.Utc(s.RepliedAt));
}

public sealed record VisitResponse(Guid Id, int Round, int Attempt, bool Reached, Solved? Solved, Satisfaction? Satisfaction, string? Comment, DateTimeOffset At)
{
    public static VisitResponse From(ReturnVisit v) => new(v.Id, v.Round, v.Attempt, v.Reached, v.Solved, v.Satisfaction, v.Comment, WorkOrderResponse.Utc(v.At));
}
