using Lianxin.Core.Common;
using Lianxin.Core.Data;
using Lianxin.Core.Knowledge;
using Lianxin.Core.Organization;
using Lianxin.Web.Components;
using Lianxin.Web.WorkOrders;
using Microsoft.AspNetCore.Components;

namespace Lianxin.Web.Knowledge;

/// <summary>
/// 知识库 for all staff: search (as you type, category first), read, and for editors (admin, supervisor)
/// add, change under the version read, deactivate and reactivate — through the same use cases as the API.
/// </summary>
public sealed partial class KnowledgePage : ComponentBase, IDisposable
{
    private static readonly TimeSpan SearchDelay = TimeSpan.FromMilliseconds(300);
    private const int PageSize = 30;

    private IReadOnlyList<IntakeChoice> _categories = [];
    private ReferenceSnapshot? _refs;
    private string _q = "";
    private string? _category;
    private bool _inactive;
    private List<ArticleHit> _hits = [];
    private int? _next;
    private Text? _listError;
    private Article? _article;
    private ArticleForm? _form;
    private Outcome<Article>? _outcome;
    private string? _message;
    private bool _messageOk;
    private bool _busy;
    private CancellationTokenSource? _delay;

    [Inject]
    private ConsoleSession Session { get; set; } = default!;

    [Inject]
    private ConsoleRunner Runner { get; set; } = default!;

    [Parameter]
    public Guid? Id { get; set; }

    private bool CanEdit => KnowledgeEditors.CanEdit(Session.Actor);

    private string CountText => _hits.Count == 0
        ? T("没有找到知识。", "No articles found.")
        : T($"{_hits.Count}{(_next is null ? "" : "+")} 条", $"{_hits.Count}{(_next is null ? "" : "+")} article(s)");

    private Text? KeywordError => _outcome?.FieldErrors.FirstOrDefault(e => e.Key.StartsWith("keywords", StringComparison.OrdinalIgnoreCase)).Value?[0];

    private string T(string zh, string en) => Session.T(zh, en);

    protected override async Task OnInitializedAsync()
    {
        var refs = await Runner.QueryAsync(sp => sp.GetRequiredService<ReferenceData>().GetAsync(sp.GetRequiredService<LianxinDbContext>(), CancellationToken.None));
        if (refs.Value is { } snapshot)
        {
            _refs = snapshot;
            _categories = IntakeChoices.Categories(snapshot);
        }

        await SearchNowAsync();
    }

    protected override async Task OnParametersSetAsync()
    {
        if (Id is { } id && id != _article?.Id)
        {
            await LoadArticleAsync(id);
        }
        else if (Id is null && _form is null)
        {
            _article = null;
        }
    }

    private async Task QueryChanged()
    {
        _delay?.Cancel();
        _delay?.Dispose();
        _delay = new CancellationTokenSource();
        try
        {
            await Task.Delay(SearchDelay, _delay.Token);
        }
        catch (TaskCanceledException)
        {
            return;
        }

        await SearchNowAsync();
    }

    private Task OnCategoryAsync(string? key)
    {
        _category = key;
        return SearchNowAsync();
    }

    private async Task SearchNowAsync()
    {
        _hits = [];
        _next = null;
        await LoadPageAsync(0);
    }

    private Task MoreAsync() => LoadPageAsync(_next ?? 0);

    private async Task LoadPageAsync(int offset)
    {
        var query = new ArticleQuery(_q, Guid.TryParse(_category, out var c) ? c : null, _inactive && CanEdit, Limit: PageSize, Offset: offset);
        var actor = Session.Actor;
        var page = await Runner.RunAsync<SearchArticles, ArticlePage>(s => s.ExecuteAsync(actor, query, CancellationToken.None));
        _listError = page.Error;
        if (page.Value is { } p)
        {
            _hits.AddRange(p.Items);
            _next = p.NextOffset;
        }
    }

    /// <summary>
    /// Opens an article beside the list without navigating: a navigation re-runs the page's authorization,
    /// which builds the page afresh and loses the search. /knowledge/{id} (the row's link) opens one directly.
    /// </summary>
    private Task OpenAsync(Guid id) => LoadArticleAsync(id);

    private async Task LoadArticleAsync(Guid id)
    {
        var loaded = await Runner.RunAsync<GetArticle, Article>(g => g.ExecuteAsync(id, CancellationToken.None));
        _article = loaded.Value;
        _form = null;
        _outcome = null;
        _message = loaded.Ok ? null : Session.T(loaded.Error!.Value);
        _messageOk = false;
    }

    private void StartNew()
    {
        _form = new ArticleForm { CategoryId = _category };
        _outcome = null;
        _message = null;
    }

    private void StartEdit()
    {
        if (_article is { } a)
        {
            _form = ArticleForm.From(a);
            _outcome = null;
            _message = null;
        }
    }

    private void CancelEdit()
    {
        _form = null;
        _outcome = null;
    }

    private async Task SaveAsync()
    {
        if (_form is not { } f || _busy)
        {
            return;
        }

        _busy = true;
        var actor = Session.Actor;
        var input = f.ToInput();
        _outcome = f.Id is { } id
            ? await Runner.RunAsync<UpdateArticle, Article>(u => u.ExecuteAsync(actor, id, f.Version, input, partial: false, CancellationToken.None))
            : await Runner.RunAsync<CreateArticle, Article>(c => c.ExecuteAsync(actor, input, CancellationToken.None));
        _busy = false;
        if (_outcome is { Ok: true, Value: { } saved })
        {
            _form = null;
            _outcome = null;
            _article = saved;
            Say(T($"已保存“{saved.Title}”（版本 {saved.Version}）。", $"Saved '{saved.Title}' (version {saved.Version})."), ok: true);
            await SearchNowAsync();
        }
    }

    /// <summary>Someone saved first: show theirs (what was typed here is dropped, and the user chose that).</summary>
    private async Task SeeLatestAsync()
    {
        if (_form?.Id is { } id)
        {
            await LoadArticleAsync(id);
        }
    }

    /// <summary>Someone saved first and the user keeps their text: save it over the version now current.</summary>
    private async Task OverwriteAsync()
    {
        if (_form is not { Id: { } id } f)
        {
            return;
        }

        var current = await Runner.RunAsync<GetArticle, Article>(g => g.ExecuteAsync(id, CancellationToken.None));
        if (current.Value is { } latest)
        {
            f.Version = latest.Version;
            await SaveAsync();
        }
    }

    private async Task SetActiveAsync(bool active)
    {
        if (_article is not { } a)
        {
            return;
        }

        var actor = Session.Actor;
        var done = active
            ? await Runner.RunAsync<ActivateArticle, Article>(u => u.ExecuteAsync(actor, a.Id, a.Version, CancellationToken.None))
            : await Runner.RunAsync<DeactivateArticle, Article>(u => u.ExecuteAsync(actor, a.Id, a.Version, CancellationToken.None));
        if (done.Value is { } changed)
        {
            _article = changed;
            Say(active ? T("已启用，话务员可以检索到它。", "Activated: call-takers find it again.") : T("已停用，检索中不再出现。", "Deactivated: it no longer shows in searches."), ok: true);
            await SearchNowAsync();
        }
        else
        {
            Say(Session.T(done.Error!.Value), ok: false);
        }
    }

    private string Invalid(string field) => _outcome?.ErrorFor(field) is null ? "false" : "true";

    private string CategoryPath(Guid? id) => id is { } c && _refs?.Categories.Find(c) is { } node ? _refs.Categories.PathName(node) : "";

    private void Say(string message, bool ok)
    {
        _message = message;
        _messageOk = ok;
    }

    public void Dispose()
    {
        _delay?.Cancel();
        _delay?.Dispose();
    }

    private sealed class ArticleForm
    {
        public Guid? Id { get; init; }

        public int? Version { get; set; }

        public string Title { get; set; } = "";

        public string? CategoryId { get; set; }

        public string Keywords { get; set; } = "";

        public string Answer { get; set; } = "";

        public static ArticleForm From(Article a) => new()
        {
            Id = a.Id, Version = a.Version, Title = a.Title, CategoryId = a.CategoryId?.ToString(), Keywords = string.Join("，", a.Keywords), Answer = a.Answer,
        };

        public ArticleInput ToInput() => new(Title, Answer, Guid.TryParse(CategoryId, out var c) ? c : null, [Keywords]);
    }
}
