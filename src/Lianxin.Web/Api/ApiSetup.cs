using System.Text.Json;
using System.Text.Json.Serialization;
using Lianxin.Core.Common;
using Lianxin.Core.Data;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Lianxin.Web.Api;

public sealed class ApiOptions
{
    /// <summary>Largest request body accepted (bytes); larger bodies get 413 before they are read.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;
}

public static class ApiSetup
{
    public static WebApplicationBuilder AddLianxinApi(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<ApiOptions>(builder.Configuration.GetSection("Lianxin:Api"));
        services.Configure<CentreOptions>(builder.Configuration.GetSection("Lianxin:Centre"));
        var maxBody = builder.Configuration.GetValue<long?>("Lianxin:Api:MaxRequestBodyBytes") ?? new ApiOptions().MaxRequestBodyBytes;
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = maxBody);
        services.TryAddTimeProvider();
        services.ConfigureHttpJsonOptions(o => Configure(o.SerializerOptions));
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            // Problems the framework writes itself (404 for an unknown route, 405) get our bilingual text.
            if (ctx.ProblemDetails.Detail is null && ctx.ProblemDetails.Status is { } status)
            {
                ctx.ProblemDetails.Title = ctx.HttpContext.Pick(Problems.TitleFor(status));
                ctx.ProblemDetails.Detail = ctx.HttpContext.Pick(Problems.DetailFor(status));
            }
        });
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.AddOpenApi("v1", o =>
        {
            o.AddDocumentTransformer((doc, _, _) =>
            {
                doc.Info = new OpenApiInfo
                {
                    Title = "Lianxin 连心 API",
                    Version = "v1",
                    Description = "Work orders of a public-service hotline centre: intake, dispatch, handling, review, return visits. Errors are RFC 9457 problem details (Chinese by default; send Accept-Language: en for English).",
                };
                doc.Components ??= new OpenApiComponents();
                doc.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                doc.Components.SecuritySchemes["Bearer"] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "JWT",
                    Description = "POST /api/v1/auth/token with {username, password}.",
                };
                doc.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("Bearer", doc)] = [] }];
                return Task.CompletedTask;
            });
        });
        services.AddHealthChecks().AddDbContextCheck<LianxinDbContext>("database", tags: ["ready"]);

        services.AddScoped<IdempotencyFilter>();
        return builder;
    }

    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
    }

    public static WebApplication UseLianxinApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.Use(async (context, next) =>
        {
            // Refuse an announced oversized body before reading it; Kestrel enforces the same limit on streamed bodies.
            var limit = context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<ApiOptions>>().Value.MaxRequestBodyBytes;
            if (context.Request.ContentLength > limit)
            {
                await Problems.WriteAsync(context, Problems.Create(context, 413, Problems.DetailFor(413), "body-too-large"));
                return;
            }

            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            {
                feature.MaxRequestBodySize = limit;
            }

            await next(context);
        });
        app.UseIdempotentRequestBuffering();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapScalarApiReference("/api/docs", o => o
            .WithTitle("Lianxin 连心 API")
            .WithOpenApiRoutePattern("/openapi/{documentName}.json"));
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
        return app;
    }

    private static void TryAddTimeProvider(this IServiceCollection services)
    {
        if (!services.Any(s => s.ServiceType == typeof(TimeProvider)))
        {
            services.AddSingleton(TimeProvider.System);
        }
    }
}
