namespace Lianxin.Core.Common;

public static class Ids
{
    /// <summary>Time-ordered ids (UUID v7) keep inserts at the end of the primary-key index.</summary>
    public static Guid New(TimeProvider clock) => Guid.CreateVersion7(clock.GetUtcNow());
}
