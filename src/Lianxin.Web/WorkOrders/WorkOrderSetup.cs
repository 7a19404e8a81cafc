using Lianxin.Core.WorkOrders;

namespace Lianxin.Web.WorkOrders;

/// <summary>Orders themselves: how every action loads and saves them, intake, reading and the responses.</summary>
public static class WorkOrderSetup
{
    public static WebApplicationBuilder AddWorkOrders(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddScoped<WorkOrderStore>();
        services.AddScoped<RegisterWorkOrder>();
        services.AddScoped<AnswerWorkOrderDirectly>();
        services.AddScoped<NotAcceptWorkOrder>();
        services.AddScoped<GetWorkOrder>();
        services.AddScoped<ListWorkOrders>();
        services.AddScoped<Responses>();
        return builder;
    }
}
