using System.Security.Claims;
using System.Text;
using Lianxin.Core.Common;
using Lianxin.Core.Data;
using Lianxin.Core.Identity;
using Lianxin.Core.Organization;
using Lianxin.Web.Api;
using Lianxin.Web.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using Microsoft.OpenApi;

namespace Lianxin.Web.Organization;

public sealed record TreeImportResponse(int Rows, int Created, int Updated, int Unchanged);

public sealed record ImportIssueResponse(int Row, string? Column, string Message);

/// <summary>
/// CSV export and import of the category and region trees, for admins who keep them in a spreadsheet.
/// Files are UTF-8 with a byte-order mark, which Excel in a Chinese locale needs to read them as UTF-8
/// rather than GBK.
/// </summary>
public static class TreeCsvEndpoints
{
    public const string MediaType = "text/csv";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static IEndpointRouteBuilder MapTreeCsvEndpoints(this IEndpointRouteBuilder app)
    {
        Map<Category>(app, "categories", "Categories", (id, code, name, parent, now) => new Category(id, name, code, parent, now));
        Map<Region>(app, "regions", "Regions", (id, code, name, parent, now) => new Region(id, name, code, parent, now));
        return app;
    }

    private static void Map<T>(IEndpointRouteBuilder app, string route, string tag, ImportTree<T>.Factory create)
        where T : TreeNode
    {
        var group = app.MapGroup($"/api/v1/{route}").WithTags(tag).RequireAuthorization();

        group.MapGet("/export.csv", async (ClaimsPrincipal principal, LianxinDbContext db, CancellationToken ct) =>
        {
            principal.ToActor().Require(Role.Admin, new Text("导出基础数据", "export reference data"));
            var nodes = await db.Set<T>().AsNoTracking().ToListAsync(ct);
            var body = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Csv.Write(TreeCsv.Rows(nodes)))).ToArray();
            return TypedResults.File(body, MediaType + "; charset=utf-8", $"{route}.csv");
        })
        .Produces(200, contentType: MediaType)
        .WithSummary($"Export the {route} tree as CSV (admin): code,name,parentCode,path,active; UTF-8 with BOM, parents before children");

        group.MapPost("/import", async Task<IResult> (HttpContext http, ClaimsPrincipal principal, ImportTree<T> import, CancellationToken ct) =>
        {
            var actor = principal.ToActor();
            Refusal.ThrowIf(TreeCsv.CanImport(actor));
            if (!IsCsv(http.Request.ContentType))
            {
                return TypedResults.Problem(Problems.Create(http, 415, new Text(
                    "请以 text/csv（UTF-8 编码）提交文件。", "Send the file as text/csv (UTF-8)."), "unsupported-media-type"));
            }

            using var buffer = new MemoryStream();
            await http.Request.Body.CopyToAsync(buffer, ct);
            string text;
            try
            {
                text = StrictUtf8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
            }
            catch (DecoderFallbackException ex)
            {
                var row = 1 + buffer.GetBuffer().AsSpan(0, Math.Clamp(ex.Index, 0, (int)buffer.Length)).Count((byte)'\n');
                return Invalid(http, [new ImportIssue(row, null, new Text(
                    "文件不是 UTF-8 编码（Excel 请另存为“CSV UTF-8（逗号分隔）”）。", "The file is not UTF-8 (in Excel, save as 'CSV UTF-8 (comma delimited)')."))], 0);
            }

            var outcome = await import.ExecuteAsync(actor, text, create, ct);
            return outcome.Succeeded
                ? TypedResults.Ok(new TreeImportResponse(outcome.Rows, outcome.Created, outcome.Updated, outcome.Unchanged))
                : Invalid(http, outcome.Issues, outcome.MoreIssues);
        })
        .AddOpenApiOperationTransformer((operation, _, _) =>
        {
            // Described here, not with Accepts(): routing would then refuse other media types itself, with
            // a 415 that asks for JSON, before this endpoint could say "send text/csv".
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Description = "The CSV file (UTF-8, BOM optional)",
                Content = new Dictionary<string, OpenApiMediaType> { [MediaType] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String } } },
            };
            return Task.CompletedTask;
        })
        .Produces<TreeImportResponse>(200)
        .ProducesProblem(400)
        .WithIdempotency()
        .WithSummary($"Import the {route} tree from CSV (admin): rows matched by code create, rename, move or (de)activate nodes; all or nothing")
        .WithDescription("Columns code,name[,parentCode][,path][,active] (the export's shape; path is ignored). A parent is named by its code: a node already there or any row of the file; an empty parentCode means a root. Every row is checked first; if any is wrong the answer is 400 with `rows` (row, column, message; row 1 is the header) and nothing is imported. Otherwise all rows are written in one transaction and the answer counts created, updated and unchanged rows.");
    }

    private static bool IsCsv(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media) || !media.MediaType.Equals(MediaType, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var charset = media.Charset.ToString();
        return charset.Length == 0 || charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || charset.Equals("utf8", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>400 with the row-by-row report: as <c>errors</c> (rows[3].name → messages) and as a <c>rows</c> list.</summary>
    private static ProblemHttpResult Invalid(HttpContext http, IReadOnlyList<ImportIssue> issues, int more)
    {
        var english = Lang.PrefersEnglish(http);
        var errors = issues
            .GroupBy(i => i.Column is null ? $"rows[{i.Row}]" : $"rows[{i.Row}].{i.Column}", StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(i => i.Message).ToArray(), StringComparer.Ordinal);
        var count = issues.Count + more;
        var problem = Problems.Create(http, 400, new Text(
            $"导入文件有 {count} 处错误，未导入任何内容。", $"The file has {count} error(s); nothing was imported."), "import-invalid", errors);
        problem.Extensions["rows"] = issues.Select(i => new ImportIssueResponse(i.Row, i.Column, i.Message.In(english))).ToList();
        problem.Extensions["moreIssues"] = more;
        return TypedResults.Problem(problem);
    }
}
