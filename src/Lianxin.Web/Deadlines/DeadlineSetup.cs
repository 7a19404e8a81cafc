using Lianxin.Core.Calendars;
using Lianxin.Core.Deadlines;

namespace Lianxin.Web.Deadlines;

/// <summary>The centre calendar, deadline policies, the sweep and its timer, pausing and resuming orders.</summary>
public static class DeadlineSetup
{
    public static WebApplicationBuilder AddDeadlines(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<CentreCalendar>();
        services.AddScoped<ManageCalendar>();
        services.AddScoped<ChangeCalendarSettings>();
        services.AddSingleton<ActivePolicies>();
        services.AddScoped<DeadlinePolicies>();
        services.AddScoped<DeadlineSweep>();
        services.AddScoped<SuspendWorkOrder>();
        services.AddScoped<ResumeWorkOrder>();
        services.Configure<DeadlineOptions>(builder.Configuration.GetSection("Lianxin:Deadlines"));
        services.AddHostedService<DeadlineSweeper>();
        return builder;
    }
}
