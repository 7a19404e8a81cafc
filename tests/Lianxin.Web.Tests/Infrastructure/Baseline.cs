namespace Lianxin.Web.Tests.Infrastructure;

/// <summary>
/// The small centre every HTTP test starts from, made through the admin API: a unit tree with a
/// three-level chain (sub-centre → street office → property company), two departments and a repair
/// crew; a category and a region tree; one user per role and a handler per unit.
/// </summary>
public sealed class Baseline
{
    public required Guid Centre { get; init; }

    public required Guid Water { get; init; }

    public required Guid Heating { get; init; }

    public required Guid SubCentre { get; init; }

    public required Guid Street { get; init; }

    public required Guid Property { get; init; }

    public required Guid Crew { get; init; }

    public required Guid CategoryLeak { get; init; }

    public required Guid CategoryDrain { get; init; }

    public required string RegionCode { get; init; }

    /// <summary>Handler usernames by unit.</summary>
    public IReadOnlyDictionary<Guid, string> HandlerOf => new Dictionary<Guid, string>
    {
        [Water] = "water",
        [Heating] = "heating",
        [SubCentre] = "jiangbei",
        [Street] = "xinhua",
        [Property] = "sunshine",
        [Crew] = "crew",
    };

    public static async Task<Baseline> CreateAsync(LianxinApp app)
    {
        var admin = await app.AsAsync("admin");
        async Task<Guid> Unit(string name, string kind, Guid? parent) =>
            (await admin.Post("/api/v1/units", new { name, kind, parentId = parent })).Expect(201).Id;
        async Task<Guid> Category(string name, Guid? parent) =>
            (await admin.Post("/api/v1/categories", new { name, parentId = parent })).Expect(201).Id;
        async Task<Guid> Region(string name, string code, Guid? parent) =>
            (await admin.Post("/api/v1/regions", new { name, code, parentId = parent })).Expect(201).Id;

        var centre = await Unit("测试市12345热线中心", "centre", null);
        var water = await Unit("市水务集团", "department", centre);
        var heating = await Unit("市热力公司", "department", centre);
        var sub = await Unit("江北区分中心", "subCentre", centre);
        var street = await Unit("新华路街道", "streetOffice", sub);
        var property = await Unit("阳光物业服务有限公司", "propertyCompany", street);
        var crew = await Unit("房屋维修应急中心", "repairCrew", centre);

        var utilities = await Category("公用事业", null);
        var supply = await Category("供水", utilities);
        var leak = await Category("漏水", supply);
        var housing = await Category("房屋修缮", null);
        var drain = await Category("管道堵塞", housing);

        var district = await Region("江北区", "330201", null);
        var streetRegion = await Region("新华路街道", "330201001", district);
        await Region("和平社区", "330201001001", streetRegion);

        var baseline = new Baseline
        {
            Centre = centre, Water = water, Heating = heating, SubCentre = sub, Street = street, Property = property, Crew = crew,
            CategoryLeak = leak, CategoryDrain = drain, RegionCode = "330201001",
        };

        async Task User(string username, string displayName, string[] roles, Guid? unitId, string? extension = null) =>
            (await admin.Post("/api/v1/users", new { username, password = LianxinApp.StaffPassword, displayName, roles, unitId, extension })).Expect(201);

        await User("agent", "王晓雯", ["agent"], centre, "8001");
        await User("agent2", "李婷", ["agent"], centre, "8002");
        await User("dispatcher", "陈派单", ["dispatcher"], centre);
        await User("dispatcher2", "周派单", ["dispatcher"], centre);
        await User("visitor", "赵回访", ["visitor"], centre);
        await User("supervisor", "刘值班长", ["supervisor"], centre);
        foreach (var (unit, username) in baseline.HandlerOf)
        {
            await User(username, username + "承办人", ["handler"], unit);
        }

        return baseline;
    }
}
