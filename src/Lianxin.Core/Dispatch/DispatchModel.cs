using Lianxin.Core.Deadlines;
using Lianxin.Core.Organization;
using Lianxin.Core.WorkOrders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lianxin.Core.Dispatch;

internal sealed class AssignmentConfiguration : IEntityTypeConfiguration<Assignment>
{
    public void Configure(EntityTypeBuilder<Assignment> b)
    {
        b.HasKey(a => a.Id);
        b.Property(a => a.ReplyResult).HasMaxLength(WorkOrder.MaxTextLength);
        b.HasOne<Unit>().WithMany().HasForeignKey(a => a.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Assignment>().WithMany().HasForeignKey(a => a.ParentId).OnDelete(DeleteBehavior.Restrict);
        b.OwnsOne(a => a.SignFor, DeadlineConfiguration.Configure);
        b.OwnsOne(a => a.Completion, DeadlineConfiguration.Configure);

        // A unit's queue: its hops by status; its replies (已答复) latest first.
        b.HasIndex(a => new { a.UnitId, a.Status, a.RepliedAt });
    }
}

internal sealed class ReturnRequestConfiguration : IEntityTypeConfiguration<ReturnRequest>
{
    public void Configure(EntityTypeBuilder<ReturnRequest> b)
    {
        b.HasKey(r => r.Id);
        b.Property(r => r.Reason).HasMaxLength(ReturnRequest.MaxReasonLength);
        b.Property(r => r.Basis).HasMaxLength(ReturnRequest.MaxBasisLength);
        b.Property(r => r.DecisionNote).HasMaxLength(WorkOrder.MaxNoteLength);
        // Checked against the active reasons when written; reasons are deactivated, never deleted. No
        // foreign key: on SQLite adding one to an existing table means rebuilding it.
        b.Property(r => r.ReasonCode).HasMaxLength(ReturnReason.MaxCodeLength);
        b.HasIndex(r => new { r.UnitId, r.Decision });

        // The return figures count a period's returns.
        b.HasIndex(r => r.RequestedAt);
    }
}

internal sealed class ReturnReasonConfiguration : IEntityTypeConfiguration<ReturnReason>
{
    public void Configure(EntityTypeBuilder<ReturnReason> b)
    {
        b.HasKey(r => r.Code);
        b.Property(r => r.Code).HasMaxLength(ReturnReason.MaxCodeLength);
        b.Property(r => r.Name).HasMaxLength(ReturnReason.MaxNameLength);
        b.Property(r => r.NameEn).HasMaxLength(ReturnReason.MaxNameLength);
    }
}

internal sealed class HelpRequestConfiguration : IEntityTypeConfiguration<HelpRequest>
{
    public void Configure(EntityTypeBuilder<HelpRequest> b)
    {
        b.HasKey(h => h.Id);
        b.Property(h => h.Note).HasMaxLength(HelpRequest.MaxNoteLength);
        b.Property(h => h.Status).IsConcurrencyToken();
        b.HasOne<UnitGroup>().WithMany().HasForeignKey(h => h.GroupId).OnDelete(DeleteBehavior.Restrict);

        // The expiry job's work list, and a unit's open offers by group.
        b.HasIndex(h => new { h.Status, h.ExpiresAt });
        b.HasIndex(h => new { h.GroupId, h.Status });
        b.HasIndex(h => h.WorkOrderId);
    }
}

internal sealed class ExtensionRequestConfiguration : IEntityTypeConfiguration<ExtensionRequest>
{
    public void Configure(EntityTypeBuilder<ExtensionRequest> b)
    {
        b.HasKey(r => r.Id);
        b.Property(r => r.Reason).HasMaxLength(ExtensionRequest.MaxReasonLength);
        b.Property(r => r.DecisionNote).HasMaxLength(WorkOrder.MaxNoteLength);
    }
}
