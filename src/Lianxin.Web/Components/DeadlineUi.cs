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

    public static string ChannelName(HttpContext http, Lianxin.Core.WorkOrders.Channel channel) => Ui.English(http) ? channel.ToString() : channel switch
    {
        Lianxin.Core.WorkOrders.Channel.Phone => "电话",
        Lianxin.Core.WorkOrders.Channel.Web => "网站",
        Lianxin.Core.WorkOrders.Channel.App => "App",
        Lianxin.Core.WorkOrders.Channel.Wechat => "微信",
        Lianxin.Core.WorkOrders.Channel.Sms => "短信",
        Lianxin.Core.WorkOrders.Channel.Email => "邮件",
        Lianxin.Core.WorkOrders.Channel.Letter => "来信",
        Lianxin.Core.WorkOrders.Channel.WalkIn => "来访",
        Lianxin.Core.WorkOrders.Channel.Open311 => "Open311",
        _ => "其他",
    };

    public static string StateName(HttpContext http, DeadlineState state) => state switch
    {
        DeadlineState.Approaching => Ui.T(http, "临期", "approaching"),
        DeadlineState.Overdue => Ui.T(http, "超期", "overdue"),
        DeadlineState.Met => Ui.T(http, "按时", "met"),
        _ => Ui.T(http, "正常", "on time"),
    };
}
