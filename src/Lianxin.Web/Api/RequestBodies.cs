using Microsoft.Extensions.Options;

namespace Lianxin.Web.Api;

/// <summary>
/// Reads a JSON body through the same serializer and error path as bound bodies, for endpoints whose
/// body may be left out altogether (accept, archive, contact …) or is read by a shared handler.
/// </summary>
public static class RequestBodies
{
    public static async Task<TBody> ReadAsync<TBody>(HttpContext http, bool optional, CancellationToken ct)
        where TBody : class
    {
        var request = http.Request;
        var hasBody = request.ContentLength > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);
        if (!hasBody)
        {
            return optional ? Empty<TBody>() : throw new BadHttpRequestException("Required request body is missing or empty.", 400);
        }

        if (!request.HasJsonContentType())
        {
            throw new BadHttpRequestException("Expected a supported JSON media type.", 415);
        }

        var options = http.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        try
        {
            return await request.ReadFromJsonAsync<TBody>(options, ct)
                ?? throw new BadHttpRequestException("Required request body is missing or empty.", 400);
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw new BadHttpRequestException("Failed to read the request body as JSON.", 400, ex);
        }
    }

    /// <summary>A body record with every field left out, as an empty JSON object would give.</summary>
    private static TBody Empty<TBody>()
        where TBody : class
    {
        var constructor = typeof(TBody).GetConstructors().OrderBy(c => c.GetParameters().Length).First();
        return (TBody)constructor.Invoke(new object?[constructor.GetParameters().Length]);
    }
}
