using Lianxin.Web.Tests.Infrastructure;

namespace Lianxin.Web.Tests.Organization;

/// <summary>Units, categories and regions: admins create, list, rename, move and deactivate; nothing is deleted.</summary>
public abstract class ReferenceDataTests(LianxinApp app)
{
    [Fact]
    public async Task Units_CreateListGet_ShowKindAndPath()
    {
        var admin = await app.AsAsync("admin");
        var created = (await admin.Post("/api/v1/units", new { name = "和平社区居委会", kind = "community", parentId = app.Data.Street, code = "HP01" })).Expect(201);
        Assert.Equal("community", created.Str("kind"));
        Assert.Equal("测试市12345热线中心 / 江北区分中心 / 新华路街道 / 和平社区居委会", created.Str("path"));
        Assert.Equal(3, created["depth"].GetInt32());

        var list = (await admin.Get("/api/v1/units")).Expect(200).Json.EnumerateArray().ToList();
        Assert.Contains(list, u => u.GetProperty("id").GetGuid() == created.Id);
        (await admin.Get($"/api/v1/units/{created.Id}")).Expect(200);
    }

    [Fact]
    public async Task Node_RenameAndMove_UpdatesPathsOfTheSubtree()
    {
        var admin = await app.AsAsync("admin");
        var parent = (await admin.Post("/api/v1/categories", new { name = "市容环境" })).Expect(201).Id;
        var child = (await admin.Post("/api/v1/categories", new { name = "油烟扰民", parentId = parent })).Expect(201).Id;
        var grandchild = (await admin.Post("/api/v1/categories", new { name = "餐饮油烟", parentId = child })).Expect(201).Id;
        var newParent = (await admin.Post("/api/v1/categories", new { name = "生态环境" })).Expect(201).Id;

        (await admin.Patch($"/api/v1/categories/{child}", new { name = "油烟污染", parentId = newParent })).Expect(200);

        var moved = (await admin.Get($"/api/v1/categories/{grandchild}")).Expect(200);
        Assert.Equal("生态环境 / 油烟污染 / 餐饮油烟", moved.Str("path"));
        Assert.Equal(2, moved["depth"].GetInt32());
    }

    [Fact]
    public async Task Node_MovedUnderItsOwnDescendant_Is400AndNothingChanges()
    {
        var admin = await app.AsAsync("admin");
        var top = (await admin.Post("/api/v1/regions", new { name = "江南区", code = "330202" })).Expect(201).Id;
        var below = (await admin.Post("/api/v1/regions", new { name = "望江街道", code = "330202001", parentId = top })).Expect(201).Id;

        (await admin.Patch($"/api/v1/regions/{top}", new { parentId = below })).ExpectProblem(400, "parentId");
        (await admin.Patch($"/api/v1/regions/{top}", new { parentId = top })).ExpectProblem(400, "parentId");
        Assert.Equal("江南区", (await admin.Get($"/api/v1/regions/{top}")).Expect(200).Str("path"));
    }

    [Fact]
    public async Task Duplicates_AreRefused()
    {
        var admin = await app.AsAsync("admin");
        (await admin.Post("/api/v1/regions", new { name = "重复区", code = "330201" })).ExpectProblem(400, "code");
        (await admin.Post("/api/v1/units", new { name = "市水务集团", kind = "department", parentId = app.Data.Centre })).ExpectProblem(400, "name");
        (await admin.Post("/api/v1/regions", new { name = "无编码区" })).ExpectProblem(400, "code");
        (await admin.Post("/api/v1/units", new { name = "无类型单位" })).ExpectProblem(400, "kind");
        (await admin.Post("/api/v1/units", new { name = "怪单位", kind = "spaceship" })).ExpectProblem(400, "kind");
        (await admin.Post("/api/v1/units", new { name = "孤儿单位", kind = "department", parentId = Guid.NewGuid() })).ExpectProblem(400, "parentId");
    }

    [Fact]
    public async Task DeactivatedCategory_CannotTakeNewOrders_ButOldOrdersStillShowIt()
    {
        var admin = await app.AsAsync("admin");
        var category = (await admin.Post("/api/v1/categories", new { name = "待停用分类" })).Expect(201).Id;
        var orders = new Orders(app);
        var old = await orders.RegisteredAsync(Orders.NewOrder(category));

        (await admin.Patch($"/api/v1/categories/{category}", new { isActive = false })).Expect(200);

        (await orders.RegisterAsync(Orders.NewOrder(category))).ExpectProblem(400, "categoryId");
        Assert.Equal("待停用分类", (await orders.GetAsync(old)).Expect(200)["category"].GetProperty("path").GetString());
        var active = (await admin.Get("/api/v1/categories")).Expect(200).Json.EnumerateArray();
        Assert.DoesNotContain(active, c => c.GetProperty("id").GetGuid() == category);
        var all = (await admin.Get("/api/v1/categories?includeInactive=true")).Expect(200).Json.EnumerateArray();
        Assert.Contains(all, c => c.GetProperty("id").GetGuid() == category && !c.GetProperty("isActive").GetBoolean());
    }

    [Fact]
    public async Task DeactivatedUnit_CannotBeDispatchedTo()
    {
        var admin = await app.AsAsync("admin");
        var unit = (await admin.Post("/api/v1/units", new { name = "临时维修队", kind = "repairCrew", parentId = app.Data.Centre })).Expect(201).Id;
        (await admin.Patch($"/api/v1/units/{unit}", new { isActive = false })).Expect(200);

        var orders = new Orders(app);
        var id = await orders.RegisteredAsync();
        (await orders.ActAsync("dispatcher", id, "dispatch", new { assignments = new[] { new { unitId = unit, role = "lead" } } }))
            .ExpectProblem(400, "assignments[0].unitId");
    }

    [Fact]
    public async Task NonAdmin_CannotChangeReferenceData_ButCanRead()
    {
        var dispatcher = await app.AsAsync("dispatcher");
        (await dispatcher.Post("/api/v1/units", new { name = "私设单位", kind = "department" })).ExpectProblem(403);
        (await dispatcher.Patch($"/api/v1/units/{app.Data.Water}", new { name = "改名" })).ExpectProblem(403);
        (await dispatcher.Post("/api/v1/categories", new { name = "私设分类" })).ExpectProblem(403);
        (await dispatcher.Get("/api/v1/units")).Expect(200);
        (await (await app.AsAsync("water")).Get("/api/v1/categories")).Expect(200);
    }

    [Fact]
    public async Task UnknownNode_Is404()
    {
        var admin = await app.AsAsync("admin");
        (await admin.Get($"/api/v1/units/{Guid.NewGuid()}")).ExpectProblem(404);
        (await admin.Patch($"/api/v1/regions/{Guid.NewGuid()}", new { name = "x" })).ExpectProblem(404);
    }
}

public sealed class ReferenceDataTestsOnSqlite(SqliteApp app) : ReferenceDataTests(app), IClassFixture<SqliteApp>;

public sealed class ReferenceDataTestsOnPostgres(PostgresApp app) : ReferenceDataTests(app), IClassFixture<PostgresApp>;
