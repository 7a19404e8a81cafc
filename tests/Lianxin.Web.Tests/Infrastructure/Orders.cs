namespace Lianxin.Web.Tests.Infrastructure;

/// <summary>Intent-level steps over the HTTP API, to bring an order to any point of its life.</summary>
public sealed class Orders(LianxinApp app)
{
    private Baseline Data => app.Data;

    public static object NewOrder(Guid categoryId, string? phone = null, string title = "地漏泛水", bool confidential = false, string urgency = "urgent") => new
    {
        channel = "phone",
        demandType = "help",
        urgency,
        requester = new { name = "张先生", phone = phone ?? "13812345678", confidential, wantsReply = true },
        categoryId,
        regionCode = "330201001",
        address = "新华路 88 弄 3 号 502 室",
        title,
        description = "来电人反映卫生间地漏往上冒水，已经漫到客厅，物业维修工今晚无法上门，请求派人处理。",
    };

    public async Task<ApiResponse> RegisterAsync(object? body = null, string user = "agent") =>
        await (await app.AsAsync(user)).Post("/api/v1/work-orders", body ?? NewOrder(Data.CategoryDrain));

    public async Task<Guid> RegisteredAsync(object? body = null) => (await RegisterAsync(body)).Expect(201).Id;

    public async Task<ApiResponse> ActAsync(string user, Guid id, string action, object? body = null, string? ifMatch = null) =>
        await (await app.AsAsync(user)).Post($"/api/v1/work-orders/{id}/{action}", body, ifMatch);

    public async Task<ApiResponse> GetAsync(Guid id, string user = "dispatcher") => await (await app.AsAsync(user)).Get($"/api/v1/work-orders/{id}");

    public async Task<ApiResponse> HistoryAsync(Guid id, string user = "dispatcher") => await (await app.AsAsync(user)).Get($"/api/v1/work-orders/{id}/history");

    public async Task<List<System.Text.Json.JsonElement>> HistoryListAsync(Guid id, string user = "dispatcher") =>
        (await HistoryAsync(id, user)).Expect(200).Json.EnumerateArray().ToList();

    /// <summary>The last event is <paramref name="type"/> from one status to another, and its version is the history's length (no gaps).</summary>
    public static void AssertLastEvent(List<System.Text.Json.JsonElement> history, string type, string from, string to)
    {
        var last = history[^1];
        Assert.Equal(type, last.GetProperty("type").GetString());
        Assert.Equal(from, last.GetProperty("fromStatus").GetString());
        Assert.Equal(to, last.GetProperty("toStatus").GetString());
        Assert.Equal(history.Count, last.GetProperty("version").GetInt32());
    }

    public async Task<Guid> DispatchedAsync(Guid lead, params Guid[] assists)
    {
        var id = await RegisteredAsync();
        await DispatchAsync(id, lead, assists);
        return id;
    }

    public async Task DispatchAsync(Guid id, Guid lead, params Guid[] assists)
    {
        var assignments = new[] { new { unitId = lead, role = "lead" } }.Concat(assists.Select(a => new { unitId = a, role = "assist" })).ToArray();
        (await ActAsync("dispatcher", id, "dispatch", new { assignments, note = "请尽快处理" })).Expect(200);
    }

    public async Task<Guid> InProgressAsync(Guid lead, params Guid[] assists)
    {
        var id = await DispatchedAsync(lead, assists);
        (await ActAsync(Data.HandlerOf[lead], id, "accept")).Expect(200);
        foreach (var assist in assists)
        {
            (await ActAsync(Data.HandlerOf[assist], id, "accept")).Expect(200);
        }

        return id;
    }

    public async Task<Guid> RepliedAsync(Guid lead, string solved = "yes")
    {
        var id = await InProgressAsync(lead);
        (await ActAsync(Data.HandlerOf[lead], id, "reply", new { result = "已派维修工疏通立管，排水恢复正常。", solved })).Expect(200);
        return id;
    }

    public async Task<Guid> ClosedAsync(Guid lead, string solved = "yes")
    {
        var id = await RepliedAsync(lead, solved);
        (await ActAsync("dispatcher", id, "review", new { approve = true })).Expect(200);
        return id;
    }
}
