using System.Globalization;
using Lianxin.Core.Common;
using Microsoft.Net.Http.Headers;

namespace Lianxin.Web.Api;

/// <summary>ETag / If-Match on work orders: the entity tag is the order's version.</summary>
public static class Versions
{
    public static string ETag(int version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>The version the caller says it holds; null when it sent no If-Match (or <c>*</c>).</summary>
    public static int? FromIfMatch(HttpContext context)
    {
        var header = context.Request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(header) || header.Trim() == "*")
        {
            return null;
        }

        var value = header.Trim();
        if (value.StartsWith("W/", StringComparison.Ordinal))
        {
            value = value[2..];
        }

        value = value.Trim('"');
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version > 0)
        {
            return version;
        }

        throw ValidationFailedException.For(HeaderNames.IfMatch, new Text("If-Match 应为工单版本号，例如 \"7\"。", "If-Match must be the order's version, e.g. \"7\"."));
    }
}
