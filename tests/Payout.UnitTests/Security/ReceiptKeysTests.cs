using System.Security.Cryptography;
using System.Text;
using Payout.Api.Security;

namespace Payout.UnitTests.Security;

/// <summary>Receipt-signing keys live in the key ring like the others: files, rotation, and only public points leave.</summary>
public sealed class ReceiptKeysTests : IDisposable
{
    private static readonly byte[] Message = Encoding.ASCII.GetBytes("header.payload");

    private readonly TempKeyFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void The_current_key_signs_and_its_published_point_verifies()
    {
        var keys = new ReceiptKeys(KeyStore.Load(folder.Path, generateMissing: true));

        var (keyId, signer) = keys.OpenCurrent();
        byte[] signature;
        using (signer)
        {
            signature = signer.SignData(Message, HashAlgorithmName.SHA256);
        }

        var published = Assert.Single(keys.Published());
        Assert.Equal(("k1", 64), (keyId, signature.Length));
        Assert.Equal("k1", published.KeyId);
        Assert.True(Verifies(published, signature));
    }

    [Fact]
    public void After_a_rotation_both_keys_are_published_and_the_new_one_signs()
    {
        var store = KeyStore.Load(folder.Path, generateMissing: true);
        var keys = new ReceiptKeys(store);
        var (_, old) = keys.OpenCurrent();
        byte[] oldSignature;
        using (old)
        {
            oldSignature = old.SignData(Message, HashAlgorithmName.SHA256);
        }

        store.AddKey(KeyPurpose.ReceiptSigning);
        var (newId, signer) = keys.OpenCurrent();
        signer.Dispose();

        var published = keys.Published();
        Assert.Equal("k2", newId);
        Assert.Equal(["k1", "k2"], published.Select(k => k.KeyId));
        Assert.True(Verifies(published[0], oldSignature));
        Assert.False(Verifies(published[1], oldSignature));
    }

    [Fact]
    public void A_key_another_process_added_is_published_before_this_one_signs_with_it()
    {
        var keys = new ReceiptKeys(KeyStore.Load(folder.Path, generateMissing: true));
        KeyStore.Load(folder.Path, generateMissing: false).AddKey(KeyPurpose.ReceiptSigning);

        Assert.Equal(["k1", "k2"], keys.Published().Select(k => k.KeyId));
    }

    [Fact]
    public void A_key_file_that_holds_no_p256_scalar_stops_the_start_naming_the_file()
    {
        KeyStore.Load(folder.Path, generateMissing: true);
        // The curve's order is below 2^256 - 1, so all ones is no private key.
        folder.Write("receipt-signing", "k2.key", Convert.ToBase64String(Enumerable.Repeat((byte)0xFF, 32).ToArray()));

        var exception = Assert.Throws<KeyStoreException>(() => new ReceiptKeys(KeyStore.Load(folder.Path, generateMissing: false)));

        Assert.Contains("receipt-signing/k2", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_key_file_holds_the_private_scalar_and_only_the_public_point_is_published()
    {
        var store = KeyStore.Load(folder.Path, generateMissing: true);
        var scalar = Convert.FromBase64String(File.ReadAllText(folder.KeyFile("receipt-signing", "k1")));
        using var fromFile = ECDsa.Create();
        fromFile.ImportParameters(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = scalar });

        var published = Assert.Single(new ReceiptKeys(store).Published());

        var expected = fromFile.ExportParameters(includePrivateParameters: false).Q;
        Assert.Equal(expected.X, published.Point.X);
        Assert.Equal(expected.Y, published.Point.Y);
    }

    private static bool Verifies(ReceiptPublicKey key, byte[] signature)
    {
        using var verifier = ECDsa.Create();
        verifier.ImportParameters(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = key.Point });
        return verifier.VerifyData(Message, signature, HashAlgorithmName.SHA256);
    }
}
