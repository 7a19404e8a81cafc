using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace Lianxin.Core.Data;

/// <summary>A settings record kept as JSON in one <see cref="AppSetting"/> row (call centre, return visits, KPIs …).</summary>
public static class JsonSetting
{
    /// <summary>The row's value, or <paramref name="fallback"/> when there is no row yet.</summary>
    public static async Task<T> ReadAsync<T>(LianxinDbContext db, string key, T fallback, JsonSerializerOptions json, CancellationToken ct)
        where T : class
    {
        var row = await db.AppSettings.AsNoTracking().SingleOrDefaultAsync(s => s.Key == key, ct);
        return row is null ? fallback : JsonSerializer.Deserialize<T>(row.Value, json) ?? fallback;
    }

    /// <summary>Writes <paramref name="value"/> to the row (adding it the first time) and saves.</summary>
    public static async Task WriteAsync<T>(LianxinDbContext db, string key, T value, JsonSerializerOptions json, CancellationToken ct)
    {
        var text = JsonSerializer.Serialize(value, json);
        var row = await db.AppSettings.SingleOrDefaultAsync(r => r.Key == key, ct);
        if (row is null)
        {
            db.AppSettings.Add(new AppSetting { Key = key, Value = text });
        }
        else
        {
            row.Value = text;
        }

        await db.SaveChangesAsync(ct);
    }
}
