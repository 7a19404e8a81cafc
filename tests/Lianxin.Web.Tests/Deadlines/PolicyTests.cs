using Lianxin.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Lianxin.Web.Tests.Deadlines;

/// <summary>Deadline policies: presets, category overrides, versioned changes that never move existing orders.</summary>
public abstract class PolicyTests(LianxinApp app)
{
    [Fact]
    public async Task Presets_AreSeededAsEditablePolicies()
    {
        var policies = (await (await app.AsAsync("dispatcher")).Get("/api/v1/deadline-policies")).Expect(200).Json.EnumerateArray().ToList();
        var critical = policies.Single(p => p.GetProperty("urgency").GetString() == "critical" && p.GetProperty("category").ValueKind == System.Text.Json.JsonValueKind.Null);
        Assert.Equal(0.5m, critical.GetProperty("signFor").GetProperty("amount").GetDecimal());
        Assert.Equal("naturalHours", critical.GetProperty("signFor").GetProperty("unit").GetString());
        var report = policies.Single(p => p.GetProperty("urgency").GetString() == "normal" && p.GetProperty("demandType").GetString() == "report");
        Assert.Equal(15m, report.GetProperty("completion").GetProperty("amount").GetDecimal());
        Assert.Equal("workingDays", report.GetProperty("completion").GetProperty("unit").GetString());
    }

    [Fact]
    public async Task CategoryOverride_AppliesToNewOrdersInItsSubtree_ChangeKeepsOldOrders()
    {
        var admin = await app.AsAsync("admin");
        var parent = (await admin.Post("/api/v1/categories", new { name = "供热报修" + Guid.NewGuid().ToString("N")[..4] })).Expect(201).Id;
        var leaf = (await admin.Post("/api/v1/categories", new { name = "暖气不热", parentId = parent })).Expect(201).Id;
        var created = (await admin.Post("/api/v1/deadline-policies", new
        {
            name = "供热季·暖气不热", urgency = "normal", categoryId = parent,
            signFor = new { amount = 2, unit = "workingHours" }, contact = new { amount = 4, unit = "workingHours" }, completion = new { amount = 24, unit = "naturalHours" },
        })).Expect(201);

        var first = (await new Orders(app).RegisterAsync(Orders.NewOrder(leaf, urgency: "normal"))).Expect(201);
        Assert.Equal(created.Id, first["policyId"].GetGuid());
        Assert.Equal(first["createdAt"].GetDateTimeOffset().AddHours(24), first["deadlines"].GetProperty("completion").GetProperty("dueAt").GetDateTimeOffset());

        var changed = (await admin.Exchange(new HttpRequestMessage(HttpMethod.Put, $"/api/v1/deadline-policies/{created.Id}")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { signFor = new { amount = 1, unit = "workingHours" }, contact = new { amount = 2, unit = "workingHours" }, completion = new { amount = 12, unit = "naturalHours" } }),
        })).Expect(200);
        Assert.Equal(2, changed["version"].GetInt32());
        Assert.Equal(created.Id, changed["supersedesId"].GetGuid());

        var second = (await new Orders(app).RegisterAsync(Orders.NewOrder(leaf, urgency: "normal"))).Expect(201);
        Assert.Equal(changed.Id, second["policyId"].GetGuid());
        Assert.Equal(second["createdAt"].GetDateTimeOffset().AddHours(12), second["deadlines"].GetProperty("completion").GetProperty("dueAt").GetDateTimeOffset());

        // The first order keeps the limits and the policy version it was registered with.
        var again = (await new Orders(app).GetAsync(first.Id)).Expect(200);
        Assert.Equal(first["deadlines"].GetProperty("completion").GetProperty("dueAt").GetDateTimeOffset(), again["deadlines"].GetProperty("completion").GetProperty("dueAt").GetDateTimeOffset());
        var history = (await new Orders(app).HistoryAsync(first.Id)).Expect(200);
        Assert.Equal(created.Id, history.Json[0].GetProperty("data").GetProperty("policyId").GetGuid());

        var retired = (await admin.Get("/api/v1/deadline-policies?includeRetired=true")).Expect(200).Json.EnumerateArray()
            .Single(p => p.GetProperty("id").GetGuid() == created.Id);
        Assert.False(retired.GetProperty("isActive").GetBoolean());
    }

    public static TheoryData<object, string> BadPolicies => new()
    {
        { new { name = "零", urgency = "normal", signFor = new { amount = 0, unit = "workingDays" }, contact = new { amount = 1, unit = "workingDays" }, completion = new { amount = 1, unit = "workingDays" } }, "signFor" },
        { new { name = "负", urgency = "normal", signFor = new { amount = 1, unit = "workingDays" }, contact = new { amount = -2, unit = "workingHours" }, completion = new { amount = 1, unit = "workingDays" } }, "contact" },
        { new { name = "半天", urgency = "normal", signFor = new { amount = 1, unit = "workingDays" }, contact = new { amount = 1, unit = "workingDays" }, completion = new { amount = 1.5, unit = "workingDays" } }, "completion" },
        { new { name = "缺", urgency = "normal", signFor = new { amount = 1, unit = "workingDays" }, contact = new { amount = 1, unit = "workingDays" } }, "completion" },
        { new { name = "", urgency = "normal", signFor = new { amount = 1, unit = "workingDays" }, contact = new { amount = 1, unit = "workingDays" }, completion = new { amount = 1, unit = "workingDays" } }, "name" },
        { new { name = "无级", signFor = new { amount = 1, unit = "workingDays" }, contact = new { amount = 1, unit = "workingDays" }, completion = new { amount = 1, unit = "workingDays" } }, "urgency" },
        { new { name = "单位", urgency = "normal", signFor = new { amount = 1, unit = "fortnights" }, contact = new { amount = 1, unit = "workingDays" }, completion = new { amount = 1, unit = "workingDays" } }, "signFor.unit" },
    };

    [Theory]
    [MemberData(nameof(BadPolicies))]
    public async Task Create_WithBadInput_Is400AndWritesNothing(object body, string field)
    {
        var before = await app.Db(db => db.DeadlinePolicies.CountAsync());
        (await (await app.AsAsync("admin")).Post("/api/v1/deadline-policies", body)).ExpectProblem(400, field);
        Assert.Equal(before, await app.Db(db => db.DeadlinePolicies.CountAsync()));
    }

    [Fact]
    public async Task Create_DuplicateOrByNonAdmin_IsRefused()
    {
        var body = new { name = "特急2", urgency = "critical", signFor = new { amount = 1, unit = "naturalHours" }, contact = new { amount = 2, unit = "naturalHours" }, completion = new { amount = 12, unit = "naturalHours" } };
        (await (await app.AsAsync("admin")).Post("/api/v1/deadline-policies", body)).ExpectProblem(409);
        (await (await app.AsAsync("supervisor")).Post("/api/v1/deadline-policies", body)).ExpectProblem(403);
        (await (await app.AsAsync("admin")).Post("/api/v1/deadline-policies", new { name = "x", urgency = "normal", categoryId = Guid.NewGuid(), signFor = new { amount = 1, unit = "naturalHours" }, contact = new { amount = 2, unit = "naturalHours" }, completion = new { amount = 12, unit = "naturalHours" } }))
            .ExpectProblem(400, "categoryId");
    }
}

public sealed class PolicyTestsOnSqlite(SqliteApp app) : PolicyTests(app), IClassFixture<SqliteApp>;

public sealed class PolicyTestsOnPostgres(PostgresApp app) : PolicyTests(app), IClassFixture<PostgresApp>;
