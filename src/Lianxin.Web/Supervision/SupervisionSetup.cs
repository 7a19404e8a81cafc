using Lianxin.Core.Supervision;

namespace Lianxin.Web.Supervision;

/// <summary>催办 and 督办.</summary>
public static class SupervisionSetup
{
    public static WebApplicationBuilder AddSupervision(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<UrgeWorkOrder>();
        builder.Services.AddScoped<SuperviseWorkOrder>();
        builder.Services.AddScoped<ReplyToSupervision>();
        builder.Services.AddScoped<SupervisionQueues>();
        return builder;
    }
}
