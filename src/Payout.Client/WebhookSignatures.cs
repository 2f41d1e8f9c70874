using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Payout.Client;

/// <summary>
/// Checks a webhook's <c>PayOut-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256 of "t.body"&gt;[,v1=…]</c> — one
/// <c>v1</c> per secret the merchant has configured (two while rotating), so a receiver knowing either secret verifies.
/// </summary>
public static class WebhookSignatures
{
    /// <summary>The header's name.</summary>
    public const string HeaderName = "PayOut-Signature";

    /// <summary>
    /// True when some <c>v1</c> of <paramref name="header"/> is the signature of <paramref name="body"/> (the raw bytes as
    /// received) with one of <paramref name="secrets"/>, and its time is within <paramref name="tolerance"/> of
    /// <paramref name="now"/> (refuses an old delivery replayed).
    /// </summary>
    public static bool Verify(string? header, ReadOnlySpan<byte> body, IEnumerable<string> secrets, DateTimeOffset now, TimeSpan tolerance)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        if (string.IsNullOrEmpty(header))
        {
            return false;
        }

        long? timestamp = null;
        var signatures = new List<byte[]>();
        foreach (var part in header.Split(','))
        {
            var pair = part.Trim();
            if (pair.StartsWith("t=", StringComparison.Ordinal)
                && long.TryParse(pair.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var t))
            {
                timestamp = t;
            }
            else if (pair.StartsWith("v1=", StringComparison.Ordinal) && TryHex(pair[3..]) is { } signature)
            {
                signatures.Add(signature);
            }
        }

        if (timestamp is not { } seconds || (now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > tolerance)
        {
            return false;
        }

        var signed = Signed(seconds, body);
        var found = false;
        foreach (var secret in secrets)
        {
            var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
            foreach (var signature in signatures)
            {
                found |= CryptographicOperations.FixedTimeEquals(expected, signature);
            }
        }

        return found;
    }

    private static byte[] Signed(long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.ASCII.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return signed;
    }

    private static byte[]? TryHex(string hex)
    {
        try
        {
            return Convert.FromHexString(hex);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
