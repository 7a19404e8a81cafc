namespace Lianxin.Core.WorkOrders;

/// <summary>来电人 / 诉求人. Stored with the order; masked for units when confidential.</summary>
public sealed record Requester(string? Name, string Phone, bool Confidential, bool WantsReply)
{
    public const int MaxNameLength = 50;
    public const int MaxPhoneLength = 20;

    /// <summary>138****5678: keeps the first three and last four digits, the way hotlines print it.</summary>
    public static string MaskPhone(string phone) =>
        phone.Length >= 8 ? string.Concat(phone.AsSpan(0, 3), "****", phone.AsSpan(phone.Length - 4)) : new string('*', phone.Length);

    /// <summary>张先生 → 张**: the surname stays so the unit can address the caller.</summary>
    public static string? MaskName(string? name) =>
        string.IsNullOrEmpty(name) ? name : string.Concat(name.AsSpan(0, 1), new string('*', Math.Max(1, name.Length - 1)));

    public Requester Masked() => this with { Name = MaskName(Name), Phone = MaskPhone(Phone) };
}
