namespace Lianxin.Core.WorkOrders;

public enum Solved
{
    Yes,
    Partly,
    No,
}
