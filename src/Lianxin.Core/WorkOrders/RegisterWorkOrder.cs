using Lianxin.Core.Calendars;
using Lianxin.Core.Common;
using Lianxin.Core.Deadlines;
using Lianxin.Core.Data;
using Lianxin.Core.Identity;
using Lianxin.Core.Organization;

namespace Lianxin.Core.WorkOrders;

/// <summary>受理: a call-taker registers a new order.</summary>
public sealed class RegisterWorkOrder(LianxinDbContext db, ReferenceData refs, DeadlinePolicies policies, CentreCalendar calendar, TimeProvider clock, Repeats.DetectRepeat detectRepeat)
{
    public async Task<WorkOrder> ExecuteAsync(NewWorkOrder details, Actor actor, CancellationToken ct)
    {
        actor.Require(Role.Agent | Role.Dispatcher | Role.Supervisor, new Text("登记工单", "register orders"));
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
}
