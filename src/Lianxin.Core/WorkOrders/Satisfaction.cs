namespace Lianxin.Core.WorkOrders;

public enum Satisfaction
{
    Satisfied,
    BasicallySatisfied,
    Unsatisfied,
}
