using Lianxin.Core.Organization;

namespace Lianxin.Core.Dispatch;

/// <summary>
/// A unit an order (or a part of it) is to be passed to, in a role, with the unit as the database holds
/// it now (null when there is no such unit): the order decides whether it may take the part.
/// </summary>
public sealed record HopTarget(Guid UnitId, AssignmentRole Role, Unit? Unit);
