using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lianxin.Core.Calendars;

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
