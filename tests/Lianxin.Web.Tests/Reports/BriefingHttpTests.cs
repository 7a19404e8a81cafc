using System.Text.Json;
using Lianxin.Core.Reports;
using Lianxin.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace Lianxin.Web.Tests.Reports;

/// <summary>
/// 日报 and 月报 over HTTP on a known day, Monday 2026-11-23 (Shanghai): four orders registered on it, one answered on
/// the call. The briefing's figures are checked against the hand count, stored by the first read, refused for bad
/// dates; the workbooks (briefing, KPIs, the order export) are read back with MiniExcel and their figures checked.
/// </summary>
public abstract class BriefingHttpTests(LianxinApp app)
{
    private static readonly DateOnly Day = new(2026, 11, 23);
    private static readonly SemaphoreSlim Once = new(1, 1);
    private static readonly Dictionary<LianxinApp, Ids> Arranged = [];

    private sealed record Ids(Guid Drain, Guid Leak, Guid Web, Guid Answered);

    private static object Order(Guid categoryId, string channel, string demandType, string urgency, string title, string phone) => new
    {
        channel,
        demandType,
        urgency,
        requester = new { name = "张先生", phone, confidential = false, wantsReply = true },
        categoryId,
        regionCode = "330201001",
        address = "新华路 88 弄 3 号 502 室",
        title,
        description = "来电人反映的问题，请相关单位处理。",
    };

    /// <summary>The day's orders, once per app; then the clock moves to the next morning, 08:00.</summary>
    private async Task<Ids> ArrangeAsync()
    {
        await Once.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            if (Arranged.TryGetValue(app, out var done))
            {
                return done;
            }

            var agent = await app.AsAsync("agent");
            async Task<Guid> Register(object body) => (await agent.Post("/api/v1/work-orders", body)).Expect(201).Id;
            var drain = await Register(Order(app.Data.CategoryDrain, "phone", "help", "urgent", "楼道下水管堵塞", "13800000001"));
            var leak = await Register(Order(app.Data.CategoryLeak, "phone", "complaint", "critical", "主干管爆裂停水", "13800000002"));
            var web = await Register(Order(app.Data.CategoryLeak, "web", "consultation", "normal", "停水通知咨询", "13800000003"));
            var answered = await Register(Order(app.Data.CategoryDrain, "phone", "help", "normal", "疏通费用咨询", "13800000004"));
            (await agent.Post($"/api/v1/work-orders/{answered}/answer-directly", new { answer = "按物业收费标准执行，已告知来电人。" })).Expect(200);

            // Monday 10:00 → Tuesday 08:00 local.
            app.Clock.Advance(TimeSpan.FromHours(22));
            var ids = new Ids(drain, leak, web, answered);
            Arranged[app] = ids;
            return ids;
        }
        finally
        {
            Once.Release();
        }
    }

    private static int Count(JsonElement list, string key) =>
        list.EnumerateArray().Where(x => x.GetProperty("key").GetString() == key).Select(x => x.GetProperty("count").GetInt32()).SingleOrDefault();

    [Fact]
    public async Task Briefing_OfAKnownDay_CountsAsByHand_AndIsStored()
    {
        var ids = await ArrangeAsync();
        var boss = await app.AsAsync("supervisor");

        var b = (await boss.Get("/api/v1/reports/briefing?date=2026-11-23")).Expect(200);
        Assert.Equal("2026-11-23", b.Str("from"));
        var f = b["figures"];
        Assert.Equal(4, f.GetProperty("received").GetInt32());
        Assert.Equal(1, f.GetProperty("closed").GetInt32());
        Assert.Equal(1, f.GetProperty("answeredDirectly").GetInt32());
        Assert.Equal(0.25, f.GetProperty("closureRate").GetDouble(), 9);
        Assert.Equal(JsonValueKind.Null, f.GetProperty("satisfactionRate").ValueKind); // no visit: nothing to divide by

        Assert.Equal(3, Count(b["byChannel"], "phone"));
        Assert.Equal(1, Count(b["byChannel"], "web"));
        Assert.Equal(2, Count(b["byDemandType"], "help"));
        Assert.Equal(1, Count(b["byDemandType"], "complaint"));
        Assert.Equal(1, Count(b["byDemandType"], "consultation"));
        Assert.Equal(4, Count(b["byRegion"], "330201"));

        // Categories summed up to the top level: 房屋修缮 (管道堵塞 ×2) and 公用事业 (供水 / 漏水 ×2).
        var categories = b["byCategory"].EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("count").GetInt32());
        Assert.Equal(new Dictionary<string, int> { ["公用事业"] = 2, ["房屋修缮"] = 2 }, categories);
        Assert.All(b["topCategories"].EnumerateArray(), t =>
        {
            Assert.Equal(0, t.GetProperty("previousAverage").GetDouble());
            Assert.Equal(JsonValueKind.Null, t.GetProperty("change").ValueKind); // none the week before: no change to give
        });

        // 特急 before 紧急; the normal ones are not listed.
        Assert.Equal([ids.Leak, ids.Drain], b["mostUrgent"].EnumerateArray().Select(o => o.GetProperty("id").GetGuid()).ToArray());
        Assert.Equal("critical", b["mostUrgent"][0].GetProperty("urgency").GetString());
        Assert.Empty(b["mostRepeated"].EnumerateArray());

        // The last 8 days, the day last.
        var days = b["days"].EnumerateArray().ToList();
        Assert.Equal(8, days.Count);
        Assert.Equal(4, days[^1].GetProperty("received").GetInt32());
        Assert.Contains("受理 4 件", b.Str("summary"), StringComparison.Ordinal);

        // Stored by the first read; the default day is yesterday and gives the stored one.
        Assert.True(await app.Db(db => db.Set<StoredBriefing>().AnyAsync(s => s.Day == Day)));
        var again = (await boss.Get("/api/v1/reports/briefing")).Expect(200);
        Assert.Equal(b.Str("generatedAt"), again.Str("generatedAt"));

        // A later order of that day's... none: but a rebuild gives a new generation time.
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var rebuilt = (await boss.Get("/api/v1/reports/briefing?date=2026-11-23&refresh=true")).Expect(200);
        Assert.NotEqual(b.Str("generatedAt"), rebuilt.Str("generatedAt"));
        Assert.Equal(4, rebuilt["figures"].GetProperty("received").GetInt32());
    }

    [Fact]
    public async Task Briefing_BadOrFutureDate_IsRefusedByField_InBothLanguages()
    {
        await ArrangeAsync();
        var boss = await app.AsAsync("supervisor");
        var bad = (await boss.Get("/api/v1/reports/briefing?date=2026-13-01")).ExpectProblem(400, "date");
        Assert.Contains("yyyy-MM-dd", bad.Body, StringComparison.Ordinal);
        (await boss.Get("/api/v1/reports/briefing?date=2030-01-01")).ExpectProblem(400, "date");
        (await boss.Get("/api/v1/reports/briefing.xlsx?date=yesterday")).ExpectProblem(400, "date");
        (await boss.Get("/api/v1/reports/monthly?month=2026-1")).ExpectProblem(400, "month");
        (await boss.Get("/api/v1/reports/kpis.xlsx?from=2026-11-23&by=weather")).ExpectProblem(400, "by");

        var english = new HttpRequestMessage(HttpMethod.Get, "/api/v1/reports/briefing?date=2030-01-01");
        english.Headers.AcceptLanguage.ParseAdd("en");
        var en = await boss.Exchange(english);
        en.ExpectProblem(400, "date");
        Assert.Contains("future", en.Body, StringComparison.OrdinalIgnoreCase);

        // Call-takers do not read briefings.
        (await (await app.AsAsync("agent")).Get("/api/v1/reports/briefing?date=2026-11-23")).ExpectProblem(403);
    }

    [Fact]
    public async Task Monthly_HoldsTheDay_AndSaysTheUnionsLine()
    {
        await ArrangeAsync();
        var boss = await app.AsAsync("supervisor");
        var m = (await boss.Get("/api/v1/reports/monthly?month=2026-11")).Expect(200);
        Assert.Equal("2026-11-01", m.Str("from"));
        Assert.Equal("2026-11-30", m.Str("to"));
        Assert.Equal(4, m["figures"].GetProperty("received").GetInt32());
        Assert.Equal(30, m["days"].GetArrayLength());
        Assert.Matches(@"受理 4 件，办结 1 件（办结率 25\.0%）.*满意率 —", m.Str("summary"));
    }

    private async Task<Stream> XlsxAsync(string url)
    {
        var client = await app.AsAsync("supervisor");
        using var response = await client.GetAsync(url, TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        return new MemoryStream(bytes);
    }

    private static Dictionary<string, object?> Row(Stream book, string sheet, string column, string name)
    {
        book.Position = 0;
        var rows = book.Query(useHeaderRow: true, sheetName: sheet).Cast<IDictionary<string, object?>>().ToList();
        var row = rows.Single(r => Equals(r[column], name));
        return new Dictionary<string, object?>(row);
    }

    [Fact]
    public async Task BriefingXlsx_ReadBack_HasTheFigures()
    {
        await ArrangeAsync();
        using var book = await XlsxAsync("/api/v1/reports/briefing.xlsx?date=2026-11-23");
        Assert.Equal(["概况", "渠道", "诉求类型", "问题分类", "区域", "热点", "超期", "重复诉求", "紧急工单", "每日"], MiniExcel.GetSheetNames(book));
        Assert.Equal(4.0, Row(book, "概况", "指标", "受理")["数量"]);
        Assert.Equal(1.0, Row(book, "概况", "指标", "办结")["数量"]);
        Assert.Equal(0.25, (double)Row(book, "概况", "指标", "办结率")["比率"]!, 9);
        Assert.Null(Row(book, "概况", "指标", "满意率")["比率"]); // no denominator: an empty cell, not 0
        Assert.Equal(3.0, Row(book, "渠道", "渠道", "电话")["受理量"]);
        Assert.Equal(2.0, Row(book, "问题分类", "问题分类", "公用事业")["受理量"]);
        book.Position = 0;
        Assert.Equal(2, book.Query(useHeaderRow: true, sheetName: "紧急工单").Count());
    }

    [Fact]
    public async Task KpisXlsx_ReadBack_EqualsTheJson()
    {
        await ArrangeAsync();
        var json = (await (await app.AsAsync("supervisor")).Get("/api/v1/reports/kpis?from=2026-11-23&to=2026-11-23")).Expect(200);
        using var book = await XlsxAsync("/api/v1/reports/kpis.xlsx?from=2026-11-23&to=2026-11-23");
        Assert.Equal(["合计", "按单位", "按分类", "按区域", "按渠道", "按诉求类型"], MiniExcel.GetSheetNames(book));
        var total = Row(book, "合计", "中心", "中心");
        Assert.Equal((double)json["received"].GetInt32(), total["受理"]);
        Assert.Equal(4.0, total["受理"]);
        Assert.Equal(json["closureRate"].GetDouble(), (double)total["办结率"]!, 9);
        Assert.Equal(3.0, Row(book, "按渠道", "渠道", "电话")["受理"]);

        using var one = await XlsxAsync("/api/v1/reports/kpis.xlsx?from=2026-11-23&to=2026-11-23&by=channel");
        Assert.Equal(["合计", "按渠道"], MiniExcel.GetSheetNames(one));
    }

    [Fact]
    public async Task OrderExportXlsx_HasTheCsvsRowsAndColumns()
    {
        await ArrangeAsync();
        var client = await app.AsAsync("supervisor");
        var csv = (await client.Get("/api/v1/work-orders/export.csv?from=2026-11-23&to=2026-11-23")).Expect(200);
        var records = Lianxin.Core.Common.Csv.Parse(csv.Body.TrimStart('\uFEFF'));
        using var book = await XlsxAsync("/api/v1/work-orders/export.xlsx?from=2026-11-23&to=2026-11-23");
        var rows = book.Query(useHeaderRow: true, sheetName: "工单").Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(records.Count - 1, rows.Count);
        Assert.Equal(4, rows.Count);
        Assert.Equal(records[0].Fields, rows[0].Keys.ToList());
        Assert.Equal(records[1].Fields[0], rows[0]["工单编号"]);
        Assert.Contains(rows, r => Equals(r["标题"], "主干管爆裂停水") && Equals(r["紧急程度"], "特急"));
    }
}

public sealed class BriefingHttpTestsOnSqlite(SqliteApp app) : BriefingHttpTests(app), IClassFixture<SqliteApp>;

public sealed class BriefingHttpTestsOnPostgres(PostgresApp app) : BriefingHttpTests(app), IClassFixture<PostgresApp>;
