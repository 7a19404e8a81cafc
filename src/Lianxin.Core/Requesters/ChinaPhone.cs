namespace Lianxin.Core.Requesters;

/// <summary>
/// One spelling per telephone number, so a call, an order and a search for the same phone match
/// (DOMAIN.md "Call centre"): what people and phone systems write — spaces, dashes, brackets, +86 /
/// 0086 / 86 country prefixes, a trunk 0 before a mobile, an area code without its 0 after +86 — becomes
/// the way it is dialled inside China: 11-digit mobiles (138…), landlines with their area code and trunk 0
/// (0571…, 010…), 400/800 numbers and short service numbers (12345, 95598) as they are. Numbers from
/// other countries keep their + and country code. A local landline without area code stays as it is
/// (the centre may say which area code to assume: <see cref="Normalize(string?, string?)"/>).
/// </summary>
public static class ChinaPhone
{
    /// <summary>Normalizes without assuming an area code for 7–8-digit local numbers.</summary>
    public static string Normalize(string? raw) => Normalize(raw, null);

    /// <summary>
    /// Normalizes; a 7–8-digit local landline gets <paramref name="localAreaCode"/> (e.g. "0571") in front,
    /// so the same caller matches whether the phone system sent the area code or not.
    /// </summary>
    public static string Normalize(string? raw, string? localAreaCode)
    {
        var text = (raw ?? "").Trim();
        var international = text.StartsWith('+') || text.StartsWith('＋');
        if (text.Skip(1).Any(c => c is '+' or '＋'))
        {
            // A plus that is not the first character is not part of any number: keep it, so validation refuses "++138".
            return new string(text.Where(c => char.IsAsciiDigit(c) || c is '+' or '＋').ToArray());
        }

        var digits = new string(text.Where(char.IsAsciiDigit).ToArray());
        if (digits.Length == 0)
        {
            return "";
        }

        if (digits.StartsWith("00", StringComparison.Ordinal))
        {
            // 00 is the international prefix dialled inside China.
            international = true;
            digits = digits[2..];
        }

        if (international)
        {
            if (!digits.StartsWith("86", StringComparison.Ordinal))
            {
                return "+" + digits;
            }

            digits = WithinChina(digits[2..]);
        }
        else if (digits.Length == 13 && digits.StartsWith("86", StringComparison.Ordinal) && IsMobile(digits[2..]))
        {
            // 8613812345678: a country code written without + (some phone systems send this).
            digits = digits[2..];
        }

        if (digits.Length == 12 && digits[0] == '0' && IsMobile(digits[1..]))
        {
            // 013812345678: a trunk 0 that some exchanges put before a mobile from another city.
            digits = digits[1..];
        }

        if (localAreaCode is { Length: > 0 } area && digits.Length is 7 or 8 && digits[0] is not ('0' or '1' or '9'))
        {
            digits = (area.StartsWith('0') ? area : "0" + area) + digits;
        }

        return digits;
    }

    /// <summary>Whether the number is an 11-digit mainland mobile (13x–19x).</summary>
    public static bool IsMobile(string digits) =>
        digits.Length == 11 && digits[0] == '1' && digits[1] is >= '3' and <= '9' && digits.All(char.IsAsciiDigit);

    /// <summary>After +86: a mobile or a short number stays; an area code and number get their trunk 0 back.</summary>
    private static string WithinChina(string national)
    {
        if (national.StartsWith('0') || IsMobile(national) || national.Length <= 6 || IsServiceNumber(national))
        {
            return national;
        }

        // +86 10 12345678 (Beijing), +86 571 88886666 (Hangzhou): 9–11 digits of area code and number.
        return national.Length is >= 9 and <= 11 ? "0" + national : national;
    }

    /// <summary>400/800 numbers (10 digits) and 95xxx / 96xxx service numbers (5–6 digits) are dialled as they are.</summary>
    private static bool IsServiceNumber(string digits) =>
        (digits.Length == 10 && (digits.StartsWith("400", StringComparison.Ordinal) || digits.StartsWith("800", StringComparison.Ordinal)))
        || (digits.Length is 5 or 6 && (digits.StartsWith("95", StringComparison.Ordinal) || digits.StartsWith("96", StringComparison.Ordinal)));
}
