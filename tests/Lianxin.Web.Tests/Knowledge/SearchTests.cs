using Lianxin.Web.Tests.Infrastructure;

namespace Lianxin.Web.Tests.Knowledge;

/// <summary>知识检索: words in titles, keywords and answers; keywords inside a caller's sentence; the category first.</summary>
public abstract class SearchTests(LianxinApp app)
{
    private static List<string> Titles(ApiResponse r) => r["items"].EnumerateArray().Select(i => i.GetProperty("title").GetString()!).ToList();

    [Fact]
    public async Task Search_FindsWordsInTitleKeywordsAndAnswer_TitleFirst()
    {
        var word = KnowledgeHttp.Word();
        var admin = await app.AsAsync("admin");
        (await admin.Post("/api/v1/knowledge", new { title = "答复里有" + "号", answer = "处理办法：" + word + "。" })).Expect(201);
        (await admin.Post("/api/v1/knowledge", new { title = "标题里有" + word, answer = "无" })).Expect(201);
        (await admin.Post("/api/v1/knowledge", new { title = "关键词里有", answer = "无", keywords = new[] { word + "词" } })).Expect(201);
        (await admin.Post("/api/v1/knowledge", new { title = "毫不相干", answer = "无" })).Expect(201);

        var hits = (await (await app.AsAsync("agent")).Get($"/api/v1/knowledge?q={Uri.EscapeDataString(word)}")).Expect(200);
        Assert.Equal(["标题里有" + word, "关键词里有", "答复里有号"], Titles(hits));
        var first = hits["items"][0];
        Assert.Equal("无", first.GetProperty("summary").GetString());
        Assert.True(first.GetProperty("score").GetInt32() > hits["items"][1].GetProperty("score").GetInt32());
    }

    [Fact]
    public async Task ACallersSentence_FindsTheArticleWhoseKeywordItContains()
    {
        var word = KnowledgeHttp.Word(2);
        var admin = await app.AsAsync("admin");
        (await admin.Post("/api/v1/knowledge", new { title = "夜间施工噪音投诉时段", answer = "夜间22时至次日6时禁止产生噪声的建筑施工。", keywords = new[] { "夜间施工" + word, "噪音" + word } })).Expect(201);

        var sentence = $"楼下工地晚上十一点还在夜间施工{word}，吵得睡不着，噪音{word}太大了";
        var hits = (await (await app.AsAsync("agent")).Get($"/api/v1/knowledge?q={Uri.EscapeDataString(sentence)}")).Expect(200);
        Assert.Equal(["夜间施工噪音投诉时段"], Titles(hits));
        Assert.Equal(4, hits["items"][0].GetProperty("score").GetInt32()); // two keywords found in the sentence, 2 each
    }

    [Fact]
    public async Task Category_RanksItsArticlesFirst_ThenItsAncestorsAndBranch_AloneItListsThem()
    {
        var word = KnowledgeHttp.Word();
        var admin = await app.AsAsync("admin");
        var categories = (await admin.Get("/api/v1/categories")).Expect(200).Json.EnumerateArray().ToList();
        Guid Named(string name) => categories.Single(c => c.GetProperty("name").GetString() == name).GetProperty("id").GetGuid();
        var supply = Named("供水");
        var leakSibling = (await admin.Post("/api/v1/categories", new { name = "水压低" + word, parentId = supply })).Expect(201).Id;

        (await admin.Post("/api/v1/knowledge", new { title = "无分类" + word, answer = "无", keywords = new[] { word } })).Expect(201);
        (await admin.Post("/api/v1/knowledge", new { title = "排水" + word, answer = "无", categoryId = app.Data.CategoryDrain, keywords = new[] { word } })).Expect(201);
        (await admin.Post("/api/v1/knowledge", new { title = "供水" + word, answer = "无", categoryId = supply, keywords = new[] { word } })).Expect(201);
        (await admin.Post("/api/v1/knowledge", new { title = "水压" + word, answer = "无", categoryId = leakSibling, keywords = new[] { word } })).Expect(201);
        (await admin.Post("/api/v1/knowledge", new { title = "漏水" + word, answer = "无", categoryId = app.Data.CategoryLeak, keywords = new[] { word } })).Expect(201);

        var agent = await app.AsAsync("agent");
        var ranked = (await agent.Get($"/api/v1/knowledge?q={Uri.EscapeDataString(word)}&categoryId={app.Data.CategoryLeak}")).Expect(200);
        Assert.Equal(["漏水" + word, "供水" + word, "水压" + word], Titles(ranked).Take(3));
        Assert.Equal([3, 2, 1, 0, 0], ranked["items"].EnumerateArray().Select(i => i.GetProperty("categoryRank").GetInt32()));

        // With only the category, its articles and the related ones (here every article of the test's categories, and older ones).
        var alone = Titles((await agent.Get($"/api/v1/knowledge?categoryId={leakSibling}")).Expect(200));
        Assert.Equal(["水压" + word, "供水" + word], alone.Where(t => t.EndsWith(word, StringComparison.Ordinal)).Take(2));
        Assert.DoesNotContain("排水" + word, alone);
        Assert.DoesNotContain("无分类" + word, alone);
    }

    [Fact]
    public async Task Paging_WalksEveryHitOnce()
    {
        var word = KnowledgeHttp.Word();
        var admin = await app.AsAsync("admin");
        for (var i = 0; i < 5; i++)
        {
            (await admin.Post("/api/v1/knowledge", new { title = $"分页{i}{word}", answer = "无" })).Expect(201);
            app.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        var agent = await app.AsAsync("agent");
        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = (await agent.Get($"/api/v1/knowledge?q={Uri.EscapeDataString(word)}&limit=2" + (cursor is null ? "" : "&cursor=" + cursor))).Expect(200);
            seen.AddRange(Titles(page));
            cursor = page["nextCursor"].GetString();
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Range(0, 5).Reverse().Select(i => $"分页{i}{word}"), seen); // most recently changed first
    }
}

public sealed class SearchTestsOnSqlite(SqliteApp app) : SearchTests(app), IClassFixture<SqliteApp>;

public sealed class SearchTestsOnPostgres(PostgresApp app) : SearchTests(app), IClassFixture<PostgresApp>;
