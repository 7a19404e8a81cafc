using Lianxin.Core.Calendars;
using Lianxin.Core.Common;
using Lianxin.Core.Data;
using Lianxin.Core.Deadlines;
using Lianxin.Core.Identity;
using Lianxin.Core.Organization;
using Lianxin.Core.Repeats;

namespace Lianxin.Core.WorkOrders;

public sealed record RequesterRequest(string? Name, string? Phone, bool? Confidential, bool? WantsReply);

/// <summary>What a call-taker fills in (POST /api/v1/work-orders; the intake screen).</summary>
public sealed record CreateWorkOrderRequest(
    Channel? Channel, DemandType? DemandType, Urgency? Urgency, RequesterRequest? Requester, Guid? CategoryId,
    string? RegionCode, string? Address, string? Title, string? Description);

/// <summary>受理: a call-taker registers a new order; it gets its deadlines, and is flagged when it repeats an earlier one.</summary>
public sealed class RegisterWorkOrder(LianxinDbContext db, ReferenceData refs, DeadlinePolicies policies, CentreCalendar calendar, TimeProvider clock, DetectRepeat detectRepeat)
{
    public async Task<WorkOrder> ExecuteAsync(Actor actor, CreateWorkOrderRequest request, CancellationToken ct)
    {
        var details = Validated(request);
        Refusal.ThrowIf(WorkOrder.CanRegister(actor));
        var snapshot = await refs.GetAsync(db, ct);
        var v = new Validator();
        if (snapshot.Categories.Find(details.CategoryId) is not { } category)
        {
            // A category created on another instance a moment ago: look again before refusing.
            refs.Invalidate();
            snapshot = await refs.GetAsync(db, ct);
            category = snapshot.Categories.Find(details.CategoryId);
        }

        v.When(category is null, "categoryId", new Text("问题分类不存在。", "No such category."));
        v.When(category is { IsActive: false }, "categoryId", new Text("该问题分类已停用。", "That category is deactivated."));
        if (details.RegionCode is { } code)
        {
            var region = snapshot.Regions.FindByCode(code);
            v.When(region is null, "regionCode", new Text("区域编码不存在。", "No such region code."));
            v.When(region is { IsActive: false }, "regionCode", new Text("该区域已停用。", "That region is deactivated."));
        }

        v.ThrowIfInvalid();

        var now = clock.GetUtcNow().UtcDateTime;
        var rules = await calendar.GetAsync(db, ct);
        var (targets, policyId) = await policies.ChooseAsync(details.DemandType, details.Urgency, details.CategoryId, ct);

        // Before the number: inside an idempotent request the counter row stays locked until commit.
        var repeat = await detectRepeat.ExecuteAsync(details, snapshot, now, ct);
        var number = await OrderNumbers.NextAsync(db, details.Channel, rules.Calendar.LocalDate(now), ct);
        var order = WorkOrder.Register(Ids.New(clock), number, details, actor, now, targets, policyId);
        if (repeat is not null)
        {
            order.FlagRepeatOf(repeat);
        }

        order.RecomputeDeadlines(rules, now);
        db.WorkOrders.Add(order);
        await db.SaveChangesAsync(ct);
        return order;
    }

    private static NewWorkOrder Validated(CreateWorkOrderRequest r)
    {
        var v = new Validator();
        v.Required("channel", r.Channel).Required("demandType", r.DemandType).Required("urgency", r.Urgency);
        v.Required("requester", r.Requester);
        var phone = "";
        if (r.Requester is { } requester)
        {
            v.MaxLength("requester.name", requester.Name, Requester.MaxNameLength);
            v.Required("requester.phone", requester.Phone, Requester.MaxPhoneLength);
            phone = Requester.NormalizePhone(requester.Phone);
            v.When(requester.Phone is { Length: > 0 } && !Requester.IsPhone(phone), "requester.phone",
                new Text("电话号码只能包含数字（可带 + 和 -），3–20 位。", "A phone number has 3–20 digits (with optional + and -)."));
        }

        v.Required("categoryId", r.CategoryId);
        v.MaxLength("regionCode", r.RegionCode, TreeNode.MaxCodeLength);
        v.MaxLength("address", r.Address, WorkOrder.MaxAddressLength);
        v.Required("title", r.Title, WorkOrder.MaxTitleLength);
        v.Required("description", r.Description, WorkOrder.MaxDescriptionLength);
        v.ThrowIfInvalid();
        return new NewWorkOrder(
            r.Channel!.Value, r.DemandType!.Value, r.Urgency!.Value,
            new Requester(Blank(r.Requester!.Name), phone, r.Requester.Confidential ?? false, r.Requester.WantsReply ?? true),
            r.CategoryId!.Value, Blank(r.RegionCode), Blank(r.Address), r.Title!.Trim(), r.Description!.Trim());
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
