using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Lianxin.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Lianxin.Web.Tests.Organization;

/// <summary>CSV export and import of the category and region trees: Excel-friendly files, all-or-nothing imports with a row-by-row report.</summary>
public abstract class TreeCsvTests(LianxinApp app)
{
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    /// <summary>Unique per test: region codes and root names carry it, so tests sharing the app never collide.</summary>
    private readonly string _tag = "C" + Guid.NewGuid().ToString("N")[..8];

    private Task<int> CountRegions() => app.Db(db => db.Regions.CountAsync());

    private Task<int> CountCategories() => app.Db(db => db.Categories.CountAsync());

    private async Task<ApiResponse> Import(string tree, string csv, string user = "admin", string contentType = "text/csv", string? acceptLanguage = null) =>
        await ImportBytes(tree, Encoding.UTF8.GetBytes(csv), user, contentType, acceptLanguage);

    private async Task<ApiResponse> ImportBytes(string tree, byte[] body, string user = "admin", string contentType = "text/csv", string? acceptLanguage = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/{tree}/import") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (acceptLanguage is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(acceptLanguage);
        }

        return await (await app.AsAsync(user)).Exchange(request);
    }

    private async Task<(HttpResponseMessage Response, byte[] Body)> Export(string tree, string user = "admin")
    {
        var response = await (await app.AsAsync(user)).GetAsync($"/api/v1/{tree}/export.csv");
        return (response, await response.Content.ReadAsByteArrayAsync());
    }

    private async Task<Dictionary<string, JsonElement>> RegionsByCode() =>
        (await (await app.AsAsync("admin")).Get("/api/v1/regions?includeInactive=true")).Expect(200).Json.EnumerateArray()
            .ToDictionary(r => r.GetProperty("code").GetString()!);

    private async Task<Guid> Region(string name, string code, Guid? parentId = null) =>
        (await (await app.AsAsync("admin")).Post("/api/v1/regions", new { name, code, parentId })).Expect(201).Id;

    private static void Counts(ApiResponse r, int rows, int created, int updated, int unchanged) =>
        Assert.Equal((rows, created, updated, unchanged), (r["rows"].GetInt32(), r["created"].GetInt32(), r["updated"].GetInt32(), r["unchanged"].GetInt32()));

    [Fact]
    public async Task Export_Regions_IsUtf8WithBom_HeaderFirst_ParentsBeforeChildren()
    {
        var (response, body) = await Export("regions");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Equal("regions.csv", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal(Bom, body[..3]);
        var lines = Encoding.UTF8.GetString(body[3..]).Split("\r\n");
        Assert.Equal("code,name,parentCode,path,active", lines[0]);
        var district = Array.IndexOf(lines, "330201,江北区,,江北区,true");
        var street = Array.IndexOf(lines, "330201001,新华路街道,330201,江北区 / 新华路街道,true");
        var community = Array.IndexOf(lines, "330201001001,和平社区,330201001,江北区 / 新华路街道 / 和平社区,true");
        Assert.True(district > 0 && district < street && street < community, string.Join("\n", lines));
        Assert.Equal("", lines[^1]);
    }

    [Fact]
    public async Task Export_Categories_QuotesNamesWithCommasAndQuotes()
    {
        var admin = await app.AsAsync("admin");
        var root = (await admin.Post("/api/v1/categories", new { name = $"水电{_tag}", code = _tag })).Expect(201).Id;
        (await admin.Post("/api/v1/categories", new { name = "水, \"电\"", code = _tag + "01", parentId = root })).Expect(201);

        var text = Encoding.UTF8.GetString((await Export("categories")).Body);
        Assert.Contains($"{_tag}01,\"水, \"\"电\"\"\",{_tag},\"水电{_tag} / 水, \"\"电\"\"\",true\r\n", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("regions")]
    [InlineData("categories")]
    public async Task Export_ThenImport_ChangesNothing(string tree)
    {
        // The baseline's categories have no codes: such rows are matched by their path and kept as they are.
        var (_, body) = await Export(tree);
        var rows = Encoding.UTF8.GetString(body).Split("\r\n").Length - 2;
        var before = (await (await app.AsAsync("admin")).Get($"/api/v1/{tree}?includeInactive=true")).Expect(200).Body;

        var result = (await ImportBytes(tree, body)).Expect(200);

        Counts(result, rows, 0, 0, rows);
        Assert.Equal(before, (await (await app.AsAsync("admin")).Get($"/api/v1/{tree}?includeInactive=true")).Expect(200).Body);
    }

    [Fact]
    public async Task Import_CreatesRenamesAndMovesByCode_ParentsAnywhereInTheFile()
    {
        var t = _tag;
        var a = await Region($"甲区{t}", t + "1");
        var b = await Region("乙街道", t + "2", a);
        await Region("丙社区", t + "6", b);
        var csv = $"""
            code,name,parentCode
            {t}1,甲区改名{t},
            {t}3,新区{t},
            {t}2,乙街道,{t}3
            {t}4,丁社区,{t}5
            {t}5,戊街道,{t}1
            """;

        var result = (await Import("regions", csv)).Expect(200);

        Counts(result, 5, 3, 2, 0);
        var regions = await RegionsByCode();
        Assert.Equal($"甲区改名{t}", regions[t + "1"].GetProperty("path").GetString());
        Assert.Equal($"新区{t} / 乙街道", regions[t + "2"].GetProperty("path").GetString());
        Assert.Equal($"新区{t} / 乙街道 / 丙社区", regions[t + "6"].GetProperty("path").GetString());
        Assert.Equal(2, regions[t + "6"].GetProperty("depth").GetInt32());
        Assert.Equal($"甲区改名{t} / 戊街道 / 丁社区", regions[t + "4"].GetProperty("path").GetString());

        // The same file again: nothing left to do.
        Counts((await Import("regions", csv)).Expect(200), 5, 0, 0, 5);
    }

    [Fact]
    public async Task Import_RetriedWithTheSameIdempotencyKey_ImportsOnce()
    {
        var csv = $"code,name\r\n{_tag}1,重试区{_tag}\r\n";
        async Task<ApiResponse> Send()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/regions/import") { Content = new StringContent(csv, Encoding.UTF8, "text/csv") };
            request.Headers.Add("Idempotency-Key", "import-" + _tag);
            return await (await app.AsAsync("admin")).Exchange(request);
        }

        var before = await CountRegions();
        Counts((await Send()).Expect(200), 1, 1, 0, 0);
        var again = (await Send()).Expect(200);
        Counts(again, 1, 1, 0, 0);
        Assert.True(again.Headers.TryGetValues("Idempotent-Replayed", out _));
        Assert.Equal(before + 1, await CountRegions());
    }

    [Fact]
    public async Task Import_QuotedFieldsWithCommasQuotesAndLineBreaks_AndActiveColumn()
    {
        var t = _tag;
        var csv = "\uFEFFcode,path,name,parentCode,active\r\n"
            + $"{t}1,\"多行\r\n路径, 会被忽略\",\"和平, 北区{t}\",,true\r\n"
            + $"{t}2,,\"“阳光”小区 \"\"一期\"\"\",{t}1,否\r\n";

        Counts((await Import("regions", csv)).Expect(200), 2, 2, 0, 0);

        var regions = await RegionsByCode();
        Assert.Equal($"和平, 北区{t}", regions[t + "1"].GetProperty("name").GetString());
        Assert.Equal("“阳光”小区 \"一期\"", regions[t + "2"].GetProperty("name").GetString());
        Assert.False(regions[t + "2"].GetProperty("isActive").GetBoolean());
    }

    [Fact]
    public async Task Import_BadRows_Is400RowByRow_AndImportsNothing()
    {
        var t = _tag;
        var existing = await Region($"旧区{t}", t + "0");
        var before = await CountRegions();
        var csv = $"""
            code,name,parentCode,active
            {t}1,,,
            {t}2,好街道,NOPE{t},
            {t}1,重复,,
            {t}4,{new string('长', 101)},,
            {t}5,少一列
            {t}6,错的状态,,maybe
            {t}7,正常的一行{t},,
            ,无编码,,
            {t}9,{new string('码', 1)},{new string('9', 33)},
            """;

        var response = (await Import("regions", csv)).ExpectProblem(400);

        string[] expected = ["rows[2].name", "rows[3].parentCode", "rows[4].code", "rows[5].name", "rows[6]", "rows[7].active", "rows[9].code", "rows[10].parentCode"];
        Assert.Equal(expected.Order(StringComparer.Ordinal), response["errors"].EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        var rows = response["rows"].EnumerateArray().ToList();
        Assert.Equal([2, 3, 4, 5, 6, 7, 9, 10], rows.Select(r => r.GetProperty("row").GetInt32()));
        Assert.Contains("第 2 行", rows.Single(r => r.GetProperty("row").GetInt32() == 4).GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, rows.Single(r => r.GetProperty("row").GetInt32() == 6).GetProperty("column").ValueKind);
        Assert.Contains("未导入", response.Str("detail"), StringComparison.Ordinal);

        Assert.Equal(before, await CountRegions());
        Assert.False((await RegionsByCode()).ContainsKey(t + "7"));
        Assert.Equal($"旧区{t}", (await (await app.AsAsync("admin")).Get($"/api/v1/regions/{existing}")).Expect(200).Str("name"));

        var en = (await Import("regions", csv, acceptLanguage: "en")).ExpectProblem(400);
        Assert.Contains("nothing was imported", en.Str("detail"), StringComparison.Ordinal);
        Assert.Equal("Required.", en["errors"].GetProperty("rows[2].name")[0].GetString());
    }

    [Fact]
    public async Task Import_Cycles_Are400()
    {
        var t = _tag;
        var a = await Region($"上级{t}", t + "A");
        await Region("下级", t + "B", a);
        var before = await CountRegions();

        var inFile = (await Import("regions", $"code,name,parentCode\r\n{t}X,甲,{t}Y\r\n{t}Y,乙,{t}X\r\n")).ExpectProblem(400);
        Assert.Equal(["rows[2].parentCode", "rows[3].parentCode"], inFile["errors"].EnumerateObject().Select(e => e.Name));
        Assert.Contains("循环", inFile["rows"][0].GetProperty("message").GetString(), StringComparison.Ordinal);

        (await Import("regions", $"code,name,parentCode\r\n{t}A,上级{t},{t}B\r\n")).ExpectProblem(400, "rows[2].parentCode");
        (await Import("regions", $"code,name,parentCode\r\n{t}A,上级{t},{t}A\r\n")).ExpectProblem(400, "rows[2].parentCode");
        Assert.Equal(before, await CountRegions());
        Assert.Equal($"上级{t}", (await RegionsByCode())[t + "A"].GetProperty("path").GetString());
    }

    [Fact]
    public async Task Import_SiblingNameClashOrNewNodeUnderDeactivatedParent_Is400()
    {
        var t = _tag;
        var parent = await Region($"父区{t}", t + "P");
        await Region("同名街道", t + "S", parent);
        (await Import("regions", $"code,name,parentCode\r\n{t}N,同名街道,{t}P\r\n")).ExpectProblem(400, "rows[2].name");

        // Two rows of the file may not collide either, but swapping two names is fine.
        (await Import("regions", $"code,name,parentCode\r\n{t}N,新街道,{t}P\r\n{t}M,新街道,{t}P\r\n")).ExpectProblem(400, "rows[3].name");
        (await Import("regions", $"code,name,parentCode\r\n{t}N,新街道,{t}P\r\n{t}S,另一街道,{t}P\r\n")).Expect(200);
        Counts((await Import("regions", $"code,name,parentCode\r\n{t}N,另一街道,{t}P\r\n{t}S,新街道,{t}P\r\n")).Expect(200), 2, 0, 2, 0);

        (await (await app.AsAsync("admin")).Patch($"/api/v1/regions/{parent}", new { isActive = false })).Expect(200);
        (await Import("regions", $"code,name,parentCode\r\n{t}Q,又一街道,{t}P\r\n")).ExpectProblem(400, "rows[2].parentCode");
    }

    [Fact]
    public async Task Import_CodelessCategoryRow_IsKeptButCannotChange()
    {
        var admin = await app.AsAsync("admin");
        var root = (await admin.Post("/api/v1/categories", new { name = $"无编码{_tag}" })).Expect(201).Id;
        (await admin.Post("/api/v1/categories", new { name = "有编码", code = _tag + "1", parentId = root })).Expect(201);
        var before = await CountCategories();

        Counts((await Import("categories", $"code,name,parentCode,path\r\n,无编码{_tag},,无编码{_tag}\r\n{_tag}1,改名了,,\r\n")).Expect(200), 2, 0, 1, 1);
        var child = (await admin.Get("/api/v1/categories")).Expect(200).Json.EnumerateArray().Single(c => c.GetProperty("code").GetString() == _tag + "1");
        Assert.Equal($"无编码{_tag} / 改名了", child.GetProperty("path").GetString());

        (await Import("categories", $"code,name,parentCode,path\r\n,新名字,,无编码{_tag}\r\n")).ExpectProblem(400, "rows[2].code");
        (await Import("categories", $"code,name,parentCode,path\r\n,不存在,,不存在{_tag}\r\n")).ExpectProblem(400, "rows[2].code");
        Assert.Equal(before, await CountCategories());
    }

    public static TheoryData<string, string> NotCsv => new()
    {
        { "unclosedQuote", "rows[3]" },
        { "strayQuote", "rows[2]" },
        { "zipFile", "rows[1]" },
        { "gbk", "rows[2]" },
        { "empty", "rows[1]" },
        { "json", "rows[1]" },
        { "noCodeColumn", "rows[1].code" },
        { "duplicateColumn", "rows[1].NAME" },
    };

    [Theory]
    [MemberData(nameof(NotCsv))]
    public async Task Import_FileThatIsNotCsv_Is400AndImportsNothing(string kind, string field)
    {
        var t = _tag;
        var body = kind switch
        {
            "unclosedQuote" => Encoding.UTF8.GetBytes($"code,name\r\n{t}1,好\r\n{t}2,\"坏\r\n"),
            "strayQuote" => Encoding.UTF8.GetBytes($"code,name\r\n{t}1,坏\"名\r\n"),
            "zipFile" => [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00],
            "gbk" => [.. Encoding.UTF8.GetBytes($"code,name\n{t}1,"), 0xBD, 0xAD, 0xB1, 0xB1, (byte)'\n'],
            "empty" => [],
            "json" => Encoding.UTF8.GetBytes("{\"name\":\"x\"}"),
            "noCodeColumn" => Encoding.UTF8.GetBytes("name,parentCode\r\n甲,\r\n"),
            "duplicateColumn" => Encoding.UTF8.GetBytes($"code,name,NAME\r\n{t}1,甲,乙\r\n"),
            _ => throw new InvalidOperationException(kind),
        };
        var before = await CountRegions();
        (await ImportBytes("regions", body)).ExpectProblem(400, field);
        Assert.Equal(before, await CountRegions());
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("text/plain")]
    [InlineData("text/csv; charset=gbk")]
    public async Task Import_WrongContentType_Is415(string contentType)
    {
        var response = (await Import("regions", $"code,name\r\n{_tag}1,甲{_tag}\r\n", contentType: contentType)).ExpectProblem(415);
        Assert.Contains("text/csv", response.Str("detail"), StringComparison.Ordinal);
        Assert.False((await RegionsByCode()).ContainsKey(_tag + "1"));
    }

    [Fact]
    public async Task Import_HugeFile_Is413AndImportsNothing()
    {
        var before = await CountRegions();
        var big = new StringBuilder("code,name\r\n");
        for (var i = 0; big.Length < 1_200_000; i++)
        {
            big.Append(_tag).Append(i).Append(",区域").Append(i).Append("\r\n");
        }

        // As curl and browsers do with a large body: wait for the server's go-ahead, so its early 413 does
        // not race the upload (the server closes the connection without reading the body).
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/regions/import") { Content = new StringContent(big.ToString(), Encoding.UTF8, "text/csv") };
        request.Headers.ExpectContinue = true;
        (await (await app.AsAsync("admin")).Exchange(request)).ExpectProblem(413);
        Assert.Equal(before, await CountRegions());
    }

    [Theory]
    [InlineData("agent")]
    [InlineData("dispatcher")]
    [InlineData("supervisor")]
    [InlineData("visitor")]
    [InlineData("water")]
    public async Task ImportAndExport_NonAdmin_Is403(string user)
    {
        var before = await CountCategories();
        (await Import("categories", $"code,name\r\n{_tag},甲{_tag}\r\n", user)).ExpectProblem(403);
        (await Import("regions", $"code,name\r\n{_tag},甲{_tag}\r\n", user)).ExpectProblem(403);
        Assert.Equal(before, await CountCategories());
        Assert.Equal(403, (int)(await Export("categories", user)).Response.StatusCode);
        Assert.Equal(403, (int)(await Export("regions", user)).Response.StatusCode);
    }

    [Fact]
    public async Task ImportAndExport_WithoutToken_Are401()
    {
        using var anonymous = app.Anonymous();
        (await anonymous.Get("/api/v1/categories/export.csv")).ExpectProblem(401);
        (await anonymous.Get("/api/v1/regions/export.csv")).ExpectProblem(401);
        (await anonymous.PostRaw("/api/v1/categories/import", "code,name\r\n", "text/csv")).ExpectProblem(401);
        (await anonymous.PostRaw("/api/v1/regions/import", "code,name\r\n", "text/csv")).ExpectProblem(401);
    }
}

public sealed class TreeCsvTestsOnSqlite(SqliteApp app) : TreeCsvTests(app), IClassFixture<SqliteApp>;

public sealed class TreeCsvTestsOnPostgres(PostgresApp app) : TreeCsvTests(app), IClassFixture<PostgresApp>;
