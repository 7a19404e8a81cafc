using System.Diagnostics;
using Lianxin.Core.Common;

namespace Lianxin.Web.Components;

/// <summary>What a console action came to: the value, or why not — in both languages, with the fields it concerns.</summary>
public sealed record Outcome<T>(T? Value, Text? Error, string? Code, IReadOnlyDictionary<string, Text[]> FieldErrors)
{
    public bool Ok => Error is null;

    /// <summary>Someone else changed the order first (412, or a race lost three times): offer to reload.</summary>
    public bool Stale => Code is "version-mismatch" or "concurrent-update";

    /// <summary>The first message for <paramref name="field"/> (case-insensitive, as the API names fields), if any.</summary>
    public Text? ErrorFor(string field) =>
        FieldErrors.FirstOrDefault(kv => string.Equals(kv.Key, field, StringComparison.OrdinalIgnoreCase)).Value is { Length: > 0 } messages ? messages[0] : null;
}

public static class Outcome
{
    private static readonly IReadOnlyDictionary<string, Text[]> Empty = new Dictionary<string, Text[]>();

    public static Outcome<T> Success<T>(T value) => new(value, null, null, Empty);

    public static Outcome<T> Failure<T>(Text error, string code, IReadOnlyDictionary<string, Text[]>? fields = null) => new(default, error, code, fields ?? Empty);
}

/// <summary>
/// Runs a use case for a console page in a DI scope of its own — a fresh DbContext per action, never one
/// held for the life of a circuit — and turns the use case's refusals into an <see cref="Outcome{T}"/>
/// the page shows beside the field or in a message. The same use cases, with the same rules, as the API.
/// </summary>
public sealed partial class ConsoleRunner(IServiceScopeFactory scopes, ILogger<ConsoleRunner> logger)
{
    public async Task<Outcome<T>> RunAsync<TService, T>(Func<TService, Task<T>> work)
        where TService : notnull
    {
        try
        {
            // Server time per console read or action, at Debug (bench/pages.sh reads it beside the browser's time).
            var started = Stopwatch.GetTimestamp();
            await using var scope = scopes.CreateAsyncScope();
            var value = await work(scope.ServiceProvider.GetRequiredService<TService>());
            var milliseconds = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            LogTimed(logger, typeof(TService), milliseconds);

            return Outcome.Success(value);
        }
        catch (ValidationFailedException ex)
        {
            return Outcome.Failure<T>(ex.Text, ex.Code, ex.Errors);
        }
        catch (LianxinException ex)
        {
            return Outcome.Failure<T>(ex.Text, ex.Code);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException and not OperationCanceledException)
        {
            LogFailed(logger, ex);
            return Outcome.Failure<T>(new Text("操作未完成：服务器出错，已记录。请稍后重试；您填写的内容仍在。", "The action did not complete: a server error, logged. Try again shortly; what you typed is kept."), "server-error");
        }
    }

    /// <summary>A read with the page's services (queries): errors other than refusals are logged and shown the same way.</summary>
    public Task<Outcome<T>> QueryAsync<T>(Func<IServiceProvider, Task<T>> work) => RunAsync<IServiceProvider, T>(work);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Console {Service} took {Milliseconds:0.0} ms")]
    private static partial void LogTimed(ILogger logger, Type service, double milliseconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "A console action failed")]
    private static partial void LogFailed(ILogger logger, Exception ex);
}
