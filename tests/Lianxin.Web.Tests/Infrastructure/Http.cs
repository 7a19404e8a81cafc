using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Lianxin.Web.Tests.Infrastructure;

/// <summary>A response read once: status, JSON body (if any), headers; asserts print the body on failure.</summary>
public sealed record ApiResponse(HttpStatusCode Status, JsonElement Json, string Body, HttpResponseHeaders Headers, HttpContentHeaders? ContentHeaders)
{
    public int Code => (int)Status;

    public ApiResponse Expect(int status)
    {
        Assert.True(Code == status, $"Expected {status} but got {Code}: {Body}");
        return this;
    }

    public JsonElement this[string property] => Json.GetProperty(property);

    public Guid Id => Json.GetProperty("id").GetGuid();

    public string? Str(string property) => Json.GetProperty(property).GetString();

    /// <summary>A problem response must be RFC 9457 JSON with a detail; never an empty or HTML error page.</summary>
    public ApiResponse ExpectProblem(int status, string? field = null)
    {
        Expect(status);
        Assert.Equal("application/problem+json", ContentHeaders?.ContentType?.MediaType);
        Assert.False(string.IsNullOrWhiteSpace(Json.GetProperty("detail").GetString()), Body);
        Assert.Equal(status, Json.GetProperty("status").GetInt32());
        if (field is not null)
        {
            Assert.True(Json.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out _), $"Expected an error for '{field}': {Body}");
        }

        return this;
    }
}

public static class Http
{
    public static Task<ApiResponse> Get(this HttpClient client, string url) => Exchange(client, new HttpRequestMessage(HttpMethod.Get, url));

    public static Task<ApiResponse> Post(this HttpClient client, string url, object? body = null, string? ifMatch = null, string? idempotencyKey = null) =>
        Exchange(client, Json(HttpMethod.Post, url, body ?? new { }, ifMatch, idempotencyKey));

    /// <summary>
    /// Posts a body too large for the server the way browsers and curl do: wait for the go-ahead (Expect: 100-continue),
    /// so the server's early 413 does not race the upload into a broken pipe.
    /// </summary>
    public static Task<ApiResponse> PostLarge(this HttpClient client, string url, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"),
        };
        request.Headers.ExpectContinue = true;
        return Exchange(client, request);
    }

    public static Task<ApiResponse> Patch(this HttpClient client, string url, object body) => Exchange(client, Json(HttpMethod.Patch, url, body, null, null));

    public static Task<ApiResponse> PostRaw(this HttpClient client, string url, string content, string contentType, string? acceptLanguage = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(content, Encoding.UTF8) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (acceptLanguage is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(acceptLanguage);
        }

        return Exchange(client, request);
    }

    public static async Task<ApiResponse> Exchange(this HttpClient client, HttpRequestMessage request)
    {
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        var json = default(JsonElement);
        if (body.Length > 0 && (body[0] == '{' || body[0] == '['))
        {
            json = JsonDocument.Parse(body).RootElement.Clone();
        }

        return new ApiResponse(response.StatusCode, json, body, response.Headers, response.Content.Headers);
    }

    private static HttpRequestMessage Json(HttpMethod method, string url, object body, string? ifMatch, string? idempotencyKey)
    {
        var request = new HttpRequestMessage(method, url) { Content = JsonContent.Create(body, body.GetType()) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return request;
    }
}
