using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Payout.Api.Features.Events;

/// <summary>
/// <c>PayOut-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256 of "t.body"&gt;</c>, with one <c>v1</c> per active secret
/// (two while a secret rotates). The timestamp is signed with the body, so a receiver can refuse a replayed old delivery.
/// </summary>
public static class WebhookSignature
{
    public const string HeaderName = "PayOut-Signature";

    public static string HeaderValue(long timestamp, ReadOnlySpan<byte> body, IEnumerable<string> secrets)
    {
        var header = new StringBuilder("t=").Append(timestamp.ToString(CultureInfo.InvariantCulture));
        foreach (var secret in secrets)
        {
            header.Append(",v1=").Append(Compute(secret, timestamp, body));
        }

        return header.ToString();
    }

    /// <summary>Lower-case hex HMAC-SHA256, keyed with the secret's UTF-8 bytes, of "<paramref name="timestamp"/>." followed by the body's bytes.</summary>
    public static string Compute(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.ASCII.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }
}
