using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Payout.Client.Internal;

namespace Payout.Client;

/// <summary>
/// Verifies a payout receipt (a compact JWS, ES256) against a <see cref="ReceiptKeySet"/> with the platform's ECDSA:
/// the header must say ES256 and name a key of the set, the signature must verify over the header and payload as
/// received, and only then is the payload read. Nothing else is accepted (no <c>none</c>, no other algorithm).
/// </summary>
public static class ReceiptVerifier
{
    private const string Algorithm = "ES256";
    private const int CoordinateSize = 32;
    private const int SignatureSize = 2 * CoordinateSize;

    /// <summary>The receipt's terms, once its signature verified with a key of <paramref name="keys"/>.</summary>
    /// <exception cref="ReceiptVerificationException">It is malformed, names no key of the set, or does not verify.</exception>
    public static PayoutReceipt Verify(string receipt, ReceiptKeySet keys)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        ArgumentNullException.ThrowIfNull(keys);
        var parts = receipt.Trim().Split('.');
        if (parts.Length != 3 || parts.Any(string.IsNullOrEmpty))
        {
            throw new ReceiptVerificationException("A receipt is a compact JWS: three base64url parts separated by dots.");
        }

        var header = Read(parts[0], PayoutJsonContext.Default.ReceiptHeader, "header");
        if (!string.Equals(header.Alg, Algorithm, StringComparison.Ordinal))
        {
            throw new ReceiptVerificationException($"The receipt is signed with '{header.Alg}', not {Algorithm}.");
        }

        var key = keys.Keys.FirstOrDefault(k => string.Equals(k.Kid, header.Kid, StringComparison.Ordinal))
            ?? throw new ReceiptVerificationException($"No key '{header.Kid}' in the key set: fetch the service's key set again.");
        var signature = Decode(parts[2], "signature");
        if (signature.Length != SignatureSize)
        {
            throw new ReceiptVerificationException("The signature is not an ES256 signature.");
        }

        using var verifier = OpenKey(key);
        if (!verifier.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), signature, HashAlgorithmName.SHA256))
        {
            throw new ReceiptVerificationException($"The receipt does not verify with key '{key.Kid}': it was altered or not signed by it.");
        }

        return Read(parts[1], PayoutJsonContext.Default.PayoutReceipt, "payload") with { KeyId = key.Kid };
    }

    /// <summary>Like <see cref="Verify"/>, without an exception: false for any receipt that does not verify.</summary>
    public static bool TryVerify(string receipt, ReceiptKeySet keys, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out PayoutReceipt? terms)
    {
        try
        {
            terms = Verify(receipt, keys);
            return true;
        }
        catch (ReceiptVerificationException)
        {
            terms = null;
            return false;
        }
    }

    private static ECDsa OpenKey(ReceiptKey key)
    {
        if (key.Kty != "EC" || key.Crv != "P-256" || key.Alg is not (null or Algorithm) || key.Use is not (null or "sig"))
        {
            throw new ReceiptVerificationException($"Key '{key.Kid}' is not an EC P-256 signing key for {Algorithm}.");
        }

        var point = new ECPoint { X = Decode(key.X, "key's x"), Y = Decode(key.Y, "key's y") };
        if (point.X!.Length != CoordinateSize || point.Y!.Length != CoordinateSize)
        {
            throw new ReceiptVerificationException($"Key '{key.Kid}' is not a P-256 point.");
        }

        var ecdsa = ECDsa.Create();
        try
        {
            // The platform checks that the point lies on the curve.
            ecdsa.ImportParameters(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = point });
            return ecdsa;
        }
        catch (CryptographicException exception)
        {
            ecdsa.Dispose();
            throw new ReceiptVerificationException($"Key '{key.Kid}' is not a P-256 point.", exception);
        }
    }

    private static T Read<T>(string part, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, string what)
    {
        try
        {
            return JsonSerializer.Deserialize(Decode(part, what), type)
                ?? throw new ReceiptVerificationException($"The receipt's {what} is empty.");
        }
        catch (JsonException exception)
        {
            throw new ReceiptVerificationException($"The receipt's {what} is not the expected JSON.", exception);
        }
    }

    private static byte[] Decode(string base64Url, string what)
    {
        try
        {
            return Base64Url.DecodeFromChars(base64Url);
        }
        catch (FormatException exception)
        {
            throw new ReceiptVerificationException($"The receipt's {what} is not base64url.", exception);
        }
    }
}
