using System.Security.Cryptography;
using System.Text;
using Payout.Api.Domain.Cards;

namespace Payout.Api.Security;

/// <summary>
/// AES-256-GCM over the ASCII digits of a card number (spec §5: authenticated encryption with a key id).
/// New numbers use the current card-encryption key; stored ones are opened with the key their row names, so
/// rows written before a rotation stay readable, and <see cref="NeedsReEncryption"/> finds them.
/// </summary>
public sealed class CardCipher(KeyStore keys)
{
    public const int NonceSize = 12;
    public const int TagSize = 16;
    public const int Overhead = NonceSize + TagSize;

    // Binds each ciphertext to its key id (and to this use), so a row whose key id was changed fails to open.
    private const string AssociatedDataPrefix = "payout/card-number/";

    /// <summary>The key id new encryptions use.</summary>
    public string CurrentKeyId => keys.CardEncryption.Current.Id;

    // A random 96-bit nonce per encryption is safe for far more than 2^32 messages per key: cards are a few million.
    public EncryptedCard Encrypt(CardNumber number)
    {
        var key = keys.CardEncryption.Current;
        Span<byte> plain = stackalloc byte[CardRules.MaxDigits];
        plain = plain[..Encoding.ASCII.GetBytes(number.RevealDigits(), plain)];
        var blob = new byte[Overhead + plain.Length];
        var nonce = blob.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        try
        {
            using var aes = new AesGcm(key.RevealBytes(), TagSize);
            aes.Encrypt(nonce, plain, blob.AsSpan(Overhead), blob.AsSpan(NonceSize, TagSize), AssociatedData(key.Id));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }

        return new EncryptedCard(key.Id, blob);
    }

    public CardNumber Decrypt(EncryptedCard card) => Decrypt(card.KeyId, card.Ciphertext);

    /// <summary>
    /// Opens a stored number with the key named <paramref name="keyId"/>. A blob that was altered, truncated or
    /// paired with another key id throws <see cref="CardDecryptionException"/>; a key id that no key file holds
    /// throws <see cref="UnknownKeyException"/>.
    /// </summary>
    public CardNumber Decrypt(string keyId, ReadOnlySpan<byte> ciphertext)
    {
        var length = ciphertext.Length - Overhead;
        if (length is < CardRules.MinDigits or > CardRules.MaxDigits)
        {
            throw new CardDecryptionException(keyId, "has the wrong length");
        }

        var key = keys.GetKey(KeyPurpose.CardEncryption, keyId);
        Span<byte> plain = stackalloc byte[length];
        try
        {
            using var aes = new AesGcm(key.RevealBytes(), TagSize);
            aes.Decrypt(ciphertext[..NonceSize], ciphertext[Overhead..], ciphertext.Slice(NonceSize, TagSize), plain, AssociatedData(key.Id));
            return CardNumber.TryParse(Encoding.ASCII.GetString(plain), out var number)
                ? number
                : throw new CardDecryptionException(keyId, "does not hold a card number");
        }
        catch (AuthenticationTagMismatchException exception)
        {
            throw new CardDecryptionException(keyId, "failed authentication: it was altered or belongs to another key", exception);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    /// <summary>True for rows written under a key older than the current one (re-encrypt them after a rotation).</summary>
    public bool NeedsReEncryption(string keyId) => !string.Equals(keyId, CurrentKeyId, StringComparison.Ordinal);

    private static byte[] AssociatedData(string keyId) => Encoding.UTF8.GetBytes(AssociatedDataPrefix + keyId);
}
