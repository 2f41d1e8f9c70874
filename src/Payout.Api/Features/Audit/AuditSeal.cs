using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Payout.Api.Security;

namespace Payout.Api.Features.Audit;

/// <summary>
/// The chain's hash: HMAC-SHA256, under the audit-chain key named by the row, over every field of the row and the
/// previous row's hash. Each field is written with its length, so no two different rows give the same text. Keyed, so
/// someone who can write to the database but has no key file cannot rebuild a chain that verifies.
/// </summary>
public sealed class AuditSeal(KeyStore keys)
{
    public string CurrentKeyId => keys.AuditChain.Current.Id;

    public string HashOf(AuditEvent row)
    {
        var key = keys.GetKey(KeyPurpose.AuditChain, row.KeyId);
        var text = Canonical(row);
        return Convert.ToHexStringLower(HMACSHA256.HashData(key.RevealBytes(), Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>An instant as the database keeps it: PostgreSQL stores whole microseconds.</summary>
    public static DateTimeOffset ToStoredPrecision(DateTimeOffset instant) =>
        new(instant.UtcTicks - (instant.UtcTicks % 10), TimeSpan.Zero);

    private static string Canonical(AuditEvent row)
    {
        string[] fields =
        [
            row.Sequence.ToString(CultureInfo.InvariantCulture),
            row.OccurredAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
            row.Type.ToString(),
            row.Actor,
            row.CustomerId?.ToString(CultureInfo.InvariantCulture) ?? "",
            row.Subject ?? "",
            row.Details,
            row.KeyId,
            row.PreviousHash,
        ];
        return string.Join('\n', fields.Select(field => field.Length.ToString(CultureInfo.InvariantCulture) + ":" + field));
    }
}
