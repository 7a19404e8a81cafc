using System.Text.RegularExpressions;

namespace Lianxin.Core.WorkOrders;

/// <summary>来电人 / 诉求人. Stored with the order; masked for units when confidential.</summary>
public sealed partial record Requester(string? Name, string Phone, bool Confidential, bool WantsReply)
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

    /// <summary>
    /// One spelling per number (<see cref="Requesters.ChinaPhone"/>): 0571-8888 6666 → 057188886666,
    /// +86 138 1234 5678 → 13812345678, so orders, calls and searches for one phone match.
    /// </summary>
    public static string NormalizePhone(string? phone) => Requesters.ChinaPhone.Normalize(phone);

    /// <summary>Whether a normalized phone looks like a number: 3–20 digits, an optional leading +.</summary>
    public static bool IsPhone(string normalized) => PhonePattern().IsMatch(normalized);

    [GeneratedRegex(@"^\+?[0-9]{3,20}$")]
    private static partial Regex PhonePattern();
}
