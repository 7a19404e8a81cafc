using System.Globalization;
using System.Security.Claims;
using System.Text;
using Lianxin.Core.Common;
using Lianxin.Core.Data;
using Lianxin.Core.Knowledge;
using Lianxin.Core.Organization;
using Lianxin.Web.Api;
using Lianxin.Web.Identity;
using Lianxin.Web.WorkOrders;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lianxin.Web.Knowledge;

public sealed record ArticleRequest(string? Title, string? Answer, Guid? CategoryId, IReadOnlyList<string?>? Keywords);

public sealed record ArticleResponse(
    Guid Id, string Title, string Answer, NodeRef? Category, IReadOnlyList<string> Keywords, bool IsActive, int Version,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, ActorRef UpdatedBy)
{
    public static ArticleResponse From(Article a, ReferenceSnapshot refs) => new(
        a.Id, a.Title, a.Answer, CategoryOf(a.CategoryId, refs), a.Keywords, a.IsActive, a.Version,
        WorkOrderResponse.Utc(a.CreatedAt), WorkOrderResponse.Utc(a.UpdatedAt), new ActorRef(a.UpdatedBy, a.UpdatedByName));

    internal static NodeRef? CategoryOf(Guid? id, ReferenceSnapshot refs) =>
        id is { } c ? new NodeRef(c, refs.Categories.Find(c) is { } node ? refs.Categories.PathName(node) : "") : null;
}

/// <summary>A search hit: the article without its full answer (<c>summary</c> is its beginning); <c>GET /knowledge/{id}</c> has the rest.</summary>
public sealed record ArticleHitResponse(
    Guid Id, string Title, string Summary, NodeRef? Category, IReadOnlyList<string> Keywords, bool IsActive, int Version, DateTimeOffset UpdatedAt,
    string UpdatedBy, int CategoryRank, int Score)
{
    public static ArticleHitResponse From(ArticleHit h, ReferenceSnapshot refs) => new(
        h.Id, h.Title, h.Summary, ArticleResponse.CategoryOf(h.CategoryId, refs), h.Keywords, h.IsActive, h.Version, WorkOrderResponse.Utc(h.UpdatedAt),
        h.UpdatedByName, h.CategoryRank, h.Score);
}

public sealed record ArticleSearchResponse(IReadOnlyList<ArticleHitResponse> Items, string? NextCursor);

public sealed record PhraseRequest(string? Text, string? Shortcut, int? SortOrder);

public sealed record PhraseResponse(Guid Id, string Text, string? Shortcut, int SortOrder, DateTimeOffset UpdatedAt)
{
    public static PhraseResponse From(Phrase p) => new(p.Id, p.Text, p.Shortcut, p.SortOrder, WorkOrderResponse.Utc(p.UpdatedAt));
}

/// <summary>知识库 and 常用语: everyone signed in reads; admins and supervisors edit (ADR 0012).</summary>
public static class KnowledgeEndpoints
{
    public static IEndpointRouteBuilder MapKnowledgeEndpoints(this IEndpointRouteBuilder app)
    {
        var knowledge = app.MapGroup("/api/v1/knowledge").WithTags("Knowledge").RequireAuthorization();
        knowledge.MapGet("/", Search).WithSummary("Search the knowledge base (知识库); everyone signed in")
            .WithDescription("?q=&categoryId=&includeInactive=&limit=&cursor=. `q` is matched as substrings: each word in titles, keywords and answers, and each article keyword inside `q` (so a caller's sentence finds the article). Articles of `categoryId`, then of categories above or below it, then of its branch, come first; with only `categoryId`, that category's articles; with neither, all, most recently changed first. `includeInactive=true` (admin, supervisor) adds deactivated articles. limit 1–50, default 20; q at most 500 characters.");
        knowledge.MapPost("/", Create).WithIdempotency().WithSummary("Add an article (admin, supervisor)")
            .WithDescription("Body: {title, answer, categoryId?, keywords?: [..]}. title ≤ 100, answer ≤ 4000 characters; at most 20 keywords of ≤ 20 characters (an entry may hold several, separated by commas or 、). Answers 201 with the article, its ETag and Location.");
        knowledge.MapGet("/{id:guid}", Get).WithSummary("One article with its full answer; everyone signed in (a deactivated one says isActive: false)");
        knowledge.MapPut("/{id:guid}", Replace).WithSummary("Change an article: every field as in create (admin, supervisor); If-Match: the version")
            .WithDescription("With If-Match, a stale version is 412 and nothing changes; without it the current version is changed (409 if someone else saved in between). A left-out categoryId removes the category.");
        knowledge.MapPatch("/{id:guid}", Patch).WithSummary("Change some fields of an article (admin, supervisor); If-Match: the version")
            .WithDescription("Fields left out or null keep their value; remove a category with PUT.");
        knowledge.MapPost("/{id:guid}/deactivate", (Guid id, HttpContext http, ClaimsPrincipal principal, DeactivateArticle deactivate, ReferenceData refs, LianxinDbContext db, CancellationToken ct) =>
                Answer(http, refs, db, deactivate.ExecuteAsync(principal.ToActor(), id, Versions.FromIfMatch(http), ct), ct))
            .WithSummary("Deactivate an article: it leaves the search, kept, never deleted (admin, supervisor); If-Match honoured");
        knowledge.MapPost("/{id:guid}/activate", (Guid id, HttpContext http, ClaimsPrincipal principal, ActivateArticle activate, ReferenceData refs, LianxinDbContext db, CancellationToken ct) =>
                Answer(http, refs, db, activate.ExecuteAsync(principal.ToActor(), id, Versions.FromIfMatch(http), ct), ct))
            .WithSummary("Make a deactivated article searchable again (admin, supervisor); If-Match honoured");

        var phrases = app.MapGroup("/api/v1/phrases").WithTags("Knowledge").RequireAuthorization();
        phrases.MapGet("/", ListPhrases).WithSummary("The centre's common phrases (常用语) in their order; everyone signed in");
        phrases.MapPost("/", CreatePhrase).WithIdempotency().WithSummary("Add a common phrase (admin, supervisor)")
            .WithDescription("Body: {text, shortcut?, sortOrder?}. text ≤ 500 characters; shortcut: letters and digits, ≤ 20, one phrase per shortcut; sortOrder 0–100000, default after the last.");
        phrases.MapPut("/{id:guid}", UpdatePhrase).WithSummary("Change a common phrase: text, shortcut, sortOrder as in create (admin, supervisor)");
        phrases.MapDelete("/{id:guid}", DeletePhrase).WithSummary("Delete a common phrase (admin, supervisor)");
        return app;
    }

    private static async Task<Ok<ArticleSearchResponse>> Search(
        ClaimsPrincipal principal, SearchArticles search, ReferenceData refs, LianxinDbContext db, CancellationToken ct,
        string? q = null, string? categoryId = null, bool? includeInactive = null, int? limit = null, string? cursor = null)
    {
        var v = new Validator();
        Guid? category = null;
        if (!string.IsNullOrWhiteSpace(categoryId))
        {
            v.When(!Guid.TryParse(categoryId, out var parsed), "categoryId", new Text("应为 UUID。", "Must be a UUID."));
            category = parsed == Guid.Empty ? null : parsed;
        }

        v.MaxLength("q", q, KnowledgeText.MaxQueryLength);
        var offset = DecodeCursor(v, cursor);
        v.ThrowIfInvalid();
        var page = await search.ExecuteAsync(principal.ToActor(), new ArticleQuery(q, category, includeInactive == true, Limit: limit ?? 20, Offset: offset), ct);
        var snapshot = await refs.GetAsync(db, ct);
        return TypedResults.Ok(new ArticleSearchResponse(page.Items.Select(h => ArticleHitResponse.From(h, snapshot)).ToList(), EncodeCursor(page.NextOffset)));
    }

    private static async Task<Ok<ArticleResponse>> Get(Guid id, HttpContext http, GetArticle get, ReferenceData refs, LianxinDbContext db, CancellationToken ct) =>
        await Answer(http, refs, db, get.ExecuteAsync(id, ct), ct);

    private static async Task<Created<ArticleResponse>> Create(
        ArticleRequest request, HttpContext http, ClaimsPrincipal principal, CreateArticle create, ReferenceData refs, LianxinDbContext db, CancellationToken ct)
    {
        var article = await create.ExecuteAsync(principal.ToActor(), Input(request), ct);
        http.Response.Headers.ETag = Versions.ETag(article.Version);
        return TypedResults.Created($"/api/v1/knowledge/{article.Id}", ArticleResponse.From(article, await refs.GetAsync(db, ct)));
    }

    private static Task<Ok<ArticleResponse>> Replace(
        Guid id, ArticleRequest request, HttpContext http, ClaimsPrincipal principal, UpdateArticle update, ReferenceData refs, LianxinDbContext db, CancellationToken ct) =>
        Answer(http, refs, db, update.ExecuteAsync(principal.ToActor(), id, Versions.FromIfMatch(http), Input(request), partial: false, ct), ct);

    private static Task<Ok<ArticleResponse>> Patch(
        Guid id, ArticleRequest request, HttpContext http, ClaimsPrincipal principal, UpdateArticle update, ReferenceData refs, LianxinDbContext db, CancellationToken ct) =>
        Answer(http, refs, db, update.ExecuteAsync(principal.ToActor(), id, Versions.FromIfMatch(http), Input(request), partial: true, ct), ct);

    private static async Task<Ok<ArticleResponse>> Answer(HttpContext http, ReferenceData refs, LianxinDbContext db, Task<Article> work, CancellationToken ct)
    {
        var article = await work;
        http.Response.Headers.ETag = Versions.ETag(article.Version);
        return TypedResults.Ok(ArticleResponse.From(article, await refs.GetAsync(db, ct)));
    }

    private static ArticleInput Input(ArticleRequest r) => new(r.Title, r.Answer, r.CategoryId, r.Keywords);

    private static async Task<Ok<List<PhraseResponse>>> ListPhrases(ListPhrases list, CancellationToken ct) =>
        TypedResults.Ok((await list.ExecuteAsync(ct)).Select(PhraseResponse.From).ToList());

    private static async Task<Created<PhraseResponse>> CreatePhrase(PhraseRequest request, ClaimsPrincipal principal, CreatePhrase create, CancellationToken ct)
    {
        var phrase = await create.ExecuteAsync(principal.ToActor(), new PhraseInput(request.Text, request.Shortcut, request.SortOrder), ct);
        return TypedResults.Created($"/api/v1/phrases/{phrase.Id}", PhraseResponse.From(phrase));
    }

    private static async Task<Ok<PhraseResponse>> UpdatePhrase(Guid id, PhraseRequest request, ClaimsPrincipal principal, UpdatePhrase update, CancellationToken ct) =>
        TypedResults.Ok(PhraseResponse.From(await update.ExecuteAsync(principal.ToActor(), id, new PhraseInput(request.Text, request.Shortcut, request.SortOrder), ct)));

    private static async Task<NoContent> DeletePhrase(Guid id, ClaimsPrincipal principal, DeletePhrase delete, CancellationToken ct)
    {
        await delete.ExecuteAsync(principal.ToActor(), id, ct);
        return TypedResults.NoContent();
    }

    /// <summary>The cursor carries the next offset: a ranked list has no stable key to page on, and a knowledge base is small.</summary>
    internal static string? EncodeCursor(int? offset) =>
        offset is { } o ? Convert.ToBase64String(Encoding.UTF8.GetBytes("o" + o.ToString(CultureInfo.InvariantCulture))).TrimEnd('=') : null;

    internal static int DecodeCursor(Validator v, string? cursor)
    {
        if (string.IsNullOrEmpty(cursor))
        {
            return 0;
        }

        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(cursor.PadRight(cursor.Length + ((4 - (cursor.Length % 4)) % 4), '=')));
            if (text.StartsWith('o') && int.TryParse(text.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var offset) && offset <= 100_000)
            {
                return offset;
            }
        }
        catch (FormatException)
        {
            // Reported below.
        }

        v.Add("cursor", new Text("分页游标无效。", "Invalid cursor."));
        return 0;
    }
}
