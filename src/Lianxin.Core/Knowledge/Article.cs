using Lianxin.Core.Identity;

namespace Lianxin.Core.Knowledge;

/// <summary>What an article says, once checked: the answer and how it is found.</summary>
public sealed record ArticleContent(string Title, string Answer, Guid? CategoryId, IReadOnlyList<string> Keywords);

/// <summary>
/// 知识库文章: an answer, policy or piece of repair guidance the call-taker reads out or pastes as the
/// answer (直接答复). Changed under a version (two editors never overwrite each other unseen) and
/// deactivated rather than deleted, so an answer given from it can still be traced.
/// </summary>
public sealed class Article
{
    public const int MaxTitleLength = 100;
    public const int MaxAnswerLength = 4000;
    public const int MaxKeywords = 20;
    public const int MaxKeywordLength = 20;

    private Article()
    {
    }

    public Article(Guid id, ArticleContent content, DateTime now, Actor by)
    {
        Id = id;
        IsActive = true;
        CreatedAt = now;
        CreatedBy = By(by);
        Apply(content);
        Touch(now, by);
        Version = 1;
    }

    public Guid Id { get; private set; }

    public string Title { get; private set; } = "";

    /// <summary>The text read out or pasted as the answer (直接答复).</summary>
    public string Answer { get; private set; } = "";

    /// <summary>A node of the category tree the article belongs to; null when it applies to any.</summary>
    public Guid? CategoryId { get; private set; }

    /// <summary>Words a caller's description is matched against, lower case, e.g. 停水, 来水时间.</summary>
    public List<string> Keywords { get; private set; } = [];

    public bool IsActive { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public Guid? CreatedBy { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    public Guid? UpdatedBy { get; private set; }

    /// <summary>Who changed it last, as their name read then (shown beside the answer: is it current?).</summary>
    public string UpdatedByName { get; private set; } = "";

    /// <summary>Starts at 1 and moves with every change; the API's ETag.</summary>
    public int Version { get; private set; }

    public void Change(ArticleContent content, DateTime now, Actor by)
    {
        Apply(content);
        Touch(now, by);
        Version++;
    }

    public void Deactivate(DateTime now, Actor by)
    {
        IsActive = false;
        Touch(now, by);
        Version++;
    }

    public void Activate(DateTime now, Actor by)
    {
        IsActive = true;
        Touch(now, by);
        Version++;
    }

    private void Apply(ArticleContent content)
    {
        Title = content.Title;
        Answer = content.Answer;
        CategoryId = content.CategoryId;

        // A new list, so the change tracker sees the change even when the caller reuses its list.
        Keywords = [.. content.Keywords];
    }

    private void Touch(DateTime now, Actor by)
    {
        UpdatedAt = now;
        UpdatedBy = By(by);
        UpdatedByName = by.Name.Length > User.MaxDisplayNameLength ? by.Name[..User.MaxDisplayNameLength] : by.Name;
    }

    private static Guid? By(Actor actor) => actor.UserId == Guid.Empty ? null : actor.UserId;
}
