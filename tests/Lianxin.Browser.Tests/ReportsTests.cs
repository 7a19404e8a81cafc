using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Lianxin.Browser.Tests;

/// <summary>The reports in Chromium: the briefing with its charts, one click from a figure to its orders, printing on A4.</summary>
public sealed partial class ReportsTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static string Today() =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(TimeProvider.System.GetUtcNow().UtcDateTime, DateTimeKind.Utc),
            TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"))).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Briefing_FigureOpensItsOrders_AsManyAsTheFigureSays_AndPrintsOnA4()
    {
        // Today's briefing of the demo centre (built live, since the day is not over).
        var page = await app.SignedInAsync("supervisor");
        var errors = new List<string>();
        page.Console += (_, m) =>
        {
            if (m.Type == "error")
            {
                errors.Add(m.Text);
            }
        };
        page.PageError += (_, e) => errors.Add(e);
        await page.GotoAsync($"{app.BaseUrl}/reports/briefing?date={Today()}");
        await page.WaitForSelectorAsync("#briefing-kpis");
        try
        {
            await page.WaitForSelectorAsync(".chart svg, .chart canvas"); // ECharts drew: the bundled script was served and ran
        }
        catch (TimeoutException ex)
        {
            await BrowserApp.ScreenshotAsync(page, "briefing-no-chart");
            throw new TimeoutException("No chart; the browser said: " + string.Join(" | ", errors), ex);
        }

        await page.WaitForFunctionAsync("() => document.querySelectorAll('.chart svg, .chart canvas').length >= 3");
        Assert.Empty(errors);
        await BrowserApp.ScreenshotAsync(page, "briefing");

        // One click from the number to the list of its orders; the list holds exactly that many.
        var received = page.Locator("#tile-received a");
        var figure = int.Parse(await received.InnerTextAsync(), CultureInfo.InvariantCulture);
        Assert.True(figure > 0, "the demo registers orders today");
        await received.ClickAsync();
        await page.WaitForURLAsync("**/reports/orders?figure=received*");
        var total = await page.WaitForSelectorAsync("#drill-total");
        Assert.Equal(figure, int.Parse(await total!.InnerTextAsync(), CultureInfo.InvariantCulture));
        Assert.Equal(Math.Min(figure, 50), await page.Locator("#drill-orders tbody tr").CountAsync());
        await BrowserApp.ScreenshotAsync(page, "briefing-drill");

        // A breakdown's figure too: the phone orders of the day.
        await page.GoBackAsync();
        var phone = await page.WaitForSelectorAsync("#channel-phone");
        var phones = int.Parse(await phone!.InnerTextAsync(), CultureInfo.InvariantCulture);
        await phone.ClickAsync();
        await page.WaitForURLAsync("**by=channel&key=phone*");
        await page.WaitForFunctionAsync("n => document.querySelector('#drill-total')?.textContent?.trim() === String(n)", phones);

        // The row opens the order.
        var first = page.Locator("#drill-orders tbody tr a[data-open]").First;
        var number = await first.InnerTextAsync();
        await first.ClickAsync();
        await page.WaitForURLAsync("**/orders/*");
        await page.WaitForSelectorAsync($"text={number}");

        // ← goes to the day before, by key.
        await page.GotoAsync($"{app.BaseUrl}/reports/briefing?date={Today()}");
        await page.WaitForSelectorAsync("#briefing-kpis");
        await page.Keyboard.PressAsync("ArrowLeft");
        var yesterday = DateOnly.ParseExact(Today(), "yyyy-MM-dd", CultureInfo.InvariantCulture).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await page.WaitForURLAsync($"**date={yesterday}");
        await page.WaitForFunctionAsync("d => document.querySelector('#briefing-date')?.value === d && !!document.querySelector('#briefing-generated')", yesterday);

        // Print: the console's chrome is hidden, and the briefing fits a few A4 pages.
        await page.GotoAsync($"{app.BaseUrl}/reports/briefing?date={Today()}");
        await page.WaitForSelectorAsync(".chart svg, .chart canvas");
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        Assert.False(await page.IsVisibleAsync(".topbar"));
        Assert.False(await page.IsVisibleAsync("nav.side"));
        Assert.False(await page.IsVisibleAsync("#briefing-prev"));
        Assert.True(await page.IsVisibleAsync("#briefing-summary"));
        await page.SetViewportSizeAsync(794, 1123); // A4 at 96 dpi, to look at the print layout
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserApp.ScreenshotDirectory, "briefing-print.png"), FullPage = true });
        await page.SetViewportSizeAsync(1366, 768);
        var pdf = await page.PdfAsync(new PagePdfOptions { Format = "A4", PrintBackground = true });
        await File.WriteAllBytesAsync(Path.Combine(BrowserApp.ScreenshotDirectory, "briefing.pdf"), pdf);
        var pages = PdfPage().Count(System.Text.Encoding.Latin1.GetString(pdf));
        Assert.InRange(pages, 1, 3);
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Screen });

        // The other report pages, as a leader opens them.
        await page.GotoAsync($"{app.BaseUrl}/reports?by=channel");
        await page.WaitForSelectorAsync("#report-table");
        await page.WaitForSelectorAsync(".chart svg, .chart canvas");
        await BrowserApp.ScreenshotAsync(page, "reports");
        await page.GotoAsync($"{app.BaseUrl}/reports/ranking");
        await page.WaitForSelectorAsync("#rank-weights");
        await BrowserApp.ScreenshotAsync(page, "ranking");
        await page.GotoAsync($"{app.BaseUrl}/reports/monthly");
        await page.WaitForSelectorAsync("#briefing-kpis");
        await page.WaitForSelectorAsync(".chart svg, .chart canvas");
        await BrowserApp.ScreenshotAsync(page, "monthly");
    }

    [GeneratedRegex(@"/Type\s*/Page(?!s)")]
    private static partial Regex PdfPage();
}
