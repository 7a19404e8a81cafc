using Lianxin.Core.Calls;

namespace Lianxin.Web.Calls;

/// <summary>The call-centre console's own parts (issue 10): the KPI report behind 话务统计 and its export.</summary>
public static class CallConsoleSetup
{
    public static WebApplicationBuilder AddCallConsole(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<GetCallKpis>();
        return builder;
    }
}
