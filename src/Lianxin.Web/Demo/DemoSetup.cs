namespace Lianxin.Web.Demo;

/// <summary>The demo centre, loaded into an empty database on request (README, Demo logins).</summary>
public static class DemoSetup
{
    public static WebApplicationBuilder AddDemo(this WebApplicationBuilder builder)
    {
        // The demo walks its month through the real use cases in a container of its own, built from the
        // app's registrations as they stand when it loads (DemoServices): kept here, not copied yet.
        builder.Services.AddSingleton(new DemoRegistrations(builder.Services));
        builder.Services.AddScoped<DemoCentre>();
        return builder;
    }
}

/// <summary>The app's service registrations, from which <see cref="DemoServices"/> builds the demo's container.</summary>
public sealed class DemoRegistrations(IServiceCollection services)
{
    public IServiceCollection Services { get; } = services;
}
