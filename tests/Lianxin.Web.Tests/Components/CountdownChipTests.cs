using Bunit;
using Lianxin.Core.Common;
using Lianxin.Web.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Lianxin.Web.Tests.Components;

/// <summary>The countdown chip says its state in words and colour, measured against the list's one instant.</summary>
public sealed class CountdownChipTests : BunitContext
{
    private static readonly DateTime Now = new(2026, 11, 30, 2, 0, 0, DateTimeKind.Utc);

    public CountdownChipTests() => Services.AddSingleton(new ConsoleSession(Options.Create(new CentreOptions())));

    [Theory]
    [InlineData(200, 100, "chip-ontime", "办结剩3小时20分")]
    [InlineData(40, -20, "chip-approaching", "办结临期 剩40分")]
    [InlineData(-1500, -1600, "chip-overdue", "办结超期 1天1小时")]
    public void Chip_ShowsStateInWordsAndClass(int dueInMinutes, int approachingInMinutes, string cssClass, string text)
    {
        var chip = Render<CountdownChip>(p => p
            .Add(c => c.DueAt, Now.AddMinutes(dueInMinutes))
            .Add(c => c.ApproachingAt, Now.AddMinutes(approachingInMinutes))
            .Add(c => c.Label, "办结")
            .Add(c => c.Now, Now));
        var span = chip.Find("span.chip");
        Assert.Contains(cssClass, span.ClassName, StringComparison.Ordinal);
        Assert.Equal(text, span.TextContent);
    }

    [Fact]
    public void Chip_WithoutDueTime_RendersNothing()
    {
        var chip = Render<CountdownChip>(p => p.Add(c => c.Now, Now));
        Assert.Empty(chip.Markup.Trim());
    }
}
