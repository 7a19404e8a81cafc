using Lianxin.Web.Tests.Infrastructure;

namespace Lianxin.Web.Tests.Dispatch;

/// <summary>Return reasons and the return figures per unit (不当退单); unit groups.</summary>
public abstract class ReturnReasonAndGroupTests(LianxinApp app)
{
    private readonly Orders _orders = new(app);

    [Fact]
    public async Task ReturnReasons_DefaultsAreThere_AdminAddsAndDeactivates()
    {
        var handler = await app.AsAsync("water");
        var codes = (await handler.Get("/api/v1/return-reasons")).Expect(200).Json.EnumerateArray().Select(r => r.GetProperty("code").GetString()).ToList();
        Assert.Contains("not-our-duty", codes);
        Assert.Contains("outside-area", codes);

        var admin = await app.AsAsync("admin");
        var code = "sewer-" + Guid.NewGuid().ToString("N")[..6];
        (await admin.Post("/api/v1/return-reasons", new { code, name = "属排水公司管网", nameEn = "Drainage company's network" })).Expect(201);
        (await admin.Post("/api/v1/return-reasons", new { code, name = "重复" })).ExpectProblem(400, "code");
        (await admin.Post("/api/v1/return-reasons", new { code = "有 空格", name = "x" })).ExpectProblem(400, "code");
        (await admin.Post("/api/v1/return-reasons", new { code = "x1" })).ExpectProblem(400, "name");
        (await handler.Post("/api/v1/return-reasons", new { code = "x2", name = "x" })).ExpectProblem(403);
        (await admin.Patch($"/api/v1/return-reasons/{code}", new { active = false })).Expect(200);
        (await admin.Patch("/api/v1/return-reasons/no-such-code", new { active = false })).ExpectProblem(404);
        (await handler.Patch($"/api/v1/return-reasons/{code}", new { active = true })).ExpectProblem(403);
        Assert.DoesNotContain((await handler.Get("/api/v1/return-reasons")).Expect(200).Json.EnumerateArray(), r => r.GetProperty("code").GetString() == code);
        Assert.Contains((await handler.Get("/api/v1/return-reasons?all=true")).Expect(200).Json.EnumerateArray(), r => r.GetProperty("code").GetString() == code);

        // An inactive or unknown reason is refused, and nothing happens to the order.
        var id = await _orders.InProgressAsync(app.Data.Water);
        (await _orders.ActAsync("water", id, "return", new { reason = "管网不归我们", basis = "排水条例", reasonCode = code })).ExpectProblem(400, "reasonCode");
        (await _orders.ActAsync("water", id, "return", new { reason = "管网不归我们", basis = "排水条例", reasonCode = "nope" })).ExpectProblem(400, "reasonCode");
        Assert.Equal("inProgress", (await _orders.GetAsync(id)).Str("status"));
        var returned = (await _orders.ActAsync("water", id, "return", new { reason = "管网不归我们", basis = "排水条例", reasonCode = "not-our-duty" })).Expect(200);
        Assert.Equal("not-our-duty", returned["pendingReturn"].GetProperty("reasonCode").GetString());
    }

    [Fact]
    public async Task ReturnStats_CountApprovedRejectedAndPendingPerUnit()
    {
        var admin = await app.AsAsync("admin");
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var unit = (await admin.Post("/api/v1/units", new { name = "排水公司" + suffix, kind = "department", parentId = app.Data.Centre })).Expect(201).Id;
        var handler = "ps" + suffix;
        (await admin.Post("/api/v1/users", new { username = handler, password = LianxinApp.StaffPassword, displayName = "排水承办人", roles = new[] { "handler" }, unitId = unit })).Expect(201);

        async Task<Guid> ReturnedAsync(string code)
        {
            var id = await _orders.DispatchedAsync(unit);
            (await _orders.ActAsync(handler, id, "return", new { reason = "不属本单位", basis = "职责清单", reasonCode = code })).Expect(200);
            return id;
        }

        var a = await ReturnedAsync("not-our-duty");
        var b = await ReturnedAsync("not-our-duty");
        var c = await ReturnedAsync("outside-area");
        await ReturnedAsync("outside-area");
        await _orders.DispatchedAsync(unit);
        (await _orders.ActAsync("dispatcher", a, "return/decision", new { approve = true })).Expect(200);
        (await _orders.ActAsync("dispatcher", b, "return/decision", new { approve = false, note = "管网属贵公司" })).Expect(200);
        (await _orders.ActAsync("dispatcher", c, "return/decision", new { approve = false, note = "在辖区内" })).Expect(200);

        app.Clock.Advance(TimeSpan.FromMinutes(1)); // the default period ends now
        var stats = (await (await app.AsAsync("supervisor")).Get($"/api/v1/returns/stats?unitId={unit}")).Expect(200);
        var row = Assert.Single(stats["units"].EnumerateArray());
        Assert.Equal(unit, row.GetProperty("unit").GetProperty("id").GetGuid());
        Assert.Equal(5, row.GetProperty("dispatched").GetInt32());
        Assert.Equal(4, row.GetProperty("requested").GetInt32());
        Assert.Equal(1, row.GetProperty("approved").GetInt32());
        Assert.Equal(2, row.GetProperty("rejected").GetInt32());
        Assert.Equal(1, row.GetProperty("pending").GetInt32());
        Assert.Equal(0.6667, row.GetProperty("improperRate").GetDouble());
        Assert.Equal(2, row.GetProperty("byReason").GetProperty("outside-area").GetInt32());

        // Nothing counted before the period starts; bad periods and roles are refused.
        var future = (await (await app.AsAsync("dispatcher")).Get($"/api/v1/returns/stats?unitId={unit}&from=2030-01-01&to=2030-01-31")).Expect(200);
        Assert.Empty(future["units"].EnumerateArray());
        (await (await app.AsAsync("supervisor")).Get("/api/v1/returns/stats?from=2026-11-30&to=2026-11-01")).ExpectProblem(400, "to");
        (await (await app.AsAsync("supervisor")).Get("/api/v1/returns/stats?from=yesterday")).ExpectProblem(400, "from");
        (await (await app.AsAsync(handler)).Get("/api/v1/returns/stats")).ExpectProblem(403);
        (await (await app.AsAsync("agent")).Get("/api/v1/returns/stats")).ExpectProblem(403);
    }

    [Fact]
    public async Task UnitGroups_AdminCreatesAndChanges_BadMembersRefused()
    {
        var admin = await app.AsAsync("admin");
        var name = "江北物业联合体" + Guid.NewGuid().ToString("N")[..6];
        var created = (await admin.Post("/api/v1/unit-groups", new { name, unitIds = new[] { app.Data.Property, app.Data.Crew } })).Expect(201);
        Assert.Equal(2, created["units"].GetArrayLength());
        var id = created.Id;

        (await admin.Post("/api/v1/unit-groups", new { name, unitIds = new[] { app.Data.Property } })).ExpectProblem(400, "name");
        (await admin.Post("/api/v1/unit-groups", new { name = name + "2", unitIds = new[] { Guid.NewGuid() } })).ExpectProblem(400, "unitIds[0]");
        (await admin.Post("/api/v1/unit-groups", new { name = name + "3", unitIds = new[] { app.Data.Property, app.Data.Centre } })).ExpectProblem(400, "unitIds[1]");
        (await admin.Post("/api/v1/unit-groups", new { name = name + "4", unitIds = Array.Empty<Guid>() })).ExpectProblem(400, "unitIds");
        (await admin.Post("/api/v1/unit-groups", new { unitIds = new[] { app.Data.Property } })).ExpectProblem(400, "name");
        (await (await app.AsAsync("dispatcher")).Post("/api/v1/unit-groups", new { name = name + "5", unitIds = new[] { app.Data.Property } })).ExpectProblem(403);

        var changed = (await admin.Patch($"/api/v1/unit-groups/{id}", new { unitIds = new[] { app.Data.Property, app.Data.Water, app.Data.Heating } })).Expect(200);
        Assert.Equal(3, changed["units"].GetArrayLength());
        (await admin.Patch($"/api/v1/unit-groups/{id}", new { active = false })).Expect(200);
        (await admin.Patch($"/api/v1/unit-groups/{Guid.NewGuid()}", new { active = false })).ExpectProblem(404);

        var listed = (await (await app.AsAsync("dispatcher")).Get("/api/v1/unit-groups")).Expect(200).Json.EnumerateArray().Single(g => g.GetProperty("id").GetGuid() == id);
        Assert.False(listed.GetProperty("active").GetBoolean());
        (await (await app.AsAsync("water")).Get("/api/v1/unit-groups")).ExpectProblem(403);

        // A deactivated group takes no offers.
        var order = await _orders.RegisteredAsync();
        (await _orders.ActAsync("dispatcher", order, "help-requests", new { groupId = id, note = "会诊" })).ExpectProblem(400, "groupId");
    }
}

public sealed class ReturnReasonAndGroupTestsOnSqlite(SqliteApp app) : ReturnReasonAndGroupTests(app), IClassFixture<SqliteApp>;

public sealed class ReturnReasonAndGroupTestsOnPostgres(PostgresApp app) : ReturnReasonAndGroupTests(app), IClassFixture<PostgresApp>;
