using Bunit;
using Lianxin.Core.WorkOrders;
using Lianxin.Web.WorkOrders;
using Microsoft.AspNetCore.Components.Web;

namespace Lianxin.Web.Tests.Components;

/// <summary>The intake's pickers filter by characters and by code; its groups pick by number key.</summary>
public sealed class IntakePickerTests : BunitContext
{
    private static readonly IReadOnlyList<IntakeChoice> Regions =
    [
        new("990101", "江北区", "江北区", "990101", 1),
        new("990101001", "江北区 / 新华路街道", "新华路街道", "990101001", 2),
        new("990101001002", "江北区 / 新华路街道 / 阳光城社区", "阳光城社区", "990101001002", 3),
        new("990101002", "江北区 / 滨江街道", "滨江街道", "990101002", 2),
        new("990101002001", "江北区 / 滨江街道 / 滨江社区", "滨江社区", "990101002001", 3),
        new("990102", "江南区", "江南区", "990102", 1),
    ];

    private static readonly IReadOnlyList<IntakeChoice> Categories =
    [
        new("a", "公用事业报修", "公用事业报修", "05", 1),
        new("b", "公用事业报修 / 供水", "供水", "0501", 2),
        new("c", "公用事业报修 / 供水 / 停水", "停水", "050101", 3),
        new("d", "公用事业报修 / 供水 / 管道漏水", "管道漏水", "050102", 3),
    ];

    [Fact]
    public void Filter_ByCharacters_PutsNamesThatBeginWithThemFirst()
    {
        var hits = IntakeChoices.Filter(Regions, "滨江");
        Assert.Equal(["990101002001", "990101002"], hits.Select(h => h.Key));
    }

    [Fact]
    public void Filter_ByCode_FindsTheExactCodeFirst_ThenItsSubtree()
    {
        var hits = IntakeChoices.Filter(Regions, "990101001");
        Assert.Equal("990101001", hits[0].Key);
        Assert.Contains(hits, h => h.Key == "990101001002");
        Assert.DoesNotContain(hits, h => h.Key == "990102");
    }

    [Fact]
    public void Filter_WithSeveralWords_NeedsEveryWord()
    {
        var hits = IntakeChoices.Filter(Categories, "供水 漏");
        Assert.Equal(["d"], hits.Select(h => h.Key));
        Assert.Equal(["c"], IntakeChoices.Filter(Categories, "供水/停水").Select(h => h.Key));
    }

    [Fact]
    public void Filter_WithNothingTyped_OffersNothing()
    {
        Assert.Empty(IntakeChoices.Filter(Categories, "  "));
        Assert.Empty(IntakeChoices.Filter(Categories, "热力"));
    }

    [Theory]
    [InlineData("1", null, 6, 0)]
    [InlineData("3", 0, 6, 2)]
    [InlineData("6", null, 6, 5)]
    [InlineData("ArrowRight", 1, 3, 2)]
    [InlineData("ArrowRight", 2, 3, 2)]
    [InlineData("ArrowLeft", 0, 3, 0)]
    [InlineData("ArrowDown", null, 3, 0)]
    public void KeyPick_PicksByNumberOrArrow(string key, int? current, int count, int expected) =>
        Assert.Equal(expected, IntakeChoices.KeyPick(key, current, count));

    [Theory]
    [InlineData("7", 6)]
    [InlineData("4", 3)]
    [InlineData("0", 3)]
    [InlineData("a", 3)]
    [InlineData("Enter", 3)]
    public void KeyPick_OutsideTheGroup_PicksNothing(string key, int count) =>
        Assert.Null(IntakeChoices.KeyPick(key, null, count));

    [Fact]
    public void DemandTypes_AreNumberedAsCallTakersLearnThem()
    {
        Assert.Equal(DemandType.Consultation, IntakeChoices.DemandTypes[0]);
        Assert.Equal(DemandType.Complaint, IntakeChoices.DemandTypes[2]);
        Assert.Equal(DemandType.Praise, IntakeChoices.DemandTypes[5]);
        Assert.Equal([Urgency.Normal, Urgency.Urgent, Urgency.Critical], IntakeChoices.Urgencies);
    }

    [Fact]
    public void Picker_TypingThenEnter_ChoosesTheFirstMatch()
    {
        string? chosen = null;
        var picker = Render<IntakePicker>(p => p
            .Add(c => c.Id, "region")
            .Add(c => c.Choices, Regions)
            .Add(c => c.ValueChanged, (string? v) => chosen = v));
        var input = picker.Find("input#region");
        input.Input("阳光");
        Assert.Single(picker.FindAll("li[role=option]"));
        input.KeyDown(new KeyboardEventArgs { Key = "Enter" });
        Assert.Equal("990101001002", chosen);
        Assert.Empty(picker.FindAll("li[role=option]"));
        Assert.Equal("江北区 / 新华路街道 / 阳光城社区", picker.Find("input#region").GetAttribute("value"));
    }

    [Fact]
    public void Picker_ArrowDownThenTab_TakesTheHighlightedChoice()
    {
        string? chosen = null;
        var picker = Render<IntakePicker>(p => p
            .Add(c => c.Id, "category")
            .Add(c => c.Choices, Categories)
            .Add(c => c.ValueChanged, (string? v) => chosen = v));
        var input = picker.Find("input#category");
        input.Input("供水");
        input.KeyDown(new KeyboardEventArgs { Key = "ArrowDown" });
        Assert.Equal("true", picker.FindAll("li[role=option]")[1].GetAttribute("aria-selected"));
        input.KeyDown(new KeyboardEventArgs { Key = "Tab" });
        Assert.NotNull(chosen);
        Assert.NotEqual("b", chosen);
    }

    [Fact]
    public void KeyGroup_NumberKey_SelectsThatOption()
    {
        int? selected = null;
        var group = Render<IntakeKeyGroup>(p => p
            .Add(c => c.Id, "demand-type")
            .Add(c => c.LabelId, "demand-type-label")
            .Add(c => c.Labels, ["咨询", "求助", "投诉", "举报", "建议", "表扬"])
            .Add(c => c.SelectedChanged, (int i) => selected = i));
        group.Find("#demand-type").KeyDown(new KeyboardEventArgs { Key = "3" });
        Assert.Equal(2, selected);
        Assert.Equal("true", group.Find("button[data-key='3']").GetAttribute("aria-checked"));
        group.Find("#demand-type").KeyDown(new KeyboardEventArgs { Key = "9" });
        Assert.Equal(2, selected);
    }
}
