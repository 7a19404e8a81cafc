using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lianxin.Core.Reports;

/// <summary>
/// A row of the daily aggregate (<c>daily_figures</c>): the counters of one local day for one dimension key.
/// A day's rows are replaced together (<see cref="DailyFigureStore"/>); a day with no activity has none.
/// </summary>
public sealed class DailyFigure
{
    private DailyFigure()
    {
    }

    public DailyFigure(DateOnly day, KpiDimension dimension, string key, KpiCounts counts)
    {
        Day = day;
        Dimension = dimension;
        Key = key;
        Counts = counts;
    }

    public DateOnly Day { get; private set; }

    public KpiDimension Dimension { get; private set; }

    /// <summary>"" for the centre; a unit or category id, a district code, a channel or demand type name.</summary>
    public string Key { get; private set; } = "";

    public KpiCounts Counts { get; private set; } = new();
}

/// <summary>
/// A day the aggregate holds (<c>figure_days</c>): when it was last built and whether it is final (built again after
/// the day closed). A day absent here has not been built; reading it builds it.
/// </summary>
public sealed class FigureDay
{
    private FigureDay()
    {
    }

    public FigureDay(DateOnly day, DateTime builtAt, bool final)
    {
        Day = day;
        BuiltAt = builtAt;
        Final = final;
    }

    public DateOnly Day { get; private set; }

    public DateTime BuiltAt { get; private set; }

    public bool Final { get; private set; }

    internal void Rebuilt(DateTime at, bool final)
    {
        BuiltAt = at;
        Final = final;
    }
}

internal sealed class DailyFigureConfiguration : IEntityTypeConfiguration<DailyFigure>
{
    public const int MaxKeyLength = 40;

    public void Configure(EntityTypeBuilder<DailyFigure> b)
    {
        b.ToTable("daily_figures");

        // Reads are by day range within one dimension (and one key for a unit): the key's prefix serves them all.
        b.HasKey(f => new { f.Dimension, f.Key, f.Day });
        b.HasIndex(f => new { f.Day, f.Dimension });
        b.Property(f => f.Dimension).HasConversion<string>().HasMaxLength(16);
        b.Property(f => f.Key).HasMaxLength(MaxKeyLength);
        b.ComplexProperty(f => f.Counts, c =>
        {
            foreach (var p in typeof(KpiCounts).GetProperties().Where(p => p.PropertyType == typeof(int) && p.CanWrite))
            {
                c.Property(p.Name).HasColumnName(Data.LianxinDbContext.SnakeCase(p.Name));
            }
        });
    }
}

internal sealed class FigureDayConfiguration : IEntityTypeConfiguration<FigureDay>
{
    public void Configure(EntityTypeBuilder<FigureDay> b)
    {
        b.ToTable("figure_days");
        b.HasKey(d => d.Day);
    }
}
