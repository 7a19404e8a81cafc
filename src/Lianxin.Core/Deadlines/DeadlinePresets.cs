using Lianxin.Core.WorkOrders;

namespace Lianxin.Core.Deadlines;

/// <summary>
/// The default policy of DOMAIN.md: critical 30 min / 2 h / 12 h and urgent 2 h / 12 h / 24 h in
/// natural hours; normal orders sign for and first contact the requester within 1 working day and
/// complete within working days by demand type (consultation 2, report 15, all others 5).
/// </summary>
public static class DeadlinePresets
{
    public static DeadlineTargets For(DemandType demandType, Urgency urgency) => urgency switch
    {
        Urgency.Critical => new(TimeLimit.NaturalHours(0.5m), TimeLimit.NaturalHours(2), TimeLimit.NaturalHours(12)),
        Urgency.Urgent => new(TimeLimit.NaturalHours(2), TimeLimit.NaturalHours(12), TimeLimit.NaturalHours(24)),
        _ => new(TimeLimit.WorkingDays(1), TimeLimit.WorkingDays(1), TimeLimit.WorkingDays(demandType switch
        {
            DemandType.Consultation => 2,
            DemandType.Report => 15,
            _ => 5,
        })),
    };
}
