using Lianxin.Web.Tests.Infrastructure;

namespace Lianxin.Web.Tests.Knowledge;

/// <summary>The demo centre a fresh `dotnet run` loads has a knowledge base and phrases to try.</summary>
public abstract class DemoKnowledgeTests(LianxinApp app)
{
    [Fact]
    public async Task Demo_HasArticlesInTheirCategories_AndPhrasesWithShortcuts()
    {
        var agent = await app.AsAsync("agent", Lianxin.Web.Demo.DemoCentre.Password);
        var all = (await agent.Get("/api/v1/knowledge?limit=50")).Expect(200)["items"].EnumerateArray().ToList();
        Assert.InRange(all.Count, 20, 50);
        Assert.All(all, a => Assert.NotEqual(System.Text.Json.JsonValueKind.Null, a.GetProperty("category").ValueKind));

        // A caller's words find the answer (scenario 1's floor drain, scenario 4's cold radiator).
        var drain = (await agent.Get("/api/v1/knowledge?q=" + Uri.EscapeDataString("卫生间地漏泛水了，水往外冒"))).Expect(200);
        Assert.Equal("地漏泛水：远程指导", drain["items"][0].GetProperty("title").GetString());
        var cold = (await agent.Get("/api/v1/knowledge?q=" + Uri.EscapeDataString("家里暖气不热，室温只有15度"))).Expect(200);
        Assert.Equal("室内供暖温度标准", cold["items"][0].GetProperty("title").GetString());

        var phrases = (await agent.Get("/api/v1/phrases")).Expect(200).Json.EnumerateArray().ToList();
        Assert.True(phrases.Count >= 10);
        Assert.Contains(phrases, p => p.GetProperty("shortcut").GetString() == "kc");
    }
}

[Collection(SqliteDemoFixture.Name)]
public sealed class DemoKnowledgeTestsOnSqlite(SqliteDemoApp app) : DemoKnowledgeTests(app);

[Collection(PostgresDemoFixture.Name)]
public sealed class DemoKnowledgeTestsOnPostgres(PostgresDemoApp app) : DemoKnowledgeTests(app);
