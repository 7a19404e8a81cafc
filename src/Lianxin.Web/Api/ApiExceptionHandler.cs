using System.Text.Json;
using Lianxin.Core.Common;
using Lianxin.Core.Identity;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Lianxin.Web.Api;

/// <summary>
/// Turns every failure into problem details: rule violations into 400/403/404/409/412, unreadable
/// bodies into 400/413/415 with the offending field, anything else into a logged 500.
/// </summary>
public sealed partial class ApiExceptionHandler(ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var context = httpContext;
        if (context.Response.HasStarted)
        {
            return false;
        }

        var problem = exception switch
        {
            ValidationFailedException v => Problems.Create(context, 400, v.Text, v.Code, v.Errors),
            ForbiddenActionException f => Problems.Create(context, 403, f.Text, f.Code),
            NotFoundException n => Problems.Create(context, 404, n.Text, n.Code),
            RuleViolationException r => Problems.Create(context, 409, r.Text, r.Code),
            VersionMismatchException m => Problems.Create(context, 412, m.Text, m.Code),
            AccountLockedException l => Locked(context, l),
            BadHttpRequestException b => FromBadRequest(context, b),
            OperationCanceledException when context.RequestAborted.IsCancellationRequested => null,
            _ => null,
        };

        if (problem is null)
        {
            if (context.RequestAborted.IsCancellationRequested)
            {
                // The client went away; there is nobody to answer.
                context.Response.StatusCode = 499;
                return true;
            }

            LogUnhandled(logger, exception, context.Request.Method, context.Request.Path);
            problem = Problems.Create(context, 500, Problems.DetailFor(500), "internal");
        }

        await Problems.WriteAsync(context, problem);
        return true;
    }

    private static ProblemDetails Locked(HttpContext context, AccountLockedException locked)
    {
        var now = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var seconds = Math.Max(1, (int)Math.Ceiling((locked.Until - now).TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Problems.Create(context, 429, locked.Text, locked.Code);
    }

    private static ProblemDetails FromBadRequest(HttpContext context, BadHttpRequestException bad)
    {
        var status = bad.StatusCode is 413 or 415 ? bad.StatusCode : 400;
        if (status != 400)
        {
            return Problems.Create(context, status, Problems.DetailFor(status), status == 413 ? "body-too-large" : "unsupported-media-type");
        }

        if (FindJsonException(bad) is { } json)
        {
            var field = FieldFromJsonPath(json.Path);
            var message = json.Message.Contains("could not be converted", StringComparison.Ordinal) && json.Path is not null
                ? new Text("取值无效（类型不符或不是允许的取值）。", "Invalid value (wrong type or not one of the allowed values).")
                : new Text("JSON 格式错误：" + Short(json.Message), "Malformed JSON: " + Short(json.Message));
            var errors = new Dictionary<string, Text[]>(StringComparer.Ordinal) { [field] = [message] };
            return Problems.Create(context, 400, new Text("请求体无法解析。", "The request body could not be read."), "malformed-body", errors);
        }

        // Missing or empty body, unreadable route or query values.
        var detail = bad.Message.Contains("body", StringComparison.OrdinalIgnoreCase)
            ? new Text("缺少请求体或请求体为空，请提交 JSON。", "The request body is missing or empty; send JSON.")
            : new Text("请求参数无效：" + Short(bad.Message), "Invalid request parameter: " + Short(bad.Message));
        return Problems.Create(context, 400, detail, "bad-request");
    }

    private static JsonException? FindJsonException(Exception e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is JsonException json)
            {
                return json;
            }
        }

        return null;
    }

    /// <summary>$.requester.phone → requester.phone; $ or unknown → body.</summary>
    internal static string FieldFromJsonPath(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return "body";
        }

        return path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
    }

    private static string Short(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        var text = cut > 0 ? message[..cut] : message;
        return text.Length > 200 ? text[..200] : text;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error on {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path);
}
