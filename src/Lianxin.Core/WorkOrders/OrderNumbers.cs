using Lianxin.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Lianxin.Core.WorkOrders;

/// <summary>
/// 工单编号: channel prefix + local yyMMdd + daily sequence (RX2611220001). The sequence comes from one
/// atomic upsert, so concurrent registrations on any number of instances never share a number. It
/// runs in its own statement: a failed registration leaves a gap, never a duplicate.
/// </summary>
public static class OrderNumbers
{
    public static string Prefix(Channel channel) => channel switch
    {
        Channel.Phone => "RX",
        Channel.Web => "WZ",
        Channel.App => "AP",
        Channel.Wechat => "WX",
        Channel.Sms => "DX",
        Channel.Email => "YJ",
        Channel.Letter => "XH",
        Channel.WalkIn => "LF",
        Channel.Open311 => "OP",
        _ => "QT",
    };

    public static string Format(Channel channel, DateOnly localDate, long sequence) =>
        $"{Prefix(channel)}{localDate:yyMMdd}{sequence:0000}";

    public static async Task<string> NextAsync(LianxinDbContext db, Channel channel, DateOnly localDate, CancellationToken ct)
    {
        var key = $"{Prefix(channel)}{localDate:yyMMdd}";
        var values = await db.Database
            .SqlQuery<long>($"INSERT INTO number_counters (key, value) VALUES ({key}, 1) ON CONFLICT (key) DO UPDATE SET value = number_counters.value + 1 RETURNING value AS \"Value\"")
            .ToListAsync(ct);
        return Format(channel, localDate, values[0]);
    }
}
