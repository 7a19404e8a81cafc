namespace Lianxin.Web.Demo;

/// <summary>The demo centre, loaded into an empty database on request (README, Demo logins).</summary>
public static class DemoSetup
{
    public static WebApplicationBuilder AddDemo(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<DemoCentre>();
        return builder;
    }
}
