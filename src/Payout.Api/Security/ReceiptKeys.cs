using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Payout.Api.Security;

/// <summary>
/// The receipt-signing key ring as ECDSA P-256 keys (ES256). Each key file holds one private scalar, so these keys are
/// stored, loaded and rotated like every other; the public point is derived once per key (which also proves the file
/// holds a valid scalar, at start). Only public points leave this class; the private scalar goes into an
/// <see cref="ECDsa"/> for one signature at a time and is never written anywhere else.
/// </summary>
public sealed class ReceiptKeys
{
    private static readonly ECCurve Curve = ECCurve.NamedCurves.nistP256;

    private readonly KeyStore keys;
    private readonly ConcurrentDictionary<string, ECPoint> publicPoints = new(StringComparer.Ordinal);

    public ReceiptKeys(KeyStore keys)
    {
        this.keys = keys;
        foreach (var key in keys.ReceiptSigning.All)
        {
            PublicPointOf(key);
        }
    }

    /// <summary>The current key, opened for signing, with its id. The caller disposes it.</summary>
    public (string KeyId, ECDsa Key) OpenCurrent()
    {
        var key = keys.ReceiptSigning.Current;
        var scalar = key.RevealBytes().ToArray();
        try
        {
            var signer = ECDsa.Create();
            signer.ImportParameters(new ECParameters { Curve = Curve, D = scalar, Q = PublicPointOf(key) });
            return (key.Id, signer);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(scalar);
        }
    }

    /// <summary>
    /// Every key that can verify a receipt, public parts only, oldest first. The folder is read again, so a key another
    /// process added by rotation is published even before this process signs with it.
    /// </summary>
    public IReadOnlyList<ReceiptPublicKey> Published() =>
        [.. keys.Refresh(KeyPurpose.ReceiptSigning).All.Select(key => new ReceiptPublicKey(key.Id, Copy(PublicPointOf(key))))];

    private static ECPoint Copy(ECPoint point) => new() { X = [.. point.X!], Y = [.. point.Y!] };

    private ECPoint PublicPointOf(KeyMaterial key) => publicPoints.GetOrAdd(key.Id, _ => Derive(key));

    private static ECPoint Derive(KeyMaterial key)
    {
        var scalar = key.RevealBytes().ToArray();
        try
        {
            using var ecdsa = ECDsa.Create();
            ecdsa.ImportParameters(new ECParameters { Curve = Curve, D = scalar });
            return ecdsa.ExportParameters(includePrivateParameters: false).Q;
        }
        catch (CryptographicException exception)
        {
            throw new KeyStoreException($"Receipt-signing key {key} is not a P-256 private key: replace its file.", exception);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(scalar);
        }
    }
}
