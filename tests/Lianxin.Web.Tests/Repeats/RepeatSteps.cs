using System.Text.Json;
using Lianxin.Web.Tests.Infrastructure;

namespace Lianxin.Web.Tests.Repeats;

/// <summary>
/// Steps for the repeat, caller-history and cluster tests: orders with a chosen phone, text, category and
/// region, and reference data made through the admin API. Fixtures are shared by a class's tests, so each
/// test takes its own phones (<see cref="Phone"/>) and its own names.
/// </summary>
public sealed class RepeatSteps(LianxinApp app)
{
    private static int _phones;
    private static int _regions;

    /// <summary>A phone no other test uses: 1370000xxxx.</summary>
    public static string Phone() => "1370000" + Interlocked.Increment(ref _phones).ToString("0000", System.Globalization.CultureInfo.InvariantCulture);

    public static object Order(Guid categoryId, string phone, string title, string description, string? regionCode = "330201001", string? address = "和平社区3栋2单元501室",
        bool confidential = false, string name = "李女士") => new
    {
        channel = "phone",
        demandType = "help",
        urgency = "normal",
        requester = new { name, phone, confidential, wantsReply = true },
        categoryId,
        regionCode,
        address,
        title,
        description,
    };

    public async Task<ApiResponse> RegisterAsync(object body, string user = "agent") =>
        await (await app.AsAsync(user)).Post("/api/v1/work-orders", body);

    public async Task<JsonElement> RegisteredAsync(object body) => (await RegisterAsync(body)).Expect(201).Json;

    public async Task<Guid> CategoryAsync(string name, Guid? parentId = null)
    {
        var admin = await app.AsAsync("admin");
        return (await admin.Post("/api/v1/categories", new { name = name + Guid.NewGuid().ToString("N")[..6], parentId })).Expect(201).Id;
    }

    public async Task<string> RegionAsync(string name, string parentCode)
    {
        var admin = await app.AsAsync("admin");
        var regions = (await admin.Get("/api/v1/regions")).Expect(200).Json.EnumerateArray();
        var parent = regions.Single(r => r.GetProperty("code").GetString() == parentCode).GetProperty("id").GetGuid();
        var code = parentCode + (100 + Interlocked.Increment(ref _regions)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        (await admin.Post("/api/v1/regions", new { name = name + code, code, parentId = parent })).Expect(201);
        return code;
    }

    public async Task<List<JsonElement>> HistoryAsync(Guid id, string user = "dispatcher") =>
        (await (await app.AsAsync(user)).Get($"/api/v1/work-orders/{id}/history")).Expect(200).Json.EnumerateArray().ToList();

    public static Guid? RepeatOf(JsonElement order) =>
        order.GetProperty("repeatOf").ValueKind == JsonValueKind.Null ? null : order.GetProperty("repeatOf").GetGuid();
}
