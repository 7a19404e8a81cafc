namespace Lianxin.Core.WorkOrders;

public enum Channel
{
    Phone,
    Web,
    App,
    Wechat,
    Sms,
    Email,
    Letter,
    WalkIn,
    Open311,
    Other,
}
