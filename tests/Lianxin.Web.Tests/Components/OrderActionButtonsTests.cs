using Lianxin.Core.WorkOrders;
using Lianxin.Web.WorkOrders.Actions;

namespace Lianxin.Web.Tests.Components;

/// <summary>The action bar shows exactly the allowed actions, the main step first, named by the glossary, with Alt+1…9.</summary>
public sealed class OrderActionButtonsTests
{
    private static string? NoName(AllowedAction a) => null;

    [Fact]
    public void Buttons_AreExactlyTheAllowedActions_MainStepFirst()
    {
        AllowedAction[] allowed = [new(WorkOrderAction.Merge), new(WorkOrderAction.NotAccept), new(WorkOrderAction.Dispatch), new(WorkOrderAction.AnswerDirectly)];

        var buttons = OrderActions.Buttons(allowed, NoName);

        Assert.Equal(["派单", "并单", "直接答复", "不予受理"], buttons.Select(b => b.Label.Zh));
        Assert.Equal(['1', '2', '3', '4'], buttons.Select(b => b.AccessKey!.Value));
    }

    [Fact]
    public void Buttons_BeyondNine_HaveNoAccessKey()
    {
        var allowed = Enum.GetValues<WorkOrderAction>().Select(a => new AllowedAction(a)).ToList();

        var buttons = OrderActions.Buttons(allowed, NoName);

        Assert.Equal(allowed.Count, buttons.Count);
        Assert.Equal(9, buttons.Count(b => b.AccessKey is not null));
        Assert.All(buttons.Skip(9), b => Assert.Null(b.AccessKey));
        Assert.Equal(buttons.Count, buttons.Select(b => b.Key).Distinct().Count());
    }

    [Fact]
    public void Buttons_WithSeveralTargets_NameEachTarget_OneTargetIsNotNamed()
    {
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();
        var s = Guid.NewGuid();
        AllowedAction[] allowed = [new(WorkOrderAction.DecideReturn, a), new(WorkOrderAction.DecideReturn, b), new(WorkOrderAction.ReplyToSupervision, s)];
        var names = new Dictionary<Guid, string> { [a] = "新华路街道", [b] = "阳光城物业", [s] = "水务集团" };

        var buttons = OrderActions.Buttons(allowed, x => names[x.Target!.Value]);

        Assert.Equal(["审核退回 · 新华路街道", "审核退回 · 阳光城物业", "答复督办"], buttons.Select(x => x.Label.Zh));
        Assert.NotEqual(buttons[0].Key, buttons[1].Key);
    }

    [Fact]
    public void Every_Action_HasAGlossaryWord_InBothLanguages()
    {
        foreach (var action in Enum.GetValues<WorkOrderAction>())
        {
            var word = OrderActions.Word(action);
            Assert.False(string.IsNullOrWhiteSpace(word.Zh));
            Assert.False(string.IsNullOrWhiteSpace(word.En));
        }
    }

    [Fact]
    public void Find_OpensTheListsMainAction_OnlyWhenAllowed()
    {
        var buttons = OrderActions.Buttons([new(WorkOrderAction.Accept), new(WorkOrderAction.RequestReturn)], NoName);

        Assert.Equal(WorkOrderAction.Accept, OrderActions.Find(buttons, WorkOrderAction.Accept)!.Allowed.Action);
        Assert.Null(OrderActions.Find(buttons, WorkOrderAction.Dispatch));
        Assert.Null(OrderActions.Find(buttons, null));
    }
}
