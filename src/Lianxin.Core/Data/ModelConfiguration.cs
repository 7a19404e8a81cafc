using Lianxin.Core.Calendars;
using Lianxin.Core.Deadlines;
using Lianxin.Core.Dispatch;
using Lianxin.Core.Identity;
using Lianxin.Core.Notifications;
using Lianxin.Core.Organization;
using Lianxin.Core.ReturnVisits;
using Lianxin.Core.Supervision;
using Lianxin.Core.WorkOrders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lianxin.Core.Data;

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> b)
    {
        b.HasKey(u => u.Id);
        b.Property(u => u.UserName).HasMaxLength(User.MaxUserNameLength);
        b.HasIndex(u => u.UserName).IsUnique();
        b.Property(u => u.DisplayName).HasMaxLength(User.MaxDisplayNameLength);
        b.Property(u => u.PasswordHash).HasMaxLength(200);
        b.Property(u => u.Extension).HasMaxLength(20);
        b.HasIndex(u => u.Extension);
        b.HasOne<Unit>().WithMany().HasForeignKey(u => u.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

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

internal sealed class WorkOrderConfiguration : IEntityTypeConfiguration<WorkOrder>
{
    public void Configure(EntityTypeBuilder<WorkOrder> b)
    {
        b.HasKey(o => o.Id);
        b.Property(o => o.Number).HasMaxLength(24);
        b.HasIndex(o => o.Number).IsUnique();
        b.Property(o => o.Version).IsConcurrencyToken();
        b.Property(o => o.Title).HasMaxLength(WorkOrder.MaxTitleLength);
        b.Property(o => o.Description).HasMaxLength(WorkOrder.MaxDescriptionLength);
        b.Property(o => o.Address).HasMaxLength(WorkOrder.MaxAddressLength);
        b.Property(o => o.RegionCode).HasMaxLength(TreeNode.MaxCodeLength);
        b.Property(o => o.CreatedByName).HasMaxLength(User.MaxDisplayNameLength);
        b.Property(o => o.Answer).HasMaxLength(WorkOrder.MaxTextLength);
        b.Property(o => o.NotAcceptedReason).HasMaxLength(WorkOrder.MaxTextLength);
        b.Property(o => o.ReplyResult).HasMaxLength(WorkOrder.MaxTextLength);
        b.OwnsOne(o => o.Requester, r =>
        {
            r.Property(p => p.Name).HasMaxLength(Requester.MaxNameLength);
            r.Property(p => p.Phone).HasMaxLength(Requester.MaxPhoneLength);
            r.HasIndex(p => p.Phone);
        });
        b.OwnsMany(o => o.ExtraRequesters, r =>
        {
            r.ToTable("work_order_extra_requesters");
            r.WithOwner().HasForeignKey("WorkOrderId");
            r.Property<int>("Id");
            r.HasKey("Id");
            r.Property(p => p.Name).HasMaxLength(Requester.MaxNameLength);
            r.Property(p => p.Phone).HasMaxLength(Requester.MaxPhoneLength);
            r.Property(p => p.FromNumber).HasMaxLength(24);
        });
        b.HasOne<Category>().WithMany().HasForeignKey(o => o.CategoryId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<WorkOrder>().WithMany().HasForeignKey(o => o.RepeatOfId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<WorkOrder>().WithMany().HasForeignKey(o => o.MergedIntoId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(o => o.Assignments).WithOne().HasForeignKey(a => a.WorkOrderId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(o => o.History).WithOne().HasForeignKey(e => e.WorkOrderId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(o => o.Returns).WithOne().HasForeignKey(e => e.WorkOrderId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(o => o.Extensions).WithOne().HasForeignKey(e => e.WorkOrderId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(o => o.Visits).WithOne().HasForeignKey(e => e.WorkOrderId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(o => o.Supervisions).WithOne().HasForeignKey(e => e.WorkOrderId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(o => o.Suspensions).WithOne().HasForeignKey(e => e.WorkOrderId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(o => o.HelpRequests).WithOne().HasForeignKey(e => e.WorkOrderId).OnDelete(DeleteBehavior.Restrict);
        b.OwnsOne(o => o.SignFor, DeadlineConfiguration.Configure);
        b.OwnsOne(o => o.Contact, DeadlineConfiguration.Configure);
        b.OwnsOne(o => o.Completion, DeadlineConfiguration.Configure);
        b.HasOne<DeadlinePolicy>().WithMany().HasForeignKey(o => o.PolicyId).OnDelete(DeleteBehavior.Restrict);

        // The sweep's work list lives in its own narrow table (DeadlineCheck); with free space left in
        // each page, the sweep's updates of order rows are heap-only on PostgreSQL.
        b.OwnsOne(o => o.Check, c =>
        {
            c.ToTable("deadline_checks");
            c.WithOwner().HasForeignKey("WorkOrderId");
            c.HasKey("WorkOrderId");
            c.HasIndex(x => x.At);
        });
        b.Navigation(o => o.Check).UsePropertyAccessMode(PropertyAccessMode.Property);
        b.HasAnnotation("Npgsql:StorageParameter:fillfactor", 90);
        foreach (var nav in new[] { nameof(WorkOrder.Assignments), nameof(WorkOrder.History), nameof(WorkOrder.Returns), nameof(WorkOrder.Extensions), nameof(WorkOrder.Visits), nameof(WorkOrder.Supervisions), nameof(WorkOrder.ExtraRequesters), nameof(WorkOrder.Suspensions), nameof(WorkOrder.HelpRequests) })
        {
            b.Navigation(nav).UsePropertyAccessMode(PropertyAccessMode.Field);
        }

        // Keyset paging of the list walks (created_at, id) in either direction.
        b.HasIndex(o => new { o.CreatedAt, o.Number });
        b.HasIndex(o => new { o.Status, o.CreatedAt });
        b.HasIndex(o => o.CategoryId);
        b.HasIndex(o => o.RegionCode);
    }
}

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

        // A unit's queue: its open hops, newest first.
        b.HasIndex(a => new { a.UnitId, a.Status });
    }
}

internal sealed class WorkOrderEventConfiguration : IEntityTypeConfiguration<WorkOrderEvent>
{
    public void Configure(EntityTypeBuilder<WorkOrderEvent> b)
    {
        b.HasKey(e => e.Id);
        b.HasIndex(e => new { e.WorkOrderId, e.Version }).IsUnique();
        b.Property(e => e.Type).HasMaxLength(40);
        b.Property(e => e.ActorName).HasMaxLength(User.MaxDisplayNameLength);
        b.Property(e => e.Note).HasMaxLength(WorkOrder.MaxTextLength);
        b.Property(e => e.Data).HasMaxLength(8000);
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

internal sealed class ExtensionRequestConfiguration : IEntityTypeConfiguration<ExtensionRequest>
{
    public void Configure(EntityTypeBuilder<ExtensionRequest> b)
    {
        b.HasKey(r => r.Id);
        b.Property(r => r.Reason).HasMaxLength(ExtensionRequest.MaxReasonLength);
        b.Property(r => r.DecisionNote).HasMaxLength(WorkOrder.MaxNoteLength);
    }
}

internal sealed class ReturnVisitConfiguration : IEntityTypeConfiguration<ReturnVisit>
{
    public void Configure(EntityTypeBuilder<ReturnVisit> b)
    {
        b.HasKey(v => v.Id);
        b.Property(v => v.Comment).HasMaxLength(ReturnVisit.MaxCommentLength);
    }
}

internal sealed class SupervisionRecordConfiguration : IEntityTypeConfiguration<SupervisionRecord>
{
    public void Configure(EntityTypeBuilder<SupervisionRecord> b)
    {
        b.HasKey(s => s.Id);
        b.Property(s => s.Note).HasMaxLength(SupervisionRecord.MaxNoteLength);
        b.Property(s => s.ReplyText).HasMaxLength(WorkOrder.MaxTextLength);
        // Open 督办 per unit; the many automatic 催办 rows stay out of this index.
        b.HasIndex(s => new { s.UnitId, s.ReplyDueAt }).HasFilter("\"kind\" = 'Supervise' AND \"replied_at\" IS NULL").HasDatabaseName("ix_supervision_records_open");
    }
}

internal sealed class NumberCounterConfiguration : IEntityTypeConfiguration<NumberCounter>
{
    public void Configure(EntityTypeBuilder<NumberCounter> b)
    {
        b.HasKey(c => c.Key);
        b.Property(c => c.Key).HasMaxLength(16);
    }
}

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> b)
    {
        b.HasKey(r => r.Id);
        b.Property(r => r.Key).HasMaxLength(100);
        b.Property(r => r.RequestHash).HasMaxLength(200);
        b.Property(r => r.Location).HasMaxLength(400);
        b.Property(r => r.ETag).HasMaxLength(40);
        b.HasIndex(r => new { r.UserId, r.Key }).IsUnique();
        b.HasIndex(r => r.CreatedAt);
    }
}

internal sealed class AppSettingConfiguration : IEntityTypeConfiguration<AppSetting>
{
    public void Configure(EntityTypeBuilder<AppSetting> b)
    {
        b.HasKey(s => s.Key);
        b.Property(s => s.Key).HasMaxLength(100);
        b.Property(s => s.Value).HasMaxLength(4000);
    }
}

internal static class DeadlineConfiguration
{
    public static void Configure<TOwner>(OwnedNavigationBuilder<TOwner, Deadline> d)
        where TOwner : class
    {
        d.Property(x => x.LimitUnit).HasMaxLength(16);
        d.Property(x => x.State).HasMaxLength(16);
    }
}

internal sealed class WorkOrderSuspensionConfiguration : IEntityTypeConfiguration<WorkOrderSuspension>
{
    public void Configure(EntityTypeBuilder<WorkOrderSuspension> b)
    {
        b.HasKey(s => s.Id);
        b.Property(s => s.Reason).HasMaxLength(WorkOrderSuspension.MaxReasonLength);
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

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> b)
    {
        b.HasKey(n => n.Id);
        b.Property(n => n.WorkOrderNumber).HasMaxLength(24);
        b.Property(n => n.Kind).HasMaxLength(40);
        b.Property(n => n.Text).HasMaxLength(1000);

        // English runs about twice as long as the same message in Chinese.
        b.Property(n => n.TextEn).HasMaxLength(2000);
        b.Property(n => n.Data).HasMaxLength(4000);
        // A notification is for a unit or for a role: each row enters only the index it is read by.
        b.HasIndex(n => new { n.UnitId, n.CreatedAt }).HasFilter("\"unit_id\" IS NOT NULL");
        b.HasIndex(n => new { n.Role, n.CreatedAt }).HasFilter("\"role\" IS NOT NULL");
    }
}

internal sealed class NotificationReadConfiguration : IEntityTypeConfiguration<NotificationRead>
{
    public void Configure(EntityTypeBuilder<NotificationRead> b) => b.HasKey(r => new { r.NotificationId, r.UserId });
}

internal sealed class ImportedHolidayYearConfiguration : IEntityTypeConfiguration<ImportedHolidayYear>
{
    public void Configure(EntityTypeBuilder<ImportedHolidayYear> b)
    {
        b.HasKey(y => y.Year);
        b.Property(y => y.Year).ValueGeneratedNever();
    }
}

internal sealed class CalendarOverrideConfiguration : IEntityTypeConfiguration<CalendarOverride>
{
    public void Configure(EntityTypeBuilder<CalendarOverride> b)
    {
        b.HasKey(o => o.Date);
        b.Property(o => o.Name).HasMaxLength(CalendarOverride.MaxNameLength);
    }
}
