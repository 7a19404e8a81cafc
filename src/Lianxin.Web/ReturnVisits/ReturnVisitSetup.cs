using Lianxin.Core.ReturnVisits;

namespace Lianxin.Web.ReturnVisits;

/// <summary>Return visits (回访) and archiving.</summary>
public static class ReturnVisitSetup
{
    public static WebApplicationBuilder AddReturnVisits(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<RecordReturnVisit>();
        builder.Services.AddScoped<ArchiveWorkOrder>();
        builder.Services.AddScoped<VisitQueue>();
        builder.Services.AddScoped<VisitPlans>();
        builder.Services.AddScoped<ArchiveUnvisitedOrders>();
        return builder;
    }
}
