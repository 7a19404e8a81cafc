using System.Security.Claims;
using Lianxin.Core.Common;
using Lianxin.Core.Data;
using Lianxin.Core.Identity;
using Lianxin.Core.Organization;
using Lianxin.Core.Routing;
using Lianxin.Web.Api;
using Lianxin.Web.Identity;
using Lianxin.Web.WorkOrders;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Lianxin.Web.Routing;

public sealed record RoutingRuleRequest(Guid? CategoryId, string? RegionCode, Guid? LeadUnitId, IReadOnlyList<Guid>? AssistUnitIds, string? Note);

public sealed record RoutingRuleResponse(
    Guid Id, NodeRef? Category, RegionRef? Region, UnitRef LeadUnit, IReadOnlyList<UnitRef> AssistUnits, string? Note,
    bool IsActive, bool Inert, IReadOnlyList<string> InertReasons, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? DeactivatedAt)
{
    /// <summary>
    /// An active rule is inert while something it names is deactivated: the suggestion passes over it
    /// (from the reference snapshot, so a change made on another instance shows within 30 s).
    /// </summary>
    public static RoutingRuleResponse From(RoutingRule r, ReferenceSnapshot refs, bool english)
    {
        var category = r.CategoryId is { } c ? refs.Categories.Find(c) : null;
        var region = r.RegionId is { } g ? refs.Regions.Find(g) : null;
        var inert = new List<Text>();
        if (category is { IsActive: false })
        {
            inert.Add(new Text($"问题分类“{category.Name}”已停用", $"category '{category.Name}' is deactivated"));
        }

        if (region is { IsActive: false })
        {
            inert.Add(new Text($"区域“{region.Name}”已停用", $"region '{region.Name}' is deactivated"));
        }

        foreach (var unitId in r.UnitIds)
        {
            if (refs.Units.Find(unitId) is not { IsActive: true } unit)
            {
                var name = refs.Units.Find(unitId)?.Name ?? unitId.ToString();
                inert.Add(new Text($"单位“{name}”已停用", $"unit '{name}' is deactivated"));
            }
        }

        return new RoutingRuleResponse(
            r.Id,
            r.CategoryId is { } cid ? new NodeRef(cid, category is null ? "" : refs.Categories.PathName(category)) : null,
            region is null ? null : new RegionRef(region.Code ?? "", refs.Regions.PathName(region)),
            WorkOrderResponse.Unit(refs, r.LeadUnitId),
            r.AssistUnitIds.Select(a => WorkOrderResponse.Unit(refs, a)).ToList(),
            r.Note, r.IsActive, r.IsActive && inert.Count > 0, inert.Select(t => t.In(english)).ToList(),
            WorkOrderResponse.Utc(r.CreatedAt), WorkOrderResponse.Utc(r.UpdatedAt), WorkOrderResponse.Utc(r.DeactivatedAt));
    }
}

public sealed record MatchedRuleRef(Guid Id, NodeRef? Category, RegionRef? Region, string? Note);

public sealed record SuggestedRouting(UnitRef LeadUnit, IReadOnlyList<UnitRef> AssistUnits, MatchedRuleRef Rule);

public sealed record SkippedRuleResponse(Guid RuleId, UnitRef LeadUnit, SkipReason Reason, string Why);

public sealed record SuggestionResponse(
    Guid WorkOrderId, NodeRef Category, RegionRef? Region, UnitRef? UnderUnit, SuggestedRouting? Suggestion, string Why,
    IReadOnlyList<SkippedRuleResponse> Skipped, IReadOnlyList<UnitRef> ReturnedUnits);

public sealed record AccuracyFigures(int Dispatches, int Followed, int Overridden, int NoSuggestion, double? Rate, double? Coverage)
{
    /// <summary>
    /// Rate: followed ÷ dispatches that had a suggestion (an order no rule covers says nothing about the
    /// rules' accuracy). Coverage: dispatches that had a suggestion ÷ all dispatches.
    /// </summary>
    public static AccuracyFigures Of(int dispatches, int followed, int none)
    {
        var suggested = dispatches - none;
        return new AccuracyFigures(dispatches, followed, suggested - followed, none,
            suggested == 0 ? null : Math.Round((double)followed / suggested, 4),
            dispatches == 0 ? null : Math.Round((double)suggested / dispatches, 4));
    }
}

public sealed record CategoryAccuracy(NodeRef Category, int Dispatches, int Followed, int Overridden, int NoSuggestion, double? Rate, double? Coverage)
{
    public static CategoryAccuracy Of(NodeRef category, AccuracyFigures f) => new(category, f.Dispatches, f.Followed, f.Overridden, f.NoSuggestion, f.Rate, f.Coverage);
}

public sealed record AccuracyResponse(DateTimeOffset? From, DateTimeOffset? To, AccuracyFigures Total, IReadOnlyList<CategoryAccuracy> Categories);

/// <summary>派单目录 (routing catalogue): admins keep the rules; dispatchers get suggestions; supervisors read how often they were followed.</summary>
public static class RoutingEndpoints
{
    public static IEndpointRouteBuilder MapRoutingEndpoints(this IEndpointRouteBuilder app)
    {
        var routing = app.MapGroup("/api/v1/routing").WithTags("Routing").RequireAuthorization();
        routing.MapGet("/rules", ListRules).WithSummary("The routing catalogue (派单目录): active rules unless includeInactive=true; admin, dispatcher, supervisor")
            .WithDescription("Each rule maps a category subtree and a region subtree (either may be null = any) to a lead unit and assist units. `inert` is true while something the rule names is deactivated; suggestions pass over inert rules.");
        routing.MapPost("/rules", CreateRule).WithIdempotency().WithSummary("Create a routing rule (admin)")
            .WithDescription("Body: {categoryId?, regionCode?, leadUnitId, assistUnitIds?, note?}. Categories, regions and units must exist and be active; the centre itself cannot be named. At most one active rule per (category, region): another is 409.");
        routing.MapGet("/rules/{id:guid}", GetRule).WithSummary("One routing rule; admin, dispatcher, supervisor");
        routing.MapPut("/rules/{id:guid}", ChangeRule).WithSummary("Change a routing rule: the whole rule as in create (admin)");
        routing.MapPost("/rules/{id:guid}/deactivate", (Guid id, HttpContext http, ClaimsPrincipal principal, ManageRoutingRules rules, ReferenceData refs, LianxinDbContext db, CancellationToken ct) =>
                SetActive(id, false, http, principal, rules, refs, db, ct))
            .WithSummary("Deactivate a routing rule; it is kept, never deleted (admin)");
        routing.MapPost("/rules/{id:guid}/activate", (Guid id, HttpContext http, ClaimsPrincipal principal, ManageRoutingRules rules, ReferenceData refs, LianxinDbContext db, CancellationToken ct) =>
                SetActive(id, true, http, principal, rules, refs, db, ct))
            .WithSummary("Reactivate a routing rule (admin); 409 if another active rule has its category and region");
        routing.MapGet("/suggest", Suggest).WithSummary("The unit the catalogue suggests for an order (派单建议); dispatcher, supervisor, or a handler with underUnitId")
            .WithDescription("?workOrderId=…[&underUnitId=…]. The most specific covering rule wins: deeper category, then deeper region, then newest (ADR 0008). Rules naming a deactivated unit, category or region, or a unit whose return of this order was approved, are passed over (listed in `skipped`). A handler of a sub-centre or street office asks with underUnitId = their unit and gets only units below it. `suggestion` is null when no rule applies.");
        routing.MapGet("/accuracy", Accuracy).WithSummary("How often dispatchers followed the suggestion, per category and in total; supervisor, dispatcher, admin")
            .WithDescription("?from=&to= as yyyy-MM-dd (centre's time zone; `to` inclusive) or ISO 8601 instants. rate = followed ÷ dispatches with a suggestion; coverage = dispatches with a suggestion ÷ dispatches.");
        return app;
    }

    private const Role Readers = Role.Admin | Role.Dispatcher | Role.Supervisor;

    private static async Task<Ok<List<RoutingRuleResponse>>> ListRules(
        HttpContext http, ClaimsPrincipal principal, LianxinDbContext db, ReferenceData refs, CancellationToken ct, bool? includeInactive = null)
    {
        principal.ToActor().Require(Readers, new Text("查看派单目录", "read the routing catalogue"));
        var rules = await db.RoutingRules.AsNoTracking().Where(r => includeInactive == true || r.IsActive).ToListAsync(ct);
        var snapshot = await refs.GetAsync(db, ct);
        var english = Lang.PrefersEnglish(http);
        return TypedResults.Ok(rules.Select(r => RoutingRuleResponse.From(r, snapshot, english))
            .OrderBy(r => r.Category?.Path ?? "", StringComparer.Ordinal)
            .ThenBy(r => r.Region?.Code ?? "", StringComparer.Ordinal)
            .ThenByDescending(r => r.IsActive)
            .ThenBy(r => r.Id)
            .ToList());
    }

    private static async Task<Ok<RoutingRuleResponse>> GetRule(Guid id, HttpContext http, ClaimsPrincipal principal, LianxinDbContext db, ReferenceData refs, CancellationToken ct)
    {
        principal.ToActor().Require(Readers, new Text("查看派单目录", "read the routing catalogue"));
        var rule = await db.RoutingRules.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct)
            ?? throw new NotFoundException(new Text("派单规则不存在。", "No such routing rule."));
        return TypedResults.Ok(RoutingRuleResponse.From(rule, await refs.GetAsync(db, ct), Lang.PrefersEnglish(http)));
    }

    private static async Task<Created<RoutingRuleResponse>> CreateRule(
        RoutingRuleRequest request, HttpContext http, ClaimsPrincipal principal, ManageRoutingRules rules, ReferenceData refs, LianxinDbContext db, CancellationToken ct)
    {
        var rule = await rules.CreateAsync(principal.ToActor(), Input(request), ct);
        return TypedResults.Created($"/api/v1/routing/rules/{rule.Id}", RoutingRuleResponse.From(rule, await refs.GetAsync(db, ct), Lang.PrefersEnglish(http)));
    }

    private static async Task<Ok<RoutingRuleResponse>> ChangeRule(
        Guid id, RoutingRuleRequest request, HttpContext http, ClaimsPrincipal principal, ManageRoutingRules rules, ReferenceData refs, LianxinDbContext db, CancellationToken ct)
    {
        var rule = await rules.ChangeAsync(principal.ToActor(), id, Input(request), ct);
        return TypedResults.Ok(RoutingRuleResponse.From(rule, await refs.GetAsync(db, ct), Lang.PrefersEnglish(http)));
    }

    private static async Task<Ok<RoutingRuleResponse>> SetActive(
        Guid id, bool active, HttpContext http, ClaimsPrincipal principal, ManageRoutingRules rules, ReferenceData refs, LianxinDbContext db, CancellationToken ct)
    {
        var rule = await rules.SetActiveAsync(principal.ToActor(), id, active, ct);
        return TypedResults.Ok(RoutingRuleResponse.From(rule, await refs.GetAsync(db, ct), Lang.PrefersEnglish(http)));
    }

    private static RuleInput Input(RoutingRuleRequest r) => new(r.CategoryId, r.RegionCode, r.LeadUnitId, r.AssistUnitIds, r.Note);

    private static async Task<Ok<SuggestionResponse>> Suggest(
        HttpContext http, ClaimsPrincipal principal, SuggestRouting suggest, ReferenceData refs, LianxinDbContext db, CancellationToken ct,
        string? workOrderId = null, string? underUnitId = null)
    {
        var v = new Validator();
        var orderId = ParseId(v, "workOrderId", workOrderId, required: true);
        var under = ParseId(v, "underUnitId", underUnitId, required: false);
        v.ThrowIfInvalid();
        var s = await suggest.ExecuteAsync(orderId!.Value, principal.ToActor(), under, ct);
        var snapshot = await refs.GetAsync(db, ct);
        var english = Lang.PrefersEnglish(http);
        var category = snapshot.Categories.Find(s.CategoryId);
        var region = s.RegionCode is { } code ? snapshot.Regions.FindByCode(code) : null;
        SuggestedRouting? suggestion = null;
        if (s.Rule is { } rule && s.LeadUnitId is { } lead)
        {
            var ruleCategory = rule.CategoryId is { } rc ? snapshot.Categories.Find(rc) : null;
            var ruleRegion = rule.RegionId is { } rr ? snapshot.Regions.Find(rr) : null;
            suggestion = new SuggestedRouting(
                WorkOrderResponse.Unit(snapshot, lead),
                s.AssistUnitIds.Select(a => WorkOrderResponse.Unit(snapshot, a)).ToList(),
                new MatchedRuleRef(rule.Id,
                    rule.CategoryId is { } cid ? new NodeRef(cid, ruleCategory is null ? "" : snapshot.Categories.PathName(ruleCategory)) : null,
                    ruleRegion is null ? null : new RegionRef(ruleRegion.Code ?? "", snapshot.Regions.PathName(ruleRegion)),
                    rule.Note));
        }

        return TypedResults.Ok(new SuggestionResponse(
            s.WorkOrderId,
            new NodeRef(s.CategoryId, category is null ? "" : snapshot.Categories.PathName(category)),
            s.RegionCode is null ? null : new RegionRef(s.RegionCode, region is null ? "" : snapshot.Regions.PathName(region)),
            s.UnderUnitId is { } u ? WorkOrderResponse.Unit(snapshot, u) : null,
            suggestion,
            s.Why.In(english),
            s.Skipped.Select(k => new SkippedRuleResponse(k.RuleId, WorkOrderResponse.Unit(snapshot, k.LeadUnitId), k.Reason, k.Why.In(english))).ToList(),
            s.ReturnedUnitIds.Select(id => WorkOrderResponse.Unit(snapshot, id)).ToList()));
    }

    private static async Task<Ok<AccuracyResponse>> Accuracy(
        ClaimsPrincipal principal, LianxinDbContext db, ReferenceData refs, IOptions<CentreOptions> centre, CancellationToken ct, string? from = null, string? to = null)
    {
        principal.ToActor().Require(Readers, new Text("查看派单建议采纳率", "read routing accuracy"));
        var v = new Validator();
        var fromUtc = Periods.ParseInstant(v, "from", from, centre.Value.Zone, endOfDay: false);
        var toUtc = Periods.ParseInstant(v, "to", to, centre.Value.Zone, endOfDay: true);
        v.When(fromUtc is { } f && toUtc is { } t && f >= t, "to", new Text("结束时间应晚于开始时间。", "`to` must be after `from`."));
        v.ThrowIfInvalid();

        var query = db.RoutingDecisions.AsNoTracking();
        if (fromUtc is { } fu)
        {
            query = query.Where(d => d.At >= fu);
        }

        if (toUtc is { } tu)
        {
            query = query.Where(d => d.At < tu);
        }

        var rows = await query
            .GroupBy(d => d.CategoryId)
            .Select(g => new { CategoryId = g.Key, Dispatches = g.Count(), Followed = g.Count(d => d.Taken), None = g.Count(d => d.SuggestedUnitId == null) })
            .ToListAsync(ct);
        var snapshot = await refs.GetAsync(db, ct);
        var categories = rows
            .Select(r => CategoryAccuracy.Of(
                new NodeRef(r.CategoryId, snapshot.Categories.Find(r.CategoryId) is { } c ? snapshot.Categories.PathName(c) : ""),
                AccuracyFigures.Of(r.Dispatches, r.Followed, r.None)))
            .OrderByDescending(c => c.Dispatches)
            .ThenBy(c => c.Category.Path, StringComparer.Ordinal)
            .ToList();
        var total = AccuracyFigures.Of(rows.Sum(r => r.Dispatches), rows.Sum(r => r.Followed), rows.Sum(r => r.None));
        return TypedResults.Ok(new AccuracyResponse(WorkOrderResponse.Utc(fromUtc), WorkOrderResponse.Utc(toUtc), total, categories));
    }

    private static Guid? ParseId(Validator v, string field, string? text, bool required)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            v.When(required, field, new Text("必填。", "Required."));
            return null;
        }

        if (Guid.TryParse(text, out var id))
        {
            return id;
        }

        v.Add(field, new Text("应为 UUID。", "Must be a UUID."));
        return null;
    }
}
