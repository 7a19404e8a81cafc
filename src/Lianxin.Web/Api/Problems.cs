using Lianxin.Core.Common;
using Microsoft.AspNetCore.Mvc;

namespace Lianxin.Web.Api;

/// <summary>RFC 9457 problem details with a bilingual detail and per-field errors (API.md).</summary>
public static class Problems
{
    public static Text TitleFor(int status) => status switch
    {
        400 => new Text("请求无效", "Invalid request"),
        401 => new Text("未登录或凭据无效", "Not authenticated"),
        403 => new Text("无权执行此操作", "Not allowed"),
        404 => new Text("未找到", "Not found"),
        405 => new Text("不支持该请求方法", "Method not allowed"),
        409 => new Text("当前状态不允许此操作", "Conflict with the current state"),
        412 => new Text("版本已过期", "Version is stale"),
        413 => new Text("请求体过大", "Request body too large"),
        415 => new Text("不支持的内容类型", "Unsupported media type"),
        422 => new Text("无法处理的请求", "Unprocessable request"),
        429 => new Text("请求过于频繁", "Too many requests"),
        _ when status >= 500 => new Text("服务器内部错误", "Internal server error"),
        _ => new Text("请求失败", "Request failed"),
    };

    public static Text DetailFor(int status) => status switch
    {
        401 => new Text("请先登录，或在 Authorization 头中提供有效的 Bearer 令牌。", "Sign in, or send a valid Bearer token in the Authorization header."),
        403 => new Text("您的角色不能执行此操作。", "Your role does not allow this."),
        404 => new Text("请求的资源不存在，或您无权查看。", "The resource does not exist or is not visible to you."),
        405 => new Text("该地址不支持这种请求方法。", "This address does not accept that method."),
        413 => new Text("请求体超过允许的大小。", "The request body is larger than allowed."),
        415 => new Text("请以 application/json 提交。", "Send the body as application/json."),
        429 => new Text("请求过于频繁，请稍后再试。", "Too many requests; try again later."),
        _ when status >= 500 => new Text("服务器出错，操作可能未完成，请稍后重试。", "The server failed; the action may not have completed. Retry later."),
        _ => new Text("请求无效。", "The request is invalid."),
    };

    public static ProblemDetails Create(HttpContext context, int status, Text detail, string code, IReadOnlyDictionary<string, Text[]>? errors = null)
    {
        var english = Lang.PrefersEnglish(context);
        var problem = new ProblemDetails
        {
            Type = $"urn:lianxin:problem:{code}",
            Title = TitleFor(status).In(english),
            Status = status,
            Detail = detail.In(english),
            Instance = context.Request.Path,
        };
        problem.Extensions["code"] = code;
        if (errors is not null)
        {
            problem.Extensions["errors"] = errors.ToDictionary(e => e.Key, e => e.Value.Select(t => t.In(english)).ToArray(), StringComparer.Ordinal);
        }

        return problem;
    }

    public static IResult Result(HttpContext context, int status, Text detail, string code, IReadOnlyDictionary<string, Text[]>? errors = null) =>
        TypedResults.Problem(Create(context, status, detail, code, errors));

    public static async Task WriteAsync(HttpContext context, ProblemDetails problem)
    {
        context.Response.StatusCode = problem.Status ?? 500;
        var writer = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await writer.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }
}
