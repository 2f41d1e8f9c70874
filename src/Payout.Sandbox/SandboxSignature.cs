using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Payout.Sandbox;

/// <summary>
/// Signs and verifies the sandbox's callbacks. The signed text is <c>"&lt;unix seconds&gt;.&lt;raw body&gt;"</c>, so a
/// captured callback cannot be replayed with another body or, once outside the tolerance, at another time.
/// Shared with Payout.Api, which verifies callbacks with this same code.
/// </summary>
public static class SandboxSignature
{
    public const string TimestampHeader = "X-Sandbox-Timestamp";
    public const string SignatureHeader = "X-Sandbox-Signature";

    private const string Version = "v1=";

    /// <summary>The <c>X-Sandbox-Signature</c> value: <c>v1=</c> and the lowercase hex HMAC-SHA256.</summary>
    public static string Compute(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        var prefix = Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return Version + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }

    public static string Compute(string secret, long timestamp, string body) =>
        Compute(secret, timestamp, Encoding.UTF8.GetBytes(body));

    /// <summary>
    /// True when <paramref name="signatureHeader"/> is the signature of <paramref name="body"/> at
    /// <paramref name="timestampHeader"/>, and that timestamp is within ± <paramref name="tolerance"/> of
    /// <paramref name="now"/>. Pass the raw body bytes as received: re-serialized JSON would not match.
    /// </summary>
    public static bool Verify(
        string secret, string? timestampHeader, string? signatureHeader, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan tolerance)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(tolerance, TimeSpan.Zero);
        if (!long.TryParse(timestampHeader, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp)
            || Math.Abs(now.ToUnixTimeSeconds() - timestamp) > tolerance.TotalSeconds
            || signatureHeader is null)
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Compute(secret, timestamp, body));
        // Constant time: a byte-by-byte early exit would let a caller find a valid signature one byte at a time.
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.UTF8.GetBytes(signatureHeader));
    }

    public static bool Verify(
        string secret, string? timestampHeader, string? signatureHeader, string body, DateTimeOffset now, TimeSpan tolerance) =>
        Verify(secret, timestampHeader, signatureHeader, Encoding.UTF8.GetBytes(body), now, tolerance);
}
