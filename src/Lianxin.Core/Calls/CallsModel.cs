using Lianxin.Core.Identity;
using Lianxin.Core.WorkOrders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lianxin.Core.Calls;

internal sealed class PhoneSystemConfiguration : IEntityTypeConfiguration<PhoneSystem>
{
    public void Configure(EntityTypeBuilder<PhoneSystem> b)
    {
        b.ToTable("phone_systems");
        b.HasKey(s => s.Id);
        b.Property(s => s.Name).HasMaxLength(PhoneSystem.MaxNameLength);
        b.Property(s => s.TokenHash).HasMaxLength(64);
        b.HasIndex(s => s.TokenHash).IsUnique();
    }
}

internal sealed class PhoneCallConfiguration : IEntityTypeConfiguration<PhoneCall>
{
    public void Configure(EntityTypeBuilder<PhoneCall> b)
    {
        b.ToTable("phone_calls");
        b.HasKey(c => c.Id);
        b.Property(c => c.ExternalId).HasMaxLength(CtiEvent.MaxCallIdLength);
        b.Property(c => c.From).HasMaxLength(CtiEvent.MaxFieldLength);
        b.Property(c => c.To).HasMaxLength(CtiEvent.MaxFieldLength);
        b.Property(c => c.Queue).HasMaxLength(CtiEvent.MaxFieldLength);
        b.Property(c => c.Cause).HasMaxLength(CtiEvent.MaxFieldLength);
        b.Property(c => c.Extension).HasMaxLength(CtiEvent.MaxFieldLength);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.HasOne<PhoneSystem>().WithMany().HasForeignKey(c => c.PhoneSystemId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<User>().WithMany().HasForeignKey(c => c.AgentId).OnDelete(DeleteBehavior.Restrict);

        // The same call id from one phone system is one call (exactly-once across instances).
        b.HasIndex(c => new { c.PhoneSystemId, c.ExternalId }).IsUnique();
        b.HasIndex(c => c.OfferedAt);
        b.HasIndex(c => new { c.From, c.OfferedAt });
        b.HasIndex(c => new { c.AgentId, c.OfferedAt });

        // Calls still going on (the wallboard's waiting calls, the stuck-call sweep).
        b.HasIndex([nameof(PhoneCall.OfferedAt)], "ix_phone_calls_open").HasFilter("\"ended_at\" IS NULL");
    }
}

internal sealed class CtiEventRecordConfiguration : IEntityTypeConfiguration<CtiEventRecord>
{
    public void Configure(EntityTypeBuilder<CtiEventRecord> b)
    {
        b.ToTable("cti_events");
        b.HasKey(e => e.Id);
        b.Property(e => e.CallId).HasMaxLength(CtiEvent.MaxCallIdLength);
        b.Property(e => e.Fields).HasMaxLength(CtiEventRecord.MaxFieldsLength);
        b.HasOne<PhoneSystem>().WithMany().HasForeignKey(e => e.PhoneSystemId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(e => new { e.PhoneSystemId, e.CallId, e.Kind }).IsUnique();
        b.HasIndex(e => e.ReceivedAt);
    }
}

internal sealed class AgentPresenceConfiguration : IEntityTypeConfiguration<AgentPresence>
{
    public void Configure(EntityTypeBuilder<AgentPresence> b)
    {
        b.ToTable("agent_presences");
        b.HasKey(p => p.UserId);
        b.Property(p => p.Reason).HasMaxLength(AgentPresence.MaxReasonLength);
        b.Property(p => p.NextReason).HasMaxLength(AgentPresence.MaxReasonLength);
        b.Property(p => p.CallId).HasMaxLength(CtiEvent.MaxCallIdLength);
        b.Property(p => p.Version).IsConcurrencyToken();
        b.HasOne<User>().WithOne().HasForeignKey<AgentPresence>(p => p.UserId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AgentStateSpanConfiguration : IEntityTypeConfiguration<AgentStateSpan>
{
    public void Configure(EntityTypeBuilder<AgentStateSpan> b)
    {
        b.ToTable("agent_state_spans");
        b.HasKey(s => s.Id);
        b.Property(s => s.Reason).HasMaxLength(AgentPresence.MaxReasonLength);
        b.Ignore(s => s.Length);
        b.HasOne<User>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(s => new { s.UserId, s.From });
        b.HasIndex(s => s.To);
    }
}

internal sealed class CallbackConfiguration : IEntityTypeConfiguration<Callback>
{
    public void Configure(EntityTypeBuilder<Callback> b)
    {
        b.ToTable("callbacks");
        b.HasKey(c => c.Id);
        b.Property(c => c.Phone).HasMaxLength(CtiEvent.MaxFieldLength);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.PrimitiveCollection(c => c.CallIds);
        b.OwnsMany(c => c.Attempts, a =>
        {
            a.ToTable("callback_attempts");
            a.WithOwner().HasForeignKey("CallbackId");
            a.Property<int>("Id");
            a.HasKey("Id");
            a.Property(x => x.Note).HasMaxLength(Callback.MaxNoteLength);
            a.HasOne<User>().WithMany().HasForeignKey(x => x.AgentId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Navigation(c => c.Attempts).HasField("_attempts").UsePropertyAccessMode(PropertyAccessMode.Field);

        // One open item per phone: repeat abandons collapse into it.
        b.HasIndex([nameof(Callback.Phone)], "ux_callbacks_open_phone").IsUnique().HasFilter("\"status\" = 'Open'");
        b.HasIndex(c => new { c.Status, c.DueAt });
    }
}

internal sealed class BlockedNumberConfiguration : IEntityTypeConfiguration<BlockedNumber>
{
    public void Configure(EntityTypeBuilder<BlockedNumber> b)
    {
        b.ToTable("blocked_numbers");
        b.HasKey(n => n.Phone);
        b.Property(n => n.Phone).HasMaxLength(32);
        b.Property(n => n.Note).HasMaxLength(BlockedNumber.MaxNoteLength);
    }
}

internal sealed class CallOrderLinkConfiguration : IEntityTypeConfiguration<CallOrderLink>
{
    public void Configure(EntityTypeBuilder<CallOrderLink> b)
    {
        b.ToTable("call_work_orders");
        b.HasKey(l => new { l.CallId, l.WorkOrderId });
        b.HasOne<PhoneCall>().WithMany().HasForeignKey(l => l.CallId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<WorkOrder>().WithMany().HasForeignKey(l => l.WorkOrderId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(l => l.WorkOrderId);
    }
}
