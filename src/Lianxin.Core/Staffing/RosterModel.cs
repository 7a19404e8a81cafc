using Lianxin.Core.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lianxin.Core.Staffing;

internal sealed class RosterShiftConfiguration : IEntityTypeConfiguration<RosterShift>
{
    public void Configure(EntityTypeBuilder<RosterShift> b)
    {
        b.ToTable("roster_shifts");
        b.HasKey(s => s.Id);
        b.Property(s => s.Kind).HasMaxLength(RosterShift.MaxKindLength);
        b.Property(s => s.Note).HasMaxLength(RosterShift.MaxNoteLength);
        b.Ignore(s => s.Times);
        b.HasOne<User>().WithMany().HasForeignKey(s => s.AgentId).OnDelete(DeleteBehavior.Restrict);

        // A week's grid and a day's plan read by date; an agent's overlap check reads by agent and date.
        b.HasIndex(s => s.Date);
        b.HasIndex(s => new { s.AgentId, s.Date });
    }
}
