using Lianxin.Core.Calendars;
using Lianxin.Core.Data;

namespace Lianxin.Core.ReturnVisits;

/// <summary>The <see cref="VisitPlanner"/> of the centre now: the saved settings and the centre's calendar.</summary>
public sealed class VisitPlans(LianxinDbContext db, CentreCalendar calendar)
{
    public async Task<VisitPlanner> GetAsync(CancellationToken ct)
    {
        var rules = await calendar.GetAsync(db, ct);
        return new VisitPlanner(await ReturnVisitSettings.ReadAsync(db, ct), rules.Calendar);
    }
}
