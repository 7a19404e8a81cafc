using Lianxin.Core.Organization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lianxin.Core.Deadlines;

internal static class DeadlineConfiguration
{
    public static void Configure<TOwner>(OwnedNavigationBuilder<TOwner, Deadline> d)
        where TOwner : class
    {
        d.Property(x => x.LimitUnit).HasMaxLength(16);
        d.Property(x => x.State).HasMaxLength(16);
    }
}

internal sealed class DeadlinePolicyConfiguration : IEntityTypeConfiguration<DeadlinePolicy>
{
    public void Configure(EntityTypeBuilder<DeadlinePolicy> b)
    {
        b.HasKey(p => p.Id);
        b.Property(p => p.Name).HasMaxLength(DeadlinePolicy.MaxNameLength);
        b.HasOne<Category>().WithMany().HasForeignKey(p => p.CategoryId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(p => new { p.IsActive, p.Urgency, p.DemandType, p.CategoryId });
    }
}
