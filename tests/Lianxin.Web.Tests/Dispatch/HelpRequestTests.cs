using System.Text.Json;
using Lianxin.Web.Tests.Infrastructure;

namespace Lianxin.Web.Tests.Dispatch;

/// <summary>专家会诊: offer an order to a unit group; the first member to claim it gets it; unclaimed offers expire.</summary>
public abstract class HelpRequestTests(LianxinApp app)
{
    private readonly Orders _orders = new(app);

    /// <summary>A town's property companies (each with a handler) in a group of their own.</summary>
    private async Task<(Guid Group, List<(Guid Unit, string Handler)> Members)> TownGroupAsync(int size = 3)
    {
        var admin = await app.AsAsync("admin");
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var members = new List<(Guid, string)>();
        for (var i = 0; i < size; i++)
        {
            var unit = (await admin.Post("/api/v1/units", new { name = $"镇物业{i}号公司{suffix}", kind = "propertyCompany", parentId = app.Data.Centre })).Expect(201).Id;
            var handler = $"t{i}{suffix}";
            (await admin.Post("/api/v1/users", new { username = handler, password = LianxinApp.StaffPassword, displayName = $"物业{i}承办人", roles = new[] { "handler" }, unitId = unit })).Expect(201);
            members.Add((unit, handler));
        }

        var group = (await admin.Post("/api/v1/unit-groups", new { name = "镇物业服务联合体" + suffix, description = "全镇物业公司", unitIds = members.Select(m => m.Item1) })).Expect(201).Id;
        return (group, members);
    }

    private async Task<Guid> OfferAsync(Guid order, Guid group, int? hours = null) =>
        (await _orders.ActAsync("dispatcher", order, "help-requests", new { groupId = group, note = "加装电梯后管道异常，本小区维修工查不出原因，请有经验的单位认领。", hours })).Expect(200)["helpRequest"].GetProperty("id").GetGuid();

    [Fact]
    public async Task Offer_MembersAreToldAndSeeTheMatterNotTheRequester_OthersSeeNothing()
    {
        var (group, members) = await TownGroupAsync();
        var id = await _orders.RegisteredAsync(Orders.NewOrder(app.Data.CategoryDrain, phone: "13900001111", title: "加装电梯后卫生间下水不畅"));
        var offer = await OfferAsync(id, group);

        var member = await app.AsAsync(members[0].Handler);
        var listed = Assert.Single((await member.Get("/api/v1/help-requests")).Expect(200).Json.EnumerateArray(), h => h.GetProperty("id").GetGuid() == offer);
        Assert.Equal("加装电梯后卫生间下水不畅", listed.GetProperty("order").GetProperty("title").GetString());
        Assert.Equal("lead", listed.GetProperty("role").GetString());
        Assert.False(listed.GetProperty("order").TryGetProperty("requester", out _));
        Assert.DoesNotContain("13900001111", listed.GetRawText(), StringComparison.Ordinal);
        var notes = (await member.Get("/api/v1/notifications")).Expect(200).Json.EnumerateArray();
        Assert.Contains(notes, n => n.GetProperty("kind").GetString() == "helpOffered" && n.GetProperty("workOrderId").GetGuid() == id);

        // Before claiming, the order itself is not theirs to see; other units see neither.
        (await _orders.GetAsync(id, members[0].Handler)).ExpectProblem(404);
        Assert.DoesNotContain((await (await app.AsAsync("water")).Get("/api/v1/help-requests")).Expect(200).Json.EnumerateArray(), h => h.GetProperty("id").GetGuid() == offer);
        Assert.Contains((await (await app.AsAsync("supervisor")).Get("/api/v1/help-requests")).Expect(200).Json.EnumerateArray(), h => h.GetProperty("id").GetGuid() == offer);
        var history = (await _orders.HistoryAsync(id)).Json.EnumerateArray().ToList();
        Assert.Equal("helpRequested", history[^1].GetProperty("type").GetString());
    }

    [Fact]
    public async Task TwoMembersClaimAtOnce_OneGetsTheOrder_TheOtherIsToldItIsTaken()
    {
        for (var round = 0; round < 3; round++)
        {
            var (group, members) = await TownGroupAsync(2);
            var id = await _orders.RegisteredAsync();
            var offer = await OfferAsync(id, group);

            var claims = await Task.WhenAll(members.Select(async m => (m, await (await app.AsAsync(m.Handler)).Post($"/api/v1/help-requests/{offer}/claim"))));
            var won = Assert.Single(claims, c => c.Item2.Code == 200);
            var lost = Assert.Single(claims, c => c.Item2.Code != 200);
            lost.Item2.ExpectProblem(409);

            var order = (await _orders.GetAsync(id)).Expect(200);
            Assert.Equal("inProgress", order.Str("status"));
            var hop = Assert.Single(order["assignments"].EnumerateArray());
            Assert.Equal(won.m.Unit, hop.GetProperty("unit").GetProperty("id").GetGuid());
            Assert.Equal("accepted", hop.GetProperty("status").GetString());
            Assert.Equal(JsonValueKind.Null, order["helpRequest"].ValueKind);

            // The loser sees who took it; the winner now sees the order.
            var taken = (await (await app.AsAsync(lost.m.Handler)).Get("/api/v1/help-requests?status=claimed")).Expect(200).Json.EnumerateArray().Single(h => h.GetProperty("id").GetGuid() == offer);
            Assert.Equal(won.m.Unit, taken.GetProperty("claimedBy").GetProperty("id").GetGuid());
            (await _orders.GetAsync(id, won.m.Handler)).Expect(200);
            (await _orders.GetAsync(id, lost.m.Handler)).ExpectProblem(404);
            var types = (await _orders.HistoryAsync(id)).Json.EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList();
            Assert.Single(types, t => t == "helpClaimed");
        }
    }

    [Fact]
    public async Task Offer_OfAnOrderWithALead_TheClaimerJoinsAsAssist()
    {
        var (group, members) = await TownGroupAsync(2);
        var id = await _orders.InProgressAsync(app.Data.Property);
        var offer = await OfferAsync(id, group, hours: 4);
        (await (await app.AsAsync(members[1].Handler)).Post($"/api/v1/help-requests/{offer}/claim")).Expect(200);

        var order = (await _orders.GetAsync(id)).Expect(200);
        var assist = order["assignments"].EnumerateArray().Single(a => a.GetProperty("unit").GetProperty("id").GetGuid() == members[1].Unit);
        Assert.Equal("assist", assist.GetProperty("role").GetString());
        Assert.Equal("inProgress", order.Str("status"));

        // The lead now waits for its new assist, as with any assist.
        (await _orders.ActAsync("sunshine", id, "reply", new { result = "已修复", solved = "yes" })).ExpectProblem(409);
        (await _orders.ActAsync(members[1].Handler, id, "reply", new { result = "派技术员查明为存水弯反坡，已改造", solved = "yes" })).Expect(200);
        (await _orders.ActAsync("sunshine", id, "reply", new { result = "已修复", solved = "yes" })).Expect(200);
    }

    [Fact]
    public async Task UnclaimedOffer_ExpiresBackToTheDispatchers_AndCannotBeClaimedAfter()
    {
        var (group, members) = await TownGroupAsync(2);
        var id = await _orders.RegisteredAsync();
        var offer = await OfferAsync(id, group, hours: 1);

        app.Clock.Advance(TimeSpan.FromMinutes(61));
        (await (await app.AsAsync(members[0].Handler)).Post($"/api/v1/help-requests/{offer}/claim")).ExpectProblem(409);
        Assert.DoesNotContain((await (await app.AsAsync(members[0].Handler)).Get("/api/v1/help-requests")).Expect(200).Json.EnumerateArray(), h => h.GetProperty("id").GetGuid() == offer);

        Assert.True(await app.ExpireHelpRequestsAsync() >= 1);
        Assert.Equal(0, await app.ExpireHelpRequestsAsync()); // once only
        var order = (await _orders.GetAsync(id)).Expect(200);
        Assert.Equal("registered", order.Str("status"));
        var history = (await _orders.HistoryAsync(id)).Json.EnumerateArray().ToList();
        Assert.Single(history, e => e.GetProperty("type").GetString() == "helpExpired");
        var notes = (await (await app.AsAsync("dispatcher")).Get("/api/v1/notifications?limit=500")).Expect(200).Json.EnumerateArray();
        Assert.Contains(notes, n => n.GetProperty("kind").GetString() == "helpExpired" && n.GetProperty("workOrderId").GetGuid() == id);

        // Back with the dispatcher: it can be offered again, or dispatched.
        await OfferAsync(id, group);
        await _orders.DispatchAsync(id, app.Data.Property);
        var types = (await _orders.HistoryAsync(id)).Json.EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList();
        Assert.Equal(["helpWithdrawn", "dispatched"], types.TakeLast(2));
    }

    [Fact]
    public async Task Withdrawn_CannotBeClaimed()
    {
        var (group, members) = await TownGroupAsync(2);
        var id = await _orders.RegisteredAsync();
        var offer = await OfferAsync(id, group);
        (await _orders.ActAsync("dispatcher", id, $"help-requests/{offer}/withdraw", new { note = "已联系到原物业" })).Expect(200);
        (await (await app.AsAsync(members[0].Handler)).Post($"/api/v1/help-requests/{offer}/claim")).ExpectProblem(409);
        Assert.Equal("registered", (await _orders.GetAsync(id)).Str("status"));
    }

    [Fact]
    public async Task BadOffersAndClaims_AreRefused_NothingChanges()
    {
        var (group, members) = await TownGroupAsync(2);
        var id = await _orders.RegisteredAsync();
        var version = (await _orders.GetAsync(id)).Expect(200)["version"].GetInt32();
        (await _orders.ActAsync("dispatcher", id, "help-requests", new { groupId = Guid.NewGuid(), note = "x" })).ExpectProblem(400, "groupId");
        (await _orders.ActAsync("dispatcher", id, "help-requests", new { groupId = group })).ExpectProblem(400, "note");
        (await _orders.ActAsync("dispatcher", id, "help-requests", new { groupId = group, note = "x", hours = 0 })).ExpectProblem(400, "hours");
        (await _orders.ActAsync("dispatcher", id, "help-requests", new { groupId = group, note = "x", hours = 10_000 })).ExpectProblem(400, "hours");
        (await _orders.ActAsync("agent", id, "help-requests", new { groupId = group, note = "x" })).ExpectProblem(403);
        Assert.Equal(version, (await _orders.GetAsync(id)).Expect(200)["version"].GetInt32());

        var offer = await OfferAsync(id, group);
        (await _orders.ActAsync("dispatcher", id, "help-requests", new { groupId = group, note = "再发一次" })).ExpectProblem(409);
        (await (await app.AsAsync("water")).Post($"/api/v1/help-requests/{offer}/claim")).ExpectProblem(404);
        (await (await app.AsAsync("dispatcher")).Post($"/api/v1/help-requests/{offer}/claim")).ExpectProblem(403);
        (await (await app.AsAsync(members[0].Handler)).Post($"/api/v1/help-requests/{Guid.NewGuid()}/claim")).ExpectProblem(404);
        (await (await app.AsAsync(members[0].Handler)).Get("/api/v1/help-requests?status=bogus")).ExpectProblem(400, "status");
        Assert.Equal("registered", (await _orders.GetAsync(id)).Str("status"));

        var closed = await _orders.ClosedAsync(app.Data.Water);
        (await _orders.ActAsync("dispatcher", closed, "help-requests", new { groupId = group, note = "x" })).ExpectProblem(409);
    }
}

public sealed class HelpRequestTestsOnSqlite(SqliteApp app) : HelpRequestTests(app), IClassFixture<SqliteApp>;

public sealed class HelpRequestTestsOnPostgres(PostgresApp app) : HelpRequestTests(app), IClassFixture<PostgresApp>;
