using System.Net.Http.Json;
using Lianxin.Web.Tests.Infrastructure;

namespace Lianxin.Web.Tests.Knowledge;

/// <summary>PUT, PATCH and DELETE with the headers the knowledge API takes; and words no other test uses.</summary>
internal static class KnowledgeHttp
{
    public static Task<ApiResponse> Send(this HttpClient client, HttpMethod method, string url, object? body = null, string? ifMatch = null, string? language = null)
    {
        var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType());
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        if (language is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(language);
        }

        return client.Exchange(request);
    }

    /// <summary>
    /// A made-up Chinese word of <paramref name="length"/> characters, different in every test run, so tests
    /// sharing one app find only their own articles.
    /// </summary>
    public static string Word(int length = 3)
    {
        var bytes = Guid.NewGuid().ToByteArray();
        return new string(Enumerable.Range(0, length).Select(i => (char)(0x5000 + (((bytes[2 * i] << 8) | bytes[(2 * i) + 1]) % 0x3000))).ToArray());
    }
}
