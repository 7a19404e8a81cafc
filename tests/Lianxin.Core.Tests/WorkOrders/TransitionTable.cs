using System.Collections;
using System.Globalization;
using System.Text;
using Lianxin.Core.Common;
using Lianxin.Core.Dispatch;
using Lianxin.Core.Identity;
using Lianxin.Core.Organization;
using Lianxin.Core.WorkOrders;

namespace Lianxin.Core.Tests.WorkOrders;

/// <summary>What must come of a row of a transition table.</summary>
public abstract record Outcome;

/// <summary>
/// The action works: the order ends in <see cref="Status"/>, its history gained <see cref="Events"/> events
/// ending with one of type <see cref="Event"/> at the order's new version, the named units' latest hops are in
/// the named statuses, and <see cref="And"/> holds (checked after the deadlines were recomputed).
/// </summary>
public sealed record Allowed(WorkOrderStatus Status, string Event, IReadOnlyList<(Unit Unit, AssignmentStatus Status)> Hops) : Outcome
{
    public int Events { get; init; } = 1;

    public Action<OrderBuilder>? And { get; init; }

    public Allowed Then(Action<OrderBuilder> check) => this with { And = check };

    /// <summary>The action appends more than its own event (e.g. an open offer withdrawn on the way).</summary>
    public Allowed WithEvents(int events) => this with { Events = events };

    public override string ToString() => $"{Event}, {StatusNames.En(Status)}";
}

/// <summary>The action is refused with <see cref="Kind"/> and <see cref="Code"/>, and nothing about the order changes.</summary>
public sealed record Refused(RefusalKind Kind, string Code) : Outcome
{
    public override string ToString() => $"refused ({Kind switch
    {
        RefusalKind.Forbidden => "403",
        RefusalKind.NotNow => "409",
        RefusalKind.Invalid => "400",
        _ => "404",
    }} {Code})";
}

public static class Expect
{
    public static Allowed Ok(WorkOrderStatus status, string eventType, params (Unit Unit, AssignmentStatus Status)[] hops) => new(status, eventType, hops);

    public static Refused Forbidden { get; } = new(RefusalKind.Forbidden, "forbidden");

    public static Refused Invalid { get; } = new(RefusalKind.Invalid, "validation");

    public static Refused NotFound { get; } = new(RefusalKind.NotFound, "not-found");

    public static Refused NotNow(string code) => new(RefusalKind.NotNow, code);

    /// <summary>The exception a refusal of this kind is thrown as (what the API turns into 403, 409, 400, 404).</summary>
    public static void IsRefusal(Refused expected, LianxinException actual)
    {
        var type = expected.Kind switch
        {
            RefusalKind.Forbidden => typeof(ForbiddenActionException),
            RefusalKind.NotNow => typeof(RuleViolationException),
            RefusalKind.Invalid => typeof(ValidationFailedException),
            _ => typeof(NotFoundException),
        };
        Assert.True(type == actual.GetType(), $"Expected {type.Name} ({expected.Code}), got {actual.GetType().Name} ({actual.Code}): {actual.Message}");
        Assert.Equal(expected.Code, actual.Code);
    }
}

/// <summary>
/// One transition as a table: rows of (order, actor, outcome), each row one theory case named by what it is
/// and what must come of it. <see cref="Run"/> builds the order, acts, and checks the outcome.
/// </summary>
public sealed class TransitionTable(string action, Action<OrderBuilder, Actor> act) : IEnumerable<string>
{
    private readonly Dictionary<string, Row> _rows = new(StringComparer.Ordinal);

    public void Add(Given given, Actor actor, Outcome then) => Add(given, actor, null, act, then);

    /// <summary>A row that acts the table's way, with a word on what it is about.</summary>
    public void Add(Given given, Actor actor, string how, Outcome then) => Add(given, actor, how, act, then);

    /// <summary>A row that acts in its own way (other arguments), said in <paramref name="how"/>.</summary>
    public void Add(Given given, Actor actor, string? how, Action<OrderBuilder, Actor> rowAct, Outcome then)
    {
        var name = $"{given.Name} · {actor.Name}{(how is null ? "" : " · " + how)} → {then}";
        if (!_rows.TryAdd(name, new Row(given, actor, rowAct, then)))
        {
            throw new InvalidOperationException($"Two rows are named “{name}”.");
        }
    }

    /// <summary>The same outcome for each of several actors.</summary>
    public void Add(Given given, IEnumerable<Actor> actors, Outcome then)
    {
        foreach (var actor in actors)
        {
            Add(given, actor, then);
        }
    }

    /// <summary>One theory row per case, shown whole (xunit would cut a long string argument short).</summary>
    public IEnumerable<TheoryDataRow<string>> Names() =>
        _rows.Keys.Select(name => new TheoryDataRow<string>(name) { TestDisplayName = $"{action}: {name}" }).ToList();

    public void Run(string name)
    {
        var row = _rows[name];
        var b = row.Given.Build();
        var before = OrderSnapshot.Of(b.Order);
        switch (row.Then)
        {
            case Allowed ok:
                row.Act(b, row.Actor);
                b.Recompute();
                var order = b.Order;
                Assert.Equal(ok.Status, order.Status);
                Assert.Equal(before.Version + ok.Events, order.Version);
                Assert.Equal(before.HistoryCount + ok.Events, order.History.Count);
                var last = order.History[^1];
                Assert.Equal(ok.Event, last.Type);
                Assert.Equal(order.Version, last.Version);
                Assert.Equal(b.Now, last.At);
                Assert.Equal(order.Status, last.ToStatus);
                Assert.Equal(before.Status, order.History[^ok.Events].FromStatus);
                foreach (var (unit, status) in ok.Hops)
                {
                    Assert.True(status == b.HopOf(unit).Status, $"{unit.Name}: expected {status}, was {b.HopOf(unit).Status}");
                }

                ok.And?.Invoke(b);
                break;
            case Refused no:
                var ex = Assert.ThrowsAny<LianxinException>(() => row.Act(b, row.Actor));
                Expect.IsRefusal(no, ex);
                Assert.Equal(before, OrderSnapshot.Of(b.Order));
                break;
        }
    }

    public IEnumerator<string> GetEnumerator() => _rows.Keys.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private sealed record Row(Given Given, Actor Actor, Action<OrderBuilder, Actor> Act, Outcome Then);
}

/// <summary>Everything a transition could change, as one comparable value: equal snapshots mean nothing changed.</summary>
public sealed record OrderSnapshot(WorkOrderStatus Status, int Version, int HistoryCount, string State)
{
    public static OrderSnapshot Of(WorkOrder o)
    {
        var s = new StringBuilder();
        s.Append(CultureInfo.InvariantCulture, $"ext={o.ExtensionDays} redo={o.RedoCount} attempts={o.VisitAttempts} urges={o.UrgeCount} supervises={o.SuperviseCount}");
        s.Append(CultureInfo.InvariantCulture, $" signed={o.SignedForAt:O} contacted={o.ContactedAt:O} replied={o.RepliedAt:O} closed={o.ClosedAt:O} archived={o.ArchivedAt:O}");
        s.Append(CultureInfo.InvariantCulture, $" suspended={o.SuspendedSince:O} released={o.AssistsReleasedAt:O} merged={o.MergedIntoId} answer={o.Answer} notAccepted={o.NotAcceptedReason}");
        s.Append(CultureInfo.InvariantCulture, $" result={o.ReplyResult} final={o.FinalSatisfaction}/{o.FinalSolved} updated={o.UpdatedAt:O}");
        foreach (var h in o.Assignments)
        {
            s.Append(CultureInfo.InvariantCulture, $" | hop {h.Id} {h.UnitId} {h.Role} {h.Status} accepted={h.AcceptedAt:O} replied={h.RepliedAt:O} closed={h.ClosedAt:O}");
        }

        foreach (var r in o.Returns)
        {
            s.Append(CultureInfo.InvariantCulture, $" | return {r.Id} {r.Decision}");
        }

        foreach (var e in o.Extensions)
        {
            s.Append(CultureInfo.InvariantCulture, $" | extension {e.Id} {e.Decision}");
        }

        foreach (var v in o.Visits)
        {
            s.Append(CultureInfo.InvariantCulture, $" | visit {v.Id}");
        }

        foreach (var r in o.Supervisions)
        {
            s.Append(CultureInfo.InvariantCulture, $" | supervision {r.Id} {r.Kind} replied={r.RepliedAt:O}");
        }

        foreach (var p in o.Suspensions)
        {
            s.Append(CultureInfo.InvariantCulture, $" | pause {p.Id} {p.From:O}-{p.To:O}");
        }

        foreach (var h in o.HelpRequests)
        {
            s.Append(CultureInfo.InvariantCulture, $" | offer {h.Id} {h.Status} {h.ClaimedUnitId}");
        }

        foreach (var r in o.ExtraRequesters)
        {
            s.Append(CultureInfo.InvariantCulture, $" | requester {r.Phone}");
        }

        return new OrderSnapshot(o.Status, o.Version, o.History.Count, s.ToString());
    }
}
