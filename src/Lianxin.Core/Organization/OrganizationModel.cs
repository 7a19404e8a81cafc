using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lianxin.Core.Organization;

internal static class TreeConfiguration
{
    public static void ConfigureTree<T>(EntityTypeBuilder<T> b)
        where T : TreeNode
    {
        b.HasKey(n => n.Id);
        b.Property(n => n.Name).HasMaxLength(TreeNode.MaxNameLength);
        b.Property(n => n.Code).HasMaxLength(TreeNode.MaxCodeLength);
        b.Property(n => n.Path).HasMaxLength(1200);
        b.HasIndex(n => n.Path);
        b.HasIndex(n => n.ParentId);
        b.HasOne<T>().WithMany().HasForeignKey(n => n.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class UnitConfiguration : IEntityTypeConfiguration<Unit>
{
    public void Configure(EntityTypeBuilder<Unit> b)
    {
        TreeConfiguration.ConfigureTree(b);
        b.HasIndex(n => n.Code).IsUnique().HasFilter("\"code\" IS NOT NULL");
    }
}

internal sealed class CategoryConfiguration : IEntityTypeConfiguration<Category>
{
    public void Configure(EntityTypeBuilder<Category> b)
    {
        TreeConfiguration.ConfigureTree(b);
        b.HasIndex(n => n.Code).IsUnique().HasFilter("\"code\" IS NOT NULL");
    }
}

internal sealed class RegionConfiguration : IEntityTypeConfiguration<Region>
{
    public void Configure(EntityTypeBuilder<Region> b)
    {
        TreeConfiguration.ConfigureTree(b);
        b.Property(n => n.Code).IsRequired();
        b.HasIndex(n => n.Code).IsUnique();
    }
}

internal sealed class UnitGroupConfiguration : IEntityTypeConfiguration<UnitGroup>
{
    public void Configure(EntityTypeBuilder<UnitGroup> b)
    {
        b.HasKey(g => g.Id);
        b.Property(g => g.Name).HasMaxLength(UnitGroup.MaxNameLength);
        b.HasIndex(g => g.Name).IsUnique();
        b.Property(g => g.Description).HasMaxLength(UnitGroup.MaxDescriptionLength);
        b.HasMany(g => g.Members).WithOne().HasForeignKey(m => m.GroupId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(g => g.Members).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class UnitGroupMemberConfiguration : IEntityTypeConfiguration<UnitGroupMember>
{
    public void Configure(EntityTypeBuilder<UnitGroupMember> b)
    {
        b.HasKey(m => new { m.GroupId, m.UnitId });
        b.HasOne<Unit>().WithMany().HasForeignKey(m => m.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(m => m.UnitId);
    }
}
