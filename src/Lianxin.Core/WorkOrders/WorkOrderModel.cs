using Lianxin.Core.Deadlines;
using Lianxin.Core.Identity;
using Lianxin.Core.Organization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lianxin.Core.WorkOrders;

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
        b.OwnsOne(o => o.Completion, c =>
        {
            DeadlineConfiguration.Configure(c);

            // Open orders by completion due: the desks' pages (DeskRows.PageAsync), 超期 and 临期 walk it in
            // due order and stop after a page; open orders are a few percent of the table, so it stays small.
            c.HasIndex(x => x.DueAt).HasFilter(OpenFilter).HasDatabaseName("ix_work_orders_open_completion_due");
        });
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

        // The return-visit queue (VisitQueue): closed orders due a visit, oldest deadline first; each tab is a
        // range of it (due / overdue / not yet due by deadline, redial by attempts). Closed orders are the
        // few days' worth between closure and archive, so the index stays small.
        b.HasIndex(o => new { o.VisitRequired, o.VisitDeadline, o.Number }).HasFilter("\"status\" = 'Closed'").HasDatabaseName("ix_work_orders_closed_to_visit");
    }

    /// <summary>A partial index's filter for open orders (ListWorkOrders.IsOpen; enums are stored by name).</summary>
    internal const string OpenFilter = "\"status\" IN ('Registered', 'Dispatched', 'InProgress', 'ReturnRequested', 'Replied')";
}

internal sealed class WorkOrderEventConfiguration : IEntityTypeConfiguration<WorkOrderEvent>
{
    public void Configure(EntityTypeBuilder<WorkOrderEvent> b)
    {
        b.HasKey(e => e.Id);
        b.HasIndex(e => new { e.WorkOrderId, e.Version }).IsUnique();

        // 我的工单: the orders a user acted on.
        b.HasIndex(e => new { e.ActorId, e.WorkOrderId });
        b.Property(e => e.Type).HasMaxLength(40);
        b.Property(e => e.ActorName).HasMaxLength(User.MaxDisplayNameLength);
        b.Property(e => e.Note).HasMaxLength(WorkOrder.MaxTextLength);
        b.Property(e => e.Data).HasMaxLength(8000);
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
