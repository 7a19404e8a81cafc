using System.IO.Compression;
using System.Net;
using Microsoft.Playwright;

namespace Lianxin.Browser.Tests;

/// <summary>
/// A new user's first minute: <c>dotnet run</c> as README.md says, then the pages in Chromium. Checks what
/// the browser computed from app.css, not only that HTML arrived: an empty stylesheet still answers 200.
/// </summary>
[Collection(ReadmeRunGroup.Name)]
public sealed class ReadmeRunTests(ReadmeRunApp app, ITestOutputHelper output)
{
    [Fact]
    public async Task DotnetRun_AsTheReadmeSays_PagesAreStyledAndAssetsHaveBodies()
    {
        try
        {
            var page = await app.NewPageAsync();
            var brokenAssets = new List<string>();
            page.Response += (_, r) =>
            {
                if (r.Request.ResourceType is "stylesheet" or "script" && r.Status >= 400)
                {
                    brokenAssets.Add($"{r.Status} {r.Url}");
                }
            };

            await page.GotoAsync(app.BaseUrl + "/login");
            await BrowserApp.ScreenshotAsync(page, "readme-run-login");
            // Values only app.css sets: unstyled, the body is transparent and the form as wide as the window.
            Assert.Equal("rgb(246, 248, 250)", await ComputedAsync(page, "body", "backgroundColor"));
            Assert.Equal("340px", await ComputedAsync(page, "section.login", "maxWidth"));
            var assets = await ReferencedAssetsAsync(page);

            await BrowserApp.SignInAsync(page, app.BaseUrl, "dispatcher");
            await page.WaitForSelectorAsync("#orders tbody tr");
            await BrowserApp.ScreenshotAsync(page, "readme-run-orders");
            Assert.Equal("rgb(15, 37, 64)", await ComputedAsync(page, "header.topbar", "backgroundColor"));
            Assert.Equal("flex", await ComputedAsync(page, "header.topbar", "display"));
            Assert.Equal("collapse", await ComputedAsync(page, "#orders", "borderCollapse"));
            Assert.Empty(brokenAssets);

            // What a browser asks for, byte by byte: with Accept-Encoding the app may answer a precompressed
            // variant, which must decode to the very file (it was an empty 200). The framework's script is
            // checked too: the interactive console will load it (it was a 500 under dotnet run).
            assets.UnionWith(await ReferencedAssetsAsync(page));
            assets.Add(app.BaseUrl + "/app.css");
            assets.Add(app.BaseUrl + "/_framework/blazor.web.js");
            using var http = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None });
            foreach (var url in assets.Where(u => u.StartsWith(app.BaseUrl + "/", StringComparison.Ordinal)))
            {
                var plain = await FetchAsync(http, url, null);
                var decoded = await FetchAsync(http, url, "gzip, br");
                Assert.True(plain.AsSpan().SequenceEqual(decoded), $"{url} with Accept-Encoding: gzip, br decodes to other bytes than without");
            }

            var css = await FetchAsync(http, app.BaseUrl + "/app.css", "gzip, br");
            Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(app.RepositoryRoot, "src/Lianxin.Web/wwwroot/app.css")), css);
        }
        catch (Exception)
        {
            output.WriteLine("--- output of dotnet run ---");
            output.WriteLine(app.Output);
            throw;
        }
    }

    private static Task<string> ComputedAsync(IPage page, string selector, string property) =>
        page.EvalOnSelectorAsync<string>(selector, $"e => getComputedStyle(e).{property}");

    private static async Task<HashSet<string>> ReferencedAssetsAsync(IPage page) =>
        [.. await page.EvaluateAsync<string[]>("[...document.querySelectorAll('link[rel=stylesheet][href], script[src]')].map(e => e.href || e.src)")];

    /// <summary>The body of a 200 response, decoded by hand so that the test sees what was on the wire.</summary>
    private static async Task<byte[]> FetchAsync(HttpClient http, string url, string? acceptEncoding)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (acceptEncoding is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        }

        using var response = await http.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} (Accept-Encoding: {acceptEncoding ?? "none"}) answered {(int)response.StatusCode}");
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.True(body.Length > 0, $"{url} (Accept-Encoding: {acceptEncoding ?? "none"}) answered 200 with an empty body");
        var encoding = response.Content.Headers.ContentEncoding.SingleOrDefault();
        Stream? decoder = encoding switch
        {
            null => null,
            "gzip" => new GZipStream(new MemoryStream(body), CompressionMode.Decompress),
            "br" => new BrotliStream(new MemoryStream(body), CompressionMode.Decompress),
            _ => throw new InvalidOperationException($"{url}: unexpected Content-Encoding {encoding}"),
        };
        if (decoder is null)
        {
            return body;
        }

        await using (decoder)
        {
            using var decoded = new MemoryStream();
            await decoder.CopyToAsync(decoded);
            return decoded.ToArray();
        }
    }
}
