namespace Lianxin.Core.WorkOrders;

public enum DemandType
{
    Consultation,
    Help,
    Complaint,
    Report,
    Suggestion,
    Praise,
    Other,
}
