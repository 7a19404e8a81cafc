using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lianxin.Core.Notifications;

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
