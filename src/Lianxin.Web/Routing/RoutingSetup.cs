using Lianxin.Core.Routing;

namespace Lianxin.Web.Routing;

/// <summary>The routing catalogue (派单目录): its rules, suggestions and the record of what dispatchers chose.</summary>
public static class RoutingSetup
{
    public static WebApplicationBuilder AddRouting(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ManageRoutingRules>();
        builder.Services.AddScoped<SuggestRouting>();
        builder.Services.AddScoped<RecordRoutingDecision>();
        return builder;
    }
}
