using Lianxin.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Lianxin.Web.Tests.Knowledge;

/// <summary>知识库 over HTTP: who edits, versions, deactivation, and bad input that changes nothing.</summary>
public abstract class ArticleTests(LianxinApp app)
{
    [Fact]
    public async Task Editors_CreateAndChange_EveryoneSignedInReads_OthersAreRefused()
    {
        var word = KnowledgeHttp.Word();
        var admin = await app.AsAsync("admin");
        var created = (await admin.Post("/api/v1/knowledge", new
        {
            title = "计划停水查询" + word,
            answer = "请告知来电人：计划停水会提前24小时在小区公告栏和供水公司公众号公布。\r\n如未见公告，可登记工单由供水公司核实。",
            categoryId = app.Data.CategoryLeak,
            keywords = new[] { "停水，计划停水", word, " 停水 " },
        })).Expect(201);
        var id = created.Id;
        Assert.Equal($"/api/v1/knowledge/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal("\"1\"", created.Headers.ETag?.Tag);
        Assert.Equal(1, created["version"].GetInt32());
        Assert.Equal(["停水", "计划停水", word], created["keywords"].EnumerateArray().Select(k => k.GetString()));
        Assert.DoesNotContain('\r', created.Str("answer")!);
        Assert.Equal("公用事业 / 供水 / 漏水", created["category"].GetProperty("path").GetString());
        Assert.Equal("系统管理员", created["updatedBy"].GetProperty("name").GetString());

        foreach (var reader in new[] { "agent", "water", "dispatcher", "visitor" })
        {
            var read = (await (await app.AsAsync(reader)).Get($"/api/v1/knowledge/{id}")).Expect(200);
            Assert.Equal("\"1\"", read.Headers.ETag?.Tag);
            Assert.StartsWith("请告知来电人", read.Str("answer"), StringComparison.Ordinal);
        }

        var agent = await app.AsAsync("agent");
        (await agent.Post("/api/v1/knowledge", new { title = "话务员不能新建", answer = "x" })).ExpectProblem(403);
        (await agent.Send(HttpMethod.Put, $"/api/v1/knowledge/{id}", new { title = "x", answer = "y" })).ExpectProblem(403);
        (await agent.Post($"/api/v1/knowledge/{id}/deactivate")).ExpectProblem(403);
        (await (await app.AsAsync("water")).Send(HttpMethod.Patch, $"/api/v1/knowledge/{id}", new { title = "承办人也不能改" })).ExpectProblem(403);

        // The supervisor (值班长) edits too: a whole update at the version read.
        var supervisor = await app.AsAsync("supervisor");
        var changed = (await supervisor.Send(HttpMethod.Put, $"/api/v1/knowledge/{id}",
            new { title = "计划停水与来水时间" + word, answer = "计划停水提前24小时公告；抢修停水一般4小时内恢复。", keywords = new[] { word } }, ifMatch: "\"1\"")).Expect(200);
        Assert.Equal(2, changed["version"].GetInt32());
        Assert.Equal("\"2\"", changed.Headers.ETag?.Tag);
        Assert.Equal("刘值班长", changed["updatedBy"].GetProperty("name").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, changed["category"].ValueKind);

        // A partial update keeps what it does not name.
        var patched = (await admin.Send(HttpMethod.Patch, $"/api/v1/knowledge/{id}", new { categoryId = app.Data.CategoryLeak }, ifMatch: "\"2\"")).Expect(200);
        Assert.Equal(3, patched["version"].GetInt32());
        Assert.Equal("计划停水与来水时间" + word, patched.Str("title"));
        Assert.Equal(app.Data.CategoryLeak, patched["category"].GetProperty("id").GetGuid());

        // Without If-Match the current version is changed.
        (await admin.Send(HttpMethod.Patch, $"/api/v1/knowledge/{id}", new { answer = "计划停水提前24小时公告。" })).Expect(200);
        Assert.Equal(4, await app.Db(db => db.Articles.Where(a => a.Id == id).Select(a => a.Version).SingleAsync()));
    }

    [Fact]
    public async Task StaleVersion_Is412_AndChangesNothing()
    {
        var admin = await app.AsAsync("admin");
        var id = (await admin.Post("/api/v1/knowledge", new { title = "暖气温度标准" + KnowledgeHttp.Word(), answer = "室温不低于18℃。" })).Expect(201).Id;
        (await admin.Send(HttpMethod.Patch, $"/api/v1/knowledge/{id}", new { answer = "卧室、起居室温度不低于18℃。" }, ifMatch: "\"1\"")).Expect(200);

        var stale = (await (await app.AsAsync("supervisor")).Send(HttpMethod.Put, $"/api/v1/knowledge/{id}", new { title = "旧版本的修改", answer = "会覆盖别人的修改" }, ifMatch: "\"1\"")).ExpectProblem(412);
        Assert.Contains("版本", stale.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var english = (await admin.Send(HttpMethod.Post, $"/api/v1/knowledge/{id}/deactivate", ifMatch: "\"1\"", language: "en")).ExpectProblem(412);
        Assert.Contains("article was changed", english.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var now = (await admin.Get($"/api/v1/knowledge/{id}")).Expect(200);
        Assert.Equal(2, now["version"].GetInt32());
        Assert.True(now["isActive"].GetBoolean());
        Assert.Equal("卧室、起居室温度不低于18℃。", now.Str("answer"));
    }

    [Fact]
    public async Task Deactivated_LeavesTheSearch_EditorsStillFindIt_AndBringItBack()
    {
        var word = KnowledgeHttp.Word();
        var admin = await app.AsAsync("admin");
        var agent = await app.AsAsync("agent");
        var id = (await admin.Post("/api/v1/knowledge", new { title = "供热收费标准" + word, answer = "按建筑面积每平方米每采暖期收费。", keywords = new[] { word } })).Expect(201).Id;
        Assert.Single((await agent.Get($"/api/v1/knowledge?q={word}")).Expect(200)["items"].EnumerateArray());

        var off = (await admin.Post($"/api/v1/knowledge/{id}/deactivate", ifMatch: "\"1\"")).Expect(200);
        Assert.False(off["isActive"].GetBoolean());
        Assert.Equal(2, off["version"].GetInt32());
        (await admin.Post($"/api/v1/knowledge/{id}/deactivate")).Expect(200); // already: nothing changes
        Assert.Equal(2, await app.Db(db => db.Articles.Where(a => a.Id == id).Select(a => a.Version).SingleAsync()));

        Assert.Empty((await agent.Get($"/api/v1/knowledge?q={word}")).Expect(200)["items"].EnumerateArray());
        (await agent.Get($"/api/v1/knowledge?q={word}&includeInactive=true")).ExpectProblem(403);
        var forEditors = (await admin.Get($"/api/v1/knowledge?q={word}&includeInactive=true")).Expect(200)["items"].EnumerateArray().Single();
        Assert.False(forEditors.GetProperty("isActive").GetBoolean());
        Assert.False((await agent.Get($"/api/v1/knowledge/{id}")).Expect(200)["isActive"].GetBoolean());

        (await (await app.AsAsync("supervisor")).Post($"/api/v1/knowledge/{id}/activate")).Expect(200);
        Assert.Single((await agent.Get($"/api/v1/knowledge?q={word}")).Expect(200)["items"].EnumerateArray());
    }

    [Fact]
    public async Task BadInput_Is400NamingTheField_AndCreatesNothing()
    {
        var admin = await app.AsAsync("admin");
        var before = await app.Db(db => db.Articles.CountAsync());
        (await admin.Post("/api/v1/knowledge", new { answer = "没有标题" })).ExpectProblem(400, "title");
        (await admin.Post("/api/v1/knowledge", new { title = "没有答复", answer = "   " })).ExpectProblem(400, "answer");
        (await admin.Post("/api/v1/knowledge", new { title = new string('长', 101), answer = "x" })).ExpectProblem(400, "title");
        (await admin.Post("/api/v1/knowledge", new { title = "答复太长", answer = new string('长', 4001) })).ExpectProblem(400, "answer");
        (await admin.Post("/api/v1/knowledge", new { title = "关键词太多", answer = "x", keywords = Enumerable.Range(0, 21).Select(i => "词" + i).ToArray() })).ExpectProblem(400, "keywords");
        (await admin.Post("/api/v1/knowledge", new { title = "关键词太长", answer = "x", keywords = new[] { new string('词', 21) } })).ExpectProblem(400, "keywords[0]");
        (await admin.Post("/api/v1/knowledge", new { title = "分类不存在", answer = "x", categoryId = Guid.NewGuid() })).ExpectProblem(400, "categoryId");
        (await admin.Post("/api/v1/knowledge", new { title = "分类不是UUID", answer = "x", categoryId = "供水" })).ExpectProblem(400, "categoryId");
        (await admin.Post("/api/v1/knowledge", new { title = "关键词不是数组", answer = "x", keywords = "停水" })).ExpectProblem(400, "keywords");
        (await admin.PostRaw("/api/v1/knowledge", "{\"title\": ", "application/json")).ExpectProblem(400);
        (await admin.PostRaw("/api/v1/knowledge", "title=x", "application/x-www-form-urlencoded")).ExpectProblem(415);
        (await admin.PostLarge("/api/v1/knowledge", new { title = "太大", answer = new string('大', 600_000) })).ExpectProblem(413);
        var english = (await admin.PostRaw("/api/v1/knowledge", "{\"answer\":\"x\"}", "application/json", "en")).ExpectProblem(400, "title");
        Assert.Equal("Required.", english.Json.GetProperty("errors").GetProperty("title")[0].GetString());
        Assert.Equal(before, await app.Db(db => db.Articles.CountAsync()));

        var id = (await admin.Post("/api/v1/knowledge", new { title = "用于错误修改" + KnowledgeHttp.Word(), answer = "原文" })).Expect(201).Id;
        (await admin.Send(HttpMethod.Put, $"/api/v1/knowledge/{id}", new { title = "x", answer = "y" }, ifMatch: "version-one")).ExpectProblem(400, "If-Match");
        (await admin.Send(HttpMethod.Put, $"/api/v1/knowledge/{id}", new { title = "", answer = "y" }, ifMatch: "\"1\"")).ExpectProblem(400, "title");
        (await admin.Send(HttpMethod.Patch, $"/api/v1/knowledge/{id}", new { answer = " " })).ExpectProblem(400, "answer");
        (await admin.Send(HttpMethod.Put, $"/api/v1/knowledge/{Guid.NewGuid()}", new { title = "x", answer = "y" })).ExpectProblem(404);
        (await admin.Post($"/api/v1/knowledge/{Guid.NewGuid()}/deactivate")).ExpectProblem(404);
        (await admin.Get($"/api/v1/knowledge/{Guid.NewGuid()}")).ExpectProblem(404);
        (await admin.Get("/api/v1/knowledge/not-a-guid")).ExpectProblem(404);
        Assert.Equal("原文", (await admin.Get($"/api/v1/knowledge/{id}")).Expect(200).Str("answer"));
        Assert.Equal(1, (await admin.Get($"/api/v1/knowledge/{id}")).Expect(200)["version"].GetInt32());

        var agent = await app.AsAsync("agent");
        (await agent.Get("/api/v1/knowledge?limit=0")).ExpectProblem(400, "limit");
        (await agent.Get("/api/v1/knowledge?limit=51")).ExpectProblem(400, "limit");
        (await agent.Get("/api/v1/knowledge?categoryId=abc")).ExpectProblem(400, "categoryId");
        (await agent.Get($"/api/v1/knowledge?categoryId={Guid.NewGuid()}")).ExpectProblem(400, "categoryId");
        (await agent.Get("/api/v1/knowledge?cursor=%%%")).ExpectProblem(400, "cursor");
        (await agent.Get("/api/v1/knowledge?q=" + new string('长', 501))).ExpectProblem(400, "q");
        using var anonymous = app.Anonymous();
        (await anonymous.Get("/api/v1/knowledge")).ExpectProblem(401);
    }

    [Fact]
    public async Task Create_WithAnIdempotencyKey_RetriedCreatesOnce()
    {
        var admin = await app.AsAsync("admin");
        var word = KnowledgeHttp.Word();
        var key = Guid.NewGuid().ToString();
        var first = (await admin.Post("/api/v1/knowledge", new { title = "重试" + word, answer = "只建一次" }, idempotencyKey: key)).Expect(201);
        var again = (await admin.Post("/api/v1/knowledge", new { title = "重试" + word, answer = "只建一次" }, idempotencyKey: key)).Expect(201);
        Assert.Equal(first.Id, again.Id);
        Assert.Equal(1, await app.Db(db => db.Articles.CountAsync(a => a.Title == "重试" + word)));
    }

    [Theory]
    [InlineData("/api/v1/knowledge", "get", new[] { "q", "categoryId", "includeInactive", "limit", "cursor" })]
    [InlineData("/api/v1/knowledge", "post", new string[0])]
    [InlineData("/api/v1/knowledge/{id}", "put", new[] { "id" })]
    [InlineData("/api/v1/knowledge/{id}", "patch", new[] { "id" })]
    [InlineData("/api/v1/knowledge/{id}/deactivate", "post", new[] { "id" })]
    [InlineData("/api/v1/phrases", "get", new string[0])]
    [InlineData("/api/v1/phrases/{id}", "delete", new[] { "id" })]
    public async Task OpenApi_DescribesTheEndpoint(string path, string method, string[] parameters)
    {
        using var anonymous = app.Anonymous();
        var doc = (await anonymous.Get("/openapi/v1.json")).Expect(200);
        Assert.True(doc["paths"].TryGetProperty(path, out var item), $"{path} is not in the OpenAPI document");
        var operation = item.GetProperty(method);
        Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("summary").GetString()));
        var names = operation.TryGetProperty("parameters", out var p) ? p.EnumerateArray().Select(x => x.GetProperty("name").GetString()).ToList() : [];
        Assert.All(parameters, x => Assert.Contains(x, names));
    }
}

public sealed class ArticleTestsOnSqlite(SqliteApp app) : ArticleTests(app), IClassFixture<SqliteApp>;

public sealed class ArticleTestsOnPostgres(PostgresApp app) : ArticleTests(app), IClassFixture<PostgresApp>;
