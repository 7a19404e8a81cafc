using Lianxin.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

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

        // A plain command on the context's connection (and transaction, if any): this runs on every
        // registration, and EF's query pipeline adds nothing to one scalar upsert.
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await db.Database.OpenConnectionAsync(ct);
        }

        try
        {
            await using var command = connection.CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            command.CommandText = "INSERT INTO number_counters (key, value) VALUES (@key, 1) ON CONFLICT (key) DO UPDATE SET value = number_counters.value + 1 RETURNING value";
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@key";
            parameter.Value = key;
            command.Parameters.Add(parameter);
            var value = Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
            return Format(channel, localDate, value);
        }
        finally
        {
            if (opened)
            {
                await db.Database.CloseConnectionAsync();
            }
        }
    }
}
