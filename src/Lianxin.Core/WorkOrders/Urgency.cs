namespace Lianxin.Core.WorkOrders;

public enum Urgency
{
    Normal,
    Urgent,
    Critical,
}
