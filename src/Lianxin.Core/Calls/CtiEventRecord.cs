namespace Lianxin.Core.Calls;

/// <summary>
/// The log of phone-system events as they arrived: one row per (phone system, call, event kind), so a retried
/// or repeated event is stored once and applied once (the unique key decides, even across app instances).
/// </summary>
public sealed class CtiEventRecord
{
    public const int MaxFieldsLength = 2000;

    private CtiEventRecord()
    {
    }

    public CtiEventRecord(Guid phoneSystemId, CtiEvent e, string fields)
    {
        PhoneSystemId = phoneSystemId;
        CallId = e.CallId;
        Kind = e.Kind;
        ReceivedAt = e.At;
        Fields = fields.Length > MaxFieldsLength ? fields[..MaxFieldsLength] : fields;
    }

    public long Id { get; private set; }

    public Guid PhoneSystemId { get; private set; }

    public string CallId { get; private set; } = "";

    public CtiEventKind Kind { get; private set; }

    public DateTime ReceivedAt { get; private set; }

    /// <summary>The fields as posted (JSON), for tracing a phone system's integration.</summary>
    public string Fields { get; private set; } = "";
}
