using Lianxin.Core.Deadlines;

namespace Lianxin.Web.Components;

/// <summary>Names of clocks and their states on the staff pages.</summary>
public static class DeadlineUi
{
    public static string KindName(HttpContext http, DeadlineKind kind) => kind switch
    {
        DeadlineKind.SignFor => Ui.T(http, "签收", "Sign-for"),
        DeadlineKind.Contact => Ui.T(http, "联系", "Contact"),
        _ => Ui.T(http, "办结", "Completion"),
    };

    /// <summary>A limit as staff say it: 5个工作日, 4个工作小时, 0.5小时.</summary>
    public static string LimitName(HttpContext http, TimeLimit limit)
    {
        var n = limit.Amount.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
        return limit.Unit switch
        {
            DurationUnit.WorkingDays => Ui.T(http, $"{n}个工作日", $"{n} working day{(limit.Amount == 1 ? "" : "s")}"),
            DurationUnit.WorkingHours => Ui.T(http, $"{n}个工作小时", $"{n} working hour{(limit.Amount == 1 ? "" : "s")}"),
            _ => Ui.T(http, $"{n}小时", $"{n} hour{(limit.Amount == 1 ? "" : "s")}"),
        };
    }

    public static string ChannelName(HttpContext http, Lianxin.Core.WorkOrders.Channel channel) =>
        Ui.English(http) ? Lianxin.Core.WorkOrders.OrderNames.En(channel) : Lianxin.Core.WorkOrders.OrderNames.Zh(channel);

    public static string StateName(HttpContext http, DeadlineState state) => state switch
    {
        DeadlineState.Approaching => Ui.T(http, "临期", "approaching"),
        DeadlineState.Overdue => Ui.T(http, "超期", "overdue"),
        DeadlineState.Met => Ui.T(http, "按时", "met"),
        _ => Ui.T(http, "正常", "on time"),
    };
}
