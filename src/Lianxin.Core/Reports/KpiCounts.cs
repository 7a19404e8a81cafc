namespace Lianxin.Core.Reports;

/// <summary>How the KPI figures are broken down; <see cref="Centre"/> is the whole centre (one row, key "").</summary>
public enum KpiDimension
{
    Centre,

    /// <summary>The lead unit for order figures, the hop's unit for sign-for and returns (key: unit id).</summary>
    Unit,

    /// <summary>Key: category id.</summary>
    Category,

    /// <summary>The district (top level) of the order's region code (key: the district's code).</summary>
    Region,

    /// <summary>Key: the channel's camelCase name (<c>phone</c>, <c>web</c> …).</summary>
    Channel,

    /// <summary>Key: the demand type's camelCase name (<c>complaint</c> …).</summary>
    DemandType,
}

/// <summary>
/// The counters of one local day × dimension key (a row of <c>daily_figures</c>) or of any sum of such rows.
/// Each counter is attributed to ONE day by an instant that never changes afterwards (ADR 0015):
/// <list type="bullet">
/// <item><see cref="Received"/>: orders registered that day, every channel, not-accepted, answered-on-the-call and
/// later-merged ones included; <see cref="NotAccepted"/>, <see cref="AnsweredDirectly"/> and <see cref="Merged"/> count
/// the days of those events.</item>
/// <item><see cref="Closed"/>: orders closed for the first time that day (review approved or answered on the call; a
/// redo's re-closure is not counted again).</item>
/// <item><see cref="SignDue"/>/<see cref="SignOnTime"/>: hops whose sign-for deadline falls that day (not hops withdrawn or
/// returned unsigned before it); on time when signed for at or before it. Centre and order dimensions count first-level
/// hops; the unit dimension every hop of the unit.</item>
/// <item><see cref="CompletionDue"/>/<see cref="CompletionOnTime"/>: orders whose completion deadline (after extensions
/// and pauses; the current round's after a redo) falls that day; on time when the lead's reply met it.</item>
/// <item><see cref="VisitDue"/>/<see cref="Visited"/>: orders due a visit whose visit deadline falls that day; visited
/// when the visit ended by the deadline (early visits count).</item>
/// <item>Visits, on the visit's day: reached, solved (yes), rated, satisfied, basically satisfied; the <c>Final…</c>
/// counters count only final ratings (a second round, or a first that did not cause a redo); <see cref="Unreachable"/>
/// counts orders given up after the third unreached attempt.</item>
/// <item><see cref="Repeats"/>: orders registered that day flagged as a repeat.</item>
/// <item><see cref="Ended"/>/<see cref="EndedFirstTime"/>: orders archived after a closure that day; first time when
/// never redone and not a repeat (一次办结).</item>
/// <item><see cref="Redos"/>: redos ordered that day; <see cref="Returns"/>: return requests made that day (by the hop's unit).</item>
/// <item>Calls, by offer time: <see cref="Offered"/> counts every inbound call offered to the queue, short abandons
/// included (the variant takes them out when reading); <see cref="AnsweredIn15s"/> is within the call-centre's target.</item>
/// </list>
/// Setters are internal: only the day builder and the store fill them; everything else reads and adds.
/// </summary>
public sealed record KpiCounts
{
    public static KpiCounts Zero => new();

    public int Received { get; internal set; }

    public int Closed { get; internal set; }

    public int AnsweredDirectly { get; internal set; }

    public int NotAccepted { get; internal set; }

    public int Merged { get; internal set; }

    public int SignDue { get; internal set; }

    public int SignOnTime { get; internal set; }

    public int CompletionDue { get; internal set; }

    public int CompletionOnTime { get; internal set; }

    public int VisitDue { get; internal set; }

    public int Visited { get; internal set; }

    public int VisitsReached { get; internal set; }

    public int VisitsSolved { get; internal set; }

    public int VisitsRated { get; internal set; }

    public int VisitsSatisfied { get; internal set; }

    public int VisitsBasicallySatisfied { get; internal set; }

    public int FinalReached { get; internal set; }

    public int FinalSolved { get; internal set; }

    public int FinalRated { get; internal set; }

    public int FinalSatisfied { get; internal set; }

    public int FinalBasicallySatisfied { get; internal set; }

    public int Unreachable { get; internal set; }

    public int Repeats { get; internal set; }

    public int Ended { get; internal set; }

    public int EndedFirstTime { get; internal set; }

    public int Redos { get; internal set; }

    public int Returns { get; internal set; }

    public int Offered { get; internal set; }

    public int Answered { get; internal set; }

    public int AnsweredIn15s { get; internal set; }

    public int Abandoned { get; internal set; }

    public int ShortAbandons { get; internal set; }

    /// <summary>The counters of both (a new record; neither is changed).</summary>
    public KpiCounts Add(KpiCounts other)
    {
        var sum = this with { };
        sum.AddInPlace(other);
        return sum;
    }

    public static KpiCounts Sum(IEnumerable<KpiCounts> counts)
    {
        var sum = new KpiCounts();
        foreach (var c in counts)
        {
            sum.AddInPlace(c);
        }

        return sum;
    }

    internal void AddInPlace(KpiCounts o)
    {
        Received += o.Received;
        Closed += o.Closed;
        AnsweredDirectly += o.AnsweredDirectly;
        NotAccepted += o.NotAccepted;
        Merged += o.Merged;
        SignDue += o.SignDue;
        SignOnTime += o.SignOnTime;
        CompletionDue += o.CompletionDue;
        CompletionOnTime += o.CompletionOnTime;
        VisitDue += o.VisitDue;
        Visited += o.Visited;
        VisitsReached += o.VisitsReached;
        VisitsSolved += o.VisitsSolved;
        VisitsRated += o.VisitsRated;
        VisitsSatisfied += o.VisitsSatisfied;
        VisitsBasicallySatisfied += o.VisitsBasicallySatisfied;
        FinalReached += o.FinalReached;
        FinalSolved += o.FinalSolved;
        FinalRated += o.FinalRated;
        FinalSatisfied += o.FinalSatisfied;
        FinalBasicallySatisfied += o.FinalBasicallySatisfied;
        Unreachable += o.Unreachable;
        Repeats += o.Repeats;
        Ended += o.Ended;
        EndedFirstTime += o.EndedFirstTime;
        Redos += o.Redos;
        Returns += o.Returns;
        Offered += o.Offered;
        Answered += o.Answered;
        AnsweredIn15s += o.AnsweredIn15s;
        Abandoned += o.Abandoned;
        ShortAbandons += o.ShortAbandons;
    }

    /// <summary>Whether every counter is zero (such rows are not stored).</summary>
    public bool IsEmpty => this == new KpiCounts();
}
