using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lianxin.Core.ReturnVisits;

internal sealed class ReturnVisitConfiguration : IEntityTypeConfiguration<ReturnVisit>
{
    public void Configure(EntityTypeBuilder<ReturnVisit> b)
    {
        b.HasKey(v => v.Id);
        b.Property(v => v.Comment).HasMaxLength(ReturnVisit.MaxCommentLength);
    }
}
