using Lianxin.Web.Tests.Infrastructure;

namespace Lianxin.Web.Tests.Routing;

/// <summary>
/// Reference data of one test, made through the admin API. Tests of a class share one app, so each test
/// builds its own category and region subtrees (names and codes carry a tag of its own): its rules
/// cover only its own orders, and no other test's rules cover them.
/// </summary>
public sealed class RoutingWorld(LianxinApp app)
{
    private static int _counter;

    /// <summary>Unique per world: region codes and root names carry it.</summary>
    public string Tag { get; } = "T" + Interlocked.Increment(ref _counter).ToString("D3", System.Globalization.CultureInfo.InvariantCulture) + Guid.NewGuid().ToString("N")[..5];

    public Baseline Data => app.Data;

    public async Task<Guid> CategoryAsync(string name, Guid? parentId = null) =>
        (await (await app.AsAsync("admin")).Post("/api/v1/categories", new { name = parentId is null ? name + Tag : name, parentId })).Expect(201).Id;

    /// <summary>A region whose code is the tag plus <paramref name="suffix"/>; returns the code.</summary>
    public async Task<string> RegionAsync(string name, string suffix, string? parentCode = null)
    {
        var admin = await app.AsAsync("admin");
        Guid? parentId = null;
        if (parentCode is not null)
        {
            var regions = (await admin.Get("/api/v1/regions?includeInactive=true")).Expect(200).Json.EnumerateArray();
            parentId = regions.Single(r => r.GetProperty("code").GetString() == parentCode).GetProperty("id").GetGuid();
        }

        var code = Tag + suffix;
        (await admin.Post("/api/v1/regions", new { name = parentCode is null ? name + Tag : name, code, parentId })).Expect(201);
        return code;
    }

    public async Task<Guid> UnitAsync(string name, string kind = "department", Guid? parentId = null) =>
        (await (await app.AsAsync("admin")).Post("/api/v1/units", new { name = name + Tag, kind, parentId = parentId ?? app.Data.Centre })).Expect(201).Id;

    public async Task DeactivateAsync(string tree, Guid id) =>
        (await (await app.AsAsync("admin")).Patch($"/api/v1/{tree}/{id}", new { isActive = false })).Expect(200);

    public async Task<ApiResponse> PostRuleAsync(object body, string user = "admin") =>
        await (await app.AsAsync(user)).Post("/api/v1/routing/rules", body);

    public async Task<Guid> RuleAsync(Guid? categoryId, string? regionCode, Guid lead, params Guid[] assists) =>
        (await PostRuleAsync(new { categoryId, regionCode, leadUnitId = lead, assistUnitIds = assists, note = "测试规则" })).Expect(201).Id;

    public static object NewOrder(Guid categoryId, string? regionCode) => new
    {
        channel = "phone",
        demandType = "help",
        urgency = "normal",
        requester = new { name = "王女士", phone = "13900001111" },
        categoryId,
        regionCode,
        address = "和平路 12 号",
        title = "自来水管漏水",
        description = "厨房水管接头漏水，地面已积水，请尽快派人维修。",
    };

    public async Task<Guid> OrderAsync(Guid categoryId, string? regionCode) =>
        (await (await app.AsAsync("agent")).Post("/api/v1/work-orders", NewOrder(categoryId, regionCode))).Expect(201).Id;

    public async Task<ApiResponse> SuggestAsync(Guid orderId, string user = "dispatcher", Guid? underUnitId = null, string? acceptLanguage = null)
    {
        var client = await app.AsAsync(user);
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/routing/suggest?workOrderId={orderId}" + (underUnitId is { } u ? $"&underUnitId={u}" : ""));
        if (acceptLanguage is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(acceptLanguage);
        }

        return await client.Exchange(request);
    }

    /// <summary>The suggested lead unit's id, or null when there is no suggestion.</summary>
    public async Task<Guid?> SuggestedLeadAsync(Guid orderId, string user = "dispatcher", Guid? underUnitId = null)
    {
        var s = (await SuggestAsync(orderId, user, underUnitId)).Expect(200)["suggestion"];
        return s.ValueKind == System.Text.Json.JsonValueKind.Null ? null : s.GetProperty("leadUnit").GetProperty("id").GetGuid();
    }
}

/// <summary>PUT with a JSON body (the shared Http helpers have none).</summary>
public static class RoutingHttp
{
    public static Task<ApiResponse> PutJson(this HttpClient client, string url, object body) =>
        client.Exchange(new HttpRequestMessage(HttpMethod.Put, url) { Content = System.Net.Http.Json.JsonContent.Create(body, body.GetType()) });
}
