using System.Text;
using System.Text.Json;
using Lianxin.Web.Tests.Infrastructure;

namespace Lianxin.Web.Tests.Calls;

/// <summary>Posts phone-system events as a PBX would: form-encoded by default, JSON when asked.</summary>
internal static class CtiHttp
{
    private static int _next = Random.Shared.Next(1000, 9000);

    public static async Task<string> TokenAsync(LianxinApp app, string name = "测试话务平台")
    {
        var admin = await app.AsAsync("admin");
        return (await admin.Post("/api/v1/cti/tokens", new { name })).Expect(201).Str("token")!;
    }

    /// <summary>A fresh mobile number and call id, so tests sharing a database do not meet.</summary>
    public static (string Phone, string CallId) Fresh()
    {
        var n = Interlocked.Increment(ref _next);
        return ($"139{Random.Shared.Next(1000, 9999)}{n % 10000:D4}", $"call-{Guid.NewGuid():N}");
    }

    public static Task<ApiResponse> Form(this HttpClient client, string token, params (string Key, string Value)[] fields)
    {
        var body = string.Join('&', fields.Select(f => Uri.EscapeDataString(f.Key) + "=" + Uri.EscapeDataString(f.Value)));
        return client.PostRaw($"/api/v1/cti/{token}", body, "application/x-www-form-urlencoded");
    }

    public static Task<ApiResponse> Json(this HttpClient client, string token, object fields) =>
        client.PostRaw($"/api/v1/cti/{token}", JsonSerializer.Serialize(fields), "application/json");

    public static Task<ApiResponse> NewCall(this HttpClient client, string token, string callId, string from, string to = "12345", string queue = "热线") =>
        client.Form(token, ("event", "newCall"), ("direction", "in"), ("from", from), ("to", to), ("callId", callId), ("queue", queue));

    public static Task<ApiResponse> Answer(this HttpClient client, string token, string callId, string extension) =>
        client.Form(token, ("event", "answer"), ("direction", "in"), ("callId", callId), ("answeringNumber", extension));

    public static Task<ApiResponse> Hangup(this HttpClient client, string token, string callId, string cause = "normalClearing") =>
        client.Form(token, ("event", "hangup"), ("direction", "in"), ("callId", callId), ("cause", cause));

    public static async Task<JsonElement> CallAsync(this HttpClient staff, string phone)
    {
        var list = (await staff.Get($"/api/v1/calls?phone={Uri.EscapeDataString(phone)}")).Expect(200);
        return Assert.Single(list["items"].EnumerateArray());
    }

    public static string Encode(string s) => Convert.ToBase64String(Encoding.UTF8.GetBytes(s));
}
