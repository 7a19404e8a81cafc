using System.Text.Json;
using Lianxin.Core.Deadlines;
using Lianxin.Core.Identity;
using Lianxin.Core.Repeats;
using Lianxin.Core.WorkOrders;

namespace Lianxin.Core.Tests.Repeats;

public class FlagRepeatTests
{
    private static readonly DateTime Now = new(2026, 11, 23, 2, 0, 0, DateTimeKind.Utc);
    private static readonly Actor Agent = new(Guid.NewGuid(), "王晓雯", Role.Agent, null);
    private static readonly Actor Dispatcher = new(Guid.NewGuid(), "陈派单", Role.Dispatcher, null);

    private static WorkOrder NewOrder() => WorkOrder.Register(Guid.NewGuid(), "RX2611230002",
        new NewWorkOrder(Channel.Phone, DemandType.Help, Urgency.Normal, new Requester("李女士", "13700001111", false, true), Guid.NewGuid(), null, null,
            "楼上渗水，我家顶棚一直滴水", "来电人称楼上渗水。"),
        Agent, Now, DeadlinePresets.For(DemandType.Help, Urgency.Normal), policyId: null);

    private static readonly RepeatMatch Match = new(Guid.NewGuid(), "RX2611200001", 0.2727, 0.14, CategoryRelation.Same);

    [Fact]
    public void FlagRepeatOf_NewOrder_LinksItAndTheRegistrationSaysWhy()
    {
        var order = NewOrder();
        order.FlagRepeatOf(Match);

        Assert.Equal(Match.EarlierId, order.RepeatOfId);
        Assert.Equal(1, order.Version);
        var registered = Assert.Single(order.History);
        Assert.Equal("registered", registered.Type);
        Assert.Equal(Agent.Name, registered.ActorName);
        Assert.Contains("RX2611200001", registered.Note, StringComparison.Ordinal);
        Assert.Contains("0.27", registered.Note, StringComparison.Ordinal);
        using var data = JsonDocument.Parse(registered.Data!);
        Assert.Equal("RX2611230002", data.RootElement.GetProperty("number").GetString()); // the registration's own details stay
        var why = data.RootElement.GetProperty("repeatOf");
        Assert.Equal(Match.EarlierId, why.GetProperty("id").GetGuid());
        Assert.Equal("RX2611200001", why.GetProperty("number").GetString());
        Assert.Equal(0.2727, why.GetProperty("similarity").GetDouble());
        Assert.Equal(0.14, why.GetProperty("threshold").GetDouble());
        Assert.Equal("same", why.GetProperty("categories").GetString());
    }

    [Fact]
    public void FlagRepeatOf_AfterAnotherChange_IsRefused()
    {
        var order = NewOrder();
        order.NotAccept(Dispatcher, Now.AddMinutes(1), "属于法院管辖");
        Assert.Throws<InvalidOperationException>(() => order.FlagRepeatOf(Match));
        Assert.Null(order.RepeatOfId);
    }
}
