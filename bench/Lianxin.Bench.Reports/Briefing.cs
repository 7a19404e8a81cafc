using System.Globalization;
using Lianxin.Core.Clusters;
using Lianxin.Core.Data;
using Lianxin.Core.Organization;
using Lianxin.Core.Reports;
using Lianxin.Core.Supervision;
using Microsoft.Extensions.Options;

namespace Lianxin.Bench.Reports;

/// <summary>
/// The daily briefing (日报) for yesterday as the morning job generates it (lane reports' GetBriefing.GenerateAsync:
/// built from the daily aggregate, the day's orders, clusters and overdue work, then stored), and the month's report.
/// </summary>
internal static class Briefing
{
    public static IEnumerable<(string Name, string Target, Func<LianxinDbContext, Task<string>> Run)> Cases(Reports reports, string connection, DateTime now)
    {
        var refs = new ReferenceData(reports.Clock);
        var clusters = Options.Create(new ClusterOptions());
        BriefingBuilder Builder(LianxinDbContext db) =>
            new(db, reports.Kpis(db), new GetKpiTrend(db, reports.Store(db)), refs, new SupervisionQueues(db), clusters, reports.Store(db), reports.Clock);
        var yesterday = reports.Today.AddDays(-1);
        var month = new DateOnly(yesterday.Year, yesterday.Month, 1);
        return
        [
            ("the daily briefing generated (yesterday)", "< 5 s", async db => Describe(await new GetBriefing(db, Builder(db), reports.Store(db), reports.Clock).GenerateAsync(yesterday, CancellationToken.None))),
            ("the monthly report (this month so far)", "", async db => Describe(await Builder(db).BuildAsync(month, yesterday, CancellationToken.None))),
        ];
    }

    private static string Describe(BriefingReport r) => string.Create(CultureInfo.InvariantCulture,
        $"{r.ByChannel.Sum(c => c.Count):N0} orders by channel, {r.TopCategories.Count} top categories, {r.HotSpots.Count} hot spots, {r.Overdue.Count} units overdue");
}
