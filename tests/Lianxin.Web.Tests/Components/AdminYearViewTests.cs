using Bunit;
using Lianxin.Core.Calendars;
using Lianxin.Core.Common;
using Lianxin.Web.Components;
using Lianxin.Web.Components.Admin;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Lianxin.Web.Tests.Components;

/// <summary>The calendar's year view marks each day by what the working calendar says of it, in words as well as colour.</summary>
public sealed class AdminYearViewTests : BunitContext
{
    private static readonly WorkingCalendar Calendar = new(
        [new HolidayYear(2027, [], [
            new HolidayDay(new DateOnly(2027, 1, 1), "元旦", true),
            new HolidayDay(new DateOnly(2027, 2, 8), "春节", true),
            new HolidayDay(new DateOnly(2027, 2, 20), "春节", false),
        ])],
        [new DayOverride(new DateOnly(2027, 3, 3), false, "防汛值守调休"), new DayOverride(new DateOnly(2027, 3, 6), true, "集中清理积案")],
        WorkingHours.Default,
        TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));

    public AdminYearViewTests() => Services.AddSingleton(new ConsoleSession(Options.Create(new CentreOptions())));

    private IRenderedComponent<YearView> RenderYear(DateOnly? selected = null, Action<DateOnly>? onSelect = null) =>
        Render<YearView>(p =>
        {
            p.Add(c => c.Year, 2027).Add(c => c.Calendar, Calendar).Add(c => c.Selected, selected);
            if (onSelect is not null)
            {
                p.Add(c => c.OnSelect, onSelect);
            }
        });

    [Theory]
    [InlineData("2027-01-01", "holiday", "休")]
    [InlineData("2027-02-08", "holiday", "休")]
    [InlineData("2027-02-20", "makeup", "班")]
    [InlineData("2027-03-03", "local-off", "休")]
    [InlineData("2027-03-06", "local-work", "班")]
    [InlineData("2027-02-13", "weekend", null)]
    [InlineData("2027-02-09", "weekday", null)]
    public void Day_IsMarkedByItsKind_WithABadgeInWords(string date, string kind, string? badge)
    {
        var day = RenderYear().Find($"[data-date='{date}']");
        Assert.Contains(kind, day.ClassList);
        if (badge is null)
        {
            Assert.Empty(day.QuerySelectorAll(".badge"));
        }
        else
        {
            Assert.Equal(badge, day.QuerySelector(".badge")!.TextContent);
        }
    }

    [Fact]
    public void Year_HasTwelveMonths_EveryDayOnce_MondayFirst()
    {
        var view = RenderYear();
        Assert.Equal(12, view.FindAll(".month").Count);
        Assert.Equal(365, view.FindAll("[data-date]").Count);

        // 2027-02-01 is a Monday: February starts without padding; March 1 (a Monday) too; January 1 (a Friday) after four.
        Assert.Empty(view.FindAll("[data-month='2'] .pad"));
        Assert.Equal(4, view.FindAll("[data-month='1'] .pad").Count);
    }

    [Fact]
    public void Day_SaysItsNameAndKind_ForScreenReaders()
    {
        var day = RenderYear().Find("[data-date='2027-03-03']");
        Assert.Equal("2027-03-03 本地休息日 · 防汛值守调休", day.GetAttribute("aria-label"));
    }

    [Fact]
    public void ClickingADay_SelectsIt()
    {
        DateOnly? picked = null;
        var view = RenderYear(selected: new DateOnly(2027, 5, 4), onSelect: d => picked = d);
        Assert.Contains("selected", view.Find("[data-date='2027-05-04']").ClassList);
        view.Find("[data-date='2027-06-15']").Click();
        Assert.Equal(new DateOnly(2027, 6, 15), picked);
    }
}
