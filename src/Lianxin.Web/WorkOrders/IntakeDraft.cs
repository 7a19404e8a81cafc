using System.Text.Json;
using Lianxin.Core.WorkOrders;

namespace Lianxin.Web.WorkOrders;

/// <summary>
/// What the call-taker has typed so far: kept in the browser (localStorage) so a reload or a dropped
/// connection loses nothing, and turned into the registration request when they register.
/// </summary>
public sealed class IntakeDraft
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Phone { get; set; } = "";

    /// <summary>The call this intake came from (the screen pop), linked to the order once it is registered.</summary>
    public Guid? CallId { get; set; }

    public string Name { get; set; } = "";

    public bool Confidential { get; set; }

    public bool WantsReply { get; set; } = true;

    public Channel Channel { get; set; } = Channel.Phone;

    public DemandType? DemandType { get; set; }

    public Urgency Urgency { get; set; } = Urgency.Normal;

    public string? CategoryId { get; set; }

    public string? RegionCode { get; set; }

    public string Address { get; set; } = "";

    public string Title { get; set; } = "";

    public string Description { get; set; } = "";

    public string Answer { get; set; } = "";

    public string Reason { get; set; } = "";

    public bool IsEmpty => Phone.Length == 0 && Name.Length == 0 && DemandType is null && CategoryId is null && RegionCode is null
        && Address.Length == 0 && Title.Length == 0 && Description.Length == 0 && Answer.Length == 0 && Reason.Length == 0;

    public CreateWorkOrderRequest ToRequest() => new(
        Channel, DemandType, Urgency, new RequesterRequest(Name, Phone, Confidential, WantsReply),
        Guid.TryParse(CategoryId, out var category) ? category : null, RegionCode, Address, Title, Description);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>The draft kept in the browser, or null when there is none or it cannot be read (an older shape).</summary>
    public static IntakeDraft? FromJson(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<IntakeDraft>(json, Json);
        }
        catch (JsonException)
        {
            // A draft from an older version of the screen: start afresh rather than fail the page.
            return null;
        }
    }
}
