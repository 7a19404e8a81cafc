using Lianxin.Core.Organization;

namespace Lianxin.Web.Organization;

/// <summary>Units, categories and regions (and their cached snapshot), unit groups.</summary>
public static class OrganizationSetup
{
    public static WebApplicationBuilder AddOrganization(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<ReferenceData>();
        services.AddScoped(typeof(ManageTree<>));
        services.AddScoped(typeof(ImportTree<>));
        services.AddScoped<ManageUnitGroups>();
        return builder;
    }
}
