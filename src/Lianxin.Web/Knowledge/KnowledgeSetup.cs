using Lianxin.Core.Knowledge;

namespace Lianxin.Web.Knowledge;

/// <summary>The knowledge base (知识库) and the common phrases (常用语).</summary>
public static class KnowledgeSetup
{
    public static WebApplicationBuilder AddKnowledge(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddScoped<ArticleRules>();
        services.AddScoped<SearchArticles>();
        services.AddScoped<GetArticle>();
        services.AddScoped<CreateArticle>();
        services.AddScoped<UpdateArticle>();
        services.AddScoped<DeactivateArticle>();
        services.AddScoped<ActivateArticle>();
        services.AddScoped<PhraseRules>();
        services.AddScoped<ListPhrases>();
        services.AddScoped<CreatePhrase>();
        services.AddScoped<UpdatePhrase>();
        services.AddScoped<DeletePhrase>();
        return builder;
    }
}
