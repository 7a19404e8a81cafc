using System.Globalization;
using System.Security.Claims;
using Lianxin.Core.Clusters;
using Lianxin.Core.Common;
using Lianxin.Core.Data;
using Lianxin.Core.Organization;
using Lianxin.Web.Identity;
using Lianxin.Web.WorkOrders;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Lianxin.Web.Clusters;

public sealed record ClusterResponse(RegionRef Region, NodeRef Category, int Phones, int Orders, DateTimeOffset FirstAt, DateTimeOffset LastAt, IReadOnlyList<string> Numbers);

public sealed record ClustersResponse(DateTimeOffset Since, int Hours, int MinPhones, IReadOnlyList<ClusterResponse> Clusters)
{
    public static ClustersResponse From(LiveClusters live, ReferenceSnapshot refs) => new(
        WorkOrderResponse.Utc(live.Since), live.Hours, live.MinPhones,
        live.Items.Select(i => new ClusterResponse(
            new RegionRef(i.Place.Code!, refs.Regions.PathName(i.Place)), new NodeRef(i.Matter.Id, refs.Categories.PathName(i.Matter)),
            i.Cluster.Phones, i.Cluster.Orders, WorkOrderResponse.Utc(i.Cluster.FirstAt), WorkOrderResponse.Utc(i.Cluster.LastAt), i.Cluster.Numbers)).ToList());
}

/// <summary>Live clusters (多频件 / 热点).</summary>
public static class ClusterEndpoints
{
    public static IEndpointRouteBuilder MapClusterEndpoints(this IEndpointRouteBuilder app)
    {
        var clusters = app.MapGroup("/api/v1/clusters").WithTags("Repeats and clusters").RequireAuthorization();
        clusters.MapGet("/", List)
            .WithSummary("Live clusters (多频件): many distinct phones about one street and one kind of problem; supervisor or dispatcher")
            .WithDescription("Orders registered in the last `hours` (default Lianxin:Clusters:WindowHours, 6; at most 72), grouped by the street (second level of the region tree) "
                + "and the category's second-level node; a group with at least `minPhones` distinct phones (default 5) is a cluster. Orders without a region are not grouped. "
                + "Largest first (distinct phones), then most recently active; each lists its newest 20 order numbers.");
        return app;
    }

    private static async Task<Ok<ClustersResponse>> List(
        ClaimsPrincipal principal, FindClusters find, ReferenceData refs, LianxinDbContext db, IOptions<ClusterOptions> options, CancellationToken ct,
        string? hours = null, string? minPhones = null)
    {
        var v = new Validator();
        var h = ParseInt(v, "hours", hours) ?? options.Value.WindowHours;
        var m = ParseInt(v, "minPhones", minPhones) ?? options.Value.MinPhones;
        v.ThrowIfInvalid();
        var live = await find.ExecuteAsync(h, m, principal.ToActor(), ct);
        return TypedResults.Ok(ClustersResponse.From(live, await refs.GetAsync(db, ct)));
    }

    private static int? ParseInt(Validator v, string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        v.Add(field, new Text("应为正整数。", "Must be a whole number."));
        return null;
    }
}
