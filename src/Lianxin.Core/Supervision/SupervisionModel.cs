using Lianxin.Core.WorkOrders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lianxin.Core.Supervision;

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
