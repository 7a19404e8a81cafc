using Lianxin.Core.Staffing;

namespace Lianxin.Web.Staffing;

/// <summary>The roster and the staffing plan (issue 10, "Staffing").</summary>
public static class StaffingSetup
{
    public static WebApplicationBuilder AddStaffing(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddScoped<ListRoster>();
        services.AddScoped<ChangeRoster>();
        services.AddScoped<ImportRoster>();
        services.AddScoped<ExportRoster>();
        services.AddSingleton<CallHistoryCache>();
        services.AddScoped<PlanStaffing>();
        return builder;
    }
}
