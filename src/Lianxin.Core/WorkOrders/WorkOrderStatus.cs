namespace Lianxin.Core.WorkOrders;

public enum WorkOrderStatus
{
    Registered,
    Dispatched,
    InProgress,
    ReturnRequested,
    Replied,
    Closed,
    NotAccepted,
    Archived,
    Merged,
}
