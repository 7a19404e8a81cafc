using System.Security.Cryptography;
using Lianxin.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;

namespace Lianxin.Web.Identity;

/// <summary>
/// The key that signs bearer tokens. Taken from <c>Lianxin:Auth:SigningKey</c> (base64, ≥ 32 bytes) when
/// set; otherwise generated once and kept in the database, so every instance on one database agrees.
/// </summary>
public sealed class SigningKeys(IConfiguration configuration)
{
    private const string SettingKey = "auth.signingKey";
    private SymmetricSecurityKey? _key;

    public SymmetricSecurityKey Key => _key ?? throw new InvalidOperationException("Signing keys are loaded at start-up, before requests are served.");

    public async Task LoadAsync(LianxinDbContext db, CancellationToken ct)
    {
        var configured = configuration["Lianxin:Auth:SigningKey"];
        if (!string.IsNullOrEmpty(configured))
        {
            var bytes = Convert.FromBase64String(configured);
            if (bytes.Length < 32)
            {
                throw new InvalidOperationException("Lianxin:Auth:SigningKey must be at least 32 bytes (base64).");
            }

            _key = new SymmetricSecurityKey(bytes);
            return;
        }

        var stored = await db.AppSettings.AsNoTracking().SingleOrDefaultAsync(s => s.Key == SettingKey, ct);
        if (stored is null)
        {
            db.AppSettings.Add(new AppSetting { Key = SettingKey, Value = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64)) });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Another instance created it at the same moment; use theirs.
                db.ChangeTracker.Clear();
            }

            stored = await db.AppSettings.AsNoTracking().SingleAsync(s => s.Key == SettingKey, ct);
        }

        _key = new SymmetricSecurityKey(Convert.FromBase64String(stored.Value));
    }
}
