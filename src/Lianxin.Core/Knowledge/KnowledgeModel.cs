using Lianxin.Core.Organization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lianxin.Core.Knowledge;

internal sealed class ArticleConfiguration : IEntityTypeConfiguration<Article>
{
    public void Configure(EntityTypeBuilder<Article> b)
    {
        b.ToTable("knowledge_articles");
        b.HasKey(a => a.Id);
        b.Property(a => a.Title).HasMaxLength(Article.MaxTitleLength);
        b.Property(a => a.Answer).HasMaxLength(Article.MaxAnswerLength);
        b.Property(a => a.UpdatedByName).HasMaxLength(Identity.User.MaxDisplayNameLength);
        b.Property(a => a.Version).IsConcurrencyToken();

        // A primitive collection: text[] on PostgreSQL, a JSON array on SQLite; search looks inside it.
        b.PrimitiveCollection(a => a.Keywords);
        b.HasOne<Category>().WithMany().HasForeignKey(a => a.CategoryId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(a => a.CategoryId);
        b.HasIndex(a => new { a.IsActive, a.UpdatedAt });
    }
}

internal sealed class PhraseConfiguration : IEntityTypeConfiguration<Phrase>
{
    public void Configure(EntityTypeBuilder<Phrase> b)
    {
        b.ToTable("phrases");
        b.HasKey(p => p.Id);
        b.Property(p => p.Text).HasMaxLength(Phrase.MaxTextLength);
        b.Property(p => p.Shortcut).HasMaxLength(Phrase.MaxShortcutLength);
        b.HasIndex(p => p.Shortcut).IsUnique().HasFilter("\"shortcut\" IS NOT NULL");
    }
}
