using Lianxin.Core.Common;
using Lianxin.Web.Tests.Infrastructure;

namespace Lianxin.Web.Tests.WorkOrders;

/// <summary>导出: the list as a spreadsheet, with the same visibility and masking as the list.</summary>
public abstract class ExportTests(LianxinApp app)
{
    private readonly Orders _orders = new(app);

    private static List<CsvRecord> Parse(ApiResponse response)
    {
        Assert.Equal("text/csv", response.ContentHeaders?.ContentType?.MediaType);
        var text = response.Body.TrimStart('\uFEFF');
        return Csv.Parse(text).ToList();
    }

    [Fact]
    public async Task Export_ForAUnit_OnlyItsOrders_ConfidentialMasked_FormulasDefused()
    {
        var phone = "1391234" + Random.Shared.Next(1000, 9999);
        var body = Orders.NewOrder(app.Data.CategoryLeak, phone: phone, title: "=HYPERLINK(\"http://x\")", confidential: true);
        var mine = await _orders.RegisteredAsync(body);
        await _orders.DispatchAsync(mine, app.Data.Water);
        var other = await _orders.DispatchedAsync(app.Data.Heating);

        var water = await app.AsAsync("water");
        var bytes = await water.GetByteArrayAsync("/api/v1/work-orders/export.csv");
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]); // Excel reads UTF-8 only with the BOM
        var forUnit = (await water.Get("/api/v1/work-orders/export.csv")).Expect(200);
        var rows = Parse(forUnit);
        Assert.Equal("工单编号", rows[0].Fields[0]);
        var numbers = rows.Skip(1).Select(r => r.Fields[0]).ToList();
        Assert.Contains((await _orders.GetAsync(mine)).Str("number"), numbers);
        Assert.DoesNotContain((await _orders.GetAsync(other)).Str("number"), numbers);
        var row = rows.Single(r => r.Fields.Contains("'=HYPERLINK(\"http://x\")"));
        Assert.Contains(row.Fields, f => f.Contains("****", StringComparison.Ordinal));
        Assert.DoesNotContain(row.Fields, f => f == phone);

        var forCentre = Parse((await (await app.AsAsync("dispatcher")).Get($"/api/v1/work-orders/export.csv?phone={phone}")).Expect(200));
        var centreRow = Assert.Single(forCentre.Skip(1));
        Assert.Contains(phone, centreRow.Fields);
        Assert.Contains("电话", centreRow.Fields);
        Assert.Contains("求助", centreRow.Fields);
    }

    [Fact]
    public async Task Export_InEnglish_AndBadFilters()
    {
        var client = await app.AsAsync("supervisor");
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/work-orders/export.csv?status=registered");
        request.Headers.AcceptLanguage.ParseAdd("en");
        var english = Parse((await client.Exchange(request)).Expect(200));
        Assert.Equal("Number", english[0].Fields[0]);

        (await client.Get("/api/v1/work-orders/export.csv?status=bogus")).ExpectProblem(400, "status");
        (await client.Get("/api/v1/work-orders/export.csv?deadline=soon")).ExpectProblem(400, "deadline");
        (await client.Get("/api/v1/work-orders/export.csv?from=yesterday")).ExpectProblem(400, "from");
        using var anonymous = app.Anonymous();
        (await anonymous.Get("/api/v1/work-orders/export.csv")).ExpectProblem(401);
    }
}

public sealed class ExportTestsOnSqlite(SqliteApp app) : ExportTests(app), IClassFixture<SqliteApp>;

public sealed class ExportTestsOnPostgres(PostgresApp app) : ExportTests(app), IClassFixture<PostgresApp>;
