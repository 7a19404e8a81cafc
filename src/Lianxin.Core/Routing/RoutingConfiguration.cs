using Lianxin.Core.Organization;
using Lianxin.Core.WorkOrders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lianxin.Core.Routing;

internal sealed class RoutingRuleConfiguration : IEntityTypeConfiguration<RoutingRule>
{
    public void Configure(EntityTypeBuilder<RoutingRule> b)
    {
        b.HasKey(r => r.Id);
        b.Property(r => r.Note).HasMaxLength(RoutingRule.MaxNoteLength);

        // A primitive collection: uuid[] on PostgreSQL, a JSON array on SQLite. Assists are never queried on their own.
        b.PrimitiveCollection(r => r.AssistUnitIds);
        b.Ignore(r => r.UnitIds);
        b.HasOne<Category>().WithMany().HasForeignKey(r => r.CategoryId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Region>().WithMany().HasForeignKey(r => r.RegionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Unit>().WithMany().HasForeignKey(r => r.LeadUnitId).OnDelete(DeleteBehavior.Restrict);

        // A suggestion reads the active rules on the order's category ancestry.
        b.HasIndex(r => new { r.CategoryId, r.RegionId });
    }
}

internal sealed class RoutingDecisionConfiguration : IEntityTypeConfiguration<RoutingDecision>
{
    public void Configure(EntityTypeBuilder<RoutingDecision> b)
    {
        b.HasKey(d => d.Id);
        b.Property(d => d.RegionCode).HasMaxLength(TreeNode.MaxCodeLength);
        b.HasOne<WorkOrder>().WithMany().HasForeignKey(d => d.WorkOrderId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Category>().WithMany().HasForeignKey(d => d.CategoryId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<RoutingRule>().WithMany().HasForeignKey(d => d.RuleId).OnDelete(DeleteBehavior.Restrict);

        // The accuracy figure reads a period of decisions, grouped by category.
        b.HasIndex(d => d.At);
        b.HasIndex(d => d.WorkOrderId);
    }
}
