using Vizor.ECharts;

namespace Lianxin.Web.Reports;

/// <summary>
/// The report pages' ECharts options (Vizor.ECharts): a line per series over days, bars and a pie of a breakdown.
/// No animation, so a chart is whole at once, on screen, in a screenshot and in print.
/// </summary>
public static class ReportCharts
{
    public static ChartOptions Lines(IReadOnlyList<string> days, IEnumerable<(string Name, IReadOnlyList<double?> Values)> series, bool percent = false) => new()
    {
        Animation = false,
        Tooltip = new() { Trigger = TooltipTrigger.Axis },
        Legend = new() { Top = 0 },
        Grid = new() { Left = 8, Right = 16, Top = 28, Bottom = 4, ContainLabel = true },
        XAxis = new() { Type = AxisType.Category, BoundaryGap = false, Data = days.ToArray() },
        YAxis = new()
        {
            Type = AxisType.Value,
            Max = percent ? 100 : null,
            AxisLabel = percent ? new() { Formatter = "{value}%" } : null,
        },
        Series = [.. series.Select(s => (ISeries)new LineSeries
        {
            Name = s.Name,
            Data = s.Values.Select(v => v is { } x ? (object)(percent ? Math.Round(x * 100, 1) : x) : "-").ToArray(),
            ConnectNulls = true,
        })],
    };

    public static ChartOptions Bars(IReadOnlyList<(string Name, int Count)> items, string seriesName) => new()
    {
        Animation = false,
        Tooltip = new() { Trigger = TooltipTrigger.Axis },
        Grid = new() { Left = 8, Right = 24, Top = 8, Bottom = 4, ContainLabel = true },
        YAxis = new() { Type = AxisType.Category, Inverse = true, Data = items.Select(i => i.Name).ToArray() },
        XAxis = new() { Type = AxisType.Value },
        Series = [new BarSeries { Name = seriesName, Data = items.Select(i => i.Count).ToArray(), Label = new() { Show = true, Position = LabelPosition.Right } }],
    };

    public static ChartOptions Pie(IReadOnlyList<(string Name, int Count)> items, string seriesName) => new()
    {
        Animation = false,
        Tooltip = new() { Trigger = TooltipTrigger.Item },
        Series =
        [
            new PieSeries
            {
                Name = seriesName,
                Radius = new CircleRadius("35%", "65%"),
                Data = items.Select(i => new PieSeriesData { Name = i.Name, Value = i.Count }).ToList(),
                Label = new() { Formatter = "{b} {c}" },
            },
        ],
    };
}
