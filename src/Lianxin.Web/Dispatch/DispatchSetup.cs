using Lianxin.Core.Dispatch;

namespace Lianxin.Web.Dispatch;

/// <summary>Dispatch and handling down the chain, help requests, return reasons and figures.</summary>
public static class DispatchSetup
{
    public static WebApplicationBuilder AddDispatch(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddScoped<DispatchWorkOrder>();
        services.AddScoped<RedispatchWorkOrder>();
        services.AddScoped<AcceptWorkOrder>();
        services.AddScoped<RecordContact>();
        services.AddScoped<RequestReturn>();
        services.AddScoped<DecideReturn>();
        services.AddScoped<RequestExtension>();
        services.AddScoped<DecideExtension>();
        services.AddScoped<ReplyToWorkOrder>();
        services.AddScoped<SendBackReply>();
        services.AddScoped<RecallHop>();
        services.AddScoped<ReleaseAssists>();
        services.AddScoped<ReviewReply>();
        services.AddScoped<OfferHelpRequest>();
        services.AddScoped<ClaimHelpRequest>();
        services.AddScoped<WithdrawHelpRequest>();
        services.AddScoped<ExpireHelpRequests>();
        services.AddScoped<ManageReturnReasons>();
        services.AddScoped<GetReturnStats>();
        services.AddScoped<DispatchQueues>();
        services.AddScoped<UnitQueues>();
        return builder;
    }
}
