using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Lianxin.Core.Common;
using Lianxin.Core.Data;
using Lianxin.Web.Identity;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Lianxin.Web.Api;

/// <summary>
/// <c>Idempotency-Key</c> on POST: the first successful answer is stored in the same transaction as
/// what the request wrote, and a retry with the same key gets that answer back and writes nothing.
/// The same key with a different request is refused (422).
/// </summary>
public sealed class IdempotencyFilter(LianxinDbContext db, TimeProvider clock, IOptions<JsonOptions> json) : IEndpointFilter
{
    public const string Header = "Idempotency-Key";
    public const int MaxKeyLength = 100;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var key = http.Request.Headers[Header].ToString();
        if (string.IsNullOrEmpty(key))
        {
            return await next(context);
        }

        if (key.Length > MaxKeyLength)
        {
            return Problems.Result(http, 400, new Text($"Idempotency-Key 不能超过 {MaxKeyLength} 个字符。", $"Idempotency-Key has at most {MaxKeyLength} characters."), "bad-idempotency-key");
        }

        var userId = http.User.UserId() ?? Guid.Empty;
        var hash = await RequestHashAsync(http);
        var ct = http.RequestAborted;

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var earlier = await FindAsync(userId, key, ct);
        if (earlier is not null)
        {
            await tx.RollbackAsync(ct);
            return Replay(http, earlier, hash);
        }

        var result = await next(context);
        if (result is not IStatusCodeHttpResult { StatusCode: >= 200 and < 300 } success)
        {
            await tx.RollbackAsync(ct);
            return result;
        }

        var record = new IdempotencyRecord
        {
            Id = Ids.New(clock),
            UserId = userId,
            Key = key,
            RequestHash = hash,
            StatusCode = success.StatusCode!.Value,
            Location = LocationOf(result),
            ETag = http.Response.Headers.ETag.ToString() is { Length: > 0 } e ? e : null,
            Body = result is IValueHttpResult { Value: { } value } ? JsonSerializer.Serialize(value, value.GetType(), json.Value.SerializerOptions) : "",
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.IdempotencyRecords.Add(record);
        try
        {
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return result;
        }
        catch (DbUpdateException)
        {
            // The same key raced us and won: undo our work and answer with theirs.
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            earlier = await FindAsync(userId, key, ct);
            if (earlier is null)
            {
                throw;
            }

            return Replay(http, earlier, hash);
        }
    }

    private Task<IdempotencyRecord?> FindAsync(Guid userId, string key, CancellationToken ct) =>
        db.IdempotencyRecords.AsNoTracking().SingleOrDefaultAsync(r => r.UserId == userId && r.Key == key, ct);

    // Created<T> and CreatedAtRoute<T> carry the location; there is no common interface for it.
    private static string? LocationOf(object? result) =>
        result?.GetType().GetProperty("Location")?.GetValue(result) as string;

    private static IResult Replay(HttpContext http, IdempotencyRecord earlier, string hash)
    {
        if (earlier.RequestHash != hash)
        {
            return Problems.Result(http, 422,
                new Text("该 Idempotency-Key 已用于另一个不同的请求。", "This Idempotency-Key was already used for a different request."),
                "idempotency-key-reused");
        }

        http.Response.Headers["Idempotent-Replayed"] = "true";
        if (earlier.Location is not null)
        {
            http.Response.Headers.Location = earlier.Location;
        }

        if (earlier.ETag is not null)
        {
            http.Response.Headers.ETag = earlier.ETag;
        }

        return Results.Text(earlier.Body, "application/json", Encoding.UTF8, earlier.StatusCode);
    }

    private static async Task<string> RequestHashAsync(HttpContext http)
    {
        // The body was buffered by UseIdempotentRequestBuffering before model binding read it.
        http.Request.Body.Position = 0;
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes($"{http.Request.Method} {http.Request.Path}\n"));
        var buffer = new byte[8192];
        int read;
        while ((read = await http.Request.Body.ReadAsync(buffer, http.RequestAborted)) > 0)
        {
            sha.AppendData(buffer, 0, read);
        }

        http.Request.Body.Position = 0;
        return Convert.ToHexString(sha.GetHashAndReset());
    }
}

public static class IdempotencyExtensions
{
    /// <summary>Keeps the body of keyed POSTs readable after binding, so the filter can hash it.</summary>
    public static IApplicationBuilder UseIdempotentRequestBuffering(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            if (HttpMethods.IsPost(context.Request.Method) && context.Request.Headers.ContainsKey(IdempotencyFilter.Header))
            {
                context.Request.EnableBuffering();
            }

            return next(context);
        });

    public static TBuilder WithIdempotency<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter<TBuilder, IdempotencyFilter>();
}
