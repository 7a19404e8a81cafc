using Lianxin.Core.Reports;

namespace Lianxin.Web.Reports;

/// <summary>日报 and 月报: the builders, the morning job and its options.</summary>
public static class BriefingSetup
{
    public static WebApplicationBuilder AddBriefings(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<BriefingOptions>().Bind(builder.Configuration.GetSection("Lianxin:Reports"))
            .Validate(o => o.At is not null || string.IsNullOrWhiteSpace(o.BriefingAt), "Lianxin:Reports:BriefingAt must be HH:mm.")
            .ValidateOnStart();
        builder.Services.AddScoped<BriefingBuilder>();
        builder.Services.AddScoped<GetBriefing>();
        builder.Services.AddScoped<GetMonthlyReport>();
        builder.Services.AddHostedService<BriefingJob>();
        return builder;
    }
}
