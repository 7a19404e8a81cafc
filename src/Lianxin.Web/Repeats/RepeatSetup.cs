using Lianxin.Core.Clusters;
using Lianxin.Core.Repeats;
using Lianxin.Core.Requesters;

namespace Lianxin.Web.Repeats;

/// <summary>Repeats (重复件) and merging, caller histories and clusters (多频件): options and use cases.</summary>
public static class RepeatSetup
{
    public static WebApplicationBuilder AddRepeats(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<RepeatOptions>().Bind(builder.Configuration.GetSection("Lianxin:Repeats"))
            .Validate(o => o.Invalid() is null, "Lianxin:Repeats is invalid: WindowDays 1–365, RelatedThreshold and UnrelatedThreshold in (0, 1], HistoryDays 1–3660.")
            .ValidateOnStart();
        services.AddOptions<ClusterOptions>().Bind(builder.Configuration.GetSection("Lianxin:Clusters"))
            .Validate(o => o.Invalid() is null, $"Lianxin:Clusters is invalid: WindowHours 1–{ClusterOptions.MaxHours}, MinPhones 2–1000.")
            .ValidateOnStart();
        services.AddScoped<DetectRepeat>();
        services.AddScoped<CountRepeats>();
        services.AddScoped<GetCallerHistory>();
        services.AddScoped<FindClusters>();
        services.AddScoped<MergeWorkOrder>();
        return builder;
    }
}
